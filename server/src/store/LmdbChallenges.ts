import type { Database, RootDatabase } from 'lmdb';
import type { ChallengeStore, FieldPatch, FieldRecord } from './ChallengeStore.js';
import { writeDurably } from './lmdbRecords.js';

/** Sub-databases of the challenges part, opened by {@link LmdbChallenges}. */
export const LMDB_CHALLENGE_DATABASES = 2;

type StoredField = Omit<FieldRecord, 'createdAt' | 'updatedAt'> & { createdAt: number; updatedAt: number };

/** The key in `meta` that says the taxonomy was seeded once. */
const FIELDS_SEEDED = 'fieldsSeeded';

/**
 * The challenges half of `LmdbStore`. Check-then-write changes run in one write transaction,
 * which LMDB serialises across threads and processes.
 */
export class LmdbChallenges implements ChallengeStore {
  /** field id (= creation order) → field */
  private readonly fields: Database<StoredField, string>;
  /** flags of this part (the taxonomy was seeded) */
  private readonly meta: Database<true, string>;

  constructor(private readonly env: RootDatabase) {
    this.fields = env.openDB({ name: 'challengeFields' });
    this.meta = env.openDB({ name: 'challengeMeta' });
  }

  async seedFields(fields: readonly FieldRecord[]): Promise<number> {
    return writeDurably(this.env, () => {
      if (this.meta.get(FIELDS_SEEDED) || this.fields.getKeysCount() > 0) return 0;
      for (const field of fields) this.fields.putSync(field.id, toStoredField(field));
      this.meta.putSync(FIELDS_SEEDED, true);
      return fields.length;
    });
  }

  async createField(field: FieldRecord, max: number): Promise<boolean> {
    return writeDurably(this.env, () => {
      if (this.fields.getKeysCount() >= max) return false;
      this.fields.putSync(field.id, toStoredField(field));
      // A platform whose admins made fields by hand is never seeded over.
      this.meta.putSync(FIELDS_SEEDED, true);
      return true;
    });
  }

  async getField(id: string): Promise<FieldRecord | null> {
    const stored = this.fields.get(id);
    return stored ? fromStoredField(stored) : null;
  }

  async listFields(): Promise<FieldRecord[]> {
    return [...this.fields.getRange()].map(({ value }) => fromStoredField(value));
  }

  async updateField(id: string, patch: FieldPatch, now: Date): Promise<FieldRecord | null> {
    return writeDurably(this.env, () => {
      const stored = this.fields.get(id);
      if (!stored) return null;
      const next: StoredField = { ...stored, ...definedFieldPatch(patch), updatedAt: now.getTime() };
      this.fields.putSync(id, next);
      return fromStoredField(next);
    });
  }
}

export function definedFieldPatch(patch: FieldPatch): FieldPatch {
  const defined: FieldPatch = {};
  if (patch.nameZh !== undefined) defined.nameZh = patch.nameZh;
  if (patch.nameEn !== undefined) defined.nameEn = patch.nameEn;
  if (patch.archived !== undefined) defined.archived = patch.archived;
  return defined;
}

function toStoredField(field: FieldRecord): StoredField {
  return { ...field, createdAt: field.createdAt.getTime(), updatedAt: field.updatedAt.getTime() };
}

function fromStoredField(stored: StoredField): FieldRecord {
  return { ...stored, createdAt: new Date(stored.createdAt), updatedAt: new Date(stored.updatedAt) };
}
