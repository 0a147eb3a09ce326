/**
 * Review rounds: experts score submissions (a challenge's responses, an award category's
 * nominations) on weighted criteria. docs/review.md explains rounds, assignment, blind rules
 * and the arithmetic; docs/protocol.md ("Review") has the routes.
 */
import type { AccountRef } from '../responses/responseModel.js';

/** What a round judges: a challenge's responses or an award category's nominations. */
export const REVIEW_SCOPE_KINDS = ['challenge', 'award_category'] as const;
export type ReviewScopeKind = (typeof REVIEW_SCOPE_KINDS)[number];

/**
 * Where a scope lives on the platform, for the owner's link back to it: a challenge is its own
 * page; an award category lives on its programme's page (a category id alone names no page).
 */
export type ReviewScopeHome = { kind: 'challenge'; id: string } | { kind: 'award_programme'; id: string };

/** The owner's decision on a submission. The latest decision over every round counts. */
export const REVIEW_DECISIONS = ['advance', 'decline', 'award'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** A round is built as a draft, opened to its reviewers, then closed (results stay). */
export const REVIEW_ROUND_STATUSES = ['draft', 'open', 'closed'] as const;
export type ReviewRoundStatus = (typeof REVIEW_ROUND_STATUSES)[number];

/** A reviewer's scorecard: saved as a draft, then submitted (the review counts). */
export const SCORECARD_STATUSES = ['draft', 'submitted'] as const;
export type ScorecardStatus = (typeof SCORECARD_STATUSES)[number];

export const REVIEW_ROUND_NAME_MAX_CHARS = 80;
/** Rounds one challenge or category keeps. */
export const REVIEW_ROUNDS_PER_SCOPE_MAX = 20;
/** Accounts in one round's reviewer pool. */
export const REVIEW_REVIEWERS_MAX = 50;
/** Reviewers one submission may need (k). */
export const REVIEWERS_PER_SUBMISSION_MAX = 10;
/** The largest number a scale may reach (and the lowest is 0). */
export const REVIEW_SCALE_TOP = 100;
export const REVIEW_GUIDANCE_MAX_CHARS = 2000;
export const REVIEW_COMMENT_MAX_CHARS = 4000;
export const REVIEW_NOTE_MAX_CHARS = 2000;
export const REVIEW_FEEDBACK_MAX_CHARS = 4000;

/**
 * Whether a round is past its due date at `now` (ms): from the due instant on, reviewers'
 * scorecards are closed (`review_round_past_due`) until its owner moves the date later.
 */
export function isRoundPastDue(dueAt: string | Date | null, now: number): boolean {
  if (dueAt === null) return false;
  return (typeof dueAt === 'string' ? Date.parse(dueAt) : dueAt.getTime()) <= now;
}

export interface ReviewScale {
  min: number;
  max: number;
}

/** One criterion of a scorecard. */
export interface ReviewCriterionPublic {
  id: string;
  name: string;
  weight: number;
  /** The round's guidance for it (or the scope's own), may be empty. */
  guidance: string;
}

/** A round in its scope's list. */
export interface ReviewRoundSummary {
  id: string;
  scope: { kind: ReviewScopeKind; id: string };
  name: string;
  status: ReviewRoundStatus;
  blind: boolean;
  scale: ReviewScale;
  reviewersPerSubmission: number;
  dueAt: string | null;
  /** The due date has passed: scorecards are closed until the owner extends it. */
  pastDue: boolean;
  /** Assignments in all, and how many of them have a submitted review. */
  assigned: number;
  submitted: number;
}

/** `GET /api/review/scopes/:kind/:scopeId/rounds` */
export interface ReviewScopeRounds {
  scope: { kind: ReviewScopeKind; id: string; title: string; home: ReviewScopeHome };
  rounds: ReviewRoundSummary[];
}

export interface ReviewAssignmentPublic {
  subjectId: string;
  reviewerId: string;
  /** 'assigned': nothing saved yet. */
  status: 'assigned' | ScorecardStatus;
}

export interface ReviewConflictPublic {
  subjectId: string;
  reviewerId: string;
  declaredAt: string;
}

/** The owner's view of a round (owners are never blind). */
export interface ReviewRoundPublic extends ReviewRoundSummary {
  scopeTitle: string;
  /** Where the scope lives (the owner's way back past the scope's rounds). */
  scopeHome: ReviewScopeHome;
  guidance: string;
  criteria: ReviewCriterionPublic[];
  /** `overdue`: the round is past due (and open) and the reviewer has not submitted every review. */
  reviewers: { account: AccountRef; assigned: number; submitted: number; overdue: boolean }[];
  subjects: { id: string; title: string; authors: string[] }[];
  assignments: ReviewAssignmentPublic[];
  conflicts: ReviewConflictPublic[];
  /** Members of the scope's organisation, to add as reviewers with one click. */
  candidates: AccountRef[];
}

/** One assignment as its reviewer sees it: in a blind round the label is "#n", never a name. */
export interface MyReviewItem {
  subjectId: string;
  label: string;
  status: 'assigned' | ScorecardStatus;
}

/** A round on the reviewer's "My reviews" page, with their progress. */
export interface MyReviewRound {
  roundId: string;
  name: string;
  scopeTitle: string;
  status: ReviewRoundStatus;
  blind: boolean;
  dueAt: string | null;
  /** Past the due date: the reviewer's scorecards are closed. */
  pastDue: boolean;
  done: number;
  total: number;
  items: MyReviewItem[];
}

/** `GET /api/review/rounds/:roundId/subjects/:subjectId/scorecard`: what the reviewer reads and fills in. */
export interface ScorecardView {
  round: { id: string; name: string; status: ReviewRoundStatus; blind: boolean; scale: ReviewScale; guidance: string; dueAt: string | null; pastDue: boolean; scopeTitle: string };
  subject: { id: string; label: string; authors: string[] | null; markdown: string };
  criteria: ReviewCriterionPublic[];
  review: { scores: Record<string, number>; comment: string; note: string; status: ScorecardStatus; submittedAt: string | null } | null;
  /** The round is open and not past due: the scorecard may be saved. */
  editable: boolean;
}

export interface ReviewDecisionPublic {
  decision: ReviewDecision;
  feedback: string;
  decidedAt: string;
  decidedBy: AccountRef;
}

/** One submission's line of a round's results (owners only). */
export interface ReviewResultRow {
  subjectId: string;
  title: string;
  authors: string[];
  reviews: number;
  mean: number | null;
  normalised: number | null;
  spread: number;
  disagreement: boolean;
  /** 1-based rank by normalised score (ties share); null without reviews. */
  rank: number | null;
  shortlisted: boolean;
  decision: ReviewDecisionPublic | null;
  /** Comments for the team and private notes for the owner, of submitted reviews. */
  comments: { reviewer: AccountRef; comment: string; note: string }[];
}

/** `GET /api/review/rounds/:roundId/results`, sorted by normalised score, best first. */
export interface ReviewResults {
  round: ReviewRoundSummary;
  rows: ReviewResultRow[];
}

/** `GET /api/review/responses/:responseId/feedback`: what the team is told, per decided round. */
export interface SubjectFeedback {
  items: { roundName: string; decision: ReviewDecision; feedback: string; decidedAt: string; comments: string[] }[];
}
