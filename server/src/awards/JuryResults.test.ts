import { describe, expect, it } from 'vitest';
import type { ScopeRoundResults } from '../review/ReviewService.js';
import { reviewJuryResults } from './JuryResults.js';

function round(id: string, scaleMin: number, scaleMax: number, normalised: Record<string, number | null>): ScopeRoundResults {
  return {
    round: { id, scaleMin, scaleMax } as ScopeRoundResults['round'],
    results: Object.entries(normalised).map(([submissionId, value]) => ({ submissionId, reviews: value === null ? 0 : 2, mean: value, normalised: value, spread: 0, disagreement: false })),
  };
}

describe('reviewJuryResults', () => {
  it('puts the newest round’s normalised scores on 0..1 by its scale, clamped, unscored as null', async () => {
    const jury = reviewJuryResults({
      resultsForScope: async (scope) => {
        expect(scope).toEqual({ kind: 'award_category', id: 'cat1' });
        return [round('old', 1, 10, { a: 10 }), round('new', 1, 5, { a: 4, b: 1, c: 5.4, d: null })];
      },
    });
    expect(Object.fromEntries(await jury.scoresFor('cat1'))).toEqual({ a: 0.75, b: 0, c: 1, d: null });
  });

  it('has no scores without a round past its draft', async () => {
    const jury = reviewJuryResults({ resultsForScope: async () => [] });
    expect((await jury.scoresFor('cat1')).size).toBe(0);
  });
});
