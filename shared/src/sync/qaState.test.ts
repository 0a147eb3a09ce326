import { describe, expect, it } from 'vitest';
import { type QuestionPublic, sortQuestions } from '../qa/qaModel.js';
import { initialQaState, qaReducer } from './qaState.js';

function question(id: string, overrides: Partial<QuestionPublic> = {}): QuestionPublic {
  return { id, trackId: 'main', text: id, author: null, anonymous: false, status: 'visible', answered: false, upvotes: 0, edited: false, createdAt: `2026-01-01T00:00:0${id.length}Z`, ...overrides };
}

describe('qaReducer', () => {
  const snapshot = qaReducer(initialQaState, {
    type: 'snapshot',
    snapshot: {
      version: 3,
      settings: { open: true, anonymousAllowed: true, preModeration: false },
      tracks: [{ id: 'main', name: '', venueId: null, highlightedId: null }],
      questions: [question('a'), question('bb', { upvotes: 2 })],
      mine: ['a'],
      myUpvotes: ['bb'],
    },
  });

  it('applies deltas: upserts, removals, counts and tracks', () => {
    const next = qaReducer(snapshot, {
      type: 'delta',
      delta: {
        version: 4,
        questions: [question('ccc')],
        removedQuestionIds: ['bb'],
        upvotes: { a: 5 },
        tracks: [{ id: 'main', name: '', venueId: null, highlightedId: 'a' }, { id: 'hall', name: 'Hall', venueId: null, highlightedId: null }],
      },
    });
    expect([...next.questions.keys()]).toEqual(['a', 'ccc']);
    expect(next.questions.get('a')?.upvotes).toBe(5);
    // An upvote on a question that left the list is not kept.
    expect([...next.upvoted]).toEqual([]);
    expect(next.tracks.map((t) => [t.id, t.highlightedId])).toEqual([
      ['main', 'a'],
      ['hall', null],
    ]);
    expect(next.mine.has('a')).toBe(true);
  });

  it('takes an upvote ack as the count and the phone’s own mark', () => {
    const next = qaReducer(snapshot, { type: 'upvote', result: { questionId: 'a', upvoted: true, upvotes: 1 } });
    expect(next.questions.get('a')?.upvotes).toBe(1);
    expect([...next.upvoted].sort()).toEqual(['a', 'bb']);
    const back = qaReducer(next, { type: 'upvote', result: { questionId: 'bb', upvoted: false, upvotes: 1 } });
    expect([...back.upvoted]).toEqual(['a']);
  });
});

describe('sortQuestions', () => {
  const list = [question('a', { upvotes: 1 }), question('bb', { upvotes: 3 }), question('ccc', { upvotes: 3, answered: true }), question('dddd', { upvotes: 1 })];
  it('lists unanswered first, then by upvotes (older first on ties) or newest first', () => {
    expect(sortQuestions(list, 'popular').map((q) => q.id)).toEqual(['bb', 'a', 'dddd', 'ccc']);
    expect(sortQuestions(list, 'recent').map((q) => q.id)).toEqual(['dddd', 'bb', 'a', 'ccc']);
  });
});
