import { Schema, type Connection, type mongo, type QueryFilter } from 'mongoose';
import type {
  ChallengeChange,
  ChallengeQuery,
  ChallengeQueryResult,
  ChallengeRecord,
  ChallengeStore,
  FieldPatch,
  FieldRecord,
} from './ChallengeStore.js';
import { audienceKeys, searchTextOf } from './challengeRules.js';
import { definedFieldPatch } from './LmdbChallenges.js';
import { mapConflicts, type AsDoc } from './mongoModels.js';
import { MongoQuestions } from './MongoQuestions.js';
import type { AddQuestionOutcome, AnswerRecord, QuestionCaps, QuestionRecord } from './QuestionStore.js';

type FieldDoc = AsDoc<FieldRecord>;
/** A challenge with what its queries match on, derived in every write: audience keys and lower-case text. */
type ChallengeDoc = AsDoc<ChallengeRecord> & { audiences: string[]; searchText: string };
/** One document (`_id: 'challenges'`) every taxonomy insert writes in its transaction, so a count check and its insert cannot interleave with another's. */
interface ChallengeMetaDoc {
  _id: string;
  fieldsSeeded: boolean;
  fieldRevision: number;
}

const META_ID = 'challenges';
const TRANSACTION_OPTIONS: mongo.TransactionOptions = { readConcern: { level: 'snapshot' } };

const fieldSchema = new Schema<FieldDoc>(
  {
    _id: { type: String, required: true },
    nameZh: { type: String, required: true },
    nameEn: { type: String, required: true },
    archived: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'challengeFields', versionKey: false },
);

const challengeSchema = new Schema<ChallengeDoc>(
  {
    _id: { type: String, required: true },
    organisationId: { type: String, required: true },
    createdBy: { type: String, required: true },
    title: { type: String, required: true },
    problem: { type: String, default: '' },
    background: { type: String, default: '' },
    desiredOutcomes: { type: String, default: '' },
    constraints: { type: String, default: '' },
    reward: { type: String, default: '' },
    ipTerms: { type: String, default: '' },
    fieldIds: { type: [String], default: [] },
    deadline: { at: { type: Date, required: true }, timeZone: { type: String, required: true } },
    visibility: { type: String, required: true },
    invitedOrganisationIds: { type: [String], default: [] },
    criteria: { type: [{ _id: false, name: String, weight: Number }], default: [] },
    status: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    publishedAt: { type: Date, default: null },
    revision: { type: Number, required: true },
    audiences: { type: [String], default: [] },
    searchText: { type: String, default: '' },
  },
  { collection: 'challenges', versionKey: false },
);
// The catalogue: the viewer's audiences (multikey), their own organisations', one field's; by deadline or newest.
challengeSchema.index({ audiences: 1, status: 1, 'deadline.at': 1, _id: 1 });
challengeSchema.index({ organisationId: 1, status: 1, 'deadline.at': 1 });
challengeSchema.index({ fieldIds: 1, status: 1, 'deadline.at': 1 });
challengeSchema.index({ status: 1, _id: -1 });

const metaSchema = new Schema<ChallengeMetaDoc>(
  {
    _id: { type: String, required: true },
    fieldsSeeded: { type: Boolean, default: false },
    fieldRevision: { type: Number, default: 0 },
  },
  { collection: 'challengeMeta', versionKey: false },
);

function compileChallengeModels(connection: Connection) {
  return {
    fields: connection.model('ChallengeField', fieldSchema),
    meta: connection.model('ChallengeMeta', metaSchema),
    challenges: connection.model('Challenge', challengeSchema),
  };
}
type ChallengeModels = ReturnType<typeof compileChallengeModels>;

/**
 * The challenges half of `MongoStore`. Taxonomy inserts run in snapshot transactions that
 * also write the meta document, so two racing inserts cannot both pass the cap or the
 * "never seeded" check.
 */
export class MongoChallenges implements ChallengeStore {
  private readonly models: ChallengeModels;
  /** Questions on challenges and their answers. */
  private readonly questions: MongoQuestions;

  constructor(private readonly connection: Connection) {
    this.models = compileChallengeModels(connection);
    this.questions = new MongoQuestions(connection);
  }

  /** Creates the collections and builds the indexes every query below relies on (once, at connect). */
  async buildIndexes(): Promise<void> {
    for (const model of Object.values(this.models)) {
      await model.createCollection();
      await model.syncIndexes();
    }
    await this.questions.buildIndexes();
  }

  async seedFields(fields: readonly FieldRecord[]): Promise<number> {
    return this.connection.transaction(async (session) => {
      const meta = await this.models.meta
        .findOneAndUpdate({ _id: META_ID }, { $inc: { fieldRevision: 1 } }, { session, upsert: true, returnDocument: 'after' })
        .lean<ChallengeMetaDoc>()
        .exec();
      if (meta?.fieldsSeeded || (await this.models.fields.countDocuments({}).session(session).exec()) > 0) return 0;
      if (fields.length > 0) await this.models.fields.insertMany(fields.map(toFieldDoc), { session });
      await this.models.meta.updateOne({ _id: META_ID }, { $set: { fieldsSeeded: true } }, { session }).exec();
      return fields.length;
    }, TRANSACTION_OPTIONS);
  }

  async createField(field: FieldRecord, max: number): Promise<boolean> {
    return this.connection.transaction(async (session) => {
      await this.models.meta.updateOne({ _id: META_ID }, { $inc: { fieldRevision: 1 }, $set: { fieldsSeeded: true } }, { session, upsert: true }).exec();
      if ((await this.models.fields.countDocuments({}).session(session).exec()) >= max) return false;
      await this.models.fields.create([toFieldDoc(field)], { session });
      return true;
    }, TRANSACTION_OPTIONS);
  }

  async getField(id: string): Promise<FieldRecord | null> {
    const doc = await this.models.fields.findById(id).lean<FieldDoc>().exec();
    return doc ? toField(doc) : null;
  }

  async listFields(): Promise<FieldRecord[]> {
    const docs = await this.models.fields.find({}).sort({ _id: 1 }).lean<FieldDoc[]>().exec();
    return docs.map(toField);
  }

  async updateField(id: string, patch: FieldPatch, now: Date): Promise<FieldRecord | null> {
    const doc = await this.models.fields
      .findOneAndUpdate({ _id: id }, { $set: { ...definedFieldPatch(patch), updatedAt: now } }, { returnDocument: 'after' })
      .lean<FieldDoc>()
      .exec();
    return doc ? toField(doc) : null;
  }

  async createChallenge(challenge: ChallengeRecord): Promise<void> {
    await mapConflicts(() => this.models.challenges.create(toChallengeDoc(challenge)));
  }

  async getChallenge(id: string): Promise<ChallengeRecord | null> {
    const doc = await this.models.challenges.findById(id).lean<ChallengeDoc>().exec();
    return doc ? toChallenge(doc) : null;
  }

  async changeChallenge<R extends string>(
    id: string,
    decide: (current: ChallengeRecord) => ChallengeChange<R>,
  ): Promise<ChallengeChange<R | 'challenge_not_found'>> {
    // Optimistic: read, decide by the same rules as LMDB, write only if nobody changed it in between.
    for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
      const doc = await this.models.challenges.findById(id).lean<ChallengeDoc>().exec();
      if (!doc) return { ok: false, reason: 'challenge_not_found' };
      const current = toChallenge(doc);
      const outcome = decide(current);
      if (!outcome.ok) return outcome;
      const next = { ...outcome.record, id, revision: current.revision + 1 };
      const result = await this.models.challenges.replaceOne({ _id: id, revision: current.revision }, toChallengeDoc(next)).exec();
      if (result.modifiedCount === 1) return { ok: true, record: next };
    }
    throw new Error(`changeChallenge: challenge ${id} kept changing under ${CHANGE_ATTEMPTS} attempts`);
  }

  async queryChallenges(query: ChallengeQuery): Promise<ChallengeQueryResult> {
    const own: QueryFilter<ChallengeDoc> = { organisationId: { $in: [...query.ownOrganisationIds] } };
    const seen: QueryFilter<ChallengeDoc> = query.audiences === 'all' ? { status: { $ne: 'draft' } } : { status: { $ne: 'draft' }, audiences: { $in: [...query.audiences] } };
    const deadline: Record<string, Date> = {};
    if (query.deadlineAfter) deadline['$gt'] = query.deadlineAfter;
    if (query.deadlineAtOrBefore) deadline['$lte'] = query.deadlineAtOrBefore;
    const narrowing: QueryFilter<ChallengeDoc>[] = [];
    if (query.fieldId !== undefined) narrowing.push({ fieldIds: query.fieldId });
    if (Object.keys(deadline).length > 0) narrowing.push({ 'deadline.at': deadline });
    if (query.text) narrowing.push({ searchText: { $regex: escapeRegex(query.text) } });
    const filter: QueryFilter<ChallengeDoc> = {
      $and: [
        { $or: [own, seen] },
        { status: { $in: [...query.statuses] } },
        ...narrowing,
      ],
    };
    const sort: Record<string, 1 | -1> = query.sort === 'deadline' ? { 'deadline.at': 1, _id: 1 } : { _id: -1 };
    const [docs, total] = await Promise.all([
      this.models.challenges.find(filter).sort(sort).skip(query.offset).limit(query.limit).lean<ChallengeDoc[]>().exec(),
      this.models.challenges.countDocuments(filter).exec(),
    ]);
    return { records: docs.map(toChallenge), total };
  }

  addQuestion(question: QuestionRecord, caps: QuestionCaps): Promise<AddQuestionOutcome> {
    return this.questions.addQuestion(question, caps);
  }

  getQuestion(challengeId: string, questionId: string): Promise<QuestionRecord | null> {
    return this.questions.getQuestion(challengeId, questionId);
  }

  listQuestions(challengeId: string): Promise<QuestionRecord[]> {
    return this.questions.listQuestions(challengeId);
  }

  setAnswer(challengeId: string, questionId: string, answer: AnswerRecord): Promise<QuestionRecord | null> {
    return this.questions.setAnswer(challengeId, questionId, answer);
  }
}

/** Compare-and-swap rounds of `changeChallenge` before giving up (only one organisation's members race here). */
const CHANGE_ATTEMPTS = 20;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function toChallengeDoc(challenge: ChallengeRecord): ChallengeDoc {
  const { id, ...rest } = challenge;
  return { ...rest, _id: id, audiences: audienceKeys(challenge), searchText: searchTextOf(challenge) };
}

function toChallenge(doc: ChallengeDoc): ChallengeRecord {
  return {
    id: doc._id,
    organisationId: doc.organisationId,
    createdBy: doc.createdBy,
    title: doc.title,
    problem: doc.problem,
    background: doc.background,
    desiredOutcomes: doc.desiredOutcomes,
    constraints: doc.constraints,
    reward: doc.reward,
    ipTerms: doc.ipTerms,
    fieldIds: [...doc.fieldIds],
    deadline: { at: doc.deadline.at, timeZone: doc.deadline.timeZone },
    visibility: doc.visibility,
    invitedOrganisationIds: [...doc.invitedOrganisationIds],
    criteria: doc.criteria.map((c) => ({ name: c.name, weight: c.weight })),
    status: doc.status,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    publishedAt: doc.publishedAt ?? null,
    revision: doc.revision,
  };
}

function toFieldDoc(field: FieldRecord): FieldDoc {
  const { id, ...rest } = field;
  return { ...rest, _id: id };
}

function toField(doc: FieldDoc): FieldRecord {
  return { id: doc._id, nameZh: doc.nameZh, nameEn: doc.nameEn, archived: doc.archived, createdAt: doc.createdAt, updatedAt: doc.updatedAt };
}
