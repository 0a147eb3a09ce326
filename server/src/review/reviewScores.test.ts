import { describe, expect, it } from 'vitest';
import { roundResults, weightedScore, type Criterion, type Review } from './reviewScores.js';

// Worked out by hand (see the comments): criteria A 60 %, B 40 %, on a 1–10 scale.
const CRITERIA: Criterion[] = [
  { id: 'A', weight: 60 },
  { id: 'B', weight: 40 },
];
const SCALE = { min: 1, max: 10 };
const review = (reviewerId: string, submissionId: string, a: number, b: number): Review => ({ reviewerId, submissionId, scores: { A: a, B: b } });

// Harsh H, lenient L, middle M; each reviews two of three submissions.
const REVIEWS: Review[] = [
  review('H', 'S1', 4, 5), // 0.6·4 + 0.4·5 = 4.4
  review('H', 'S2', 2, 2), // 2.0
  review('L', 'S1', 9, 10), // 9.4
  review('L', 'S3', 8, 8), // 8.0
  review('M', 'S2', 5, 6), // 5.4
  review('M', 'S3', 7, 7), // 7.0
];

describe('review arithmetic', () => {
  it('weighs each criterion by its percentage', () => {
    expect(weightedScore(CRITERIA, { A: 4, B: 5 })).toBeCloseTo(4.4, 10);
    expect(() => weightedScore(CRITERIA, { A: 4 })).toThrow(/B is not scored/);
  });

  it('gives the mean, spread and disagreement of each submission', () => {
    const results = roundResults(CRITERIA, SCALE, ['S1', 'S2', 'S3', 'S4'], REVIEWS);
    // S1: (4.4 + 9.4) / 2 = 6.9, spread 5.0 > 0.3 · 9 = 2.7; S2: (2.0 + 5.4) / 2 = 3.7, spread 3.4;
    // S3: (8.0 + 7.0) / 2 = 7.5, spread 1.0; S4 has no review.
    expect(results.map((r) => [r.submissionId, r.reviews, r.mean, r.spread, r.disagreement])).toEqual([
      ['S1', 2, expect.closeTo(6.9, 10), expect.closeTo(5.0, 10), true],
      ['S2', 2, expect.closeTo(3.7, 10), expect.closeTo(3.4, 10), true],
      ['S3', 2, expect.closeTo(7.5, 10), expect.closeTo(1.0, 10), false],
      ['S4', 0, null, 0, false],
    ]);
  });

  it('corrects harsh and lenient reviewers with per-reviewer z-scores', () => {
    // H: μ 3.2, σ 1.2 → S1 +1, S2 −1.  L: μ 8.7, σ 0.7 → S1 +1, S3 −1.  M: μ 6.2, σ 0.8 → S2 −1, S3 +1.
    // Mean z: S1 +1, S2 −1, S3 0. All six reviews: μ 6.0333…, σ 2.431506… (population).
    const [s1, s2, s3] = roundResults(CRITERIA, SCALE, ['S1', 'S2', 'S3'], REVIEWS);
    expect(s1?.normalised).toBeCloseTo(8.464839, 5);
    expect(s2?.normalised).toBeCloseTo(3.601827, 5);
    expect(s3?.normalised).toBeCloseTo(6.033333, 5);
    // The plain mean ranks S3 above S1 only by the lenient reviewer's 9.4; corrected, S1 leads:
    // both its reviewers liked it more than anything else they read.
    expect((s1?.normalised ?? 0) > (s3?.normalised ?? 0)).toBe(true);
    expect((s3?.mean ?? 0) > (s1?.mean ?? 0)).toBe(true);
  });

  it('leaves reviewers with one review, or one score for everything, uncorrected (z = 0)', () => {
    const reviews = [review('N', 'S1', 10, 10), review('C', 'S1', 6, 6), review('C', 'S2', 6, 6)];
    // All three reviews: 10, 6, 6 → μ 7.3333…; N has one review, C gave the same to both: every z is 0.
    const results = roundResults(CRITERIA, SCALE, ['S1', 'S2'], reviews);
    expect(results.map((r) => r.normalised)).toEqual([expect.closeTo(22 / 3, 10), expect.closeTo(22 / 3, 10)]);
    expect(results[0]?.mean).toBeCloseTo(8, 10);
  });

  it('ignores reviews of submissions not in the round', () => {
    const [only] = roundResults(CRITERIA, SCALE, ['S3'], REVIEWS);
    // Only L's 8.0 and M's 7.0 count: L and M have one review each here, so no correction.
    expect(only).toMatchObject({ reviews: 2, mean: 7.5, normalised: 7.5 });
  });
});
