import { PROPOSAL_TITLE_MAX_CHARS, graphemeCount } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import { recordTitleOf } from './DocumentPersistence.js';

describe('recordTitleOf', () => {
  it('keeps one clean line: no control or bidi characters, spaces collapsed', () => {
    expect(recordTitleOf('  绿色\n钢铁\u202e txt.exe \u0007 plan  ')).toBe('绿色 钢铁 txt.exe plan');
  });

  it('cuts a long title to the limit, counting characters rather than UTF-16 units', () => {
    const title = recordTitleOf('💡'.repeat(PROPOSAL_TITLE_MAX_CHARS + 5));
    expect([...title]).toHaveLength(PROPOSAL_TITLE_MAX_CHARS);
    expect(title.endsWith('…')).toBe(true);
  });

  it('never splits an emoji sequence when it cuts', () => {
    const title = recordTitleOf('👩‍💻'.repeat(PROPOSAL_TITLE_MAX_CHARS + 5));
    expect(graphemeCount(title)).toBe(PROPOSAL_TITLE_MAX_CHARS);
    expect(title).toBe(`${'👩‍💻'.repeat(PROPOSAL_TITLE_MAX_CHARS - 1)}…`);
  });

  it('is blank (the last title is kept) when nothing in it can be seen', () => {
    expect(recordTitleOf('\u200b\u3164\u2800 ')).toBe('');
  });
});
