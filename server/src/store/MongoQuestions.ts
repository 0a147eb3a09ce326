import { Schema, type Connection, type mongo } from 'mongoose';
import { mapConflicts, type AsDoc } from './mongoModels.js';
import type { AddQuestionOutcome, AnswerRecord, QuestionCaps, QuestionRecord, QuestionStore } from './QuestionStore.js';

type QuestionDoc = AsDoc<QuestionRecord>;
/**
 * A document per challenge (`c:<id>`) and per asker (`a:<id>`) that every `addQuestion` bumps in
 * its transaction: two inserts that would race for the same cap conflict, and one is retried.
 */
interface QuestionGuardDoc {
  _id: string;
  revision: number;
}

const TRANSACTION_OPTIONS: mongo.TransactionOptions = { readConcern: { level: 'snapshot' } };

const answerSchema = new Schema<AnswerRecord>(
  {
    text: { type: String, required: true },
    visibility: { type: String, required: true },
    answeredBy: { type: String, required: true },
    answeredAt: { type: Date, required: true },
    editedAt: { type: Date, default: null },
  },
  { _id: false },
);

const questionSchema = new Schema<QuestionDoc>(
  {
    _id: { type: String, required: true },
    challengeId: { type: String, required: true },
    askedBy: { type: String, required: true },
    text: { type: String, required: true },
    createdAt: { type: Date, required: true },
    answer: { type: answerSchema, default: null },
  },
  { collection: 'challengeQuestions', versionKey: false },
);
// A challenge's questions in the order asked; an asker's questions in a time window (the rate limit).
questionSchema.index({ challengeId: 1, _id: 1 });
questionSchema.index({ askedBy: 1, createdAt: 1 });

const guardSchema = new Schema<QuestionGuardDoc>(
  { _id: { type: String, required: true }, revision: { type: Number, default: 0 } },
  { collection: 'challengeQuestionGuards', versionKey: false },
);

function compileQuestionModels(connection: Connection) {
  return {
    questions: connection.model('ChallengeQuestion', questionSchema),
    guards: connection.model('ChallengeQuestionGuard', guardSchema),
  };
}
type QuestionModels = ReturnType<typeof compileQuestionModels>;

/** The questions half of `MongoChallenges`; the caps are checked in a snapshot transaction with the insert. */
export class MongoQuestions implements QuestionStore {
  private readonly models: QuestionModels;

  constructor(private readonly connection: Connection) {
    this.models = compileQuestionModels(connection);
  }

  /** Creates the collections and builds the indexes the queries below rely on (once, at connect). */
  async buildIndexes(): Promise<void> {
    for (const model of Object.values(this.models)) {
      await model.createCollection();
      await model.syncIndexes();
    }
  }

  async addQuestion(question: QuestionRecord, caps: QuestionCaps): Promise<AddQuestionOutcome> {
    let outcome: AddQuestionOutcome = { ok: true };
    await mapConflicts(() =>
      this.connection.transaction(async (session) => {
        const bump = (id: string) => this.models.guards.updateOne({ _id: id }, { $inc: { revision: 1 } }, { session, upsert: true }).exec();
        await bump(`c:${question.challengeId}`);
        await bump(`a:${question.askedBy}`);
        const recent = await this.models.questions
          .find({ askedBy: question.askedBy, createdAt: { $gte: caps.askerWindowStart } }, { createdAt: 1 })
          .sort({ createdAt: 1 })
          .limit(caps.perAsker)
          .session(session)
          .lean<{ createdAt: Date }[]>()
          .exec();
        const oldest = recent[0];
        if (oldest !== undefined && recent.length >= caps.perAsker) {
          outcome = { ok: false, reason: 'asker_limit', retryAt: oldest.createdAt };
          return;
        }
        if ((await this.models.questions.countDocuments({ challengeId: question.challengeId }).session(session).exec()) >= caps.perChallenge) {
          outcome = { ok: false, reason: 'challenge_full' };
          return;
        }
        await this.models.questions.create([toDoc(question)], { session });
        outcome = { ok: true };
      }, TRANSACTION_OPTIONS),
    );
    return outcome;
  }

  async getQuestion(challengeId: string, questionId: string): Promise<QuestionRecord | null> {
    const doc = await this.models.questions.findOne({ _id: questionId, challengeId }).lean<QuestionDoc>().exec();
    return doc ? fromDoc(doc) : null;
  }

  async listQuestions(challengeId: string): Promise<QuestionRecord[]> {
    const docs = await this.models.questions.find({ challengeId }).sort({ _id: 1 }).lean<QuestionDoc[]>().exec();
    return docs.map(fromDoc);
  }

  async setAnswer(challengeId: string, questionId: string, answer: AnswerRecord): Promise<QuestionRecord | null> {
    const doc = await this.models.questions
      .findOneAndUpdate({ _id: questionId, challengeId }, { $set: { answer } }, { returnDocument: 'after' })
      .lean<QuestionDoc>()
      .exec();
    return doc ? fromDoc(doc) : null;
  }
}

function toDoc(question: QuestionRecord): QuestionDoc {
  const { id, ...rest } = question;
  return { ...rest, _id: id };
}

function fromDoc(doc: QuestionDoc): QuestionRecord {
  const answer = doc.answer;
  return {
    id: doc._id,
    challengeId: doc.challengeId,
    askedBy: doc.askedBy,
    text: doc.text,
    createdAt: doc.createdAt,
    answer: answer
      ? { text: answer.text, visibility: answer.visibility, answeredBy: answer.answeredBy, answeredAt: answer.answeredAt, editedAt: answer.editedAt ?? null }
      : null,
  };
}
