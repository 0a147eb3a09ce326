import type { QuestionPublic } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import { questionsToCsv, resultQuestions, withExportNames } from './exportQa.js';

const q = (id: string, trackId: string, upvotes: number, extra: Partial<QuestionPublic> = {}): QuestionPublic => ({
  id,
  trackId,
  text: `Q ${id}`,
  author: { id: 'p1', name: 'Ann' },
  anonymous: false,
  status: 'visible',
  answered: false,
  upvotes,
  edited: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

describe('Q&A export', () => {
  const tracks = [
    { id: 'main', name: '', venueId: null, highlightedId: null },
    { id: 'hallb', name: 'Hall B', venueId: null, highlightedId: null },
  ];

  it('ranks questions per track by upvotes, defuses formulas and keeps Chinese', () => {
    const csv = questionsToCsv(
      [q('a', 'hallb', 1), q('b', 'main', 2), q('c', 'main', 5, { text: '=HYPERLINK("x")' }), q('d', 'hallb', 3, { text: '效率是多少？', answered: true })],
      tracks,
      new Map([
        ['main', 'Main stage'],
        ['hallb', 'Hall B'],
      ]),
    );
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('question_rank,id,track,question,status,answered,upvotes,asked_by,anonymous,edited,created_at');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['1,c,Main stage', '2,b,Main stage', '1,d,Hall B', '2,a,Hall B']);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[3]).toContain('效率是多少？,visible,true,3');
  });

  it('leaves out removed and unapproved questions, and names of anonymous ones', () => {
    const all = [q('a', 'main', 0), q('b', 'main', 0, { status: 'hidden' }), q('c', 'main', 0, { status: 'pending' }), q('d', 'main', 0, { status: 'archived', anonymous: true })];
    const shown = withExportNames(resultQuestions(all), false);
    expect(shown.map((x) => [x.id, x.author?.name ?? null])).toEqual([
      ['a', 'Ann'],
      ['d', null],
    ]);
    expect(withExportNames(shown, true).every((x) => x.author === null)).toBe(true);
  });
});
