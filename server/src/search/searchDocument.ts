import type { SearchKind } from '@ideasphere/shared';

/**
 * Who may see a document. `public`: anyone, signed in or not (public proposals, published
 * challenges, public profiles). `members`: any signed-in account of the platform (a challenge
 * for platform members, a profile shown to members only). `organisations`: members of the
 * listed organisations only (a challenge for invited organisations, an organisation's internal
 * idea); an empty list means nobody.
 */
export type SearchAccess = { audience: 'public' } | { audience: 'members' } | { audience: 'organisations'; organisationIds: readonly string[] };

/**
 * Who is searching, as the caller's policy established it from the authenticated account
 * (never from the request). An anonymous visitor belongs to no organisation.
 */
export interface SearchViewer {
  signedIn: boolean;
  organisationIds: readonly string[];
  /** A platform admin: sees every document of every organisation (no drafts are indexed). */
  seesAll?: boolean;
}

export const ANONYMOUS_VIEWER: SearchViewer = { signedIn: false, organisationIds: [] };

interface SearchDocumentBase {
  id: string;
  title: string;
  /** The text: a challenge's problem, background, outcomes and constraints; a profile's bio… */
  body: string;
  /** Taxonomy field ids. */
  fields: readonly string[];
  /** Keywords, skills, tags: short phrases weighed above the body. */
  keywords: readonly string[];
  access: SearchAccess;
  /** Ideas and proposals: the profile that shows them (`person:<accountId>`). */
  owner?: string;
}

/** One searchable record, as the owning domain's service hands it to the index. */
export type SearchDocument =
  | (SearchDocumentBase & { kind: 'challenge'; status: 'open' | 'closed' })
  | (SearchDocumentBase & { kind: Exclude<SearchKind, 'challenge'> });

export type ChallengeDocument = Extract<SearchDocument, { kind: 'challenge' }>;
export type ProfileDocument = SearchDocumentBase & { kind: 'profile' };
export type PublicationDocument = SearchDocumentBase & { kind: 'idea' | 'proposal' };

/** The one access predicate: search, matching, counts and facets all go through it. */
export function canSee(viewer: SearchViewer, access: SearchAccess): boolean {
  switch (access.audience) {
    case 'public':
      return true;
    case 'members':
      return viewer.signedIn;
    case 'organisations':
      return viewer.seesAll === true || access.organisationIds.some((id) => viewer.organisationIds.includes(id));
    default: {
      const unknown: never = access;
      throw new Error(`unknown audience ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Documents with the same audience share one index partition: the ranking statistics a viewer's
 * results depend on (document counts, lengths, term frequencies) then come only from
 * partitions that viewer may see.
 */
export function audienceKey(access: SearchAccess): string {
  switch (access.audience) {
    case 'public':
      return 'public';
    case 'members':
      return 'members';
    case 'organisations':
      return `org:${[...new Set(access.organisationIds)].sort().join(',')}`;
    default: {
      const unknown: never = access;
      throw new Error(`unknown audience ${JSON.stringify(unknown)}`);
    }
  }
}

/** The index's key for a document: ids are unique per kind only. */
export function documentKey(kind: SearchKind, id: string): string {
  return `${kind}:${id}`;
}

/** Characters indexed per part of a document: a pasted book costs no more than this. */
export const INDEXED_TITLE_MAX_CHARS = 300;
export const INDEXED_BODY_MAX_CHARS = 20_000;
export const INDEXED_KEYWORDS_MAX = 50;
export const INDEXED_KEYWORD_MAX_CHARS = 80;
export const INDEXED_FIELDS_MAX = 20;
