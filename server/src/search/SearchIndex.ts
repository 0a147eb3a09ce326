import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SearchResult } from 'minisearch';
import {
  MATCH_RESULTS_MAX,
  SEARCH_OFFSET_MAX,
  SEARCH_PAGE_MAX,
  SEARCH_QUERY_MAX_CHARS,
  SEARCH_QUERY_MAX_TERMS,
  type MatchHit,
  type SearchFacets,
  type SearchHit,
  type SearchKind,
  type SearchResponse,
} from '@ideasphere/shared';
import { distinctiveTerms } from './distinctiveTerms.js';
import { IndexPartition, type IndexedRecord, type PartitionQuery, type TokenizedParts } from './IndexPartition.js';
import {
  INDEXED_BODY_MAX_CHARS,
  INDEXED_FIELDS_MAX,
  INDEXED_KEYWORD_MAX_CHARS,
  INDEXED_KEYWORDS_MAX,
  INDEXED_TITLE_MAX_CHARS,
  audienceKey,
  canSee,
  documentKey,
  type ChallengeDocument,
  type ProfileDocument,
  type SearchDocument,
  type SearchViewer,
} from './searchDocument.js';
import { DEFAULT_HAN_GRAMS, createTokenizer, isHanTerm, type HanGrams, type Tokenize } from './tokenizer.js';

/** Distinctive terms of a challenge or profile that one matching query carries. */
export const MATCH_QUERY_TERMS_MAX = 24;
/** Score factor added per taxonomy field a candidate shares with the subject (two count at most). */
export const FIELD_OVERLAP_BOOST = 0.5;
const FIELD_OVERLAP_COUNTED_MAX = 2;
/**
 * Terms of the subject's taxonomy field names (zh and en) added to a matching query, and their
 * weight beside the subject's own words. The taxonomy is the one bridge between a Chinese
 * challenge and an English profile filed under the same field; on the fixture it lifts
 * precision@5 from 0.50 to 0.56 (weights 1 and 3 did worse: field names then drown the words).
 */
const MATCH_FIELD_TERMS_MAX = 8;
const FIELD_TERM_BOOST = 0.3;
/** A word in the title or the keywords says more about a document than one in its body. */
const PART_BOOST = { title: 3, keywords: 2, fieldLabels: 1.5, body: 1 };
/**
 * The last Latin term of a query, from this length, also matches as a prefix ("manuf" →
 * manufacturing): that is the word being typed. Prefixes of every term cost a walk of many
 * branches of the index per term for little gain.
 */
const PREFIX_MIN_LENGTH = 3;
/** Latin terms this long or longer forgive one typo. Two would cost ten times as much (bench). */
const FUZZY_MIN_LENGTH = 5;
/** A rebuild lets other work run after this many documents. */
const REBUILD_YIELD_EVERY = 500;
const DEFAULT_PAGE = 20;
const DEFAULT_MATCHES = 10;

export interface SearchIndexOptions {
  /** The zh and en names of a taxonomy field, indexed with each document filed under it. */
  fieldLabels?: (fieldId: string) => readonly string[];
  hanGrams?: HanGrams;
}

export interface SearchOptions {
  viewer: SearchViewer;
  kinds?: readonly SearchKind[];
  /** Only documents filed under at least one of these taxonomy fields. */
  fields?: readonly string[];
  limit?: number;
  offset?: number;
}

export interface MatchOptions {
  viewer: SearchViewer;
  limit?: number;
}

type Change = { upsert: SearchDocument } | { remove: string };
type Found = { record: IndexedRecord; result: SearchResult };

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.floor(value)));
const uniqueOf = <T>(items: Iterable<T>) => [...new Set(items)];
const latinTerm = (minLength: number) => (term: string) => term.length >= minLength && !isHanTerm(term);
const byScore = (a: { score: number; key: string }, b: { score: number; key: string }) => b.score - a.score || (a.key < b.key ? -1 : 1);

/**
 * Full-text search and matching over challenges, profiles, proposals and ideas, in Chinese and
 * English (MiniSearch: BM25, prefix and typo tolerance, per-term match information).
 *
 * Documents live in one partition per audience (public, or one set of organisations). A viewer's
 * query runs only on the partitions that viewer may see, so a private document never changes
 * what another viewer gets: not a hit, not a total, not a facet count, not even a score.
 */
export class SearchIndex {
  private partitions = new Map<string, IndexPartition>();
  /** Document key → the audience key of its partition. */
  private locations = new Map<string, string>();
  /** Changes made while a rebuild runs, replayed on the new partitions before they go live. */
  private changesDuringRebuild: Change[] | null = null;
  private readonly tokenize: Tokenize;
  private readonly fieldLabels: (fieldId: string) => readonly string[];

  constructor(options: SearchIndexOptions = {}) {
    this.tokenize = createTokenizer(options.hanGrams ?? DEFAULT_HAN_GRAMS);
    this.fieldLabels = options.fieldLabels ?? (() => []);
  }

  /** Documents indexed, whoever may see them. */
  get size(): number {
    return this.locations.size;
  }

  /** Adds a document or replaces the one with its kind and id (its audience may change). */
  upsert(document: SearchDocument): void {
    this.changesDuringRebuild?.push({ upsert: document });
    this.place(this.partitions, this.locations, document);
  }

  /** Takes a document out; false when it was not there. */
  remove(kind: SearchKind, id: string): boolean {
    const key = documentKey(kind, id);
    this.changesDuringRebuild?.push({ remove: key });
    return this.displace(this.partitions, this.locations, key);
  }

  /**
   * Replaces the whole index with `documents` (at start, from the stores). Searches keep using
   * the old index until the new one is complete; upserts and removes made meanwhile reach both.
   */
  async rebuild(documents: AsyncIterable<SearchDocument> | Iterable<SearchDocument>): Promise<number> {
    if (this.changesDuringRebuild) throw new Error('a rebuild is already running');
    const changes: Change[] = (this.changesDuringRebuild = []);
    const partitions = new Map<string, IndexPartition>();
    const locations = new Map<string, string>();
    try {
      let count = 0;
      for await (const document of documents) {
        this.place(partitions, locations, document);
        if (++count % REBUILD_YIELD_EVERY === 0) await nextTurn();
      }
      for (const change of changes) {
        if ('upsert' in change) this.place(partitions, locations, change.upsert);
        else this.displace(partitions, locations, change.remove);
      }
    } finally {
      this.changesDuringRebuild = null;
    }
    this.partitions = partitions;
    this.locations = locations;
    return locations.size;
  }

  /**
   * Ranked hits for a query the viewer may see. The query is cut to SEARCH_QUERY_MAX_CHARS and
   * SEARCH_QUERY_MAX_TERMS terms; Latin terms match by prefix and with a typo. Facets count
   * every visible hit before `kinds` and `fields` narrow them; `total` counts after.
   */
  search(query: string, options: SearchOptions): SearchResponse {
    const { viewer } = options;
    const terms = uniqueOf(this.tokenize(query.slice(0, SEARCH_QUERY_MAX_CHARS))).slice(0, SEARCH_QUERY_MAX_TERMS);
    const found = this.query(viewer, {
      terms,
      prefix: (term, at, all) => at === all.length - 1 && latinTerm(PREFIX_MIN_LENGTH)(term),
      fuzzy: (term) => latinTerm(FUZZY_MIN_LENGTH)(term) && 1,
      boost: PART_BOOST,
      filter: (record) => canSee(viewer, record.access),
    });
    const facets = facetsOf(found);
    const kinds = options.kinds && options.kinds.length > 0 ? options.kinds : null;
    const fields = options.fields && options.fields.length > 0 ? options.fields : null;
    const narrowed = found
      .filter(({ record }) => (!kinds || kinds.includes(record.kind)) && (!fields || record.fields.some((field) => fields.includes(field))))
      .map((hit) => ({ ...hit, score: hit.result.score, key: hit.record.key }))
      .sort(byScore);
    const offset = clamp(options.offset ?? 0, 0, SEARCH_OFFSET_MAX);
    const limit = clamp(options.limit ?? DEFAULT_PAGE, 1, SEARCH_PAGE_MAX);
    return { total: narrowed.length, hits: narrowed.slice(offset, offset + limit).map(toSearchHit), facets };
  }

  /**
   * Profiles, proposals and ideas that could solve a challenge, best first, each with the
   * challenge's distinctive terms it contains and the fields both share. Candidates from other
   * fields are kept (`crossField`); sharing fields raises a candidate. Nothing when the viewer
   * may not see the challenge.
   */
  matchForChallenge(challenge: ChallengeDocument, options: MatchOptions): MatchHit[] {
    return this.match(challenge, ['profile', 'proposal', 'idea'], options, () => true);
  }

  /** Open challenges the viewer may see that fit a profile, best first, with the same explanation. */
  matchForProfile(profile: ProfileDocument, options: MatchOptions): MatchHit[] {
    return this.match(profile, ['challenge'], options, (record) => record.status === 'open');
  }

  private match(subject: SearchDocument, kinds: readonly SearchKind[], options: MatchOptions, accept: (record: IndexedRecord) => boolean): MatchHit[] {
    const { viewer } = options;
    if (!canSee(viewer, subject.access)) return [];
    const limit = clamp(options.limit ?? DEFAULT_MATCHES, 1, MATCH_RESULTS_MAX);
    const subjectKey = documentKey(subject.kind, subject.id);
    const visible = this.visiblePartitions(viewer);
    // The subject's own stored version does not count towards how rare its terms are.
    const stored = visible.map((partition) => partition.records.get(subjectKey)).find((record) => record !== undefined);
    const ownTerms = new Set(stored?.terms ?? []);
    const chosen = distinctiveTerms(
      this.termCounts(subject),
      {
        documents: visible.reduce((sum, partition) => sum + partition.size, 0) - (stored ? 1 : 0),
        frequency: (term) => visible.reduce((sum, partition) => sum + partition.frequency(term), 0) - (ownTerms.has(term) ? 1 : 0),
      },
      MATCH_QUERY_TERMS_MAX,
    );
    const topEmphasis = Math.max(1, ...chosen.map((term) => term.emphasis));
    const rank = new Map(chosen.map((term, index) => [term.term, { index, emphasis: term.emphasis / topEmphasis }]));
    const fieldTerms = uniqueOf(this.tokenize(capped(subject).fields.flatMap(this.fieldLabels).join('\n')))
      .filter((term) => !rank.has(term))
      .slice(0, MATCH_FIELD_TERMS_MAX);
    for (const term of fieldTerms) rank.set(term, { index: rank.size, emphasis: FIELD_TERM_BOOST });
    // A field name met only in the candidate's field names is told by `why.fields`, not as a term.
    const byFieldNameOnly = (result: SearchResult, term: string) => fieldTerms.includes(term) && result.match[term]?.every((part) => part === 'fieldLabels') === true;
    const found = this.query(viewer, {
      terms: [...chosen.map((term) => term.term), ...fieldTerms],
      // Whole words only: prefixes and typos of 24 terms cost more and, on the fixture, lost
      // precision@5 (0.56 with prefixes, 0.58 without).
      prefix: () => false,
      fuzzy: () => false,
      boost: PART_BOOST,
      boostTerm: (term) => rank.get(term)?.emphasis ?? 1,
      filter: (record) => record.key !== subjectKey && kinds.includes(record.kind) && canSee(viewer, record.access) && accept(record),
    });
    const subjectFields = new Set(subject.fields);
    return found
      .map(({ record, result }) => {
        const fields = record.fields.filter((field) => subjectFields.has(field));
        const overlap = Math.min(fields.length, FIELD_OVERLAP_COUNTED_MAX);
        const terms = result.queryTerms.filter((term) => !byFieldNameOnly(result, term)).sort((a, b) => (rank.get(a)?.index ?? 0) - (rank.get(b)?.index ?? 0));
        const hit: MatchHit = { kind: record.kind, id: record.id, title: record.title, score: result.score * (1 + FIELD_OVERLAP_BOOST * overlap), why: { terms, fields, crossField: fields.length === 0 }, ...(record.owner !== undefined ? { owner: record.owner } : {}) };
        return { hit, score: hit.score, key: record.key };
      })
      .sort(byScore)
      .slice(0, limit)
      .map(({ hit }) => hit);
  }

  private visiblePartitions(viewer: SearchViewer): IndexPartition[] {
    return [...this.partitions.values()].filter((partition) => canSee(viewer, partition.access));
  }

  private query(viewer: SearchViewer, query: PartitionQuery): Found[] {
    if (query.terms.length === 0) return [];
    return this.visiblePartitions(viewer).flatMap((partition) => partition.search(query));
  }

  /** Term → weighted occurrences: title and keywords count twice. */
  private termCounts(document: SearchDocument): Map<string, number> {
    const counts = new Map<string, number>();
    const add = (text: string, weight: number) => {
      for (const term of this.tokenize(text)) counts.set(term, (counts.get(term) ?? 0) + weight);
    };
    const { title, body, keywords } = capped(document);
    add(title, 2);
    add(keywords.join('\n'), 2);
    add(body, 1);
    return counts;
  }

  private place(partitions: Map<string, IndexPartition>, locations: Map<string, string>, document: SearchDocument): void {
    const key = documentKey(document.kind, document.id);
    const audience = audienceKey(document.access);
    if (locations.get(key) !== audience) this.displace(partitions, locations, key);
    let partition = partitions.get(audience);
    if (!partition) partitions.set(audience, (partition = new IndexPartition(document.access)));
    const { record, parts } = this.prepare(key, document);
    partition.add(record, parts);
    locations.set(key, audience);
  }

  private displace(partitions: Map<string, IndexPartition>, locations: Map<string, string>, key: string): boolean {
    const audience = locations.get(key);
    if (audience === undefined) return false;
    const partition = partitions.get(audience);
    partition?.remove(key);
    if (partition?.size === 0) partitions.delete(audience);
    locations.delete(key);
    return true;
  }

  /** Tokenizes a document once: MiniSearch gets the terms, the record keeps the distinct ones. */
  private prepare(key: string, document: SearchDocument): { record: IndexedRecord; parts: TokenizedParts } {
    const { title, body, keywords, fields } = capped(document);
    const termsOf: TokenizedParts = {
      title: this.tokenize(title),
      body: this.tokenize(body),
      keywords: this.tokenize(keywords.join('\n')),
      fieldLabels: this.tokenize(fields.flatMap(this.fieldLabels).join('\n')),
    };
    const record: IndexedRecord = {
      key,
      kind: document.kind,
      id: document.id,
      title,
      fields,
      status: document.kind === 'challenge' ? document.status : null,
      access: document.access,
      ...(document.owner !== undefined ? { owner: document.owner } : {}),
      terms: uniqueOf(Object.values(termsOf).flat()),
    };
    return { record, parts: termsOf };
  }
}

/** The parts of a document that are indexed, cut to the INDEXED_* caps. */
function capped(document: SearchDocument) {
  return {
    title: document.title.slice(0, INDEXED_TITLE_MAX_CHARS),
    body: document.body.slice(0, INDEXED_BODY_MAX_CHARS),
    keywords: document.keywords.slice(0, INDEXED_KEYWORDS_MAX).map((keyword) => keyword.slice(0, INDEXED_KEYWORD_MAX_CHARS)),
    fields: uniqueOf(document.fields).slice(0, INDEXED_FIELDS_MAX),
  };
}

function facetsOf(found: readonly Found[]): SearchFacets {
  const facets: SearchFacets = { kinds: { challenge: 0, profile: 0, proposal: 0, idea: 0 }, fields: {} };
  for (const { record } of found) {
    facets.kinds[record.kind] += 1;
    for (const field of record.fields) facets.fields[field] = (facets.fields[field] ?? 0) + 1;
  }
  return facets;
}

function toSearchHit({ record, result }: Found): SearchHit {
  return {
    kind: record.kind,
    id: record.id,
    title: record.title,
    score: result.score,
    matchedTerms: [...result.queryTerms],
    matchedFields: uniqueOf(Object.values(result.match).flat()).sort(),
    ...(record.owner !== undefined ? { owner: record.owner } : {}),
  };
}
