/** A field of the taxonomy as stored. */
export interface FieldRecord {
  id: string;
  nameZh: string;
  nameEn: string;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type FieldPatch = Partial<Pick<FieldRecord, 'nameZh' | 'nameEn' | 'archived'>>;

/**
 * Challenges and what hangs off them: `store.challenges`, in `LmdbChallenges` and
 * `MongoChallenges`; `challenges.contract.ts` tests both alike.
 */
export interface ChallengeStore {
  /**
   * Stores `fields` only while the taxonomy has never had a field, in one atomic write: a
   * second start, or a platform whose admins archived every field, is left as it is. Returns
   * how many were stored.
   */
  seedFields(fields: readonly FieldRecord[]): Promise<number>;
  /** Refused (false) when the taxonomy already has `max` fields (archived ones count). */
  createField(field: FieldRecord, max: number): Promise<boolean>;
  getField(id: string): Promise<FieldRecord | null>;
  /** Every field, archived ones too, oldest first. */
  listFields(): Promise<FieldRecord[]>;
  /** Null when there is no such field. */
  updateField(id: string, patch: FieldPatch, now: Date): Promise<FieldRecord | null>;
}
