import type { AnswerVisibility } from '@ideasphere/shared';

/** The owner organisation's answer to a question, as stored. */
export interface AnswerRecord {
  text: string;
  visibility: AnswerVisibility;
  /** The account that last wrote it. */
  answeredBy: string;
  /** When it was first given; an edit keeps it. */
  answeredAt: Date;
  /** When it was last changed after that, or null. */
  editedAt: Date | null;
}

/** A question on a challenge, as stored; its id sorts by when it was asked. */
export interface QuestionRecord {
  id: string;
  challengeId: string;
  askedBy: string;
  text: string;
  createdAt: Date;
  answer: AnswerRecord | null;
}

/** The caps `addQuestion` checks in the same atomic write as the insert. */
export interface QuestionCaps {
  /** Questions one challenge may hold in all. */
  perChallenge: number;
  /** Questions one asker may have asked since `askerWindowStart` (over every challenge). */
  perAsker: number;
  askerWindowStart: Date;
}

/**
 * What `addQuestion` did: stored it, or refused because the challenge is full or the asker has
 * used its budget (then `retryAt`: when the oldest question of the window leaves it).
 */
export type AddQuestionOutcome = { ok: true } | { ok: false; reason: 'challenge_full' } | { ok: false; reason: 'asker_limit'; retryAt: Date };

/**
 * Questions on challenges: part of `store.challenges` (`LmdbQuestions`, `MongoQuestions`);
 * `questions.contract.ts` tests both alike.
 */
export interface QuestionStore {
  /** Stores a question unless a cap refuses it; the checks and the insert are one atomic write. */
  addQuestion(question: QuestionRecord, caps: QuestionCaps): Promise<AddQuestionOutcome>;
  getQuestion(challengeId: string, questionId: string): Promise<QuestionRecord | null>;
  /** Every question of a challenge, oldest first. */
  listQuestions(challengeId: string): Promise<QuestionRecord[]>;
  /** Replaces a question's answer; null when the challenge has no such question. */
  setAnswer(challengeId: string, questionId: string, answer: AnswerRecord): Promise<QuestionRecord | null>;
}
