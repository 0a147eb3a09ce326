/**
 * `pnpm bench search`: the quality of matching on the hand-labelled fixture (precision@5 and
 * recall@10 per challenge, for each way of indexing Chinese), how well Chinese substrings are
 * found, and the cost of the index on 10,000 synthetic documents: build time, memory, query
 * and matching latency, against a naive includes() scan over the same documents in the same run.
 */
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { SearchKind } from '@ideasphere/shared';
import { SearchIndex } from '../../../server/src/search/SearchIndex.js';
import { evaluateMatching, loadMatchingFixture, type MatchingFixture } from '../../../server/src/search/fixtures/evaluateMatching.js';
import { ANONYMOUS_VIEWER, canSee, type ChallengeDocument, type SearchAccess, type SearchDocument, type SearchViewer } from '../../../server/src/search/searchDocument.js';
import { DEFAULT_HAN_GRAMS, type HanGrams } from '../../../server/src/search/tokenizer.js';
import { percentile, saveResults } from './measure.js';

const HAN_GRAMS: readonly HanGrams[] = ['words', 'bigrams', 'unigrams'];
const SYNTHETIC_DOCUMENTS = Number(process.env.BENCH_SEARCH_DOCUMENTS ?? 10_000);
const QUERIES = 500;
const MATCHINGS = 100;
const ORGANISATIONS = 50;
/** Share of synthetic documents visible to one organisation only. */
const PRIVATE_SHARE = 0.1;

v8.setFlagsFromString('--expose_gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Seeded, so every run searches the same corpus with the same queries. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;
const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)) };
};
function timed<T>(task: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = task();
  return { ms: performance.now() - started, value };
}

function fixtureQuality(fixture: MatchingFixture) {
  const byGrams = HAN_GRAMS.map((hanGrams) => {
    const scores = evaluateMatching(fixture, { hanGrams });
    return { hanGrams, meanPrecisionAt5: round(scores.meanPrecisionAt5), meanRecallAt10: round(scores.meanRecallAt10), challenges: scores.challenges, substring: substringProbe(fixture, hanGrams) };
  });
  return byGrams;
}

/**
 * Every three-character piece of the Chinese sources' text searched on its own: does its source
 * come first, and in the first ten? Pieces cross word boundaries on purpose, as people's
 * queries do; this is what n-grams are for.
 */
function substringProbe(fixture: MatchingFixture, hanGrams: HanGrams) {
  const index = new SearchIndex({ hanGrams });
  for (const source of fixture.sources) index.upsert({ ...source, access: { audience: 'public' } });
  let first = 0;
  let inTen = 0;
  let probes = 0;
  for (const source of fixture.sources.filter((candidate) => candidate.lang === 'zh')) {
    for (const run of source.body.match(/\p{Script=Han}{4,}/gu) ?? []) {
      for (let at = 0; at + 3 <= run.length; at += 3) {
        const ids = index.search(run.slice(at, at + 3), { viewer: ANONYMOUS_VIEWER, limit: 10 }).hits.map((hit) => hit.id);
        probes += 1;
        if (ids[0] === source.id) first += 1;
        if (ids.includes(source.id)) inTen += 1;
      }
    }
  }
  return { probes, top1: round(first / probes), recallAt10: round(inTen / probes) };
}

/** Words of the fixture in both languages, the vocabulary of the synthetic corpus. */
function vocabularyOf(fixture: MatchingFixture): { en: string[]; zh: string[] } {
  const texts = [...fixture.challenges, ...fixture.sources].map((item) => `${item.title} ${item.body} ${item.keywords.join(' ')}`);
  const en = new Set<string>();
  const zh = new Set<string>();
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  for (const text of texts) {
    for (const word of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) en.add(word);
    for (const { segment, isWordLike } of segmenter.segment(text)) if (isWordLike && /^\p{Script=Han}{2,}$/u.test(segment)) zh.add(segment);
  }
  return { en: [...en], zh: [...zh] };
}

function syntheticCorpus(fixture: MatchingFixture, count: number) {
  const random = seeded(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const vocabulary = vocabularyOf(fixture);
  const fieldIds = Object.keys(fixture.taxonomy);
  const kinds: SearchKind[] = ['challenge', 'profile', 'profile', 'proposal', 'idea', 'idea'];
  const words = (zh: boolean, n: number) => Array.from({ length: n }, () => pick(zh ? vocabulary.zh : vocabulary.en)).join(zh ? '' : ' ');
  const documents: SearchDocument[] = Array.from({ length: count }, (_, n) => {
    const zh = random() < 0.5;
    const access: SearchAccess = random() < PRIVATE_SHARE ? { audience: 'organisations', organisationIds: [`org${Math.floor(random() * ORGANISATIONS)}`] } : { audience: 'public' };
    const base = {
      id: `d${n}`,
      title: words(zh, 3 + Math.floor(random() * 4)),
      body: words(zh, 30 + Math.floor(random() * 60)),
      fields: [pick(fieldIds), pick(fieldIds)],
      keywords: [words(zh, 1), words(zh, 2)],
      access,
    };
    const kind = pick(kinds);
    return kind === 'challenge' ? { ...base, kind, status: random() < 0.8 ? 'open' : 'closed' } : { ...base, kind };
  });
  const queries = Array.from({ length: QUERIES }, () => {
    if (random() < 0.4) return random() < 0.5 ? pick(vocabulary.zh) : `${pick(vocabulary.zh)} ${pick(vocabulary.zh)}`;
    const word = pick(vocabulary.en);
    const roll = random();
    if (roll < 0.25 && word.length >= 5) return `${word.slice(0, 2)}${word.slice(3)}`; // a dropped letter
    if (roll < 0.5 && word.length >= 5) return word.slice(0, 4); // typing in progress
    return `${word} ${pick(vocabulary.en)}`;
  });
  return { documents, queries, vocabulary, random };
}

/** The baseline: each visible document's lower-cased text scanned with includes() per query word. */
function naiveScan(documents: readonly SearchDocument[]) {
  const texts = documents.map((document) => ({ document, text: `${document.title} ${document.body} ${document.keywords.join(' ')}`.toLowerCase() }));
  return (query: string, viewer: SearchViewer) => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const hits: { id: string; score: number }[] = [];
    for (const { document, text } of texts) {
      if (!canSee(viewer, document.access)) continue;
      const score = words.filter((word) => text.includes(word)).length;
      if (score > 0) hits.push({ id: document.id, score });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, 20);
  };
}

async function performance10k(fixture: MatchingFixture) {
  const { documents, queries, vocabulary, random } = syntheticCorpus(fixture, SYNTHETIC_DOCUMENTS);
  const fieldLabels = (id: string) => Object.values(fixture.taxonomy[id] ?? {});
  const viewer: SearchViewer = { signedIn: true, organisationIds: ['org1'] };

  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const index = new SearchIndex({ fieldLabels });
  async function* fromStore() {
    yield* documents;
  }
  const buildStarted = performance.now();
  await index.rebuild(fromStore());
  const buildMs = performance.now() - buildStarted;
  collectGarbage();
  const indexBytes = process.memoryUsage().heapUsed - heapBefore;

  collectGarbage();
  const naiveHeapBefore = process.memoryUsage().heapUsed;
  const naive = naiveScan(documents);
  collectGarbage();
  const naiveBytes = process.memoryUsage().heapUsed - naiveHeapBefore;

  for (const query of queries.slice(0, 50)) index.search(query, { viewer }); // warm up
  const searchMs = queries.map((query) => timed(() => index.search(query, { viewer })).ms);
  const totals = queries.map((query) => index.search(query, { viewer }).total);
  for (const query of queries.slice(0, 50)) naive(query, viewer);
  const naiveMs = queries.map((query) => timed(() => naive(query, viewer)).ms);

  const subjects: ChallengeDocument[] = Array.from({ length: MATCHINGS }, (_, n) => {
    const zh = random() < 0.5;
    const word = () => vocabulary[zh ? 'zh' : 'en'][Math.floor(random() * vocabulary[zh ? 'zh' : 'en'].length)] ?? '';
    return { kind: 'challenge', status: 'open', id: `subject${n}`, title: Array.from({ length: 6 }, word).join(' '), body: Array.from({ length: 200 }, word).join(' '), fields: ['energy'], keywords: [word(), word()], access: { audience: 'public' } };
  });
  const matchMs = subjects.map((subject) => timed(() => index.matchForChallenge(subject, { viewer, limit: 10 })).ms);

  const replaced = documents.slice(0, 1_000);
  const upsertMs = replaced.map((document) => timed(() => index.upsert({ ...document, title: `${document.title} updated` })).ms);
  const removeMs = replaced.map((document) => timed(() => index.remove(document.kind, document.id)).ms);

  const search = stats(searchMs);
  const baseline = stats(naiveMs);
  return {
    documents: SYNTHETIC_DOCUMENTS,
    buildMs: Math.round(buildMs),
    documentsPerSecond: Math.round(SYNTHETIC_DOCUMENTS / (buildMs / 1000)),
    indexMegabytes: round(indexBytes / 1024 / 1024, 1),
    bytesPerDocument: Math.round(indexBytes / SYNTHETIC_DOCUMENTS),
    naiveMegabytes: round(naiveBytes / 1024 / 1024, 1),
    searchMs: search,
    naiveScanMs: baseline,
    searchP50VsNaive: round(search.p50 / baseline.p50, 2),
    searchP99VsNaive: round(search.p99 / baseline.p99, 2),
    meanTotal: Math.round(totals.reduce((sum, total) => sum + total, 0) / totals.length),
    matchForChallengeMs: stats(matchMs),
    upsertMs: stats(upsertMs),
    removeMs: stats(removeMs),
  };
}

export async function runSearchBench(): Promise<void> {
  const fixture = loadMatchingFixture();
  const languageOf = new Map(fixture.sources.map((source) => [source.id, source.lang]));
  const labels = fixture.challenges.flatMap((challenge) => challenge.relevant.map((id) => languageOf.get(id) !== challenge.lang));
  console.log(`\nsearch benchmark: fixture of ${fixture.challenges.length} challenges and ${fixture.sources.length} sources (${labels.filter(Boolean).length} of ${labels.length} relevant labels in the other language); ${SYNTHETIC_DOCUMENTS} synthetic documents; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.availableParallelism()} cores`);
  const quality = fixtureQuality(fixture);
  const chosen = quality.find((row) => row.hanGrams === DEFAULT_HAN_GRAMS);
  for (const challenge of chosen?.challenges ?? []) {
    console.log(`  ${challenge.id.padEnd(20)} ${challenge.lang}  P@5 ${challenge.precisionAt5.toFixed(1)}  R@10 ${challenge.recallAt10.toFixed(1)}  ${challenge.top5.join(' ')}`);
  }
  for (const row of quality) {
    const mark = row.hanGrams === DEFAULT_HAN_GRAMS ? ' (default)' : '';
    console.log(`Chinese as ${row.hanGrams}${mark}: matching P@5 ${row.meanPrecisionAt5} R@10 ${row.meanRecallAt10} · ${row.substring.probes} zh 3-character searches: own source first ${row.substring.top1}, in first ten ${row.substring.recallAt10}`);
  }
  const cost = await performance10k(fixture);
  console.log(`build ${cost.documents} documents: ${cost.buildMs} ms (${cost.documentsPerSecond}/s) · index ${cost.indexMegabytes} MB (${cost.bytesPerDocument} B/document; the texts alone ${cost.naiveMegabytes} MB)`);
  console.log(`search p50 ${cost.searchMs.p50} ms p99 ${cost.searchMs.p99} ms · naive includes() scan p50 ${cost.naiveScanMs.p50} ms p99 ${cost.naiveScanMs.p99} ms → ${cost.searchP50VsNaive}× / ${cost.searchP99VsNaive}× baseline`);
  console.log(`matchForChallenge p50 ${cost.matchForChallengeMs.p50} ms p99 ${cost.matchForChallengeMs.p99} ms · upsert p50 ${cost.upsertMs.p50} ms p99 ${cost.upsertMs.p99} ms · remove p50 ${cost.removeMs.p50} ms`);
  const figures = {
    loadAverage: os.loadavg()[0],
    fixture: quality.map(({ challenges, ...row }) => ({ ...row, challenges: challenges.map(({ top5: _top5, ...score }) => score) })),
    cost,
  };
  console.log(`written: ${await saveResults('search', figures)}`);
}
