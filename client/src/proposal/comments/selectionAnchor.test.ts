import { describe, expect, it } from 'vitest';
import { COMMENT_QUOTE_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { shortQuote } from './selectionAnchor';

describe('comment quote', () => {
  it('collapses whitespace and cuts long passages to the API limit', () => {
    expect(shortQuote('  two\n\nlines  ')).toBe('two lines');
    const long = shortQuote('字'.repeat(COMMENT_QUOTE_MAX_CHARS + 10));
    expect([...long]).toHaveLength(COMMENT_QUOTE_MAX_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });

  it('never cuts an emoji sequence in two', () => {
    const long = shortQuote('👩‍💻'.repeat(COMMENT_QUOTE_MAX_CHARS + 10));
    expect(long).toBe(`${'👩‍💻'.repeat(COMMENT_QUOTE_MAX_CHARS - 1)}…`);
  });
});
