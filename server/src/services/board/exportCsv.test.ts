import type { IdeaPublic } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import { ideasToCsv } from './exportCsv.js';

function idea(overrides: Partial<IdeaPublic>): IdeaPublic {
  return {
    id: 'id',
    clientId: 'client-1',
    title: 't',
    detail: '',
    category: null,
    status: 'visible',
    pinned: false,
    clusterId: null,
    authors: null,
    votes: 0,
    reactions: {},
    createdAt: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}

describe('ideasToCsv', () => {
  it('ranks by votes, names clusters and authors, and starts with a BOM', () => {
    const csv = ideasToCsv(
      [
        idea({ id: 'a', title: '降低成本', votes: 1 }),
        idea({ id: 'b', title: 'Hydrogen', votes: 5, clusterId: 'c1', authors: [{ id: 'p', name: 'Ann' }], reactions: { '👍': 2, '💡': 1 } }),
      ],
      [{ id: 'c1', name: 'Green' }],
    );
    expect(csv.startsWith('\uFEFFrank,id,title')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines[1]).toBe('1,b,Hydrogen,,,Green,visible,false,5,3,Ann,2026-11-23T10:00:00.000Z');
    expect(lines[2]?.startsWith('2,a,降低成本,')).toBe(true);
  });

  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    const csv = ideasToCsv([idea({ title: '=HYPERLINK("x")', detail: 'a, "b"\nc' })], []);
    expect(csv).toContain(`"'=HYPERLINK(""x"")","a, ""b""\nc"`);
  });
});
