import { z } from 'zod';
import { SEARCH_FILTER_FIELDS_MAX, SEARCH_OFFSET_MAX, SEARCH_PAGE_MAX, SEARCH_QUERY_MAX_CHARS } from './searchLimits.js';

/** What can be searched: one index holds all four. */
export const SEARCH_KINDS = ['challenge', 'profile', 'proposal', 'idea'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const searchKindSchema = z.enum(SEARCH_KINDS);

/** A taxonomy field id (`materials`, `energy.storage`); labels in zh and en live in the taxonomy. */
export const taxonomyFieldIdSchema = z.string().trim().min(1).max(64);

/**
 * The search request a client sends. The query is cut to `SEARCH_QUERY_MAX_CHARS` rather than
 * refused, so a pasted paragraph still searches (its start) instead of failing.
 */
export const searchRequestSchema = z.strictObject({
  query: z
    .string()
    .max(SEARCH_QUERY_MAX_CHARS * 20)
    .transform((text) => text.slice(0, SEARCH_QUERY_MAX_CHARS)),
  kinds: z.array(searchKindSchema).max(SEARCH_KINDS.length).optional(),
  fields: z.array(taxonomyFieldIdSchema).max(SEARCH_FILTER_FIELDS_MAX).optional(),
  limit: z.number().int().min(1).max(SEARCH_PAGE_MAX).default(20),
  offset: z.number().int().min(0).max(SEARCH_OFFSET_MAX).default(0),
});
export type SearchRequest = z.input<typeof searchRequestSchema>;
export type ParsedSearchRequest = z.output<typeof searchRequestSchema>;

/** Why a hit matched: the query terms it contains and the document fields they were found in. */
export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  score: number;
  /** Query terms (as tokenized) that this document matched, exactly, by prefix or with a typo. */
  matchedTerms: string[];
  /** Parts of the document they were found in: `title`, `body`, `keywords`, `fieldLabels`. */
  matchedFields: string[];
  /** Ideas and proposals: the profile that shows them (`person:<accountId>`), where they are linked from. */
  owner?: string;
}

/** Counts over every hit the viewer may see for the query, before `kinds`/`fields` narrow it. */
export interface SearchFacets {
  kinds: Record<SearchKind, number>;
  fields: Record<string, number>;
}

export interface SearchResponse {
  /** Hits the viewer may see after every filter; `hits` is one page of them. */
  total: number;
  hits: SearchHit[];
  facets: SearchFacets;
}

/** Why a source was proposed for a challenge (or a challenge for a profile). */
export interface MatchExplanation {
  /** Distinctive terms of the subject that the candidate contains. */
  terms: string[];
  /** Taxonomy fields both share. */
  fields: string[];
  /** True when they share no field: a solver from another field, found by its words alone. */
  crossField: boolean;
}

export interface MatchHit {
  kind: SearchKind;
  id: string;
  title: string;
  score: number;
  why: MatchExplanation;
  /** Ideas and proposals: the profile that shows them (`person:<accountId>`). */
  owner?: string;
}

/** A comma-separated list in a query string (`kinds=challenge,profile`). */
const commaList = z
  .string()
  .max(2_000)
  .transform((text) => text.split(',').filter((item) => item !== ''));

/**
 * `GET /api/search?q=…&kinds=…&fields=…&limit=…&offset=…`: the query string, read into a
 * search request and checked by the same schema.
 */
export const searchQuerySchema = z
  .strictObject({
    q: z.string().max(SEARCH_QUERY_MAX_CHARS * 20),
    kinds: commaList.optional(),
    fields: commaList.optional(),
    limit: z.coerce.number().optional(),
    offset: z.coerce.number().optional(),
  })
  .transform(({ q, ...rest }) => ({ query: q, ...rest }))
  .pipe(searchRequestSchema);
