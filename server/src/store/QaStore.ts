import type { QaSettings, QuestionStatus } from '@ideasphere/shared';

/** A question as stored. `id` sorts by asking time. */
export interface QuestionRecord {
  id: string;
  sessionId: string;
  trackId: string;
  /** The participant who asked it. */
  authorId: string;
  /** The asking phone's id for it: unique per (session, author), makes resends idempotent. */
  clientId: string;
  text: string;
  /** Asked without a name. */
  anonymous: boolean;
  status: QuestionStatus;
  answered: boolean;
  /** The facilitator corrected the text. */
  edited: boolean;
  /** Set when merged into another question: it leaves the list, its upvoters joined the target's. */
  mergedInto: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type QuestionPatch = Partial<Pick<QuestionRecord, 'text' | 'status' | 'answered' | 'edited'>>;

/** A stored track (the main track is stored only once renamed or highlighted in). */
export interface TrackRecord {
  id: string;
  sessionId: string;
  name: string;
  venueId: string | null;
  highlightedId: string | null;
  createdAt: Date;
}

export type TrackPatch = Partial<Pick<TrackRecord, 'name' | 'venueId' | 'highlightedId'>>;

/** Why an upvote or a highlight was refused; nothing was stored. */
export type QaRefusal = 'question_unavailable';

export type UpvoteOutcome = { ok: true; upvoted: boolean; upvotes: number } | { ok: false; reason: QaRefusal };

/**
 * The audience Q&A part of the store (`store.qa`): tracks, questions and upvotes. Upvotes are a
 * set of participants per question, changed in the same write as the question's count, so an
 * upvote is counted once however often it is sent, and a merge combines two sets without
 * counting anyone twice. Every change is recorded in the session's change log (`question`,
 * `upvote`, `track`, `qaSettings` refs) for catch-up.
 */
export interface QaStore {
  /**
   * Inserts a question unless the author already asked one with the same clientId: then the
   * stored one comes back with `created: false` (a resend).
   */
  addQuestion(question: QuestionRecord): Promise<{ question: QuestionRecord; created: boolean }>;
  getQuestion(sessionId: string, questionId: string): Promise<QuestionRecord | null>;
  /** The questions with these ids (unknown ids left out), in no particular order. */
  getQuestions(sessionId: string, questionIds: readonly string[]): Promise<QuestionRecord[]>;
  /** Every question of a session, every status, oldest first (at most QUESTIONS_PER_SESSION_MAX exist). */
  listQuestions(sessionId: string): Promise<QuestionRecord[]>;
  countQuestions(sessionId: string): Promise<number>;
  /** The ids of one author's questions, any status. */
  questionIdsByAuthor(sessionId: string, authorId: string): Promise<string[]>;
  updateQuestion(sessionId: string, questionId: string, patch: QuestionPatch): Promise<QuestionRecord | null>;
  /**
   * Atomically puts the participant's upvote on (`up`) or off: the count changes only when the
   * set does, so a resend or a second phone of the same participant counts once. Refused (nothing
   * stored) when the question is missing, merged or not `visible`.
   */
  setUpvote(sessionId: string, questionId: string, participantId: string, up: boolean): Promise<UpvoteOutcome>;
  /** Upvote counts of these questions (0 for those without any). */
  upvotesOf(sessionId: string, questionIds: readonly string[]): Promise<Record<string, number>>;
  /** The questions a participant upvoted. */
  upvotedBy(sessionId: string, participantId: string): Promise<string[]>;
  /**
   * Atomically merges `sourceId` into `targetId`: the source gets `mergedInto`, and its upvoters
   * join the target's (the union: someone who upvoted both counts once). Returns the target, or
   * null when either is missing or merged, or the target is not `visible` (see qaRules).
   */
  mergeQuestions(sessionId: string, sourceId: string, targetId: string): Promise<QuestionRecord | null>;

  /** Creates or changes a track (creating it with `defaults` when missing). */
  putTrack(sessionId: string, trackId: string, patch: TrackPatch, defaults: Omit<TrackRecord, 'sessionId' | 'id'>): Promise<TrackRecord>;
  /** Oldest first. */
  listTracks(sessionId: string): Promise<TrackRecord[]>;

  /** SHA-256 of the session's moderator link (null: none made yet). */
  getModeratorTokenHash(sessionId: string): Promise<string | null>;
  /** Replaces the moderator link's hash: the old link stops working. */
  putModeratorTokenHash(sessionId: string, tokenHash: string): Promise<void>;

  /** The session's Q&A settings (null: never set, the defaults apply). */
  getSettings(sessionId: string): Promise<QaSettings | null>;
  putSettings(sessionId: string, settings: QaSettings): Promise<void>;
}
