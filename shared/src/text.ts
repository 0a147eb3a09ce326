/**
 * User text as both sides measure and clean it: one grapheme cluster (what a person calls one
 * character: 'é', '汉', '👩‍💻', '🇨🇳') counts as one, on the phone and on the server alike.
 * No zod here, so the client may import it (`@ideasphere/shared/text.js`).
 */
import { COMBINING_MARKS_RUN_MAX, TEXT_UNITS_PER_CHAR_MAX } from './limits.js';

/** Why a piece of text cannot be taken: nothing visible in it, or more characters than allowed. */
export type TextProblem = 'blank' | 'too_long';

/** A text as it would be stored, its length in characters, and what is wrong with it, if anything. */
export interface TextCheck {
  text: string;
  length: number;
  problem: TextProblem | null;
}

let segmenter: Intl.Segmenter | undefined;
function graphemeSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter;
}

/**
 * Characters segmented per call. V8's grapheme segmenter slows down with the length of what it
 * is given (measured here on Node 20: 1,000 units in 1 ms, 32,000 in 190 ms), so long text is
 * segmented a window at a time, each window starting on a boundary the previous one found.
 */
const WINDOW_UNITS = 256;

/** The grapheme clusters of a text, in order, without ever splitting one. */
export function* graphemes(text: string): Generator<string, void, undefined> {
  let start = 0;
  let window = WINDOW_UNITS;
  while (start < text.length) {
    let end = Math.min(text.length, start + window);
    // Never cut a surrogate pair in two at the window's end.
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end++;
    const atEnd = end === text.length;
    let pending: string | null = null;
    let pendingIndex = 0;
    let found = 0;
    for (const { segment, index } of graphemeSegmenter().segment(text.slice(start, end))) {
      if (pending !== null) yield pending;
      pending = segment;
      pendingIndex = index;
      found++;
    }
    if (pending === null) return;
    if (atEnd) {
      yield pending;
      return;
    }
    if (found === 1) {
      // One cluster fills the whole window (a long emoji sequence or stacked marks): look further.
      window *= 2;
      continue;
    }
    // The window's last cluster may go on past its end: segment it again with what follows.
    start += pendingIndex;
    window = WINDOW_UNITS;
  }
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/**
 * Text whose every UTF-16 unit is a character of its own, which never joins the one before or
 * after: printable ASCII, Latin-1 and Latin Extended letters, kana, CJK ideographs and their
 * punctuation, full-width forms. Most names and titles are; they are counted without the
 * segmenter, which costs about half a microsecond per character.
 */
const SIMPLE_TEXT = /^[\u0020-\u007e\u00a0-\u02ff\u3000-\u3029\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff\uff01-\uff9d]*$/;

/** Characters as a person counts them: 'é', '汉', '👩‍💻' and '🇨🇳' are one each. */
export function graphemeCount(text: string): number {
  if (SIMPLE_TEXT.test(text)) return text.length;
  let count = 0;
  for (const _ of graphemes(text)) count++;
  return count;
}

/** The first `max` characters of a text, ending with '…' when some were left out; never splits one. */
export function truncateGraphemes(text: string, max: number): string {
  if (text.length <= max) return text;
  const kept: string[] = [];
  for (const grapheme of graphemes(text)) {
    if (kept.length === max) {
      kept[max - 1] = '…';
      return kept.join('');
    }
    kept.push(grapheme);
  }
  return text;
}

// Control characters and bidi overrides would let a text disguise itself on the big screen.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same, but keeping the line feed for multi-line fields. */
// eslint-disable-next-line no-control-regex
const UNSAFE_BLOCK_CHARS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Characters that draw nothing and join nothing, yet are not white space: zero-width space,
 * word joiner, BOM, soft hyphen, the Arabic letter mark, the Hangul fillers, the braille blank,
 * the musical null notehead and the invisible operators. Trimmed from both ends like spaces.
 * (ZWJ, ZWNJ, variation selectors and other marks are not: they belong to the letter or emoji
 * before them.)
 */
const BLANK_FILLERS = '\\u00ad\\u061c\\u115f\\u1160\\u180e\\u200b\\u2060-\\u2064\\u2800\\u3164\\ufeff\\uffa0\\u{1d159}';
const EDGE_BLANKS = new RegExp(`^[\\p{White_Space}${BLANK_FILLERS}]+|[\\p{White_Space}${BLANK_FILLERS}]+$`, 'gu');

/**
 * A character that draws something: a letter, digit, punctuation or symbol that is neither
 * default-ignorable (ZWSP, ZWJ, variation selectors, Hangul filler…) nor a blank glyph.
 */
const VISIBLE = new RegExp(`(?![\\p{Default_Ignorable_Code_Point}${BLANK_FILLERS}])[\\p{L}\\p{N}\\p{P}\\p{S}]`, 'u');

/**
 * More combining marks in a row than any script stacks on one letter: pointed Hebrew and
 * Tibetan, the most stacked in use, need about five. Longer runs are "Zalgo" text, which spills
 * over the lines around it; everything after the first COMBINING_MARKS_RUN_MAX is dropped.
 */
const MARK_RUN = new RegExp(`\\p{M}{${COMBINING_MARKS_RUN_MAX + 1},}`, 'gu');

function capMarks(text: string): string {
  return text.replace(MARK_RUN, (run) => Array.from(run).slice(0, COMBINING_MARKS_RUN_MAX).join(''));
}

/** Whether a text has at least one character that can be seen. */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}

/**
 * One line of text as it may be shown: NFC-normalised, unsafe characters removed, runs of
 * combining marks capped, spaces collapsed, blanks trimmed from both ends.
 */
export function cleanLine(text: string): string {
  // Line breaks and tabs become spaces first, so two lines never run into one word.
  const line = text.normalize('NFC').replace(/\s+/g, ' ').replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ');
  return capMarks(line).replace(EDGE_BLANKS, '');
}

/** Several lines of text as they may be shown: like `cleanLine`, but line breaks are kept. */
export function cleanBlock(text: string): string {
  const block = text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(UNSAFE_BLOCK_CHARS, '');
  return capMarks(block).replace(EDGE_BLANKS, '');
}

/** The length a text would be counted at, and whether it fits in `max` characters. */
function measure(text: string, max: number): TextCheck {
  const length = graphemeCount(text);
  // A single character may be a long emoji sequence; none needs more than 15 units, so more
  // than TEXT_UNITS_PER_CHAR_MAX per character on average is not text a person typed.
  const tooLong = length > max || text.length > max * TEXT_UNITS_PER_CHAR_MAX;
  return { text, length, problem: tooLong ? 'too_long' : null };
}

/**
 * A name or title as the server would take it: cleaned like `cleanLine`, with a problem if
 * nothing in it can be seen (empty, spaces, zero-width or other invisible characters only) or
 * if it has more than `max` characters.
 */
export function checkLine(raw: string, max: number): TextCheck {
  const text = cleanLine(raw);
  if (!hasVisibleText(text)) return { text, length: graphemeCount(text), problem: 'blank' };
  return measure(text, max);
}

/**
 * Multi-line text as the server would take it. Optional text with nothing visible in it is
 * stored as '' (no detail); `required` text is refused as blank instead.
 */
export function checkBlock(raw: string, max: number, options: { required?: boolean } = {}): TextCheck {
  const text = cleanBlock(raw);
  if (!hasVisibleText(text)) {
    return options.required ? { text, length: graphemeCount(text), problem: 'blank' } : { text: '', length: 0, problem: null };
  }
  return measure(text, max);
}
