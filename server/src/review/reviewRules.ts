import type { ReviewRoundStatus } from '@ideasphere/shared';
import type { AssignmentRecord, ReviewRoundRecord } from '../store/ReviewStore.js';

/**
 * Pure rules of a review round, which the service hands to `changeRound` so both stores decide
 * alike inside their atomic change.
 */

/** What an assignment needs to know about a subject: who may not review it, and why. */
export interface SubjectEligibility {
  subjectId: string;
  /** Reviewers from one of its organisations or on its team. */
  excluded: ReadonlySet<string>;
}

export type EligibilityRefusal = 'not_in_pool' | 'excluded' | 'conflict';

/** Why a reviewer may not review a subject in this round, or null when they may. */
export function ineligibility(round: ReviewRoundRecord, subject: SubjectEligibility, reviewerId: string): EligibilityRefusal | null {
  if (!round.reviewerIds.includes(reviewerId)) return 'not_in_pool';
  if (subject.excluded.has(reviewerId)) return 'excluded';
  if (round.conflicts.some((c) => c.subjectId === subject.subjectId && c.reviewerId === reviewerId)) return 'conflict';
  return null;
}

const isAssigned = (round: Pick<ReviewRoundRecord, 'assignments'>, subjectId: string, reviewerId: string) =>
  round.assignments.some((a) => a.subjectId === subjectId && a.reviewerId === reviewerId);

/**
 * Fills every subject up to `reviewersPerSubmission` eligible reviewers, load balanced: each
 * place goes to the eligible reviewer with the fewest assignments in the round so far (ties:
 * the one added to the pool first), subjects in the order given (oldest first). Existing
 * assignments stay. Returns only the new assignments.
 */
export function autoAssignments(round: ReviewRoundRecord, subjects: readonly SubjectEligibility[], now: Date): AssignmentRecord[] {
  const load = new Map(round.reviewerIds.map((id) => [id, 0]));
  for (const a of round.assignments) if (load.has(a.reviewerId)) load.set(a.reviewerId, (load.get(a.reviewerId) ?? 0) + 1);
  const added: AssignmentRecord[] = [];
  const current = { assignments: [...round.assignments] };
  for (const subject of subjects) {
    let need = round.reviewersPerSubmission - current.assignments.filter((a) => a.subjectId === subject.subjectId).length;
    const candidates = round.reviewerIds
      .filter((id) => ineligibility(round, subject, id) === null && !isAssigned(current, subject.subjectId, id))
      .map((id, poolIndex) => ({ id, poolIndex }));
    while (need > 0 && candidates.length > 0) {
      candidates.sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.poolIndex - b.poolIndex);
      const chosen = candidates.shift();
      if (!chosen) break;
      const assignment: AssignmentRecord = { subjectId: subject.subjectId, reviewerId: chosen.id, assignedAt: now, by: 'auto' };
      current.assignments.push(assignment);
      added.push(assignment);
      load.set(chosen.id, (load.get(chosen.id) ?? 0) + 1);
      need--;
    }
  }
  return added;
}

/** The legal steps of a round: a closed round may open again (a late review). */
export const ROUND_TRANSITIONS: Readonly<Record<ReviewRoundStatus, readonly ReviewRoundStatus[]>> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['open'],
};

/** Why a scorecard's scores are refused, or null. A draft may leave criteria out; a submission may not. */
export function scoresRefusal(
  criterionIds: readonly string[],
  scale: { min: number; max: number },
  scores: Readonly<Record<string, number>>,
  submit: boolean,
): 'review_score_out_of_scale' | 'review_scores_incomplete' | 'unknown_criterion' | null {
  for (const [id, score] of Object.entries(scores)) {
    if (!criterionIds.includes(id)) return 'unknown_criterion';
    if (score < scale.min || score > scale.max) return 'review_score_out_of_scale';
  }
  if (submit && criterionIds.some((id) => scores[id] === undefined)) return 'review_scores_incomplete';
  return null;
}
