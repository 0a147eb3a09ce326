import stopword from 'stopword';
import chineseStopWords from 'stopwords-zh' with { type: 'json' };
import { cloudWordForm } from './boardModel.js';
import type { Language } from './languages.js';
import { WORD_CLOUD_WORDS } from './limits.js';

/**
 * A few words the lists above keep that any brainstorm's ideas are full of ("we should use…",
 * "希望进行…") and that say nothing about this one; kept short on purpose.
 */
const BRAINSTORM_FILLER = ['will', 'not', 'use', 'using', 'new', 'via', 'per', '进行', '使用', '应该', '希望', '需要', '觉得', '非常'];

/**
 * Words too common to say anything about the ideas, in both languages whatever the session's:
 * a Chinese session gets English words too, and the other way round. The lists come from
 * well-kept packages (both MIT): `stopword`'s English list (the classic short one, which keeps
 * content words such as "system" or "free" that the longer ISO list drops) and `stopwords-zh`
 * (the stopwords-iso Chinese list: 794 function words and phrases such as 我们, 可以, 通过).
 * This module runs on the server only (results and exports); the client bundle never loads it
 * (the client build refuses these packages).
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  [...stopword.eng, ...chineseStopWords, ...BRAINSTORM_FILLER].map(cloudWordForm),
);

/** Shortest word kept, per script: one Han character says little, two say a lot. */
function keep(word: string): boolean {
  if (STOP_WORDS.has(word)) return false;
  if (/^\p{N}+$/u.test(word)) return false;
  const han = /\p{Script=Han}/u.test(word);
  return han ? [...word].length >= 2 : word.length >= 3;
}

/** Texts whose words are remembered: segmenting is the costly part, and texts rarely change. */
const SEGMENTED_TEXTS_KEPT = 20_000;
const segmenters = new Map<Language, Intl.Segmenter>();
/** `language + text` → its kept words; a Map in insertion order, the oldest dropped first. */
const segmented = new Map<string, readonly string[]>();

/** The distinct words of one text worth counting, remembered for the next word cloud. */
function wordsOf(text: string, language: Language): readonly string[] {
  const key = `${language}\u0000${text}`;
  const known = segmented.get(key);
  if (known) return known;
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language === 'zh' ? 'zh-CN' : 'en', { granularity: 'word' });
    segmenters.set(language, segmenter);
  }
  const words = new Set<string>();
  for (const { segment, isWordLike } of segmenter.segment(cloudWordForm(text))) {
    if (isWordLike && keep(segment)) words.add(segment);
  }
  const list = [...words];
  segmented.set(key, list);
  if (segmented.size > SEGMENTED_TEXTS_KEPT) {
    const oldest = segmented.keys().next();
    if (!oldest.done) segmented.delete(oldest.value);
  }
  return list;
}

/** One text for the cloud and who wrote it. */
export interface CloudText {
  /** Whoever wrote the text: each author counts once per word, however often they use it. */
  author: string;
  text: string;
}

export interface WordCloudOptions {
  /** Words left out (the facilitator's hidden words, as `cloudWordForm` spells them). */
  hidden?: ReadonlySet<string>;
  /** Most words returned, heaviest first. */
  limit?: number;
}

/**
 * The words most authors used, heaviest first; a word's weight is the number of distinct
 * authors who wrote it. So one author who repeats a word, or writes one long detail, adds at
 * most 1 to each word: the cloud shows what many people said, not what one person said often.
 * Stop words (Chinese and English) and hidden words are left out. `Intl.Segmenter` (in every
 * browser and Node 20) splits Chinese, which has no spaces, into words without a dictionary
 * library of our own. Each text's words are remembered, so the cloud of a board whose votes
 * changed costs a count, not a new segmentation of every idea.
 */
export function wordCloud(
  texts: readonly CloudText[],
  language: Language,
  options: WordCloudOptions = {},
): { word: string; weight: number }[] {
  const { hidden, limit = WORD_CLOUD_WORDS } = options;
  const authorsOf = new Map<string, Set<string>>();
  for (const { author, text } of texts) {
    for (const word of wordsOf(text, language)) {
      if (hidden?.has(word)) continue;
      let authors = authorsOf.get(word);
      if (!authors) authorsOf.set(word, (authors = new Set()));
      authors.add(author);
    }
  }
  return [...authorsOf.entries()]
    .map(([word, authors]) => ({ word, weight: authors.size }))
    .sort((a, b) => b.weight - a.weight || a.word.localeCompare(b.word))
    .slice(0, limit);
}
