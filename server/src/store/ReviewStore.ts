import type { ReviewDecision, ReviewRoundStatus, ReviewScopeKind, ScorecardStatus } from '@ideasphere/shared';

/** One reviewer assigned to one subject. */
export interface AssignmentRecord {
  subjectId: string;
  reviewerId: string;
  assignedAt: Date;
  /** By the owner's hand, or filled by automatic assignment. */
  by: 'hand' | 'auto';
}

/** A conflict of interest a reviewer declared: they never review that subject in this round. */
export interface ConflictRecord {
  subjectId: string;
  reviewerId: string;
  declaredAt: Date;
}

/**
 * A review round as stored: settings, the reviewer pool, assignments, conflicts and the
 * shortlist in one record (bounded by `REVIEW_REVIEWERS_MAX` and the scope's subjects), so a
 * change to any of them is one atomic `changeRound`.
 */
export interface ReviewRoundRecord {
  id: string;
  scopeKind: ReviewScopeKind;
  scopeId: string;
  name: string;
  scaleMin: number;
  scaleMax: number;
  blind: boolean;
  reviewersPerSubmission: number;
  dueAt: Date | null;
  guidance: string;
  /** criterion id → the owner's guidance for it in this round. */
  criterionGuidance: Record<string, string>;
  status: ReviewRoundStatus;
  /** The reviewer pool, in the order they were added. */
  reviewerIds: string[];
  assignments: AssignmentRecord[];
  conflicts: ConflictRecord[];
  /** Subject ids the owner shortlisted. */
  shortlist: string[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** Bumped by every change: MongoDB's compare-and-swap key. */
  revision: number;
}

/** One reviewer's scorecard of one subject in one round; unique per (round, subject, reviewer). */
export interface ScorecardRecord {
  roundId: string;
  subjectId: string;
  reviewerId: string;
  /** criterion id → score on the round's scale (a draft may leave criteria out). */
  scores: Record<string, number>;
  /** For the team. */
  comment: string;
  /** For the owner only. */
  note: string;
  status: ScorecardStatus;
  updatedAt: Date;
  submittedAt: Date | null;
}

/** The owner's decision on one subject in one round; unique per (round, subject), a later one replaces it. */
export interface DecisionRecord {
  roundId: string;
  scopeKind: ReviewScopeKind;
  scopeId: string;
  subjectId: string;
  decision: ReviewDecision;
  feedback: string;
  decidedBy: string;
  decidedAt: Date;
}

/** What a change of a round decided: the record to store, or why nothing changes. */
export type RoundChange<R extends string> = { ok: true; record: ReviewRoundRecord } | { ok: false; reason: R };

/**
 * Review rounds, scorecards and decisions: `store.reviews`, in `LmdbReviews` and
 * `MongoReviews`; `reviews.contract.ts` tests both alike.
 */
export interface ReviewStore {
  /** StoreConflictError if the id is taken. */
  createRound(round: ReviewRoundRecord): Promise<void>;
  getRound(id: string): Promise<ReviewRoundRecord | null>;
  /** A scope's rounds, oldest first. */
  listRoundsOfScope(scopeKind: ReviewScopeKind, scopeId: string): Promise<ReviewRoundRecord[]>;
  /** Rounds whose reviewer pool holds the account, oldest first. */
  listRoundsOfReviewer(accountId: string): Promise<ReviewRoundRecord[]>;
  /**
   * Changes a round atomically: `decide` (pure, never throws) gets the current record and
   * returns the next one or a refusal; nobody else's change lands in between. The store bumps
   * `revision` and keeps `id`, `scopeKind` and `scopeId`.
   */
  changeRound<R extends string>(id: string, decide: (current: ReviewRoundRecord) => RoundChange<R>): Promise<RoundChange<R | 'review_round_not_found'>>;

  /** Inserts or replaces the scorecard of (round, subject, reviewer). */
  putScorecard(scorecard: ScorecardRecord): Promise<void>;
  getScorecard(roundId: string, subjectId: string, reviewerId: string): Promise<ScorecardRecord | null>;
  /** Every scorecard of a round (drafts too), in no particular order. */
  listScorecardsOfRound(roundId: string): Promise<ScorecardRecord[]>;
  deleteScorecard(roundId: string, subjectId: string, reviewerId: string): Promise<void>;

  /** Inserts or replaces the decision of (round, subject). */
  putDecision(decision: DecisionRecord): Promise<void>;
  listDecisionsOfRound(roundId: string): Promise<DecisionRecord[]>;
  /** Every decision on a subject over all rounds, oldest `decidedAt` first. */
  listDecisionsOfSubject(subjectId: string): Promise<DecisionRecord[]>;
}
