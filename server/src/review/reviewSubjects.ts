import type { ReviewScopeHome, ReviewScopeKind } from '@ideasphere/shared';
import type { Actor } from '../accounts/accountPolicy.js';

/**
 * What a review round judges, seen from the review machinery. A round belongs to one *scope*:
 * a challenge (its submitted responses are the subjects) or an award category (its nominations
 * are the subjects). Each scope kind plugs in one `SubjectSource`; the review service never
 * reads challenges or nominations itself, so review rounds, scorecards, results and blind mode
 * work alike for both.
 */

// The kinds live in shared (the routes' schemas name them); re-exported here for the sources.
export { REVIEW_SCOPE_KINDS, type ReviewScopeKind } from '@ideasphere/shared';

export interface ReviewScope {
  kind: ReviewScopeKind;
  id: string;
}

/** One criterion of the scorecard, from the scope (a challenge's weighted criteria). */
export interface SubjectCriterion {
  /** Stable within the scope. */
  id: string;
  name: string;
  /** Integer percent; a scope's criteria sum to 100. */
  weight: number;
  /** Guidance shown to reviewers beside the score; may be empty. */
  guidance: string;
}

/** One thing to review. */
export interface ReviewSubject {
  /** The response id or the nomination id. */
  id: string;
  title: string;
  /** Who made it: hidden from reviewers in a blind round. */
  authors: { accountId: string | null; name: string }[];
  /** Organisations the authors act for: nobody from them reviews it. Hidden in a blind round. */
  organisationIds: string[];
  /** Its text for the reviewer (Markdown of the frozen version, or the nomination's citation), with names left in; blind mode redacts. */
  markdown: string;
}

/** The scope's side of review: who may manage it, what it offers for review. */
export interface SubjectSource {
  kind: ReviewScopeKind;
  /** The scope's title (a challenge's, a category's), or null when the scope does not exist or the actor may not see it. */
  titleOf(scopeId: string, actor: Actor): Promise<string | null>;
  /** Where the scope lives on the platform (for the owners' link back), or null when it does not exist. */
  homeOf(scopeId: string): Promise<ReviewScopeHome | null>;
  /** Whether the actor may build rounds, assign reviewers, read results and decide in this scope. */
  canManage(scopeId: string, actor: Actor): Promise<boolean>;
  /** The organisation that owns the scope (its members are the natural reviewers). */
  organisationOf(scopeId: string): Promise<string | null>;
  criteria(scopeId: string): Promise<SubjectCriterion[]>;
  /** What is ready for review now (submitted responses, accepted nominations), oldest first. */
  listSubjects(scopeId: string): Promise<ReviewSubject[]>;
}
