/**
 * Audience Q&A: questions phones ask into a track, upvote once each, and the facilitator
 * approves, highlights, answers, archives, edits and merges. Pure types and rules both sides use.
 */

/**
 * Where a question stands. `pending`: waiting for approval (pre-moderation); `held`: matched a
 * banned word, waiting for review; `visible`: on every phone and screen; `hidden`: removed by the
 * facilitator; `archived`: done with, kept for the export. Only `visible` ones reach the audience.
 */
export const QUESTION_STATUSES = ['visible', 'pending', 'held', 'hidden', 'archived'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** What the facilitator may do to a question with `question:moderate`. */
export const QUESTION_ACTIONS = ['approve', 'hide', 'archive', 'restore', 'answered', 'unanswered'] as const;
export type QuestionAction = (typeof QUESTION_ACTIONS)[number];

/** The track every session has without creating it: its name is the client's ("Main"). */
export const QA_MAIN_TRACK_ID = 'main';

/** The facilitator's settings of a session's Q&A. */
export interface QaSettings {
  /** Phones may ask and upvote; when closed the list stays readable. */
  open: boolean;
  /** A phone may ask without its name (the session's `anonymous` hides every name anyway). */
  anonymousAllowed: boolean;
  /** New questions wait for approval before others see them. */
  preModeration: boolean;
}

export function defaultQaSettings(): QaSettings {
  return { open: true, anonymousAllowed: true, preModeration: false };
}

/** A Q&A track: the main one, or one per venue or talk. */
export interface QaTrackPublic {
  id: string;
  /** Empty for the main track until renamed: clients show their own word for it. */
  name: string;
  /** The venue whose phones and screens open this track first; null: none. */
  venueId: string | null;
  /** The question being answered now, shown big on screens; null: none. */
  highlightedId: string | null;
}

/** A question as a phone, screen or console sees it. */
export interface QuestionPublic {
  id: string;
  trackId: string;
  text: string;
  /** The asker; null when asked anonymously or the session is anonymous (the console always sees it). */
  author: { id: string; name: string } | null;
  /** Asked without a name (the console shows that it was). */
  anonymous: boolean;
  status: QuestionStatus;
  answered: boolean;
  upvotes: number;
  /** The facilitator corrected the text. */
  edited: boolean;
  createdAt: string;
}

/** Changes to a session's Q&A, batched: what arrived or changed, what left, new counts. */
export interface QaDelta {
  /** The session version this delta brings its receiver up to (absent on an asker's own frame). */
  version?: number;
  questions: QuestionPublic[];
  removedQuestionIds: string[];
  /** Question id → upvotes, for questions not in `questions`. */
  upvotes: Record<string, number>;
  tracks: QaTrackPublic[];
}

/** `qa:snapshot`: the whole Q&A as the sender may see it. */
export interface QaSnapshot {
  version: number;
  settings: QaSettings;
  tracks: QaTrackPublic[];
  questions: QuestionPublic[];
  /** A phone's own: the questions it asked (any status) and those it upvoted. Empty for others. */
  mine: string[];
  myUpvotes: string[];
}

/** `qa:catchUp`: what changed since a version, or `reload` when a snapshot is as cheap. */
export type QaCatchUp =
  | { kind: 'reload' }
  | { kind: 'changes'; version: number; settings: QaSettings; delta: QaDelta; mine: string[]; myUpvotes: string[] };

/** `qa:rotateModeratorLink` ack: a new moderator link (the old one stops working); shown once. */
export interface ModeratorLink {
  moderatorToken: string;
  moderatorUrl: string;
}

/** `question:upvote` ack. */
export interface UpvoteResult {
  questionId: string;
  upvoted: boolean;
  upvotes: number;
}

/** The order a list is shown in. */
export type QuestionOrder = 'popular' | 'recent';

/**
 * Questions in display order: unanswered before answered; then most upvotes (ties: older first)
 * or newest first.
 */
export function sortQuestions<Q extends Pick<QuestionPublic, 'id' | 'answered' | 'upvotes' | 'createdAt'>>(questions: readonly Q[], order: QuestionOrder): Q[] {
  return [...questions].sort((a, b) => {
    if (a.answered !== b.answered) return a.answered ? 1 : -1;
    if (order === 'popular' && a.upvotes !== b.upvotes) return b.upvotes - a.upvotes;
    const byTime = a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;
    return order === 'popular' ? byTime : -byTime;
  });
}
