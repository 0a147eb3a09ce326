import { Schema, type Connection, type mongo } from 'mongoose';
import type { ChallengeStore, FieldPatch, FieldRecord } from './ChallengeStore.js';
import { definedFieldPatch } from './LmdbChallenges.js';
import type { AsDoc } from './mongoModels.js';

type FieldDoc = AsDoc<FieldRecord>;
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

  constructor(private readonly connection: Connection) {
    this.models = compileChallengeModels(connection);
  }

  /** Creates the collections and builds the indexes every query below relies on (once, at connect). */
  async buildIndexes(): Promise<void> {
    for (const model of Object.values(this.models)) {
      await model.createCollection();
      await model.syncIndexes();
    }
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
}

function toFieldDoc(field: FieldRecord): FieldDoc {
  const { id, ...rest } = field;
  return { ...rest, _id: id };
}

function toField(doc: FieldDoc): FieldRecord {
  return { id: doc._id, nameZh: doc.nameZh, nameEn: doc.nameEn, archived: doc.archived, createdAt: doc.createdAt, updatedAt: doc.updatedAt };
}
