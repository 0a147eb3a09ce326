import { describe, expect, it } from 'vitest';
import { hashToken, newId, newToken } from '../ids.js';
import { at, createdSession, makeParticipant, makeVenue, type StoreHarness } from './contract.fixtures.js';
import type { SessionRecord, StageOutcome, Store } from './Store.js';

const NOW = new Date(Date.UTC(2024, 5, 6, 7, 8, 9, 123));

function sessionOf(outcome: StageOutcome): SessionRecord {
  if (!outcome.ok) throw new Error(`expected ok, got ${outcome.reason}`);
  return outcome.session;
}

/**
 * Venues, the ceremony and per-venue counts: the part of the store contract the join ceremony
 * relies on. Every test makes its own session.
 */
export function describeStageContract(getStore: () => Store, harness: StoreHarness): void {
  describe('venues and ceremony', () => {
    it('stores venues and the ceremony exactly, dates as Dates', async () => {
      const store = getStore();
      const session = await createdSession(store);
      const got = await store.getSession(session.id);
      expect(got?.venues).toEqual(session.venues);
      expect(got?.ceremony).toEqual(session.ceremony);
      expect(got?.venues[0]?.createdAt).toBeInstanceOf(Date);
      expect(got?.ceremony.changedAt).toBeInstanceOf(Date);
    });

    it('adds venues up to the limit, refuses duplicate names and the one past the limit', async () => {
      const store = getStore();
      const session = await createdSession(store);
      const third = makeVenue({ name: 'Hall C' });
      const added = sessionOf(await store.changeStage(session.id, { kind: 'addVenue', venue: third, max: 3 }, NOW));
      expect(added.venues.map((v) => v.id)).toEqual([...session.venues.map((v) => v.id), third.id]);
      expect(added.updatedAt.getTime()).toBe(NOW.getTime());

      const sameName = makeVenue({ name: 'HALL c' });
      expect(await store.changeStage(session.id, { kind: 'addVenue', venue: sameName, max: 10 }, NOW)).toEqual({
        ok: false,
        reason: 'venue_name_taken',
      });
      expect(await store.changeStage(session.id, { kind: 'addVenue', venue: makeVenue(), max: 3 }, NOW)).toEqual({
        ok: false,
        reason: 'venue_limit',
      });
      expect((await store.getSession(session.id))?.venues).toEqual(added.venues);
    });

    it('lets concurrent venue additions all land, and never past the limit', async () => {
      const store = getStore();
      const session = await createdSession(store);
      const venues = Array.from({ length: 6 }, (_, i) => makeVenue({ name: `Room ${i}` }));
      const outcomes = await Promise.all(venues.map((venue) => store.changeStage(session.id, { kind: 'addVenue', venue, max: 6 }, NOW)));
      expect(outcomes.filter((o) => o.ok)).toHaveLength(4);
      expect(outcomes.filter((o) => !o.ok).map((o) => (o.ok ? null : o.reason))).toEqual(['venue_limit', 'venue_limit']);
      const stored = await store.getSession(session.id);
      expect(stored?.venues).toHaveLength(6);
      expect(new Set(stored?.venues.map((v) => v.id)).size).toBe(6);
    });

    it('renames a venue and rotates its screen secret; unknown venues and sessions are refused', async () => {
      const store = getStore();
      const session = await createdSession(store);
      const [first, second] = [at(session.venues, 0), at(session.venues, 1)];
      const renamed = sessionOf(await store.changeStage(session.id, { kind: 'renameVenue', venueId: second.id, name: '分会场 B' }, NOW));
      expect(renamed.venues.map((v) => v.name)).toEqual([first.name, '分会场 B']);
      expect(await store.changeStage(session.id, { kind: 'renameVenue', venueId: second.id, name: first.name }, NOW)).toEqual({
        ok: false,
        reason: 'venue_name_taken',
      });
      // Renaming to its own name (another case) is not a clash with itself.
      sessionOf(await store.changeStage(session.id, { kind: 'renameVenue', venueId: second.id, name: '分会场 b' }, NOW));

      const hash = hashToken(newToken());
      const rotated = sessionOf(await store.changeStage(session.id, { kind: 'rotateVenueScreen', venueId: first.id, screenTokenHash: hash }, NOW));
      expect(at(rotated.venues, 0).screenTokenHash).toBe(hash);
      expect(at(rotated.venues, 1).screenTokenHash).toBe(second.screenTokenHash);

      expect(await store.changeStage(session.id, { kind: 'renameVenue', venueId: newId(), name: 'x' }, NOW)).toEqual({
        ok: false,
        reason: 'venue_not_found',
      });
      expect(await store.changeStage(newId(), { kind: 'switchView', venueId: null, view: 'board' }, NOW)).toEqual({
        ok: false,
        reason: 'session_not_found',
      });
      expect((await store.getSession(session.id))?.venues.map((v) => v.name)).toEqual([first.name, '分会场 b']);
    });

    it('switches one venue or every screen, and sets the ceremony stage and message', async () => {
      const store = getStore();
      const session = await createdSession(store);
      const [first, second] = [at(session.venues, 0), at(session.venues, 1)];
      const one = sessionOf(await store.changeStage(session.id, { kind: 'switchView', venueId: second.id, view: 'board' }, NOW));
      expect(one.venues.map((v) => v.view)).toEqual(['ceremony', 'board']);
      expect(one.ceremony.view).toBe('ceremony');

      const all = sessionOf(await store.changeStage(session.id, { kind: 'switchView', venueId: null, view: 'board' }, NOW));
      expect(all.venues.map((v) => v.view)).toEqual(['board', 'board']);
      expect(all.ceremony).toMatchObject({ view: 'board', stage: 'gathering' });

      const finale = sessionOf(await store.changeStage(session.id, { kind: 'setCeremony', stage: 'finale', message: '一起创造 ✨' }, NOW));
      expect(finale.ceremony).toEqual({ stage: 'finale', message: '一起创造 ✨', view: 'board', changedAt: NOW });
      expect(finale.venues.map((v) => v.view)).toEqual(['board', 'board']);

      const later = new Date(NOW.getTime() + 5);
      const restarted = sessionOf(
        await store.changeStage(session.id, { kind: 'setCeremony', stage: 'gathering', message: null, allViews: 'ceremony' }, later),
      );
      expect(restarted.ceremony).toEqual({ stage: 'gathering', message: null, view: 'ceremony', changedAt: later });
      expect(restarted.venues.map((v) => [v.id, v.view])).toEqual([
        [first.id, 'ceremony'],
        [second.id, 'ceremony'],
      ]);
      expect(await store.getSession(session.id)).toEqual(restarted);
      // A later patch of other fields keeps the stage.
      const patched = await store.updateSession(session.id, { title: 'still here' });
      expect(patched?.venues).toEqual(restarted.venues);
      expect(patched?.ceremony).toEqual(restarted.ceremony);
    });
  });

  describe('participants by venue', () => {
    it('stores venue, hidden face and photo consent, and patches the last two', async () => {
      const store = getStore();
      const session = await createdSession(store);
      const venueId = at(session.venues, 1).id;
      const participant = makeParticipant(session.id, { venueId });
      await store.addParticipant(participant);
      expect(await store.getParticipant(session.id, participant.id)).toEqual(participant);
      const consentAt = new Date(Date.UTC(2024, 5, 6, 7, 8, 9, 456));
      const hidden = await store.updateParticipant(session.id, participant.id, { faceHidden: true, photoConsentAt: consentAt, photoVersion: 'v1' });
      expect(hidden).toEqual({ ...participant, faceHidden: true, photoConsentAt: consentAt, photoVersion: 'v1' });
      expect(await store.getParticipantByTokenHash(session.id, participant.tokenHash)).toEqual(hidden);
      const shown = await store.updateParticipant(session.id, participant.id, { faceHidden: false, photoConsentAt: null });
      expect(shown).toEqual({ ...participant, photoVersion: 'v1' });
    });

    it('counts present participants per venue through joins and removals', async () => {
      const store = getStore();
      const session = await createdSession(store);
      const other = await createdSession(store);
      const [a, b] = [at(session.venues, 0).id, at(session.venues, 1).id];
      expect(await store.countParticipantsByVenue(session.id)).toEqual({});
      const people = [a, a, a, b, b].map((venueId) => makeParticipant(session.id, { venueId }));
      for (const p of people) await store.addParticipant(p);
      await store.addParticipant(makeParticipant(other.id, { venueId: at(other.venues, 0).id }));
      // Stored before venues: counted in the total, in no venue.
      await store.addParticipant(makeParticipant(session.id, { venueId: null }));
      expect(await store.countParticipantsByVenue(session.id)).toEqual({ [a]: 3, [b]: 2 });

      await store.updateParticipant(session.id, at(people, 0).id, { removedAt: new Date() });
      await store.updateParticipant(session.id, at(people, 3).id, { removedAt: new Date() });
      await store.updateParticipant(session.id, at(people, 4).id, { removedAt: new Date() });
      // A second removal of the same participant changes nothing.
      await store.updateParticipant(session.id, at(people, 4).id, { removedAt: new Date() });
      expect(await store.countParticipantsByVenue(session.id)).toEqual({ [a]: 2 });
      expect(await store.countParticipants(session.id)).toBe(3);
      // Restoring counts them again.
      await store.updateParticipant(session.id, at(people, 3).id, { removedAt: null });
      expect(await store.countParticipantsByVenue(session.id)).toEqual({ [a]: 2, [b]: 1 });
      expect(await store.countParticipantsByVenue(other.id)).toEqual({ [at(other.venues, 0).id]: 1 });
    });

    it('counts concurrent joins in one venue exactly', async () => {
      const store = getStore();
      const session = await createdSession(store);
      const venueId = at(session.venues, 0).id;
      await Promise.all(Array.from({ length: 25 }, () => store.addParticipant(makeParticipant(session.id, { venueId }))));
      expect(await store.countParticipantsByVenue(session.id)).toEqual({ [venueId]: 25 });
    });

    it('keeps venues, ceremony and venue counts across close and reopen', async () => {
      const first = await harness.open();
      const session = await createdSession(first);
      const venueId = at(session.venues, 1).id;
      await first.addParticipant(makeParticipant(session.id, { venueId }));
      const changed = sessionOf(await first.changeStage(session.id, { kind: 'switchView', venueId, view: 'board' }, NOW));
      await first.close();
      const second = await harness.reopen(first);
      try {
        expect(await second.getSession(session.id)).toEqual(changed);
        expect(await second.countParticipantsByVenue(session.id)).toEqual({ [venueId]: 1 });
      } finally {
        await second.close();
      }
    });
  });
}
