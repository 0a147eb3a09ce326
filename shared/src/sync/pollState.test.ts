import { describe, expect, it } from 'vitest';
import type { PollResults } from '../polls/pollModel.js';
import { currentPoll, initialPollState, orderedPolls, pollReducer } from './pollState.js';
import { poll } from './testing.js';

const results = (pollId: string, answered: number): PollResults => ({ pollId, answered, counts: {}, ratings: [], average: null, ranking: [], words: [], leaderboard: [] });

describe('pollReducer', () => {
  it('loads a snapshot, applies deltas (upserts, removals, results, counts) and a phone’s own answer', () => {
    let state = pollReducer(initialPollState, {
      type: 'snapshot',
      snapshot: { polls: [poll('b', { position: 1 }), poll('a')], results: [results('a', 2)], mine: {}, present: 3 },
    });
    expect(state.loaded).toBe(true);
    expect(orderedPolls(state).map((p) => p.id)).toEqual(['a', 'b']);
    expect(state.answered.get('a')).toBe(2);
    state = pollReducer(state, { type: 'delta', delta: { polls: [poll('b', { status: 'open', openedAt: '2024-01-01T00:00:00Z' })], removedPollIds: ['a'], results: [results('b', 1)], answered: { b: 1 }, present: 4 } });
    expect([...state.polls.keys()]).toEqual(['b']);
    expect(state.results.has('a')).toBe(false);
    expect(state.present).toBe(4);
    expect(currentPoll(state)?.id).toBe('b');
    state = pollReducer(state, { type: 'answered', pollId: 'b', answer: { kind: 'choice', optionIds: ['o0'] } });
    expect(state.mine.get('b')).toEqual({ kind: 'choice', optionIds: ['o0'] });
  });

  it('takes the live poll as current, else the one closed last, never a draft', () => {
    const state = pollReducer(initialPollState, {
      type: 'snapshot',
      snapshot: {
        polls: [poll('old', { status: 'closed', openedAt: '2024-01-01T00:00:00Z' }), poll('last', { status: 'closed', openedAt: '2024-01-02T00:00:00Z' }), poll('draft')],
        results: [],
        mine: {},
        present: 0,
      },
    });
    expect(currentPoll(state)?.id).toBe('last');
    expect(currentPoll(pollReducer(initialPollState, { type: 'snapshot', snapshot: { polls: [poll('draft')], results: [], mine: {}, present: 0 } }))).toBeNull();
  });
});
