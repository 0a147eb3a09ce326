import { describe, expect, it } from 'vitest';
import { SECTION_HEADING_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { cleanTemplate, freshSectionKey, headingTooLong } from './ProposalSettings';

describe('proposal template editing', () => {
  it('makes distinct valid keys for new sections', () => {
    const key = freshSectionKey([{ key: 'section-2', heading: 'A' }, { key: 'problem', heading: 'B' }]);
    expect(key).toMatch(/^[a-z0-9-]{1,32}$/);
    expect(['section-2', 'problem']).not.toContain(key);
  });

  it('trims headings and drops empty ones before saving', () => {
    expect(cleanTemplate([{ key: 'a', heading: '  Cost   savings ' }, { key: 'b', heading: '   ' }])).toEqual([{ key: 'a', heading: 'Cost savings' }]);
  });

  it('drops headings with nothing visible in them, as the server would refuse them', () => {
    expect(cleanTemplate([{ key: 'a', heading: '\u200b\u3164' }, { key: 'b', heading: 'Why' }])).toEqual([{ key: 'b', heading: 'Why' }]);
  });

  it('counts a heading in characters: 80 emoji fit, 81 are too long', () => {
    expect(headingTooLong({ key: 'a', heading: '👩‍💻'.repeat(SECTION_HEADING_MAX_CHARS) })).toBe(false);
    expect(headingTooLong({ key: 'a', heading: '👩‍💻'.repeat(SECTION_HEADING_MAX_CHARS + 1) })).toBe(true);
  });
});
