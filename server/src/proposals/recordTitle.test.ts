import { PROPOSAL_TITLE_MAX_CHARS } from '@ideasphere/shared';
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
});
