import { describe, expect, it } from 'vitest';
import { cleanTemplate, freshSectionKey } from './ProposalSettings';

describe('proposal template editing', () => {
  it('makes distinct valid keys for new sections', () => {
    const key = freshSectionKey([{ key: 'section-2', heading: 'A' }, { key: 'problem', heading: 'B' }]);
    expect(key).toMatch(/^[a-z0-9-]{1,32}$/);
    expect(['section-2', 'problem']).not.toContain(key);
  });

  it('trims headings and drops empty ones before saving', () => {
    expect(cleanTemplate([{ key: 'a', heading: '  Cost   savings ' }, { key: 'b', heading: '   ' }])).toEqual([{ key: 'a', heading: 'Cost savings' }]);
  });
});
