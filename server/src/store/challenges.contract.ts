import { describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import type { ChallengeStore, FieldRecord } from './ChallengeStore.js';
import type { Store } from './Store.js';

const NOW = new Date(Date.UTC(2025, 6, 1, 8, 0, 0, 123));
const LATER = new Date(NOW.getTime() + 60_000);

export function makeField(overrides: Partial<FieldRecord> = {}): FieldRecord {
  return { id: newId(), nameZh: '新材料', nameEn: 'New materials', archived: false, createdAt: NOW, updatedAt: NOW, ...overrides };
}

/** The challenges part of the store contract. */
export function describeChallengeContract(getStore: () => Store): void {
  const challenges = (): ChallengeStore => getStore().challenges;

  describe('field taxonomy', () => {
    // First in this part: no other part of the contract makes fields.
    it('seeds the taxonomy once, in order, and never again', async () => {
      const seed = [makeField({ id: newId(NOW.getTime()), nameZh: '智能制造', nameEn: 'Smart manufacturing' }), makeField({ id: newId(NOW.getTime() + 1) })];
      expect(await challenges().seedFields(seed)).toBe(2);
      expect(await challenges().listFields()).toEqual(seed);
      expect(await challenges().seedFields([makeField()])).toBe(0);
      expect(await challenges().listFields()).toHaveLength(2);
    });

    it('adds fields up to a cap, archived ones counted', async () => {
      const before = (await challenges().listFields()).length;
      const added = makeField({ archived: true });
      expect(await challenges().createField(added, before + 1)).toBe(true);
      expect(await challenges().getField(added.id)).toEqual(added);
      expect(await challenges().createField(makeField(), before + 1)).toBe(false);
      expect(await challenges().listFields()).toHaveLength(before + 1);
    });

    it('lets exactly as many concurrent adds land as the cap allows', async () => {
      const before = (await challenges().listFields()).length;
      const outcomes = await Promise.all(Array.from({ length: 4 }, () => challenges().createField(makeField(), before + 2)));
      expect(outcomes.filter(Boolean)).toHaveLength(2);
      expect(await challenges().listFields()).toHaveLength(before + 2);
    });

    it('renames and archives a field, dates as Dates; an unknown field is null', async () => {
      const field = makeField();
      await challenges().createField(field, 10_000);
      const renamed = await challenges().updateField(field.id, { nameEn: 'Advanced materials', archived: true }, LATER);
      expect(renamed).toEqual({ ...field, nameEn: 'Advanced materials', archived: true, updatedAt: LATER });
      expect((await challenges().getField(field.id))?.updatedAt).toBeInstanceOf(Date);
      expect(await challenges().updateField(newId(), { archived: true }, LATER)).toBeNull();
    });
  });
}
