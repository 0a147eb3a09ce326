/**
 * Live polls: prepared by the facilitator, launched one at a time, answered once per
 * participant (changeable while open), with results shown or hidden. Pure types both sides use.
 */

/**
 * `choice`: one or several options; `rating`: a whole number from 1 to `scaleMax`; `ranking`:
 * every option in order; `words`: a short open text shown as a word cloud; `quiz`: one correct
 * option among several, with a countdown and points.
 */
export const POLL_KINDS = ['choice', 'rating', 'ranking', 'words', 'quiz'] as const;
export type PollKind = (typeof POLL_KINDS)[number];

/** `draft`: prepared, not yet launched; `open`: taking answers; `closed`: done with. */
export const POLL_STATUSES = ['draft', 'open', 'closed'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

/** When phones and screens see the results: while open (once shown) or only after closing. */
export const POLL_RESULT_MODES = ['live', 'afterClose'] as const;
export type PollResultMode = (typeof POLL_RESULT_MODES)[number];

export interface PollOption {
  id: string;
  text: string;
}

/** A poll as a phone, screen or console sees it. */
export interface PollPublic {
  id: string;
  kind: PollKind;
  question: string;
  /** Choice, ranking and quiz; empty for rating and words. */
  options: PollOption[];
  /** Choice only: several options may be picked. */
  multiple: boolean;
  /** Rating only: the top of the scale (the bottom is 1). */
  scaleMax: number;
  /** Quiz: the correct option; null for other kinds, and for phones and screens until closed. */
  correctOptionId: string | null;
  /** Quiz: seconds to answer once launched. */
  durationSeconds: number;
  resultMode: PollResultMode;
  /** The facilitator shows the results (in `afterClose` mode only once closed). */
  resultsShown: boolean;
  status: PollStatus;
  /** Place in the facilitator's list (0 first). */
  position: number;
  openedAt: string | null;
  /** Quiz: the server's deadline for answers; null without one. */
  closesAt: string | null;
}

/** A participant's answer, by kind. */
export type PollAnswerValue =
  | { kind: 'choice'; optionIds: string[] }
  | { kind: 'rating'; rating: number }
  | { kind: 'ranking'; optionIds: string[] }
  | { kind: 'words'; text: string }
  | { kind: 'quiz'; optionId: string };

/** One place on a quiz leaderboard. */
export interface LeaderboardEntry {
  participantId: string;
  /** Null when the session is anonymous. */
  name: string | null;
  points: number;
  correct: number;
}

/** What a poll's answers add up to; the part that matters depends on the kind. */
export interface PollResults {
  pollId: string;
  /** Participants who answered. */
  answered: number;
  /** Choice and quiz: answers per option id (multiple choice: each picked option counts). */
  counts: Record<string, number>;
  /** Rating: answers per score, index 0 is 1; and the mean (null without answers). */
  ratings: number[];
  average: number | null;
  /** Ranking: options by score, highest first (Borda count: last place 1 point, first n). */
  ranking: { optionId: string; score: number }[];
  /** Words: the cloud, heaviest first (a word weighs one per author). */
  words: { word: string; weight: number }[];
  /** Quiz: the session's leaderboard after this poll (every quiz poll so far), best first. */
  leaderboard: LeaderboardEntry[];
}

/** `poll:snapshot`: every poll the sender may see, and the results it may see. */
export interface PollSnapshot {
  /** The console: every poll; phones and screens: the open one and closed ones. */
  polls: PollPublic[];
  /** Results the sender may see now, by poll id. */
  results: PollResults[];
  /** A phone's own answers, by poll id. */
  mine: Record<string, PollAnswerValue>;
  /** Present participants (for "answered / present" on the console). */
  present: number;
}

/** `poll:delta`: what changed, batched per audience. */
export interface PollDelta {
  polls: PollPublic[];
  removedPollIds: string[];
  /** New results (those the receiver may see); `answered` counts go to the console even when hidden. */
  results: PollResults[];
  /** Console only: poll id → participants who answered (sent while results are hidden too). */
  answered: Record<string, number>;
  /** Console only: participants connected now, when `answered` is sent. */
  present?: number;
}

/** `poll:answer` ack. */
export interface PollAnswerResult {
  pollId: string;
  answer: PollAnswerValue;
  /** Quiz: when the answer was taken (points depend on it). */
  answeredAt: string;
}

/** Quiz points: a correct answer earns QUIZ_BASE_POINTS plus up to QUIZ_SPEED_POINTS for speed. */
export const QUIZ_BASE_POINTS = 500;
export const QUIZ_SPEED_POINTS = 500;

/**
 * Points of a quiz answer: nothing when wrong; when correct, QUIZ_BASE_POINTS plus
 * QUIZ_SPEED_POINTS × the share of the countdown still left when the (latest) answer reached
 * the server, rounded: an answer at the launch earns 1,000, one at the deadline 500.
 */
export function quizPoints(correct: boolean, openedAtMs: number, closesAtMs: number, answeredAtMs: number): number {
  if (!correct) return 0;
  const span = closesAtMs - openedAtMs;
  if (span <= 0) return QUIZ_BASE_POINTS;
  const left = Math.min(1, Math.max(0, (closesAtMs - answeredAtMs) / span));
  return QUIZ_BASE_POINTS + Math.round(QUIZ_SPEED_POINTS * left);
}
