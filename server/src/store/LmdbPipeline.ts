import type { PipelineItemRef } from '@ideasphere/shared';
import type { Database, RootDatabase } from 'lmdb';
import { prefixRange, writeDurably, type ScopedKey } from './lmdbRecords.js';
import type { MilestoneRecord, PipelineChange, PipelineItemRecord, PipelineMoveRecord, PipelineSettingsRecord, PipelineStore } from './PipelineStore.js';

/** Sub-databases of this part, opened by {@link LmdbPipeline}. */
export const LMDB_PIPELINE_DATABASES = 4;

type Stored<T, K extends keyof T> = Omit<T, K> & { [P in K]: number };
type StoredMove = Stored<PipelineMoveRecord, 'at'>;
type StoredMilestone = Omit<Stored<MilestoneRecord, 'createdAt'>, 'updates'> & { updates: Stored<MilestoneRecord['updates'][number], 'at'>[] };
type StoredItem = Omit<Stored<PipelineItemRecord, 'enteredAt' | 'createdAt'>, 'history' | 'milestones'> & { history: StoredMove[]; milestones: StoredMilestone[] };
type StoredSettings = Stored<PipelineSettingsRecord, 'updatedAt'>;

/** The key that makes an item unique per thing it stands for. */
const refKey = (ref: PipelineItemRef) => `${ref.kind}:${ref.id}`;

/** The pipeline of `LmdbStore`; an add or a change is one write transaction. */
export class LmdbPipeline implements PipelineStore {
  private readonly items: Database<StoredItem, string>;
  /** `kind:id` → item id */
  private readonly byRef: Database<string, string>;
  /** [organisationId, itemId] → true */
  private readonly byOrganisation: Database<true, ScopedKey>;
  private readonly settings: Database<StoredSettings, string>;

  constructor(private readonly env: RootDatabase) {
    this.items = env.openDB({ name: 'pipelineItems' });
    this.byRef = env.openDB({ name: 'pipelineItemsByRef' });
    this.byOrganisation = env.openDB({ name: 'pipelineItemsByOrganisation' });
    this.settings = env.openDB({ name: 'pipelineSettings' });
  }

  async addItem(item: PipelineItemRecord): Promise<{ item: PipelineItemRecord; created: boolean }> {
    return writeDurably(this.env, () => {
      const existingId = this.byRef.get(refKey(item.ref));
      const existing = existingId === undefined ? undefined : this.items.get(existingId);
      if (existing) return { item: fromStored(existing), created: false };
      this.items.putSync(item.id, toStored(item));
      this.byRef.putSync(refKey(item.ref), item.id);
      this.byOrganisation.putSync([item.organisationId, item.id], true);
      return { item: fromStored(toStored(item)), created: true };
    });
  }

  async getItem(id: string): Promise<PipelineItemRecord | null> {
    const stored = this.items.get(id);
    return stored ? fromStored(stored) : null;
  }

  async getItemByRef(ref: PipelineItemRef): Promise<PipelineItemRecord | null> {
    const id = this.byRef.get(refKey(ref));
    return id === undefined ? null : this.getItem(id);
  }

  async listItems(organisationIds: readonly string[] | 'all', limit: number): Promise<PipelineItemRecord[]> {
    const transaction = this.env.useReadTransaction();
    try {
      const result: PipelineItemRecord[] = [];
      if (organisationIds === 'all') {
        for (const { value } of this.items.getRange({ transaction, limit })) result.push(fromStored(value));
      } else {
        for (const organisationId of organisationIds) {
          for (const key of this.byOrganisation.getKeys({ ...prefixRange(organisationId), transaction, limit: limit - result.length })) {
            const stored = this.items.get(key[1], { transaction });
            if (stored) result.push(fromStored(stored));
          }
          if (result.length >= limit) break;
        }
      }
      // Ids sort by creation time, so oldest first over every organisation.
      return result.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    } finally {
      transaction.done();
    }
  }

  async changeItem<R extends string>(
    id: string,
    decide: (current: PipelineItemRecord) => PipelineChange<R>,
  ): Promise<PipelineChange<R | 'pipeline_item_not_found'>> {
    return writeDurably(this.env, (): PipelineChange<R | 'pipeline_item_not_found'> => {
      const stored = this.items.get(id);
      if (!stored) return { ok: false, reason: 'pipeline_item_not_found' };
      const current = fromStored(stored);
      const outcome = decide(current);
      if (!outcome.ok) return outcome;
      const next: PipelineItemRecord = { ...outcome.record, id, ref: current.ref, organisationId: current.organisationId, createdAt: current.createdAt, revision: current.revision + 1 };
      this.items.putSync(id, toStored(next));
      return { ok: true, record: fromStored(toStored(next)) };
    });
  }

  async getSettings(organisationId: string): Promise<PipelineSettingsRecord | null> {
    const stored = this.settings.get(organisationId);
    return stored ? { ...structuredClone(stored), updatedAt: new Date(stored.updatedAt) } : null;
  }

  async putSettings(settings: PipelineSettingsRecord): Promise<void> {
    await writeDurably(this.env, () => {
      this.settings.putSync(settings.organisationId, { ...structuredClone({ ...settings, updatedAt: 0 }), updatedAt: settings.updatedAt.getTime() });
    });
  }
}

function toStored(item: PipelineItemRecord): StoredItem {
  return {
    ...item,
    ref: { ...item.ref },
    fieldIds: [...item.fieldIds],
    enteredAt: item.enteredAt.getTime(),
    createdAt: item.createdAt.getTime(),
    history: item.history.map((m) => ({ ...m, at: m.at.getTime() })),
    milestones: item.milestones.map((m) => ({ ...m, createdAt: m.createdAt.getTime(), updates: m.updates.map((u) => ({ ...u, at: u.at.getTime() })) })),
  };
}

function fromStored(stored: StoredItem): PipelineItemRecord {
  return {
    ...stored,
    ref: { ...stored.ref },
    fieldIds: [...stored.fieldIds],
    enteredAt: new Date(stored.enteredAt),
    createdAt: new Date(stored.createdAt),
    history: stored.history.map((m) => ({ ...m, at: new Date(m.at) })),
    milestones: stored.milestones.map((m) => ({ ...m, createdAt: new Date(m.createdAt), updates: m.updates.map((u) => ({ ...u, at: new Date(u.at) })) })),
  };
}
