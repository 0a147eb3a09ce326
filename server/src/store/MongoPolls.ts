import { answerRefusal } from '@ideasphere/shared';
import { Schema, type Connection } from 'mongoose';
import { duplicateKeyFields } from './mongoModels.js';
import { inTransaction, refuse } from './mongoTransactions.js';
import { byPosition } from './LmdbPolls.js';
import type { AnswerOutcome, PollAnswerRecord, PollPatch, PollRecord, PollStore } from './PollStore.js';
import { StoreConflictError } from './Store.js';

interface PollDoc extends Omit<PollRecord, 'id'> {
  _id: string;
}
/** `_id`: `<session>:<poll>:<participant>`, so a participant has one answer per poll. */
interface AnswerDoc extends PollAnswerRecord {
  _id: string;
}

const pollSchema = new Schema<PollDoc>(
  {
    _id: { type: String, required: true },
    sessionId: { type: String, required: true },
    kind: { type: String, required: true },
    question: { type: String, required: true },
    options: { type: [{ _id: false, id: String, text: String }], default: [] },
    multiple: { type: Boolean, required: true },
    scaleMax: { type: Number, required: true },
    correctOptionId: { type: String, default: null },
    durationSeconds: { type: Number, required: true },
    resultMode: { type: String, required: true },
    resultsShown: { type: Boolean, required: true },
    status: { type: String, required: true },
    position: { type: Number, required: true },
    openedAt: { type: Date, default: null },
    closesAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'polls', versionKey: false },
);
pollSchema.index({ sessionId: 1, position: 1, _id: 1 });

const answerSchema = new Schema<AnswerDoc>(
  {
    _id: { type: String, required: true },
    sessionId: { type: String, required: true },
    pollId: { type: String, required: true },
    participantId: { type: String, required: true },
    clientId: { type: String, required: true },
    value: { type: Schema.Types.Mixed, required: true },
    answeredAt: { type: Date, required: true },
  },
  { collection: 'pollAnswers', versionKey: false, minimize: false },
);
answerSchema.index({ sessionId: 1, pollId: 1 });
answerSchema.index({ sessionId: 1, participantId: 1 });

/**
 * The polls part of `MongoStore`. An answer is one document keyed by session, poll and
 * participant, written in a transaction that reads the poll first, so a closed or late answer
 * is never stored; poll changes that depend on the stored poll run in transactions too.
 */
export class MongoPolls implements PollStore {
  private readonly polls;
  private readonly answers;

  constructor(private readonly connection: Connection) {
    this.polls = connection.model('Poll', pollSchema);
    this.answers = connection.model('PollAnswer', answerSchema);
  }

  async buildIndexes(): Promise<void> {
    for (const model of [this.polls, this.answers] as const) {
      await model.createCollection();
      await model.syncIndexes();
    }
  }

  async insertPoll(poll: PollRecord): Promise<void> {
    const { id, ...fields } = poll;
    try {
      await this.polls.create({ _id: id, ...fields });
    } catch (error) {
      if (duplicateKeyFields(error) === null) throw error;
      throw new StoreConflictError(`poll id ${id}`);
    }
  }

  async getPoll(sessionId: string, pollId: string): Promise<PollRecord | null> {
    const doc = await this.polls.findOne({ _id: pollId, sessionId }).lean<PollDoc>().exec();
    return doc ? toPoll(doc) : null;
  }

  async listPolls(sessionId: string): Promise<PollRecord[]> {
    const docs = await this.polls.find({ sessionId }).lean<PollDoc[]>().exec();
    return docs.map(toPoll).sort(byPosition);
  }

  async countPolls(sessionId: string): Promise<number> {
    return this.polls.countDocuments({ sessionId }).exec();
  }

  async updatePoll(sessionId: string, pollId: string, patch: PollPatch, expect?: (poll: PollRecord) => boolean): Promise<PollRecord | null> {
    const set = { ...definedOnly(patch), updatedAt: new Date() };
    return inTransaction(this.connection, async (session) => {
      const doc = await this.polls.findOne({ _id: pollId, sessionId }).session(session).lean<PollDoc>().exec();
      if (!doc || (expect && !expect(toPoll(doc)))) return null;
      const updated = await this.polls
        .findOneAndUpdate({ _id: pollId, sessionId }, { $set: set }, { returnDocument: 'after', session })
        .lean<PollDoc>()
        .exec();
      return updated ? toPoll(updated) : null;
    });
  }

  async reorderPolls(sessionId: string, pollIds: readonly string[]): Promise<void> {
    if (pollIds.length === 0) return;
    const now = new Date();
    await this.polls.bulkWrite(
      pollIds.map((pollId, position) => ({ updateOne: { filter: { _id: pollId, sessionId }, update: { $set: { position, updatedAt: now } } } })),
    );
  }

  async deletePoll(sessionId: string, pollId: string, expect: (poll: PollRecord) => boolean): Promise<boolean> {
    return inTransaction(this.connection, async (session) => {
      const doc = await this.polls.findOne({ _id: pollId, sessionId }).session(session).lean<PollDoc>().exec();
      if (!doc || !expect(toPoll(doc))) return false;
      await this.answers.deleteMany({ sessionId, pollId }, { session }).exec();
      await this.polls.deleteOne({ _id: pollId, sessionId }, { session }).exec();
      return true;
    });
  }

  async setAnswer(answer: PollAnswerRecord): Promise<AnswerOutcome> {
    const _id = `${answer.sessionId}:${answer.pollId}:${answer.participantId}`;
    return inTransaction(this.connection, async (session): Promise<AnswerOutcome> => {
      const poll = await this.polls.findOne({ _id: answer.pollId, sessionId: answer.sessionId }, { status: 1, closesAt: 1 }).session(session).lean<PollDoc>().exec();
      if (!poll) return refuse({ ok: false as const, reason: 'poll_not_found' as const });
      const refusal = answerRefusal({ status: poll.status, closesAtMs: poll.closesAt?.getTime() ?? null }, answer.answeredAt.getTime());
      if (refusal) return refuse({ ok: false as const, reason: refusal });
      const stored = await this.answers.findOne({ _id }).session(session).lean<AnswerDoc>().exec();
      if (stored && stored.clientId === answer.clientId) return { ok: true, answer: toAnswer(stored), changed: false };
      await this.answers.replaceOne({ _id }, { _id, ...answer }, { upsert: true, session }).exec();
      return { ok: true, answer: { ...answer }, changed: true };
    });
  }

  async listAnswers(sessionId: string, pollId: string): Promise<PollAnswerRecord[]> {
    const docs = await this.answers.find({ sessionId, pollId }).lean<AnswerDoc[]>().exec();
    return docs.map(toAnswer);
  }

  async countAnswers(sessionId: string, pollId: string): Promise<number> {
    return this.answers.countDocuments({ sessionId, pollId }).exec();
  }

  async answersOf(sessionId: string, participantId: string): Promise<PollAnswerRecord[]> {
    const docs = await this.answers.find({ sessionId, participantId }).lean<AnswerDoc[]>().exec();
    return docs.map(toAnswer);
  }
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function toPoll(doc: PollDoc): PollRecord {
  const { _id, ...fields } = doc;
  return { ...fields, id: _id, options: fields.options.map((o) => ({ id: o.id, text: o.text })) };
}

function toAnswer(doc: AnswerDoc): PollAnswerRecord {
  const { sessionId, pollId, participantId, clientId, value, answeredAt } = doc;
  return { sessionId, pollId, participantId, clientId, value, answeredAt };
}
