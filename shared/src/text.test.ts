import { describe, expect, it } from 'vitest';
import { COMBINING_MARKS_RUN_MAX, DISPLAY_NAME_MAX_CHARS, IDEA_TITLE_MAX_CHARS, TEXT_UNITS_PER_CHAR_MAX } from './limits.js';
import { checkBlock, checkLine, cleanLine, graphemeCount, graphemes, hasVisibleText, truncateGraphemes } from './text.js';

const FAMILY = '👨‍👩‍👧‍👦';
const KISS = '👩🏻‍❤️‍💋‍👨🏼';
const FLAG = '🇨🇳';
const SCOTLAND = '🏴󠁧󠁢󠁳󠁣󠁴󠁿';
const ZALGO = `Z${'\u0336\u0321\u031b\u0358'.repeat(12)}a${'\u0337\u0322'.repeat(10)}l`;

/** The segmenter on the whole text at once: what `graphemes` must agree with. */
function reference(text: string): string[] {
  return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment);
}

describe('graphemeCount', () => {
  it('counts what a person sees as one character as one', () => {
    expect(graphemeCount('abc')).toBe(3);
    expect(graphemeCount('汉字')).toBe(2);
    expect(graphemeCount('e\u0301')).toBe(1);
    expect(graphemeCount(FAMILY)).toBe(1);
    expect(graphemeCount(KISS)).toBe(1);
    expect(graphemeCount(`${FLAG}${FLAG}`)).toBe(2);
    expect(graphemeCount(SCOTLAND)).toBe(1);
    expect(graphemeCount('👍🏽')).toBe(1);
    expect(graphemeCount('')).toBe(0);
  });

  it('agrees with the segmenter on long text of every kind, across its windows', () => {
    const pieces = ['a', ' ', '汉', 'e\u0301', FAMILY, KISS, FLAG, SCOTLAND, '👍🏽', 'क्षि', '\r\n', 'ก่', '한', '각', 'Z\u0336\u0321\u031b'];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let round = 0; round < 20; round++) {
      const text = Array.from({ length: 400 + (next() % 400) }, () => pieces[next() % pieces.length]).join('');
      expect([...graphemes(text)]).toEqual(reference(text));
    }
  });

  it('counts simple text without the segmenter, and the same', () => {
    for (const text of ['Ann Lee', 'Zoë Ångström-Łukasz', '王小明：你好，世界。', 'ｆｕｌｌｗｉｄｔｈ', 'ひらがなカタカナ']) {
      expect(graphemeCount(text)).toBe(reference(text).length);
    }
  });

  it('keeps a cluster longer than a window whole', () => {
    const long = `a${'\u0301'.repeat(1_000)}b${FAMILY.repeat(1)}`;
    expect([...graphemes(long)]).toEqual(reference(long));
    const regional = FLAG.repeat(300);
    expect(graphemeCount(regional)).toBe(300);
  });
});

describe('truncateGraphemes', () => {
  it('cuts between characters, never inside one, and says so with an ellipsis', () => {
    expect(truncateGraphemes(`${FAMILY.repeat(5)}`, 3)).toBe(`${FAMILY}${FAMILY}…`);
    expect(truncateGraphemes('short', 10)).toBe('short');
    expect(truncateGraphemes('exactly', 7)).toBe('exactly');
  });
});

describe('invisible text', () => {
  it.each([
    ['zero-width space', '\u200b\u200b'],
    ['zero-width non-joiner and joiner', '\u200c\u200d'],
    ['word joiner', '\u2060'],
    ['byte order mark', '\ufeff'],
    ['bidi marks', '\u200e\u200f\u061c'],
    ['Hangul filler', '\u3164\u3164'],
    ['half-width Hangul filler', '\uffa0'],
    ['braille blank', '\u2800\u2800\u2800'],
    ['variation selectors alone', '\ufe0f\ufe0e\u{e0100}'],
    ['soft hyphen and combining grapheme joiner', '\u00ad\u034f'],
    ['Mongolian vowel separator', '\u180e'],
    ['tag characters', '\u{e0041}\u{e0042}'],
    ['combining marks without a letter', '\u0301\u0302'],
    ['ideographic space', '\u3000'],
    ['no-break and narrow spaces', '\u00a0\u202f\u2007'],
    ['line and paragraph separators', '\u2028\u2029'],
    ['a mix of all', ' \u200b\u3164 \u2800\ufe0f\u00a0\u2060 '],
    ['nothing', ''],
  ])('refuses %s as blank', (_name, text) => {
    expect(hasVisibleText(cleanLine(text))).toBe(false);
    expect(checkLine(text, DISPLAY_NAME_MAX_CHARS).problem).toBe('blank');
    expect(checkBlock(text, 1_000, { required: true }).problem).toBe('blank');
  });

  it('stores optional multi-line text with nothing visible as nothing', () => {
    expect(checkBlock('\u200b\n\u3164', 1_000)).toEqual({ text: '', length: 0, problem: null });
  });

  it.each([['Ann'], ['李娜'], ['😀'], [FAMILY], ['❤️'], ['١٢٣'], ['محمد'], ['?'], ['ㅤa']])('takes %s', (text) => {
    expect(checkLine(text, DISPLAY_NAME_MAX_CHARS).problem).toBeNull();
  });

  it('trims invisible fillers from both ends but keeps joiners inside the text', () => {
    expect(cleanLine('\u200b\u3164 Ann \u2800\ufeff')).toBe('Ann');
    expect(cleanLine(` ${FAMILY} `)).toBe(FAMILY);
    expect(cleanLine('❤️')).toBe('❤️');
  });
});

describe('length limits', () => {
  it('count characters, so a name of 40 emoji fits and 41 do not', () => {
    expect(checkLine('😀'.repeat(DISPLAY_NAME_MAX_CHARS), DISPLAY_NAME_MAX_CHARS)).toMatchObject({ length: 40, problem: null });
    expect(checkLine(FAMILY.repeat(DISPLAY_NAME_MAX_CHARS), DISPLAY_NAME_MAX_CHARS)).toMatchObject({ length: 40, problem: null });
    expect(checkLine('😀'.repeat(DISPLAY_NAME_MAX_CHARS + 1), DISPLAY_NAME_MAX_CHARS)).toMatchObject({ length: 41, problem: 'too_long' });
  });

  it('count after cleaning, as the server stores it', () => {
    expect(checkLine(`  ${'a'.repeat(IDEA_TITLE_MAX_CHARS)}   `, IDEA_TITLE_MAX_CHARS).problem).toBeNull();
    expect(checkLine('a  b', 3)).toMatchObject({ text: 'a b', length: 3, problem: null });
  });

  it('refuse one endless character (a chain of joiners) as too long', () => {
    const chain = `😀${'\u200d😀'.repeat(300)}`;
    expect(graphemeCount(chain)).toBe(1);
    expect(chain.length).toBeGreaterThan(DISPLAY_NAME_MAX_CHARS * TEXT_UNITS_PER_CHAR_MAX);
    expect(checkLine(chain, DISPLAY_NAME_MAX_CHARS).problem).toBe('too_long');
  });
});

describe('stacked combining marks', () => {
  it(`keep at most ${COMBINING_MARKS_RUN_MAX} marks on one letter`, () => {
    const clean = cleanLine(ZALGO);
    expect(graphemeCount(clean)).toBe(3);
    for (const grapheme of graphemes(clean)) expect(Array.from(grapheme).length).toBeLessThanOrEqual(COMBINING_MARKS_RUN_MAX + 1);
  });

  it('leave the marks of real scripts alone', () => {
    for (const text of ['Tiếng Việt', 'שָׁלוֹם', 'བསྒྲུབས', 'स्त्री', 'ภาษาไทย', 'Cafe\u0301']) {
      expect(cleanLine(text)).toBe(text.normalize('NFC'));
    }
  });
});
