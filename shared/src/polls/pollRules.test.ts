import { describe, expect, it } from 'vitest';
import { quizPoints, type PollPublic } from './pollModel.js';
import { answerFits, answerRefusal, resultsVisibleToAudience } from './pollRules.js';

const options = [
  { id: 'o0', text: 'A' },
  { id: 'o1', text: 'B' },
  { id: 'o2', text: 'C' },
];

describe('answerFits', () => {
  it('takes one known option of a single choice, several only when multiple', () => {
    const single = { kind: 'choice', options, multiple: false, scaleMax: 5 } as const;
    expect(answerFits(single, { kind: 'choice', optionIds: ['o1'] })).toBe(true);
    expect(answerFits(single, { kind: 'choice', optionIds: ['o1', 'o2'] })).toBe(false);
    expect(answerFits({ ...single, multiple: true }, { kind: 'choice', optionIds: ['o1', 'o2'] })).toBe(true);
    expect(answerFits({ ...single, multiple: true }, { kind: 'choice', optionIds: ['o1', 'o1'] })).toBe(false);
    expect(answerFits(single, { kind: 'choice', optionIds: ['o7'] })).toBe(false);
    expect(answerFits(single, { kind: 'rating', rating: 1 })).toBe(false);
  });

  it('takes a rating on the scale, a whole ranking, a known quiz option', () => {
    expect(answerFits({ kind: 'rating', options: [], multiple: false, scaleMax: 5 }, { kind: 'rating', rating: 5 })).toBe(true);
    expect(answerFits({ kind: 'rating', options: [], multiple: false, scaleMax: 5 }, { kind: 'rating', rating: 6 })).toBe(false);
    const ranking = { kind: 'ranking', options, multiple: false, scaleMax: 5 } as const;
    expect(answerFits(ranking, { kind: 'ranking', optionIds: ['o2', 'o0', 'o1'] })).toBe(true);
    expect(answerFits(ranking, { kind: 'ranking', optionIds: ['o2', 'o0'] })).toBe(false);
    expect(answerFits(ranking, { kind: 'ranking', optionIds: ['o2', 'o2', 'o1'] })).toBe(false);
    expect(answerFits({ kind: 'quiz', options, multiple: false, scaleMax: 5 }, { kind: 'quiz', optionId: 'o2' })).toBe(true);
    expect(answerFits({ kind: 'quiz', options, multiple: false, scaleMax: 5 }, { kind: 'quiz', optionId: 'o3' })).toBe(false);
  });
});

describe('answerRefusal', () => {
  it('refuses drafts and closed polls, and answers after the deadline', () => {
    expect(answerRefusal({ status: 'draft', closesAtMs: null }, 0)).toBe('poll_not_open');
    expect(answerRefusal({ status: 'closed', closesAtMs: null }, 0)).toBe('poll_not_open');
    expect(answerRefusal({ status: 'open', closesAtMs: 1_000 }, 1_000)).toBeNull();
    expect(answerRefusal({ status: 'open', closesAtMs: 1_000 }, 1_001)).toBe('poll_deadline_passed');
    expect(answerRefusal({ status: 'open', closesAtMs: null }, 9e12)).toBeNull();
  });
});

describe('resultsVisibleToAudience', () => {
  const poll = (patch: Partial<PollPublic>) => ({ status: 'open', resultsShown: true, resultMode: 'live', ...patch }) as const;
  it('shows live results once shown, and hidden-until-close ones only after closing', () => {
    expect(resultsVisibleToAudience(poll({}))).toBe(true);
    expect(resultsVisibleToAudience(poll({ resultsShown: false }))).toBe(false);
    expect(resultsVisibleToAudience(poll({ resultMode: 'afterClose' }))).toBe(false);
    expect(resultsVisibleToAudience(poll({ resultMode: 'afterClose', status: 'closed' }))).toBe(true);
    expect(resultsVisibleToAudience(poll({ status: 'draft' }))).toBe(false);
  });
});

describe('quizPoints', () => {
  it('gives nothing for a wrong answer and 500 to 1,000 for a right one, more when faster', () => {
    expect(quizPoints(false, 0, 20_000, 0)).toBe(0);
    expect(quizPoints(true, 0, 20_000, 0)).toBe(1_000);
    expect(quizPoints(true, 0, 20_000, 10_000)).toBe(750);
    expect(quizPoints(true, 0, 20_000, 20_000)).toBe(500);
    expect(quizPoints(true, 0, 20_000, 5_000)).toBeGreaterThan(quizPoints(true, 0, 20_000, 6_000));
  });
});
