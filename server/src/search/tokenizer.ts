import stopword from 'stopword';
import chineseStopWords from 'stopwords-zh' with { type: 'json' };

/**
 * What Chinese (Han) text adds to its segmenter words:
 * - `words`: only the words `Intl.Segmenter` finds;
 * - `bigrams`: also every pair of neighbouring characters in a run of kept words, so a term
 *   the segmenter split one way in a document and another way in a query ("发动机" as
 *   发动|机 or as one word) still meets;
 * - `unigrams`: also every single character of those runs.
 * The search bench measures the three on the labelled fixture; `DEFAULT_HAN_GRAMS` is the one
 * that helped.
 */
export type HanGrams = 'words' | 'bigrams' | 'unigrams';
export const DEFAULT_HAN_GRAMS: HanGrams = 'bigrams';

/** A function from text to index terms; the same one serves documents and queries. */
export type Tokenize = (text: string) => string[];

/**
 * Words that say nothing about what a challenge or a solver is about, in either language
 * whatever the text's: `stopword`'s short English list and the stopwords-iso Chinese list (the
 * same packages as the word cloud), plus a few verbs every request for help is full of.
 */
const REQUEST_FILLER = ['will', 'use', 'using', 'via', 'per', 'need', 'needs', '进行', '使用', '需要', '希望', '一种'];
const STOP_WORDS: ReadonlySet<string> = new Set([...stopword.eng, ...chineseStopWords, ...REQUEST_FILLER].map(foldText));

const HAN = /\p{Script=Han}/u;
const HAN_ONLY = /^\p{Script=Han}+$/u;
const DIGITS_ONLY = /^\p{N}+$/u;
/** Anything but letters and digits separates Latin terms ("3d-printing" → 3d, printing). */
const NOT_WORD = /[^\p{L}\p{N}]+/u;
/** Latin terms shorter than this are noise (and would make prefix search match everything). */
const LATIN_MIN_LENGTH = 2;

/**
 * Lower case with accents and compatibility forms folded: "Café" → "cafe", full-width
 * "ＰＣＢ" → "pcb". Han characters pass through unchanged.
 */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Whether a term is Chinese (gets no prefix or typo tolerance: one character is a word). */
export function isHanTerm(term: string): boolean {
  return HAN.test(term);
}

function keepLatin(term: string): boolean {
  return term.length >= LATIN_MIN_LENGTH && !DIGITS_ONLY.test(term) && !STOP_WORDS.has(term);
}

/**
 * Emits one run of consecutive kept Han words with the n-grams `grams` asks for. With bigrams,
 * a one-character word inside a longer run is left to the bigrams that hold it (发动|机 gives
 * 发动, 动机, not 机, which would match every 无人机); a run of one character stays a term.
 * N-grams that are one of the run's words already are not repeated (材料 would count twice).
 */
function emitHanRun(words: readonly string[], grams: HanGrams, into: string[]): void {
  const chars = [...words.join('')];
  const known = new Set(words);
  const add = (gram: string) => {
    if (!known.has(gram) && !STOP_WORDS.has(gram)) into.push(gram);
  };
  if (grams !== 'bigrams' || chars.length === 1) into.push(...words);
  else into.push(...words.filter((word) => [...word].length > 1));
  if (grams === 'unigrams') {
    for (const char of chars) add(char);
  } else if (grams === 'bigrams') {
    for (let i = 0; i + 1 < chars.length; i++) add(`${chars[i]}${chars[i + 1]}`);
  }
}

/**
 * Builds the tokenizer: text is folded, segmented with `Intl.Segmenter('zh')` (which also splits
 * Latin words on spaces and punctuation), stop words of both languages dropped, and Han runs
 * extended with n-grams as `grams` says. Terms repeat as often as they occur, so term
 * frequency reaches the ranking.
 */
export function createTokenizer(grams: HanGrams = DEFAULT_HAN_GRAMS): Tokenize {
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  return (text) => {
    const terms: string[] = [];
    let run: string[] = [];
    const endRun = () => {
      if (run.length > 0) emitHanRun(run, grams, terms);
      run = [];
    };
    for (const { segment, isWordLike } of segmenter.segment(foldText(text))) {
      if (!isWordLike) {
        endRun();
        continue;
      }
      if (HAN_ONLY.test(segment)) {
        if (STOP_WORDS.has(segment)) {
          endRun();
          continue;
        }
        run.push(segment);
        continue;
      }
      endRun();
      // Mixed segments ("5g基站" rarely, "pcb") are split on anything that is not a letter or
      // digit; a Han part inside one is kept whole.
      for (const part of segment.split(NOT_WORD)) {
        if (isHanTerm(part) ? !STOP_WORDS.has(part) : keepLatin(part)) terms.push(part);
      }
    }
    endRun();
    return terms;
  };
}
