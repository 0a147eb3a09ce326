import type { Language } from './languages.js';

/** Words too common to say anything about the ideas. */
const STOP_WORDS = new Set([
  // English
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'can', 'for', 'from', 'has', 'have', 'in', 'into', 'is', 'it',
  'its', 'more', 'of', 'on', 'or', 'our', 'so', 'that', 'the', 'their', 'this', 'to', 'use', 'using', 'we', 'with',
  'will', 'should', 'could', 'would', 'not', 'all', 'new', 'make', 'more', 'less', 'than', 'via', 'per', 'up',
  // Chinese
  '的', '了', '和', '与', '及', '在', '是', '把', '对', '用', '为', '将', '等', '并', '或', '也', '就', '都', '而',
  '一个', '我们', '进行', '通过', '可以', '这个', '那个', '以及', '一些', '没有', '如何', '什么', '使用', '提高',
]);

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

/** The words of one text worth counting, remembered for the next word cloud. */
function wordsOf(text: string, language: Language): readonly string[] {
  const key = `${language}\u0000${text}`;
  const known = segmented.get(key);
  if (known) return known;
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language === 'zh' ? 'zh-CN' : 'en', { granularity: 'word' });
    segmenters.set(language, segmenter);
  }
  const words: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (isWordLike && keep(segment)) words.push(segment);
  }
  segmented.set(key, words);
  if (segmented.size > SEGMENTED_TEXTS_KEPT) {
    const oldest = segmented.keys().next();
    if (!oldest.done) segmented.delete(oldest.value);
  }
  return words;
}

/**
 * The most frequent words of the given texts, heaviest first. `Intl.Segmenter` (in every
 * browser and Node 20) splits Chinese, which has no spaces, into words without a dictionary
 * library of our own. Each text's words are remembered, so the cloud of a board whose votes
 * changed costs a count, not a new segmentation of every idea.
 */
export function wordCloud(texts: readonly string[], language: Language, limit = 60): { word: string; weight: number }[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of wordsOf(text, language)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([word, weight]) => ({ word, weight }));
}
