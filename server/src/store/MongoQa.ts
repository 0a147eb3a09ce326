import type { QaSettings } from '@ideasphere/shared';
import { Schema, type Connection } from 'mongoose';
import type { MongoChangeLog } from './MongoChangeLog.js';
import { duplicateKeyFields } from './mongoModels.js';
import { inTransaction, refuse } from './mongoTransactions.js';
import { isMergeableQuestion, isUpvotable, unionUpvoters } from './qaRules.js';
import type { QaStore, QuestionPatch, QuestionRecord, TrackPatch, TrackRecord, UpvoteOutcome } from './QaStore.js';
import { StoreConflictError } from './Store.js';

/** A question with its upvoters inside it: one document, so one upvote is one atomic update. */
interface QuestionDoc extends Omit<QuestionRecord, 'id'> {
  _id: string;
  upvoters: string[];
  upvotes: number;
}
interface TrackDoc extends Omit<TrackRecord, 'id'> {
  _id: string;
}
interface SettingsDoc extends QaSettings {
  _id: string;
}
interface ModeratorDoc {
  _id: string;
  tokenHash: string;
}

const questionSchema = new Schema<QuestionDoc>(
  {
    _id: { type: String, required: true },
    sessionId: { type: String, required: true },
    trackId: { type: String, required: true },
    authorId: { type: String, required: true },
    clientId: { type: String, required: true },
    text: { type: String, required: true },
    anonymous: { type: Boolean, required: true },
    status: { type: String, required: true },
    answered: { type: Boolean, required: true },
    edited: { type: Boolean, required: true },
    mergedInto: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    // At most a session's participants (tens of kB at 10,000): far under the 16 MiB document cap.
    upvoters: { type: [String], default: [] },
    upvotes: { type: Number, default: 0 },
  },
  { collection: 'qaQuestions', versionKey: false },
);
questionSchema.index({ sessionId: 1, authorId: 1, clientId: 1 }, { unique: true });
questionSchema.index({ sessionId: 1, _id: 1 });
// "What did I upvote": multikey on the set.
questionSchema.index({ sessionId: 1, upvoters: 1 });

const trackSchema = new Schema<TrackDoc>(
  {
    _id: { type: String, required: true },
    sessionId: { type: String, required: true },
    name: { type: String, default: '' },
    venueId: { type: String, default: null },
    highlightedId: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'qaTracks', versionKey: false },
);
trackSchema.index({ sessionId: 1, createdAt: 1 });

const settingsSchema = new Schema<SettingsDoc>(
  {
    _id: { type: String, required: true },
    open: { type: Boolean, required: true },
    anonymousAllowed: { type: Boolean, required: true },
    preModeration: { type: Boolean, required: true },
  },
  { collection: 'qaSettings', versionKey: false },
);

const moderatorSchema = new Schema<ModeratorDoc>(
  { _id: { type: String, required: true }, tokenHash: { type: String, required: true } },
  { collection: 'qaModerators', versionKey: false },
);

/** Everything but the set of upvoters: records are read often, the set only to change it. */
const RECORD = { upvoters: 0, upvotes: 0 } as const;

/**
 * The Q&A part of `MongoStore`. A question's upvoters are an array in its document:
 * `$addToSet`/`$pull` guarded by the set's membership and the count's `$inc` are one atomic
 * update, so a resent upvote matches nothing and counts once; merges run in a transaction.
 * Tracks are documents keyed by the session and track id (`<session>:<track>`).
 */
export class MongoQa implements QaStore {
  private readonly questions;
  private readonly tracks;
  private readonly settings;
  private readonly moderators;

  constructor(
    private readonly connection: Connection,
    private readonly log: MongoChangeLog,
  ) {
    this.questions = connection.model('QaQuestion', questionSchema);
    this.tracks = connection.model('QaTrack', trackSchema);
    this.settings = connection.model('QaSettings', settingsSchema);
    this.moderators = connection.model('QaModerator', moderatorSchema);
  }

  async buildIndexes(): Promise<void> {
    for (const model of [this.questions, this.tracks, this.settings, this.moderators] as const) {
      await model.createCollection();
      await model.syncIndexes();
    }
  }

  async addQuestion(question: QuestionRecord): Promise<{ question: QuestionRecord; created: boolean }> {
    await this.log.append(question.sessionId, [{ kind: 'question', id: question.id }]);
    const { id, ...fields } = question;
    try {
      await this.questions.create({ _id: id, ...fields, upvoters: [], upvotes: 0 });
      return { question: { ...question }, created: true };
    } catch (error) {
      const fieldsHit = duplicateKeyFields(error);
      if (!fieldsHit) throw error;
      // The unique {sessionId, authorId, clientId} index decides between racing resends.
      const existing = await this.questions
        .findOne({ sessionId: question.sessionId, authorId: question.authorId, clientId: question.clientId }, RECORD)
        .lean<QuestionDoc>()
        .exec();
      if (existing) return { question: toRecord(existing), created: false };
      throw new StoreConflictError(`question ${fieldsHit.join('+') || 'unique key'}`);
    }
  }

  async getQuestion(sessionId: string, questionId: string): Promise<QuestionRecord | null> {
    const doc = await this.questions.findOne({ _id: questionId, sessionId }, RECORD).lean<QuestionDoc>().exec();
    return doc ? toRecord(doc) : null;
  }

  async getQuestions(sessionId: string, questionIds: readonly string[]): Promise<QuestionRecord[]> {
    if (questionIds.length === 0) return [];
    const docs = await this.questions.find({ sessionId, _id: { $in: [...new Set(questionIds)] } }, RECORD).lean<QuestionDoc[]>().exec();
    return docs.map(toRecord);
  }

  async listQuestions(sessionId: string): Promise<QuestionRecord[]> {
    const docs = await this.questions.find({ sessionId }, RECORD).sort({ _id: 1 }).lean<QuestionDoc[]>().exec();
    return docs.map(toRecord);
  }

  async countQuestions(sessionId: string): Promise<number> {
    return this.questions.countDocuments({ sessionId }).exec();
  }

  async questionIdsByAuthor(sessionId: string, authorId: string): Promise<string[]> {
    const docs = await this.questions.find({ sessionId, authorId }, { _id: 1 }).sort({ _id: 1 }).lean<Pick<QuestionDoc, '_id'>[]>().exec();
    return docs.map((doc) => doc._id);
  }

  async updateQuestion(sessionId: string, questionId: string, patch: QuestionPatch): Promise<QuestionRecord | null> {
    await this.log.append(sessionId, [{ kind: 'question', id: questionId }]);
    const set = { ...definedOnly(patch), updatedAt: new Date() };
    const doc = await this.questions
      .findOneAndUpdate({ _id: questionId, sessionId }, { $set: set }, { returnDocument: 'after', projection: RECORD })
      .lean<QuestionDoc>()
      .exec();
    return doc ? toRecord(doc) : null;
  }

  async setUpvote(sessionId: string, questionId: string, participantId: string, up: boolean): Promise<UpvoteOutcome> {
    await this.log.append(sessionId, [{ kind: 'upvote', id: questionId }]);
    // Matches only while the set lacks (or holds) the participant: a resend updates nothing.
    const base = { _id: questionId, sessionId, status: 'visible' as const, mergedInto: null };
    const options = { returnDocument: 'after', projection: { upvotes: 1 } } as const;
    const query = up
      ? this.questions.findOneAndUpdate({ ...base, upvoters: { $ne: participantId } }, { $addToSet: { upvoters: participantId }, $inc: { upvotes: 1 } }, options)
      : this.questions.findOneAndUpdate({ ...base, upvoters: participantId }, { $pull: { upvoters: participantId }, $inc: { upvotes: -1 } }, options);
    const changed = await query
      .lean<Pick<QuestionDoc, 'upvotes'>>()
      .exec();
    if (changed) return { ok: true, upvoted: up, upvotes: changed.upvotes };
    const now = await this.questions.findOne({ _id: questionId, sessionId }, { status: 1, mergedInto: 1, upvotes: 1 }).lean<QuestionDoc>().exec();
    if (!isUpvotable(now) || !now) return { ok: false, reason: 'question_unavailable' };
    return { ok: true, upvoted: up, upvotes: now.upvotes };
  }

  async upvotesOf(sessionId: string, questionIds: readonly string[]): Promise<Record<string, number>> {
    const docs = await this.questions
      .find({ sessionId, _id: { $in: [...questionIds] } }, { upvotes: 1 })
      .lean<Pick<QuestionDoc, '_id' | 'upvotes'>[]>()
      .exec();
    const found = new Map(docs.map((doc) => [doc._id, doc.upvotes]));
    return Object.fromEntries(questionIds.map((id) => [id, found.get(id) ?? 0]));
  }

  async upvotedBy(sessionId: string, participantId: string): Promise<string[]> {
    const docs = await this.questions.find({ sessionId, upvoters: participantId }, { _id: 1 }).lean<Pick<QuestionDoc, '_id'>[]>().exec();
    return docs.map((doc) => doc._id);
  }

  async mergeQuestions(sessionId: string, sourceId: string, targetId: string): Promise<QuestionRecord | null> {
    if (sourceId === targetId) return null;
    await this.log.append(sessionId, [
      { kind: 'question', id: sourceId },
      { kind: 'question', id: targetId },
      { kind: 'upvote', id: targetId },
    ]);
    return inTransaction(this.connection, async (session) => {
      const source = await this.questions.findOne({ _id: sourceId, sessionId }).session(session).lean<QuestionDoc>().exec();
      const target = await this.questions.findOne({ _id: targetId, sessionId }).session(session).lean<QuestionDoc>().exec();
      if (!isMergeableQuestion(source) || !isUpvotable(target) || !target) return refuse({ ok: false as const, merged: null });
      const upvoters = unionUpvoters(target.upvoters, source.upvoters);
      const now = new Date();
      await this.questions
        .updateOne({ _id: sourceId, sessionId }, { $set: { mergedInto: targetId, upvoters: [], upvotes: 0, updatedAt: now } }, { session })
        .exec();
      const merged = await this.questions
        .findOneAndUpdate(
          { _id: targetId, sessionId },
          { $set: { upvoters, upvotes: upvoters.length, updatedAt: now } },
          { returnDocument: 'after', session, projection: RECORD },
        )
        .lean<QuestionDoc>()
        .exec();
      return { ok: true as const, merged: merged ? toRecord(merged) : null };
    }).then((outcome) => outcome.merged);
  }

  async putTrack(sessionId: string, trackId: string, patch: TrackPatch, defaults: Omit<TrackRecord, 'sessionId' | 'id'>): Promise<TrackRecord> {
    await this.log.append(sessionId, [{ kind: 'track', id: trackId }]);
    const set = definedOnly(patch);
    const onInsert = Object.fromEntries(Object.entries({ ...defaults, sessionId }).filter(([key]) => !(key in set)));
    const doc = await this.tracks
      .findOneAndUpdate({ _id: trackKey(sessionId, trackId) }, { $set: set, $setOnInsert: onInsert }, { upsert: true, returnDocument: 'after' })
      .lean<TrackDoc>()
      .exec();
    if (!doc) throw new Error('track upsert returned nothing');
    return toTrack(doc, trackId);
  }

  async listTracks(sessionId: string): Promise<TrackRecord[]> {
    const docs = await this.tracks.find({ sessionId }).sort({ createdAt: 1, _id: 1 }).lean<TrackDoc[]>().exec();
    return docs.map((doc) => toTrack(doc, doc._id.slice(sessionId.length + 1)));
  }

  async getModeratorTokenHash(sessionId: string): Promise<string | null> {
    const doc = await this.moderators.findById(sessionId).lean<ModeratorDoc>().exec();
    return doc?.tokenHash ?? null;
  }

  async putModeratorTokenHash(sessionId: string, tokenHash: string): Promise<void> {
    await this.moderators.updateOne({ _id: sessionId }, { $set: { tokenHash } }, { upsert: true }).exec();
  }

  async getSettings(sessionId: string): Promise<QaSettings | null> {
    const doc = await this.settings.findById(sessionId).lean<SettingsDoc>().exec();
    return doc ? { open: doc.open, anonymousAllowed: doc.anonymousAllowed, preModeration: doc.preModeration } : null;
  }

  async putSettings(sessionId: string, settings: QaSettings): Promise<void> {
    await this.log.append(sessionId, [{ kind: 'qaSettings' }]);
    await this.settings.updateOne({ _id: sessionId }, { $set: { ...settings } }, { upsert: true }).exec();
  }
}

function trackKey(sessionId: string, trackId: string): string {
  return `${sessionId}:${trackId}`;
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function toRecord(doc: QuestionDoc): QuestionRecord {
  return {
    id: doc._id,
    sessionId: doc.sessionId,
    trackId: doc.trackId,
    authorId: doc.authorId,
    clientId: doc.clientId,
    text: doc.text,
    anonymous: doc.anonymous,
    status: doc.status,
    answered: doc.answered,
    edited: doc.edited,
    mergedInto: doc.mergedInto ?? null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

function toTrack(doc: TrackDoc, id: string): TrackRecord {
  return { id, sessionId: doc.sessionId, name: doc.name, venueId: doc.venueId ?? null, highlightedId: doc.highlightedId ?? null, createdAt: doc.createdAt };
}
