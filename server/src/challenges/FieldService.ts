import { FIELDS_MAX, type createFieldBodySchema, type FieldPublic, type fieldPatchBodySchema } from '@ideasphere/shared';
import type { z } from 'zod';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import type { ChallengeStore, FieldRecord } from '../store/ChallengeStore.js';
import { authorizeChallenge, type Viewer } from './challengePolicy.js';
import { presentField } from './challengePresenters.js';
import { DEFAULT_FIELDS } from './defaultFields.js';

/** The platform-wide field taxonomy: anyone reads it; platform admins add, rename and archive. */
export class FieldService {
  constructor(
    private readonly store: ChallengeStore,
    private readonly now: () => number,
  ) {}

  /** At a platform's first start: the default fields (never again, whatever admins do later). */
  async seedDefaults(): Promise<number> {
    const start = this.now();
    // Ids one millisecond apart, so the default order is the list's.
    const fields = DEFAULT_FIELDS.map((names, index): FieldRecord => {
      const at = new Date(start + index);
      return { id: newId(at.getTime()), ...names, archived: false, createdAt: at, updatedAt: at };
    });
    return this.store.seedFields(fields);
  }

  /** Every field, archived ones too (a challenge filed under one still names it), oldest first. */
  async list(): Promise<FieldPublic[]> {
    return (await this.store.listFields()).map(presentField);
  }

  /** The ids among `ids` that name no field, or an archived one: nothing new may be filed under them. */
  async unusable(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const usable = new Set((await this.store.listFields()).filter((field) => !field.archived).map((field) => field.id));
    return ids.filter((id) => !usable.has(id));
  }

  async create(viewer: Viewer, input: z.output<typeof createFieldBodySchema>): Promise<FieldPublic> {
    authorizeChallenge(viewer, { kind: 'fields:manage' });
    const now = new Date(this.now());
    const field: FieldRecord = { id: newId(now.getTime()), nameZh: input.nameZh, nameEn: input.nameEn, archived: false, createdAt: now, updatedAt: now };
    if (!(await this.store.createField(field, FIELDS_MAX))) throw errors.fieldsFull(FIELDS_MAX);
    return presentField(field);
  }

  async change(viewer: Viewer, fieldId: string, patch: z.output<typeof fieldPatchBodySchema>): Promise<FieldPublic> {
    authorizeChallenge(viewer, { kind: 'fields:manage' });
    const changed = await this.store.updateField(fieldId, patch, new Date(this.now()));
    if (!changed) throw errors.fieldNotFound();
    return presentField(changed);
  }
}
