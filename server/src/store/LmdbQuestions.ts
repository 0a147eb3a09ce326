import type { Database, RootDatabase } from 'lmdb';
import type { AddQuestionOutcome, AnswerRecord, QuestionCaps, QuestionRecord, QuestionStore } from './QuestionStore.js';
import { prefixRange, writeDurably, type ScopedKey } from './lmdbRecords.js';
import { StoreConflictError } from './Store.js';

/** Sub-databases of the questions part, opened by {@link LmdbQuestions}. */
export const LMDB_QUESTION_DATABASES = 2;

type StoredAnswer = Omit<AnswerRecord, 'answeredAt' | 'editedAt'> & { answeredAt: number; editedAt: number | null };
type StoredQuestion = Omit<QuestionRecord, 'createdAt' | 'answer'> & { createdAt: number; answer: StoredAnswer | null };
/** [askedBy, createdAt (ms), questionId]: an asker's questions in the order asked. */
type AskerKey = [string, number, string];

/**
 * The questions half of `LmdbChallenges`. The caps are checked and the question written in one
 * write transaction, which LMDB serialises across threads and processes.
 */
export class LmdbQuestions implements QuestionStore {
  /** [challengeId, questionId] → question */
  private readonly questions: Database<StoredQuestion, ScopedKey>;
  /** [askedBy, createdAt, questionId] → true: the rate limit's count per asker and window. */
  private readonly byAsker: Database<true, AskerKey>;

  constructor(private readonly env: RootDatabase) {
    this.questions = env.openDB({ name: 'challengeQuestions' });
    this.byAsker = env.openDB({ name: 'challengeQuestionsByAsker' });
  }

  async addQuestion(question: QuestionRecord, caps: QuestionCaps): Promise<AddQuestionOutcome> {
    const outcome = await writeDurably(this.env, (): AddQuestionOutcome | 'taken' => {
      if (this.questions.doesExist([question.challengeId, question.id])) return 'taken';
      const recent = [
        ...this.byAsker.getKeys({ start: [question.askedBy, caps.askerWindowStart.getTime(), ''], end: [question.askedBy, Number.MAX_SAFE_INTEGER, ''] }),
      ];
      const oldest = recent[0];
      if (oldest !== undefined && recent.length >= caps.perAsker) return { ok: false, reason: 'asker_limit', retryAt: new Date(oldest[1]) };
      if (this.questions.getKeysCount(prefixRange(question.challengeId)) >= caps.perChallenge) return { ok: false, reason: 'challenge_full' };
      this.questions.putSync([question.challengeId, question.id], toStored(question));
      this.byAsker.putSync([question.askedBy, question.createdAt.getTime(), question.id], true);
      return { ok: true };
    });
    if (outcome === 'taken') throw new StoreConflictError(`question id ${question.id}`);
    return outcome;
  }

  async getQuestion(challengeId: string, questionId: string): Promise<QuestionRecord | null> {
    const stored = this.questions.get([challengeId, questionId]);
    return stored ? fromStored(stored) : null;
  }

  async listQuestions(challengeId: string): Promise<QuestionRecord[]> {
    return [...this.questions.getRange(prefixRange(challengeId))].map(({ value }) => fromStored(value));
  }

  async setAnswer(challengeId: string, questionId: string, answer: AnswerRecord): Promise<QuestionRecord | null> {
    return writeDurably(this.env, () => {
      const stored = this.questions.get([challengeId, questionId]);
      if (!stored) return null;
      const next: StoredQuestion = { ...stored, answer: toStoredAnswer(answer) };
      this.questions.putSync([challengeId, questionId], next);
      return fromStored(next);
    });
  }
}

function toStoredAnswer(answer: AnswerRecord): StoredAnswer {
  return { ...answer, answeredAt: answer.answeredAt.getTime(), editedAt: answer.editedAt === null ? null : answer.editedAt.getTime() };
}

function toStored(question: QuestionRecord): StoredQuestion {
  return { ...question, createdAt: question.createdAt.getTime(), answer: question.answer === null ? null : toStoredAnswer(question.answer) };
}

function fromStored(stored: StoredQuestion): QuestionRecord {
  const { answer } = stored;
  return {
    ...stored,
    createdAt: new Date(stored.createdAt),
    answer: answer === null ? null : { ...answer, answeredAt: new Date(answer.answeredAt), editedAt: answer.editedAt === null ? null : new Date(answer.editedAt) },
  };
}
