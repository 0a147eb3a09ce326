import { Schema, type Connection } from 'mongoose';
import { inTransaction } from './mongoTransactions.js';
import type { TemplateRecord, TemplateStore } from './TemplateStore.js';

interface TemplateDoc extends Omit<TemplateRecord, 'id'> {
  _id: string;
}

const templateSchema = new Schema<TemplateDoc>(
  {
    _id: { type: String, required: true },
    accountId: { type: String, required: true },
    name: { type: String, required: true },
    content: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'sessionTemplates', versionKey: false, minimize: false },
);
templateSchema.index({ accountId: 1, createdAt: -1 });

/** Templates as documents; the per-account cap is counted and inserted in one transaction. */
export class MongoTemplates implements TemplateStore {
  private readonly templates;

  constructor(private readonly connection: Connection) {
    this.templates = connection.model('SessionTemplate', templateSchema);
  }

  async buildIndexes(): Promise<void> {
    await this.templates.createCollection();
    await this.templates.syncIndexes();
  }

  async insertTemplate(template: TemplateRecord, max: number): Promise<boolean> {
    const { id, ...fields } = template;
    return inTransaction(this.connection, async (session) => {
      if ((await this.templates.countDocuments({ accountId: template.accountId }).session(session).exec()) >= max) return false;
      await this.templates.create([{ _id: id, ...fields }], { session });
      return true;
    });
  }

  async getTemplate(accountId: string, templateId: string): Promise<TemplateRecord | null> {
    const doc = await this.templates.findOne({ _id: templateId, accountId }).lean<TemplateDoc>().exec();
    return doc ? toRecord(doc) : null;
  }

  async listTemplates(accountId: string): Promise<TemplateRecord[]> {
    const docs = await this.templates.find({ accountId }).sort({ createdAt: -1, _id: -1 }).lean<TemplateDoc[]>().exec();
    return docs.map(toRecord);
  }

  async deleteTemplate(accountId: string, templateId: string): Promise<boolean> {
    const result = await this.templates.deleteOne({ _id: templateId, accountId }).exec();
    return result.deletedCount === 1;
  }
}

function toRecord(doc: TemplateDoc): TemplateRecord {
  const { _id, ...fields } = doc;
  return { ...fields, id: _id };
}
