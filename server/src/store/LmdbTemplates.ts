import type { Database, RootDatabase } from 'lmdb';
import { prefixRange, writeDurably, type ScopedKey } from './lmdbRecords.js';
import type { TemplateRecord, TemplateStore } from './TemplateStore.js';

export const LMDB_TEMPLATE_DATABASES = 1;

type StoredTemplate = Omit<TemplateRecord, 'createdAt'> & { createdAt: number };

/** Templates at [account, template id]: one range per account; the cap is checked in the insert's transaction. */
export class LmdbTemplates implements TemplateStore {
  private readonly templates: Database<StoredTemplate, ScopedKey>;

  constructor(private readonly env: RootDatabase) {
    this.templates = env.openDB({ name: 'sessionTemplates' });
  }

  async insertTemplate(template: TemplateRecord, max: number): Promise<boolean> {
    return writeDurably(this.env, () => {
      if (this.templates.getKeysCount(prefixRange(template.accountId)) >= max) return false;
      this.templates.putSync([template.accountId, template.id], { ...template, createdAt: template.createdAt.getTime() });
      return true;
    });
  }

  async getTemplate(accountId: string, templateId: string): Promise<TemplateRecord | null> {
    const stored = this.templates.get([accountId, templateId]);
    return stored ? fromStored(stored) : null;
  }

  async listTemplates(accountId: string): Promise<TemplateRecord[]> {
    return Array.from(this.templates.getRange(prefixRange(accountId)), ({ value }) => fromStored(value)).sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
    );
  }

  async deleteTemplate(accountId: string, templateId: string): Promise<boolean> {
    return writeDurably(this.env, () => this.templates.removeSync([accountId, templateId]));
  }
}

function fromStored(stored: StoredTemplate): TemplateRecord {
  return { ...stored, content: structuredClone(stored.content), createdAt: new Date(stored.createdAt) };
}
