import type { PollAnswerValue, PollKind, PollOption, PollResultMode, PollStatus } from '@ideasphere/shared';

/** A poll as stored. `id` sorts by creation time; `position` is the facilitator's order. */
export interface PollRecord {
  id: string;
  sessionId: string;
  kind: PollKind;
  question: string;
  options: PollOption[];
  multiple: boolean;
  scaleMax: number;
  /** Quiz: the correct option's id; null otherwise. */
  correctOptionId: string | null;
  durationSeconds: number;
  resultMode: PollResultMode;
  resultsShown: boolean;
  status: PollStatus;
  position: number;
  openedAt: Date | null;
  /** Quiz: the deadline for answers, set at launch. */
  closesAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type PollPatch = Partial<
  Pick<PollRecord, 'question' | 'options' | 'multiple' | 'scaleMax' | 'correctOptionId' | 'durationSeconds' | 'resultMode' | 'resultsShown' | 'status' | 'openedAt' | 'closesAt' | 'kind'>
>;

/** A participant's answer to a poll: one per participant and poll, the latest counts. */
export interface PollAnswerRecord {
  sessionId: string;
  pollId: string;
  participantId: string;
  /** The phone's id of this answer: a resend with the same id changes nothing. */
  clientId: string;
  value: PollAnswerValue;
  /** When the server took the answer (quiz points depend on it). */
  answeredAt: Date;
}

export type AnswerOutcome =
  | { ok: true; answer: PollAnswerRecord; changed: boolean }
  | { ok: false; reason: 'poll_not_found' | 'poll_not_open' | 'poll_deadline_passed' };

/**
 * Live polls of a session (`store.polls`): the facilitator's prepared polls and the
 * participants' answers. An answer is keyed by (session, poll, participant), so a participant
 * has one whatever the sockets or reconnections; it is written only while the poll is open and
 * before its deadline, checked in the same atomic write (`answerRefusal`, pollRules).
 */
export interface PollStore {
  insertPoll(poll: PollRecord): Promise<void>;
  getPoll(sessionId: string, pollId: string): Promise<PollRecord | null>;
  /** Every poll of the session in the facilitator's order (position, then creation). */
  listPolls(sessionId: string): Promise<PollRecord[]>;
  countPolls(sessionId: string): Promise<number>;
  /**
   * Changes a poll when `expect` holds for the stored record (checked in the same atomic
   * write); null when missing or `expect` said no.
   */
  updatePoll(sessionId: string, pollId: string, patch: PollPatch, expect?: (poll: PollRecord) => boolean): Promise<PollRecord | null>;
  /** Sets every listed poll's position to its index. */
  reorderPolls(sessionId: string, pollIds: readonly string[]): Promise<void>;
  /** Deletes a poll and its answers when `expect` holds; false when missing or refused. */
  deletePoll(sessionId: string, pollId: string, expect: (poll: PollRecord) => boolean): Promise<boolean>;
  /**
   * Stores the participant's answer, replacing an earlier one, in one atomic write that first
   * checks the poll takes answers at `answer.answeredAt`. A resend with the stored clientId
   * returns the stored answer with `changed: false`.
   */
  setAnswer(answer: PollAnswerRecord): Promise<AnswerOutcome>;
  /** Every answer to a poll (at most one per participant). */
  listAnswers(sessionId: string, pollId: string): Promise<PollAnswerRecord[]>;
  countAnswers(sessionId: string, pollId: string): Promise<number>;
  /** One participant's answers in the session, by poll id. */
  answersOf(sessionId: string, participantId: string): Promise<PollAnswerRecord[]>;
}
