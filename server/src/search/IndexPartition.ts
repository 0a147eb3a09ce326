import MiniSearch, { type SearchResult } from 'minisearch';
import type { SearchKind } from '@ideasphere/shared';
import type { SearchAccess } from './searchDocument.js';
import { isHanTerm } from './tokenizer.js';

/** What the index keeps of a document besides its postings: enough to filter and explain. */
export interface IndexedRecord {
  key: string;
  kind: SearchKind;
  id: string;
  title: string;
  fields: readonly string[];
  /** Challenges only; the others are always current. */
  status: 'open' | 'closed' | null;
  access: SearchAccess;
  /** Ideas and proposals: the profile that shows them. */
  owner?: string;
  /** Its distinct terms, to take it out of the document frequencies again. */
  terms: readonly string[];
}

/** A document already tokenized, part by part. */
export interface TokenizedParts {
  title: readonly string[];
  body: readonly string[];
  keywords: readonly string[];
  fieldLabels: readonly string[];
}

/** Terms never hold a space (the tokenizer splits on it), so a space joins them losslessly. */
const TERM_SEPARATOR = ' ';
const splitTerms = (text: string) => (text === '' ? [] : text.split(TERM_SEPARATOR));

/**
 * Han terms are stored behind one marker character, so they hang off a single branch of
 * MiniSearch's radix tree. A Latin query with typo tolerance walks every branch within one edit
 * of its start; without the marker that is every first character of every Chinese term, and
 * each of their children (measured: a fuzzy Latin search took 35× longer beside Chinese bigrams).
 */
const HAN_MARK = '\u0001';
const stored = (term: string) => (isHanTerm(term) ? `${HAN_MARK}${term}` : term);
const shown = (term: string) => (term.startsWith(HAN_MARK) ? term.slice(HAN_MARK.length) : term);
const joined = (terms: readonly string[]) => terms.map(stored).join(TERM_SEPARATOR);

/** The parts of a document MiniSearch indexes; the names are what `matchedFields` reports. */
export const INDEXED_PARTS = ['title', 'body', 'keywords', 'fieldLabels'] as const;
export type IndexedPart = (typeof INDEXED_PARTS)[number];

/** Query options of one partition search, in MiniSearch's terms. */
export interface PartitionQuery {
  terms: readonly string[];
  prefix: (term: string, index: number, terms: string[]) => boolean;
  fuzzy: (term: string) => number | false;
  boost: Record<IndexedPart, number>;
  boostTerm?: (term: string) => number;
  filter: (record: IndexedRecord) => boolean;
}

/**
 * One MiniSearch index over the documents of one audience, with their records and document
 * frequencies. Text arrives tokenized (our tokenizer runs once per document, not once per
 * part and again for the frequencies), so MiniSearch only splits on the separator.
 */
export class IndexPartition {
  readonly records = new Map<string, IndexedRecord>();
  private readonly documentFrequency = new Map<string, number>();
  private readonly mini = new MiniSearch<Record<IndexedPart | 'key', string>>({
    idField: 'key',
    fields: [...INDEXED_PARTS],
    storeFields: [],
    tokenize: splitTerms,
    processTerm: (term) => term,
    searchOptions: { tokenize: splitTerms, processTerm: (term) => term },
  });

  constructor(readonly access: SearchAccess) {}

  get size(): number {
    return this.records.size;
  }

  /** Documents in this partition holding `term`. */
  frequency(term: string): number {
    return this.documentFrequency.get(term) ?? 0;
  }

  add(record: IndexedRecord, parts: TokenizedParts): void {
    this.remove(record.key);
    this.mini.add({ key: record.key, title: joined(parts.title), body: joined(parts.body), keywords: joined(parts.keywords), fieldLabels: joined(parts.fieldLabels) });
    this.records.set(record.key, record);
    for (const term of record.terms) this.documentFrequency.set(term, this.frequency(term) + 1);
  }

  remove(key: string): boolean {
    const record = this.records.get(key);
    if (!record) return false;
    // discard: MiniSearch drops the postings lazily and vacuums in batches, so a remove costs
    // no walk of the whole index.
    this.mini.discard(key);
    this.records.delete(key);
    for (const term of record.terms) {
      const left = this.frequency(term) - 1;
      if (left > 0) this.documentFrequency.set(term, left);
      else this.documentFrequency.delete(term);
    }
    return true;
  }

  /** Matching records with MiniSearch's BM25 score and per-term match information. */
  search(query: PartitionQuery): { record: IndexedRecord; result: SearchResult }[] {
    if (this.records.size === 0 || query.terms.length === 0) return [];
    const found: { record: IndexedRecord; result: SearchResult }[] = [];
    const { boostTerm } = query;
    const results = this.mini.search(joined(query.terms), {
      combineWith: 'OR',
      prefix: (term, index, terms) => query.prefix(shown(term), index, terms),
      fuzzy: (term) => query.fuzzy(shown(term)),
      maxFuzzy: 1,
      boost: query.boost,
      ...(boostTerm ? { boostTerm: (term: string) => boostTerm(shown(term)) } : {}),
    });
    for (const result of results) {
      const record = this.records.get(String(result.id));
      if (!record || !query.filter(record)) continue;
      result.queryTerms = result.queryTerms.map(shown);
      result.match = Object.fromEntries(Object.entries(result.match).map(([term, parts]) => [shown(term), parts]));
      found.push({ record, result });
    }
    return found;
  }
}
