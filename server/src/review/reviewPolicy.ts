import type { ReviewRoundRecord } from '../store/ReviewStore.js';
import { errors } from '../errors.js';

/** What the policy needs to know about the actor and a round (gathered by the service). */
export interface ReviewFacts {
  /** The scope's source says the actor manages it (owners are never blind). */
  canManage: boolean;
  /** The actor may see the scope at all (its title is theirs to know). */
  canSeeScope: boolean;
  /** The actor is in the round's reviewer pool. */
  inPool: boolean;
}

/** Everything on review an actor may ask to do. */
export type ReviewAction =
  /** Build and change rounds, assign, read results and decide. */
  | { kind: 'round:manage'; round: ReviewRoundRecord | null }
  /** Read and fill in one's scorecard of a subject. */
  | { kind: 'subject:score'; round: ReviewRoundRecord; subjectId: string; reviewerId: string }
  /** Declare a conflict with a subject (any subject of the round, assigned or not). */
  | { kind: 'subject:conflict'; round: ReviewRoundRecord };

export type ReviewVerdict = null | 'sign_in_required' | 'role_forbidden' | 'review_round_not_found' | 'review_not_assigned';

/**
 * The review domain's one policy. A round the actor has no part in is not found rather than
 * forbidden (someone who only sees the challenge learns nothing of its rounds but "not yours");
 * reviewers see a round only once it is open, and only what is assigned to them.
 */
export function judgeReview(facts: ReviewFacts, action: ReviewAction): ReviewVerdict {
  switch (action.kind) {
    case 'round:manage':
      if (facts.canManage) return null;
      return facts.inPool || (action.round === null && facts.canSeeScope) ? 'role_forbidden' : 'review_round_not_found';
    case 'subject:score': {
      if (!facts.inPool || action.round.status === 'draft') return facts.canManage ? 'review_not_assigned' : 'review_round_not_found';
      const assigned = action.round.assignments.some((a) => a.subjectId === action.subjectId && a.reviewerId === action.reviewerId);
      return assigned ? null : 'review_not_assigned';
    }
    case 'subject:conflict':
      if (facts.inPool && action.round.status !== 'draft') return null;
      return facts.canManage ? 'review_not_assigned' : 'review_round_not_found';
  }
}

/** Throws the refusal for an action the policy does not allow. */
export function authorizeReview(facts: ReviewFacts, action: ReviewAction): void {
  const verdict = judgeReview(facts, action);
  switch (verdict) {
    case null:
      return;
    case 'sign_in_required':
      throw errors.signInRequired();
    case 'role_forbidden':
      throw errors.forbidden('manage this review');
    case 'review_round_not_found':
      throw errors.reviewRoundNotFound();
    case 'review_not_assigned':
      throw errors.reviewNotAssigned();
  }
}
