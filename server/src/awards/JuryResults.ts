import type { ReviewService } from '../review/ReviewService.js';

/**
 * The jury's side of an award category's result, read from the review machinery (review rounds
 * over the `award_category` scope, see `nominationSubjects.ts`). Injected, so the awards never
 * read review records themselves and tests pass a fake.
 */
export interface JuryResults {
  /** nomination id → the normalised jury score scaled to 0..1, or null when nobody scored it. */
  scoresFor(categoryId: string): Promise<Map<string, number | null>>;
}

/**
 * The jury's scores from the review rounds over a category (scope `award_category`): the newest
 * round past its draft counts; a nomination's normalised score is put on 0..1 by the round's
 * scale (clamped: a normalised score can land just outside it).
 */
export function reviewJuryResults(review: Pick<ReviewService, 'resultsForScope'>): JuryResults {
  return {
    async scoresFor(categoryId) {
      const rounds = await review.resultsForScope({ kind: 'award_category', id: categoryId });
      const latest = rounds.at(-1);
      const scores = new Map<string, number | null>();
      if (!latest) return scores;
      const { scaleMin, scaleMax } = latest.round;
      for (const result of latest.results) {
        scores.set(result.submissionId, result.normalised === null ? null : Math.min(1, Math.max(0, (result.normalised - scaleMin) / (scaleMax - scaleMin))));
      }
      return scores;
    },
  };
}
