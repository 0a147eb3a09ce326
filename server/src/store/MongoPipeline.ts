import type { PipelineItemRef } from '@ideasphere/shared';
import { Schema, type Connection } from 'mongoose';
import { duplicateKeyFields, type AsDoc } from './mongoModels.js';
import type { PipelineChange, PipelineItemRecord, PipelineSettingsRecord, PipelineStore } from './PipelineStore.js';

type ItemDoc = AsDoc<PipelineItemRecord>;
type SettingsDoc = Omit<PipelineSettingsRecord, 'organisationId'> & { _id: string };

const moveSchema = { _id: false, from: { type: String, default: null }, to: String, at: Date, by: { type: String, default: null }, reason: String };
const updateSchema = { _id: false, at: Date, by: String, status: String, note: String };
const milestoneSchema = { _id: false, id: String, title: String, ownerAccountId: String, due: String, status: String, updates: { type: [updateSchema], default: [] }, createdAt: Date };

const itemSchema = new Schema<ItemDoc>(
  {
    _id: { type: String, required: true },
    ref: { type: new Schema({ kind: String, id: String }, { _id: false }), required: true },
    organisationId: { type: String, required: true },
    sessionId: { type: String, default: null },
    title: { type: String, required: true },
    fieldIds: { type: [String], default: [] },
    stage: { type: String, required: true },
    enteredAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    history: { type: [moveSchema], default: [] },
    milestones: { type: [milestoneSchema], default: [] },
    revision: { type: Number, required: true },
  },
  { collection: 'pipelineItems', versionKey: false, minimize: false },
);
// One item per thing it stands for: a racing second add meets this index.
itemSchema.index({ 'ref.kind': 1, 'ref.id': 1 }, { unique: true });
// An organisation's items, oldest first (ids sort by creation time).
itemSchema.index({ organisationId: 1, _id: 1 });

const settingsSchema = new Schema<SettingsDoc>(
  {
    _id: { type: String, required: true },
    stageNames: { type: Schema.Types.Mixed, required: true },
    gates: { type: Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { collection: 'pipelineSettings', versionKey: false, minimize: false },
);

/** Compare-and-swap rounds of `changeItem` before giving up. */
const CHANGE_ATTEMPTS = 20;

/** The pipeline of `MongoStore`; a change is a compare-and-swap on `revision`. */
export class MongoPipeline implements PipelineStore {
  private readonly items;
  private readonly settings;

  constructor(connection: Connection) {
    this.items = connection.model('PipelineItem', itemSchema);
    this.settings = connection.model('PipelineSettings', settingsSchema);
  }

  async buildIndexes(): Promise<void> {
    for (const model of [this.items, this.settings] as const) {
      await model.createCollection();
      await model.syncIndexes();
    }
  }

  async addItem(item: PipelineItemRecord): Promise<{ item: PipelineItemRecord; created: boolean }> {
    try {
      await this.items.create(toDoc(item));
      return { item: fromDoc(toDoc(item)), created: true };
    } catch (error) {
      if (duplicateKeyFields(error) === null) throw error;
      const existing = await this.getItemByRef(item.ref);
      if (!existing) throw error;
      return { item: existing, created: false };
    }
  }

  async getItem(id: string): Promise<PipelineItemRecord | null> {
    const doc = await this.items.findById(id).lean<ItemDoc>().exec();
    return doc ? fromDoc(doc) : null;
  }

  async getItemByRef(ref: PipelineItemRef): Promise<PipelineItemRecord | null> {
    const doc = await this.items.findOne({ 'ref.kind': ref.kind, 'ref.id': ref.id }).lean<ItemDoc>().exec();
    return doc ? fromDoc(doc) : null;
  }

  async listItems(organisationIds: readonly string[] | 'all', limit: number): Promise<PipelineItemRecord[]> {
    const filter = organisationIds === 'all' ? {} : { organisationId: { $in: [...organisationIds] } };
    const docs = await this.items.find(filter).sort({ _id: 1 }).limit(limit).lean<ItemDoc[]>().exec();
    return docs.map(fromDoc);
  }

  async changeItem<R extends string>(
    id: string,
    decide: (current: PipelineItemRecord) => PipelineChange<R>,
  ): Promise<PipelineChange<R | 'pipeline_item_not_found'>> {
    for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
      const doc = await this.items.findById(id).lean<ItemDoc>().exec();
      if (!doc) return { ok: false, reason: 'pipeline_item_not_found' };
      const current = fromDoc(doc);
      const outcome = decide(current);
      if (!outcome.ok) return outcome;
      const next: PipelineItemRecord = { ...outcome.record, id, ref: current.ref, organisationId: current.organisationId, createdAt: current.createdAt, revision: current.revision + 1 };
      const result = await this.items.replaceOne({ _id: id, revision: current.revision }, toDoc(next)).exec();
      if (result.modifiedCount === 1) return { ok: true, record: fromDoc(toDoc(next)) };
    }
    throw new Error(`changeItem: pipeline item ${id} kept changing under ${CHANGE_ATTEMPTS} attempts`);
  }

  async getSettings(organisationId: string): Promise<PipelineSettingsRecord | null> {
    const doc = await this.settings.findById(organisationId).lean<SettingsDoc>().exec();
    if (!doc) return null;
    return { organisationId, stageNames: structuredClone(doc.stageNames), gates: structuredClone(doc.gates), updatedAt: new Date(doc.updatedAt), updatedBy: doc.updatedBy };
  }

  async putSettings(settings: PipelineSettingsRecord): Promise<void> {
    const { organisationId, ...rest } = settings;
    await this.settings.replaceOne({ _id: organisationId }, { ...rest }, { upsert: true }).exec();
  }
}

function toDoc(item: PipelineItemRecord): ItemDoc {
  const { id, ...rest } = item;
  return { ...rest, _id: id };
}

function fromDoc(doc: ItemDoc): PipelineItemRecord {
  return {
    id: doc._id,
    ref: { kind: doc.ref.kind, id: doc.ref.id },
    organisationId: doc.organisationId,
    sessionId: doc.sessionId ?? null,
    title: doc.title,
    fieldIds: [...doc.fieldIds],
    stage: doc.stage,
    enteredAt: new Date(doc.enteredAt),
    createdAt: new Date(doc.createdAt),
    history: doc.history.map((m) => ({ from: m.from ?? null, to: m.to, at: new Date(m.at), by: m.by ?? null, reason: m.reason })),
    milestones: doc.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      ownerAccountId: m.ownerAccountId,
      due: m.due,
      status: m.status,
      updates: m.updates.map((u) => ({ at: new Date(u.at), by: u.by, status: u.status, note: u.note })),
      createdAt: new Date(m.createdAt),
    })),
    revision: doc.revision,
  };
}
