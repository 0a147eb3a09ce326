import { describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import type { AwardCategoryRecord, AwardProgrammeRecord, AwardStore, NominationRecord } from './AwardStore.js';
import { StoreConflictError, type Store } from './Store.js';

const NOW = new Date(Date.UTC(2026, 3, 1, 8, 0, 0, 321));

function makeCategory(overrides: Partial<AwardCategoryRecord> = {}): AwardCategoryRecord {
  return {
    id: newId(),
    nameZh: '科技之星',
    nameEn: 'Science and technology star',
    description: '',
    winnersCount: 1,
    criteria: [{ id: newId(), name: 'Impact', weight: 100, guidance: '' }],
    liveSessionId: null,
    audienceVote: null,
    winners: null,
    ...overrides,
  };
}

export function makeProgramme(overrides: Partial<AwardProgrammeRecord> = {}): AwardProgrammeRecord {
  return {
    id: newId(),
    organisationId: newId(),
    name: '创新大会 2026',
    year: 2026,
    juryWeight: 60,
    categories: [makeCategory()],
    createdBy: newId(),
    createdAt: NOW,
    updatedAt: NOW,
    revision: 0,
    ...overrides,
  };
}

function makeNomination(overrides: Partial<NominationRecord> = {}): NominationRecord {
  return {
    id: newId(),
    programmeId: newId(),
    categoryId: newId(),
    nomineeKind: 'person',
    nomineeRefId: newId(),
    nomineeName: '李雷',
    citation: 'Built the 孵化 pipeline.',
    status: 'pending',
    nominatedBy: newId(),
    decidedBy: null,
    decidedAt: null,
    createdAt: NOW,
    updatedAt: NOW,
    revision: 0,
    ...overrides,
  };
}

/** The awards part of the store contract. */
export function describeAwardContract(getStore: () => Store): void {
  const awards = (): AwardStore => getStore().awards;

  describe('awards', () => {
    it('stores a programme with nested dates, reads it back, refuses a duplicate id and a programme over the cap', async () => {
      const sessionId = newId();
      const programme = makeProgramme({
        categories: [
          makeCategory({
            liveSessionId: sessionId,
            audienceVote: { sessionId, status: 'closed', ideaIds: { n1: 'i1' }, finalVotes: { n1: 3 }, startedAt: NOW, closedAt: new Date(NOW.getTime() + 1) },
            winners: { nominationIds: ['n1'], overrideReason: null, confirmedBy: 'a', confirmedAt: NOW, revealedAt: null },
          }),
        ],
      });
      expect(await awards().createProgramme(programme, 2)).toEqual({ ok: true });
      const got = await awards().getProgramme(programme.id);
      expect(got).toEqual(programme);
      expect(got?.categories[0]?.audienceVote?.startedAt).toBeInstanceOf(Date);
      await expect(awards().createProgramme({ ...programme, name: 'other' }, 2)).rejects.toBeInstanceOf(StoreConflictError);
      expect((await awards().getProgramme(programme.id))?.name).toBe(programme.name);
      expect(await awards().createProgramme(makeProgramme({ organisationId: programme.organisationId }), 2)).toEqual({ ok: true });
      const third = makeProgramme({ organisationId: programme.organisationId });
      expect(await awards().createProgramme(third, 2)).toEqual({ ok: false, reason: 'full' });
      expect(await awards().getProgramme(third.id)).toBeNull();
      expect((await awards().listProgrammesOfSession(sessionId)).map((p) => p.id)).toEqual([programme.id]);
      expect((await awards().getProgrammeOfCategory(programme.categories[0]?.id ?? ''))?.id).toBe(programme.id);
      expect(await awards().getProgrammeOfCategory(newId())).toBeNull();
    });

    it("lists the programmes of organisations newest first, and only theirs", async () => {
      const org = newId();
      const older = makeProgramme({ id: newId(NOW.getTime()), organisationId: org });
      const newer = makeProgramme({ id: newId(NOW.getTime() + 10), organisationId: org });
      await awards().createProgramme(older, 10);
      await awards().createProgramme(newer, 10);
      await awards().createProgramme(makeProgramme(), 10);
      expect((await awards().listProgrammesOfOrganisations([org])).map((p) => p.id)).toEqual([newer.id, older.id]);
      expect(await awards().listProgrammesOfOrganisations([newId()])).toEqual([]);
    });

    it('changes a programme atomically, keeps ids, follows its linked sessions; a refusal changes nothing', async () => {
      const programme = makeProgramme();
      await awards().createProgramme(programme, 10);
      const first = newId();
      const second = newId();
      const link = (sessionId: string) =>
        awards().changeProgramme(programme.id, (current) => ({
          ok: true,
          record: { ...current, id: 'ignored', organisationId: 'ignored', categories: current.categories.map((c) => ({ ...c, liveSessionId: sessionId })) },
        }));
      expect((await link(first)).ok).toBe(true);
      expect((await awards().listProgrammesOfSession(first)).map((p) => p.id)).toEqual([programme.id]);
      await link(second);
      expect(await awards().listProgrammesOfSession(first)).toEqual([]);
      const stored = await awards().getProgramme(programme.id);
      expect(stored?.organisationId).toBe(programme.organisationId);
      expect(stored?.revision).toBe(2);
      expect(stored?.categories[0]?.liveSessionId).toBe(second);
      expect(await awards().changeProgramme(programme.id, () => ({ ok: false, reason: 'nope' }))).toEqual({ ok: false, reason: 'nope' });
      expect((await awards().getProgramme(programme.id))?.revision).toBe(2);
      expect(await awards().changeProgramme(newId(), (c) => ({ ok: true, record: c }))).toEqual({ ok: false, reason: 'award_programme_not_found' });
    });

    it('concurrent programme changes are all kept', async () => {
      const programme = makeProgramme({ categories: [] });
      await awards().createProgramme(programme, 10);
      await Promise.all(
        Array.from({ length: 5 }, () => awards().changeProgramme(programme.id, (current) => ({ ok: true, record: { ...current, categories: [...current.categories, makeCategory()] } }))),
      );
      const stored = await awards().getProgramme(programme.id);
      expect(stored?.categories).toHaveLength(5);
      for (const category of stored?.categories ?? []) expect((await awards().getProgrammeOfCategory(category.id))?.id).toBe(programme.id);
      await awards().changeProgramme(programme.id, (current) => ({ ok: true, record: { ...current, categories: current.categories.slice(1) } }));
      expect(await awards().getProgrammeOfCategory(stored?.categories[0]?.id ?? '')).toBeNull();
      expect(stored?.revision).toBe(5);
    });

    it('stores nominations per programme oldest first, caps them, changes them atomically', async () => {
      const programmeId = newId();
      const first = makeNomination({ id: newId(NOW.getTime()), programmeId });
      const second = makeNomination({ id: newId(NOW.getTime() + 1), programmeId, nomineeKind: 'team' });
      expect(await awards().createNomination(second, 2)).toEqual({ ok: true });
      expect(await awards().createNomination(first, 2)).toEqual({ ok: true });
      expect(await awards().createNomination(makeNomination({ programmeId }), 2)).toEqual({ ok: false, reason: 'full' });
      await expect(awards().createNomination(first, 5)).rejects.toBeInstanceOf(StoreConflictError);
      await awards().createNomination(makeNomination(), 2);
      expect((await awards().listNominations(programmeId)).map((n) => n.id)).toEqual([first.id, second.id]);
      expect(await awards().getNomination(first.id)).toEqual(first);

      const decidedAt = new Date(NOW.getTime() + 99);
      const changed = await awards().changeNomination(first.id, (current) => ({
        ok: true,
        record: { ...current, programmeId: 'ignored', categoryId: 'ignored', status: 'accepted', decidedBy: 'owner', decidedAt },
      }));
      expect(changed.ok).toBe(true);
      const stored = await awards().getNomination(first.id);
      expect(stored).toEqual({ ...first, status: 'accepted', decidedBy: 'owner', decidedAt, revision: 1 });
      expect(stored?.decidedAt).toBeInstanceOf(Date);
      expect(await awards().changeNomination(first.id, () => ({ ok: false, reason: 'nope' }))).toEqual({ ok: false, reason: 'nope' });
      expect((await awards().getNomination(first.id))?.revision).toBe(1);
      expect(await awards().changeNomination(newId(), (c) => ({ ok: true, record: c }))).toEqual({ ok: false, reason: 'nomination_not_found' });
    });
  });
}
