import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import type { ChallengeQuery, ChallengeRecord, ChallengeStore, FieldRecord } from './ChallengeStore.js';
import { invitedKey } from './challengeRules.js';
import { StoreConflictError, type Store } from './Store.js';

const NOW = new Date(Date.UTC(2025, 6, 1, 8, 0, 0, 123));
const LATER = new Date(NOW.getTime() + 60_000);

export function makeField(overrides: Partial<FieldRecord> = {}): FieldRecord {
  return { id: newId(), nameZh: '新材料', nameEn: 'New materials', archived: false, createdAt: NOW, updatedAt: NOW, ...overrides };
}

const DAY = 24 * 60 * 60 * 1000;

export function makeChallenge(overrides: Partial<ChallengeRecord> = {}): ChallengeRecord {
  return {
    id: newId(),
    organisationId: newId(),
    createdBy: newId(),
    title: 'Lighter steel 更轻的钢材',
    problem: '## Problem\nWe need **lighter** steel.',
    background: '',
    desiredOutcomes: 'A prototype',
    constraints: '',
    reward: '¥200,000',
    ipTerms: 'Shared',
    fieldIds: [newId()],
    deadline: { at: new Date(NOW.getTime() + 30 * DAY), timeZone: 'Asia/Shanghai' },
    visibility: 'public',
    invitedOrganisationIds: [],
    criteria: [
      { name: 'Feasibility 可行性', weight: 60 },
      { name: 'Cost', weight: 40 },
    ],
    status: 'open',
    createdAt: NOW,
    updatedAt: NOW,
    publishedAt: NOW,
    revision: 0,
    ...overrides,
  };
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

  describe('challenges', () => {
    /** A word no other test's challenge contains, so a text query sees only this test's records. */
    const marker = () => `zq${randomBytes(4).toString('hex')}`;
    async function created(overrides: Partial<ChallengeRecord>): Promise<ChallengeRecord> {
      const challenge = makeChallenge(overrides);
      await challenges().createChallenge(challenge);
      return challenge;
    }
    const query = (overrides: Partial<ChallengeQuery>): ChallengeQuery => ({
      audiences: ['public'],
      ownOrganisationIds: [],
      statuses: ['draft', 'open', 'closed', 'in_review', 'decided'],
      sort: 'deadline',
      offset: 0,
      limit: 50,
      ...overrides,
    });
    const ids = async (q: ChallengeQuery) => (await challenges().queryChallenges(q)).records.map((c) => c.id);

    it('returns a created challenge, dates as Dates; refuses a taken id', async () => {
      const challenge = await created({ publishedAt: null, status: 'draft' });
      const stored = await challenges().getChallenge(challenge.id);
      expect(stored).toEqual(challenge);
      expect(stored?.deadline.at).toBeInstanceOf(Date);
      await expect(challenges().createChallenge({ ...challenge, title: 'impostor' })).rejects.toBeInstanceOf(StoreConflictError);
      expect((await challenges().getChallenge(challenge.id))?.title).toBe(challenge.title);
      expect(await challenges().getChallenge(newId())).toBeNull();
    });

    it('changes a challenge by its decision, bumping the revision; a refusal or an unknown id changes nothing', async () => {
      const challenge = await created({});
      const refused = await challenges().changeChallenge(challenge.id, () => ({ ok: false, reason: 'nope' }));
      expect(refused).toEqual({ ok: false, reason: 'nope' });
      expect(await challenges().getChallenge(challenge.id)).toEqual(challenge);
      const changed = await challenges().changeChallenge(challenge.id, (current) => ({ ok: true, record: { ...current, status: 'closed', updatedAt: LATER } }));
      expect(changed).toEqual({ ok: true, record: { ...challenge, status: 'closed', updatedAt: LATER, revision: 1 } });
      expect(await challenges().getChallenge(challenge.id)).toEqual({ ...challenge, status: 'closed', updatedAt: LATER, revision: 1 });
      expect(await challenges().changeChallenge(newId(), (current) => ({ ok: true, record: current }))).toEqual({ ok: false, reason: 'challenge_not_found' });
    });

    it('applies concurrent changes one after another, none lost', async () => {
      const challenge = await created({ title: 'T' });
      await Promise.all(
        ['a', 'b', 'c', 'd'].map((letter) => challenges().changeChallenge(challenge.id, (current) => ({ ok: true, record: { ...current, title: current.title + letter } }))),
      );
      const stored = await challenges().getChallenge(challenge.id);
      expect([...(stored?.title ?? '')].sort().join('')).toBe('Tabcd');
      expect(stored?.revision).toBe(4);
    });

    it('shows each viewer what its audiences and organisations allow, drafts only to their own organisation', async () => {
      const text = marker();
      const owner = newId();
      const invited = newId();
      const publicOpen = await created({ title: `Public ${text}`, organisationId: owner });
      const publicDraft = await created({ title: `Draft ${text}`, organisationId: owner, status: 'draft', publishedAt: null });
      const platform = await created({ title: `Platform ${text}`, organisationId: owner, visibility: 'platform' });
      const privateOne = await created({ title: `Private ${text}`, organisationId: owner, visibility: 'invited', invitedOrganisationIds: [invited] });
      const all = [publicOpen, publicDraft, platform, privateOne].map((c) => c.id).sort();
      const sorted = async (q: ChallengeQuery) => (await ids(q)).sort();

      expect(await sorted(query({ text }))).toEqual([publicOpen.id]);
      expect(await sorted(query({ text, audiences: ['public', 'platform'] }))).toEqual([publicOpen.id, platform.id].sort());
      expect(await sorted(query({ text, audiences: ['public', 'platform', invitedKey(invited)] }))).toEqual([publicOpen.id, platform.id, privateOne.id].sort());
      expect(await sorted(query({ text, audiences: ['public', 'platform', invitedKey(newId())] }))).toEqual([publicOpen.id, platform.id].sort());
      expect(await sorted(query({ text, audiences: 'all' }))).toEqual([publicOpen.id, platform.id, privateOne.id].sort());
      expect(await sorted(query({ text, audiences: ['public'], ownOrganisationIds: [owner] }))).toEqual(all);
      expect((await challenges().queryChallenges(query({ text, audiences: ['public'] }))).total).toBe(1);
    });

    it('narrows by status, field, deadline and text (title or problem, any case)', async () => {
      const text = marker();
      const field = newId();
      const soon = await created({ title: `Soon ${text}`, fieldIds: [field, newId()], deadline: { at: new Date(NOW.getTime() + 3 * DAY), timeZone: 'UTC' } });
      const late = await created({ title: 'Late', problem: `Mentions ${text.toUpperCase()} in the problem`, fieldIds: [field] });
      const past = await created({ title: `Past ${text}`, status: 'closed', deadline: { at: new Date(NOW.getTime() - DAY), timeZone: 'UTC' } });

      expect(await ids(query({ text }))).toEqual([past.id, soon.id, late.id]);
      expect(await ids(query({ text, statuses: ['closed'] }))).toEqual([past.id]);
      expect(await ids(query({ fieldId: field }))).toEqual([soon.id, late.id]);
      expect(await ids(query({ text, deadlineAfter: NOW }))).toEqual([soon.id, late.id]);
      expect(await ids(query({ text, deadlineAfter: NOW, deadlineAtOrBefore: new Date(NOW.getTime() + 7 * DAY) }))).toEqual([soon.id]);
      expect(await ids(query({ text, deadlineAtOrBefore: NOW }))).toEqual([past.id]);
      expect(await ids(query({ fieldId: field, text: 'soon' }))).toEqual([soon.id]);
    });

    it('sorts by deadline or newest and pages, with the total of every page', async () => {
      const text = marker();
      const made: ChallengeRecord[] = [];
      for (let i = 0; i < 5; i++) {
        made.push(await created({ id: newId(NOW.getTime() + i), title: `Page ${text} ${i}`, deadline: { at: new Date(NOW.getTime() + (10 - i) * DAY), timeZone: 'UTC' } }));
      }
      const byDeadline = [...made].reverse().map((c) => c.id);
      expect(await ids(query({ text, sort: 'deadline' }))).toEqual(byDeadline);
      expect(await ids(query({ text, sort: 'newest' }))).toEqual(byDeadline);
      const page = await challenges().queryChallenges(query({ text, sort: 'deadline', offset: 2, limit: 2 }));
      expect(page.records.map((c) => c.id)).toEqual(byDeadline.slice(2, 4));
      expect(page.total).toBe(5);
      expect((await challenges().queryChallenges(query({ text, offset: 10 }))).records).toEqual([]);
    });

    it('follows a change of visibility and fields in its queries', async () => {
      const text = marker();
      const field = newId();
      const invited = newId();
      const challenge = await created({ title: `Moves ${text}`, fieldIds: [field] });
      await challenges().changeChallenge(challenge.id, (current) => ({
        ok: true,
        record: { ...current, visibility: 'invited', invitedOrganisationIds: [invited], fieldIds: [newId()] },
      }));
      expect(await ids(query({ text }))).toEqual([]);
      expect(await ids(query({ fieldId: field }))).toEqual([]);
      expect(await ids(query({ text, audiences: [invitedKey(invited)] }))).toEqual([challenge.id]);
    });
  });
}
