import { describe, expect, it } from 'vitest';
import { combineScores } from './combineScores.js';

describe('combineScores', () => {
  it('matches a hand-computed fixture: jury 60 %, audience 40 %', () => {
    // Votes 30 / 10 / 0 of 40: shares .75, .25, 0.
    // A: .6 × .50 + .4 × .75 = .30 + .30 = .60
    // B: .6 × .90 + .4 × .25 = .54 + .10 = .64
    // C: .6 × .80 + .4 × 0   = .48
    // D: unscored (0) + .4 × 0 = 0
    const ranking = combineScores(
      'cat',
      [
        { nominationId: 'A', nomineeName: 'Ann', juryScore: 0.5, audienceVotes: 30 },
        { nominationId: 'B', nomineeName: 'Bo', juryScore: 0.9, audienceVotes: 10 },
        { nominationId: 'C', nomineeName: 'Cy', juryScore: 0.8, audienceVotes: 0 },
        { nominationId: 'D', nomineeName: 'Di', juryScore: null, audienceVotes: 0 },
      ],
      60,
      2,
    );
    expect(ranking.juryWeight).toBe(60);
    expect(ranking.audienceWeight).toBe(40);
    expect(ranking.rows.map((r) => r.nominationId)).toEqual(['B', 'A', 'C', 'D']);
    expect(ranking.rows.map((r) => r.combined)).toEqual([expect.closeTo(0.64, 10), expect.closeTo(0.6, 10), expect.closeTo(0.48, 10), 0]);
    expect(ranking.rows.map((r) => r.audienceShare)).toEqual([0.25, 0.75, 0, 0]);
    expect(ranking.rows.map((r) => r.proposed)).toEqual([true, true, false, false]);
    expect(ranking.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
  });

  it('without an audience vote the jury counts 100 %; without jury scores the audience does', () => {
    const juryOnly = combineScores('c', [
      { nominationId: 'A', nomineeName: 'A', juryScore: 0.4, audienceVotes: null },
      { nominationId: 'B', nomineeName: 'B', juryScore: 0.7, audienceVotes: null },
    ], 50, 1);
    expect([juryOnly.juryWeight, juryOnly.audienceWeight]).toEqual([100, 0]);
    expect(juryOnly.rows.map((r) => [r.nominationId, r.combined])).toEqual([['B', 0.7], ['A', 0.4]]);

    const audienceOnly = combineScores('c', [
      { nominationId: 'A', nomineeName: 'A', juryScore: null, audienceVotes: 1 },
      { nominationId: 'B', nomineeName: 'B', juryScore: null, audienceVotes: 3 },
    ], 50, 1);
    expect([audienceOnly.juryWeight, audienceOnly.audienceWeight]).toEqual([0, 100]);
    expect(audienceOnly.rows.map((r) => [r.nominationId, r.combined])).toEqual([['B', 0.75], ['A', 0.25]]);
  });

  it('breaks ties by audience votes, then by nomination order; a vote nobody voted in shares 0', () => {
    const tied = combineScores('c', [
      { nominationId: 'old', nomineeName: 'o', juryScore: 0.5, audienceVotes: 0 },
      { nominationId: 'new', nomineeName: 'n', juryScore: 0.5, audienceVotes: 0 },
    ], 70, 1);
    expect(tied.rows.map((r) => r.nominationId)).toEqual(['old', 'new']);
    expect(tied.rows.map((r) => r.audienceShare)).toEqual([0, 0]);
    expect(tied.rows[0]?.combined).toBeCloseTo(0.35, 10);
  });
});
