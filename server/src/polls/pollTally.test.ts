import type { PollAnswerValue } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import type { PollAnswerRecord, PollRecord } from '../store/PollStore.js';
import { leaderboard, tallyPoll } from './pollTally.js';

const t0 = Date.UTC(2024, 0, 1);
const options = ['A', 'B', 'C'].map((text, i) => ({ id: `o${i}`, text }));

function poll(overrides: Partial<PollRecord>): PollRecord {
  return {
    id: 'poll-0001',
    sessionId: 'session-1',
    kind: 'choice',
    question: 'Q',
    options,
    multiple: false,
    scaleMax: 5,
    correctOptionId: null,
    durationSeconds: 20,
    resultMode: 'live',
    resultsShown: false,
    status: 'open',
    position: 0,
    openedAt: new Date(t0),
    closesAt: null,
    createdAt: new Date(t0),
    updatedAt: new Date(t0),
    ...overrides,
  };
}

function answers(pollId: string, values: PollAnswerValue[], atMs: number[] = []): PollAnswerRecord[] {
  return values.map((value, i) => ({
    sessionId: 'session-1',
    pollId,
    participantId: `p${i}`,
    clientId: `client-${i}xx`,
    value,
    answeredAt: new Date(atMs[i] ?? t0),
  }));
}

describe('tallyPoll', () => {
  it('counts each picked option of a multiple choice, options without answers at 0', () => {
    const results = tallyPoll(poll({ multiple: true }), answers('poll-0001', [
      { kind: 'choice', optionIds: ['o0', 'o1'] },
      { kind: 'choice', optionIds: ['o1'] },
    ]), 'en');
    expect(results.counts).toEqual({ o0: 1, o1: 2, o2: 0 });
    expect(results.answered).toBe(2);
  });

  it('counts ratings per score with their mean, and none as null', () => {
    const rated = tallyPoll(poll({ kind: 'rating', options: [], scaleMax: 4 }), answers('poll-0001', [
      { kind: 'rating', rating: 4 },
      { kind: 'rating', rating: 3 },
      { kind: 'rating', rating: 4 },
    ]), 'en');
    expect(rated.ratings).toEqual([0, 0, 1, 2]);
    expect(rated.average).toBe(3.67);
    expect(tallyPoll(poll({ kind: 'rating', options: [] }), [], 'en').average).toBeNull();
  });

  it('ranks by Borda count, ties in option order', () => {
    const ranked = tallyPoll(poll({ kind: 'ranking' }), answers('poll-0001', [
      { kind: 'ranking', optionIds: ['o2', 'o0', 'o1'] },
      { kind: 'ranking', optionIds: ['o2', 'o1', 'o0'] },
    ]), 'en');
    expect(ranked.ranking).toEqual([
      { optionId: 'o2', score: 6 },
      { optionId: 'o0', score: 3 },
      { optionId: 'o1', score: 3 },
    ]);
  });

  it('makes a word cloud where a word weighs one per author, without stop words', () => {
    const cloud = tallyPoll(poll({ kind: 'words', options: [] }), answers('poll-0001', [
      { kind: 'words', text: 'the coffee coffee' },
      { kind: 'words', text: 'coffee and tea' },
      { kind: 'words', text: '咖啡' },
    ]), 'en');
    expect(cloud.words[0]).toEqual({ word: 'coffee', weight: 2 });
    expect(cloud.words.map((w) => w.word)).not.toContain('the');
    expect(cloud.words.map((w) => w.word)).toContain('咖啡');
  });
});

describe('leaderboard', () => {
  it('sums quiz points over polls, faster correct answers first, wrong ones nothing', () => {
    const quiz1 = poll({ id: 'quiz-0001', kind: 'quiz', correctOptionId: 'o1', closesAt: new Date(t0 + 20_000) });
    const quiz2 = poll({ id: 'quiz-0002', kind: 'quiz', correctOptionId: 'o0', openedAt: new Date(t0 + 60_000), closesAt: new Date(t0 + 80_000) });
    const board = leaderboard(
      [
        { poll: quiz1, answers: answers(quiz1.id, [{ kind: 'quiz', optionId: 'o1' }, { kind: 'quiz', optionId: 'o1' }, { kind: 'quiz', optionId: 'o2' }], [t0 + 10_000, t0, t0]) },
        { poll: quiz2, answers: answers(quiz2.id, [{ kind: 'quiz', optionId: 'o0' }], [t0 + 60_000]) },
      ],
      new Map([['p0', 'Ana'], ['p1', 'Bo'], ['p2', 'Cy']]),
    );
    expect(board).toEqual([
      { participantId: 'p0', name: 'Ana', points: 750 + 1_000, correct: 2 },
      { participantId: 'p1', name: 'Bo', points: 1_000, correct: 1 },
      { participantId: 'p2', name: 'Cy', points: 0, correct: 0 },
    ]);
    // Two right answers 20 ms apart round to the same points: the faster one still leads.
    const close = leaderboard(
      [{ poll: quiz1, answers: answers(quiz1.id, [{ kind: 'quiz', optionId: 'o1' }, { kind: 'quiz', optionId: 'o1' }], [t0 + 1_020, t0 + 1_000]) }],
      null,
    );
    expect(close.map((entry) => [entry.participantId, entry.points])).toEqual([['p1', 975], ['p0', 975]]);
    expect(leaderboard([{ poll: quiz1, answers: [] }], null)).toEqual([]);
    expect(leaderboard([{ poll: quiz2, answers: answers(quiz2.id, [{ kind: 'quiz', optionId: 'o0' }]) }], null, 1)[0]?.name).toBeNull();
  });
});
