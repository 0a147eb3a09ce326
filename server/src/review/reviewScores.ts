/**
 * The arithmetic of a review round, kept pure so a test can check it against numbers worked
 * out by hand (reviewScores.test.ts). docs/review.md explains it for the people who read the
 * results.
 *
 * - A review's **weighted score** is Σ weight × score / 100 over the criteria (weights sum to
 *   100), on the round's scale.
 * - A submission's **mean** is the plain mean of its reviews' weighted scores; its **spread** is
 *   the highest minus the lowest of them.
 * - **Normalised** corrects harsh and lenient reviewers: each review becomes a z-score against
 *   its reviewer's own reviews in the round, z = (x − μᵣ) / σᵣ (population standard deviation).
 *   A reviewer with fewer than MIN_REVIEWS_TO_NORMALISE reviews, or who gave every submission
 *   the same score (σᵣ = 0), tells nothing about their leniency: their reviews count as z = 0,
 *   "as the reviewer's average". A submission's normalised score is the mean z of its reviews,
 *   put back on the scale as μ + z̄ × σ over all reviews of the round, so it reads like a score.
 * - **Disagreement** is flagged where the spread exceeds DISAGREEMENT_SHARE of the scale's range.
 */

/** A reviewer needs this many reviews in a round before their leniency is corrected. */
export const MIN_REVIEWS_TO_NORMALISE = 2;
/** Reviews further apart than this share of the scale's range disagree strongly. */
export const DISAGREEMENT_SHARE = 0.3;

export interface Criterion {
  id: string;
  /** Integer percent; a round's criteria sum to 100. */
  weight: number;
}

export interface Scale {
  min: number;
  max: number;
}

/** One reviewer's scores of one submission, per criterion id. */
export interface Review {
  reviewerId: string;
  submissionId: string;
  scores: Record<string, number>;
}

export interface SubmissionResult {
  submissionId: string;
  reviews: number;
  /** Mean of the weighted scores; null without reviews. */
  mean: number | null;
  /** The mean corrected for each reviewer's leniency, on the scale; null without reviews. */
  normalised: number | null;
  /** Highest minus lowest weighted score; 0 with fewer than two reviews. */
  spread: number;
  disagreement: boolean;
}

/** Σ weight × score / 100: the review's score on the scale. Every criterion must be scored. */
export function weightedScore(criteria: readonly Criterion[], scores: Record<string, number>): number {
  let total = 0;
  for (const criterion of criteria) {
    const score = scores[criterion.id];
    if (score === undefined) throw new Error(`criterion ${criterion.id} is not scored`);
    total += criterion.weight * score;
  }
  return total / 100;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function standardDeviation(values: readonly number[], around: number): number {
  return Math.sqrt(mean(values.map((value) => (value - around) ** 2)));
}

/**
 * Results per submission, in the order of `submissionIds` (submissions without reviews
 * included, with null scores). Reviews of submissions not listed are ignored.
 */
export function roundResults(criteria: readonly Criterion[], scale: Scale, submissionIds: readonly string[], reviews: readonly Review[]): SubmissionResult[] {
  const listed = new Set(submissionIds);
  const scored = reviews.filter((review) => listed.has(review.submissionId)).map((review) => ({ ...review, weighted: weightedScore(criteria, review.scores) }));

  const byReviewer = new Map<string, number[]>();
  for (const review of scored) byReviewer.set(review.reviewerId, [...(byReviewer.get(review.reviewerId) ?? []), review.weighted]);
  const leniency = new Map<string, { mu: number; sigma: number } | null>();
  for (const [reviewerId, values] of byReviewer) {
    const mu = mean(values);
    const sigma = standardDeviation(values, mu);
    leniency.set(reviewerId, values.length >= MIN_REVIEWS_TO_NORMALISE && sigma > 0 ? { mu, sigma } : null);
  }
  const all = scored.map((review) => review.weighted);
  const overallMean = all.length > 0 ? mean(all) : 0;
  const overallSigma = all.length > 0 ? standardDeviation(all, overallMean) : 0;
  const threshold = DISAGREEMENT_SHARE * (scale.max - scale.min);

  return submissionIds.map((submissionId): SubmissionResult => {
    const own = scored.filter((review) => review.submissionId === submissionId);
    if (own.length === 0) return { submissionId, reviews: 0, mean: null, normalised: null, spread: 0, disagreement: false };
    const values = own.map((review) => review.weighted);
    const z = own.map((review) => {
      const reviewer = leniency.get(review.reviewerId);
      return reviewer ? (review.weighted - reviewer.mu) / reviewer.sigma : 0;
    });
    const spread = Math.max(...values) - Math.min(...values);
    return {
      submissionId,
      reviews: own.length,
      mean: mean(values),
      normalised: overallMean + mean(z) * overallSigma,
      spread,
      disagreement: spread > threshold,
    };
  });
}
