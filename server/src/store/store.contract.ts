import { randomBytes } from 'node:crypto';
import { defaultBoardSettings, type BoardSettings } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newId, newToken } from '../ids.js';
import { describeAccountContract } from './accounts.contract.js';
import { describeLiveLinkContract } from './liveLinks.contract.js';
import { describeNotificationContract } from './notifications.contract.js';
import { describeProfileContract } from './profiles.contract.js';
import { describeAgreementContract } from './agreements.contract.js';
import { describeBoardContract } from './board.contract.js';
import { describeChallengeContract } from './challenges.contract.js';
import { describeResponseContract } from './responses.contract.js';
import { describePipelineContract } from './pipeline.contract.js';
import { describeReviewContract } from './reviews.contract.js';
import { describeQuestionContract } from './questions.contract.js';
import { describeProposalContract } from './proposals.contract.js';
import { describeQaContract } from './qa.contract.js';
import { describeAwardContract } from './awards.contract.js';
import { describePollContract, describeTemplateContract } from './polls.contract.js';
import { describeStageContract } from './stage.contract.js';
import { initialCeremony, legacyVenue } from './stageRules.js';
import {
  createdSession,
  makePhoto,
  makeCluster,
  makeIdea,
  makeParticipant,
  makeSession,
  sevenParticipants,
  uniqueCode,
  type StoreHarness,
} from './contract.fixtures.js';
import { StoreConflictError, type ParticipantRecord, type PhotoRecord, type Store } from './Store.js';

export type { StoreHarness } from './contract.fixtures.js';

/**
 * Registers the behaviour every `Store` must share, so LMDB and MongoDB are tested alike.
 * Tests create their own sessions with fresh ids and codes, so they never see each other's data
 * and may share one open store.
 */
export function describeStoreContract(name: string, harness: StoreHarness): void {
  describe(name, () => {
    let store: Store;

    beforeAll(async () => {
      store = await harness.open();
    });

    afterAll(async () => {
      await store?.close();
      await harness.cleanup?.();
    });

    describe('sessions', () => {
      it('returns a created session by id and by join code, dates as Dates', async () => {
        const session = makeSession();
        await store.createSession(session);
        expect(await store.getSession(session.id)).toEqual(session);
        const byCode = await store.getSessionByCode(session.code);
        expect(byCode).toEqual(session);
        expect(byCode?.createdAt).toBeInstanceOf(Date);
        expect(byCode?.createdAt.getTime()).toBe(session.createdAt.getTime());
        expect(byCode?.updatedAt.getTime()).toBe(session.updatedAt.getTime());
      });

      it('returns null for an unknown id or code', async () => {
        expect(await store.getSession(newId())).toBeNull();
        expect(await store.getSessionByCode(uniqueCode())).toBeNull();
      });

      it('refuses a taken join code and keeps the first session', async () => {
        const first = makeSession();
        await store.createSession(first);
        const second = makeSession({ code: first.code });
        await expect(store.createSession(second)).rejects.toBeInstanceOf(StoreConflictError);
        expect(await store.getSession(second.id)).toBeNull();
        expect((await store.getSessionByCode(first.code))?.id).toBe(first.id);
      });

      it('refuses a taken session id and does not register the second code', async () => {
        const first = makeSession();
        await store.createSession(first);
        const second = makeSession({ id: first.id, title: 'impostor' });
        await expect(store.createSession(second)).rejects.toBeInstanceOf(StoreConflictError);
        expect(await store.getSessionByCode(second.code)).toBeNull();
        expect((await store.getSession(first.id))?.title).toBe(first.title);
      });

      it('lets exactly one of several concurrent creators take a code', async () => {
        const code = uniqueCode();
        const attempts = Array.from({ length: 5 }, () => store.createSession(makeSession({ code })));
        const results = await Promise.allSettled(attempts);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results) {
          if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StoreConflictError);
        }
      });

      it('applies a patch, keeps other fields and moves updatedAt forward', async () => {
        const session = makeSession();
        await store.createSession(session);
        // An explicit undefined must leave the field alone, not erase it.
        const updated = await store.updateSession(session.id, { title: undefined, description: '新的描述', language: 'zh' });
        expect(updated).toMatchObject({ id: session.id, code: session.code, title: session.title, description: '新的描述', language: 'zh' });
        expect(updated?.createdAt.getTime()).toBe(session.createdAt.getTime());
        expect(updated?.updatedAt).toBeInstanceOf(Date);
        expect(updated?.updatedAt.getTime()).toBeGreaterThan(session.updatedAt.getTime());
        expect(await store.getSession(session.id)).toEqual(updated);
        expect(await store.getSessionByCode(session.code)).toEqual(updated);
      });

      it('replaces the facilitator and screen token hashes (link rotation) and nothing else', async () => {
        const session = makeSession();
        await store.createSession(session);
        const rotated = await store.updateSession(session.id, { facilitatorTokenHash: 'f'.repeat(43), screenTokenHash: 's'.repeat(43) });
        expect(rotated).toMatchObject({ facilitatorTokenHash: 'f'.repeat(43), screenTokenHash: 's'.repeat(43), title: session.title });
        expect(await store.getSession(session.id)).toEqual(rotated);
      });

      it('stores board settings exactly, Chinese words and all, and patches phase, countdown and settings', async () => {
        const settings: BoardSettings = {
          anonymous: true,
          preModeration: true,
          voteBudget: 7,
          maxVotesPerIdea: 2,
          categories: ['产品', 'Process', '团队 & culture'],
          bannedWords: ['笨蛋', 'Stupid'],
          proposalTemplate: [{ key: 'problem', heading: '问题' }, { key: 'cost-savings', heading: 'Cost savings' }],
          participantsMayPropose: true,
          joiningOpen: false,
          hideVotesUntilResults: true,
          forbidOwnVotes: true,
          hiddenWords: ['炼钢', 'steel'],
        };
        const session = await createdSession(store, { phase: 'vote', phaseEndsAt: new Date(Date.UTC(2024, 2, 3, 5, 0, 0, 5)), settings });
        expect(await store.getSession(session.id)).toEqual(session);

        const endsAt = new Date(Date.UTC(2024, 2, 3, 6, 0, 0, 999));
        const timed = await store.updateSession(session.id, { phase: 'results', phaseEndsAt: endsAt });
        expect(timed).toMatchObject({ phase: 'results', settings, title: session.title });
        expect(timed?.phaseEndsAt).toBeInstanceOf(Date);
        expect(timed?.phaseEndsAt?.getTime()).toBe(endsAt.getTime());

        const nextSettings: BoardSettings = { ...defaultBoardSettings(), categories: ['新类别'], bannedWords: [] };
        const cleared = await store.updateSession(session.id, { phaseEndsAt: null, settings: nextSettings, phase: undefined });
        expect(cleared).toMatchObject({ phase: 'results', phaseEndsAt: null, settings: nextSettings });
        expect(await store.getSession(session.id)).toEqual(cleared);
        expect(await store.getSessionByCode(session.code)).toEqual(cleared);
      });

      it('reads a session stored before the live board with the board defaults', async () => {
        const { phase: _phase, phaseEndsAt: _endsAt, settings: _settings, venues: _venues, ceremony: _ceremony, ...legacy } = makeSession();
        await harness.writeLegacySession(store, legacy);
        const expected = {
          ...legacy,
          phase: 'collect',
          phaseEndsAt: null,
          settings: defaultBoardSettings(),
          venues: [legacyVenue(legacy.id, legacy.language, legacy.createdAt)],
          ceremony: initialCeremony(legacy.createdAt),
        };
        expect(await store.getSession(legacy.id)).toEqual(expected);
        expect(await store.getSessionByCode(legacy.code)).toEqual(expected);

        const renamed = await store.updateSession(legacy.id, { title: 'renamed' });
        expect(renamed).toMatchObject({ ...expected, title: 'renamed', updatedAt: renamed?.updatedAt });
        const voting = await store.updateSession(legacy.id, { phase: 'vote' });
        expect(voting).toMatchObject({ title: 'renamed', phase: 'vote', phaseEndsAt: null, settings: defaultBoardSettings() });
        expect(await store.getSession(legacy.id)).toEqual(voting);
      });

      it('returns null when updating an unknown session and creates nothing', async () => {
        const id = newId();
        expect(await store.updateSession(id, { title: 'ghost' })).toBeNull();
        expect(await store.getSession(id)).toBeNull();
      });
    });

    describe('participants', () => {
      it('returns an added participant by id and by token hash', async () => {
        const session = await createdSession(store);
        const participant = makeParticipant(session.id);
        await store.addParticipant(participant);
        expect(await store.getParticipant(session.id, participant.id)).toEqual(participant);
        const byToken = await store.getParticipantByTokenHash(session.id, participant.tokenHash);
        expect(byToken).toEqual(participant);
        expect(byToken?.joinedAt).toBeInstanceOf(Date);
        expect(await store.getParticipant(session.id, newId())).toBeNull();
        expect(await store.getParticipantByTokenHash(session.id, hashToken(newToken()))).toBeNull();
      });

      it('refuses a taken token hash or participant id within a session', async () => {
        const session = await createdSession(store);
        const first = makeParticipant(session.id);
        await store.addParticipant(first);
        const sameToken = makeParticipant(session.id, { tokenHash: first.tokenHash });
        await expect(store.addParticipant(sameToken)).rejects.toBeInstanceOf(StoreConflictError);
        expect(await store.getParticipant(session.id, sameToken.id)).toBeNull();
        const sameId = makeParticipant(session.id, { id: first.id, name: 'impostor' });
        await expect(store.addParticipant(sameId)).rejects.toBeInstanceOf(StoreConflictError);
        expect(await store.getParticipantByTokenHash(session.id, sameId.tokenHash)).toBeNull();
        expect((await store.getParticipant(session.id, first.id))?.name).toBe(first.name);
        expect(await store.countParticipants(session.id)).toBe(1);
      });

      it('pages participants in id order, strictly after the cursor', async () => {
        const session = await createdSession(store);
        const all = sevenParticipants(session.id);
        // Insert out of order: the list order must come from the ids, not from insertion.
        for (const i of [3, 0, 6, 1, 5, 2, 4]) await store.addParticipant(all[i] as ParticipantRecord);
        const ids = all.map((p) => p.id);

        const page1 = await store.listParticipants(session.id, { limit: 3 });
        expect(page1.map((p) => p.id)).toEqual(ids.slice(0, 3));
        const page2 = await store.listParticipants(session.id, { after: page1.at(-1)?.id, limit: 3 });
        expect(page2.map((p) => p.id)).toEqual(ids.slice(3, 6));
        const page3 = await store.listParticipants(session.id, { after: page2.at(-1)?.id, limit: 3 });
        expect(page3.map((p) => p.id)).toEqual(ids.slice(6));
        expect(await store.listParticipants(session.id, { after: ids[6], limit: 3 })).toEqual([]);
        expect(page1[0]).toEqual(all[0]);
        expect(await store.countParticipants(session.id)).toBe(7);
      });

      it('leaves removed participants out of lists and counts, but still finds them by id', async () => {
        const session = await createdSession(store);
        const all = sevenParticipants(session.id);
        for (const p of all) await store.addParticipant(p);
        const removedAt = new Date(Date.UTC(2024, 4, 6, 7, 8, 9, 123));
        const removedIds = [all[1]?.id ?? '', all[4]?.id ?? ''];
        for (const id of removedIds) await store.updateParticipant(session.id, id, { removedAt });
        const presentIds = all.map((p) => p.id).filter((id) => !removedIds.includes(id));

        expect(await store.countParticipants(session.id)).toBe(5);
        const everyone = await store.listParticipants(session.id, { limit: 100 });
        expect(everyone.map((p) => p.id)).toEqual(presentIds);
        // Pages of two must skip removed participants without losing anyone.
        const paged: string[] = [];
        let after: string | undefined;
        for (let page = await store.listParticipants(session.id, { limit: 2 }); page.length > 0; ) {
          paged.push(...page.map((p) => p.id));
          after = page.at(-1)?.id;
          page = await store.listParticipants(session.id, { after, limit: 2 });
        }
        expect(paged).toEqual(presentIds);
        // A removed participant's id still works as a cursor.
        const afterRemoved = await store.listParticipants(session.id, { after: removedIds[0], limit: 1 });
        expect(afterRemoved.map((p) => p.id)).toEqual([all[2]?.id]);

        const removed = await store.getParticipant(session.id, removedIds[0] ?? '');
        expect(removed?.removedAt).toBeInstanceOf(Date);
        expect(removed?.removedAt?.getTime()).toBe(removedAt.getTime());
      });

      it('applies a participant patch and returns null for an unknown participant', async () => {
        const session = await createdSession(store);
        const participant = makeParticipant(session.id);
        await store.addParticipant(participant);
        const renamed = await store.updateParticipant(session.id, participant.id, { name: 'Zoë 张', photoVersion: 'v1' });
        expect(renamed).toEqual({ ...participant, name: 'Zoë 张', photoVersion: 'v1' });
        const cleared = await store.updateParticipant(session.id, participant.id, { photoVersion: null });
        expect(cleared).toEqual({ ...participant, name: 'Zoë 张', photoVersion: null });
        expect(await store.getParticipantByTokenHash(session.id, participant.tokenHash)).toEqual(cleared);
        expect(await store.updateParticipant(session.id, newId(), { name: 'ghost' })).toBeNull();
        const otherSession = await createdSession(store);
        expect(await store.updateParticipant(otherSession.id, participant.id, { name: 'ghost' })).toBeNull();
        expect(await store.getParticipant(otherSession.id, participant.id)).toBeNull();
      });

      it('keeps sessions apart, even when one session id is a prefix of another', async () => {
        const a = await createdSession(store);
        const b = await createdSession(store, { id: `${a.id}x` });
        const inA = makeParticipant(a.id);
        const inB = makeParticipant(b.id);
        await store.addParticipant(inA);
        await store.addParticipant(inB);
        await store.putPhoto(a.id, inA.id, makePhoto());

        expect((await store.listParticipants(a.id, { limit: 10 })).map((p) => p.id)).toEqual([inA.id]);
        expect((await store.listParticipants(b.id, { limit: 10 })).map((p) => p.id)).toEqual([inB.id]);
        expect(await store.countParticipants(a.id)).toBe(1);
        expect(await store.countParticipants(b.id)).toBe(1);
        expect(await store.getParticipant(b.id, inA.id)).toBeNull();
        expect(await store.getParticipantByTokenHash(b.id, inA.tokenHash)).toBeNull();
        expect(await store.getParticipantByTokenHash(a.id, inB.tokenHash)).toBeNull();
        expect(await store.getPhoto(b.id, inA.id)).toBeNull();
      });
    });

    describe('participants by id', () => {
      it('returns the participants asked for, removed ones too, leaving out unknown and foreign ids', async () => {
        const session = await createdSession(store);
        const other = await createdSession(store);
        const [a, b, c] = sevenParticipants(session.id);
        const foreign = makeParticipant(other.id);
        for (const p of [a, b, c, foreign]) if (p) await store.addParticipant(p);
        await store.updateParticipant(session.id, c?.id ?? '', { removedAt: new Date() });
        const found = await store.getParticipantsByIds(session.id, [c?.id ?? '', newId(), a?.id ?? '', foreign.id, a?.id ?? '']);
        expect(found.map((p) => p.id).sort()).toEqual([a?.id, c?.id].sort());
        expect(found.find((p) => p.id === a?.id)).toEqual(a);
        expect(await store.getParticipantsByIds(session.id, [])).toEqual([]);
      });
    });

    describe('versions and the change log', () => {
      it('moves a session on by one per change and tells what each touched, oldest first', async () => {
        const session = await createdSession(store);
        const other = await createdSession(store);
        expect(await store.sessionVersion(session.id)).toBe(0);
        const ann = makeParticipant(session.id);
        await store.addParticipant(ann);
        await store.updateSession(session.id, { title: 'Renamed' });
        const idea = makeIdea(session.id, ann.id);
        await store.board.addIdea(idea);
        await store.board.setVote(session.id, ann.id, idea.id, 2, { budget: 5, maxPerIdea: 3 });
        await store.board.toggleReaction(session.id, ann.id, idea.id, '👍');
        const cluster = makeCluster(session.id);
        await store.board.addCluster(cluster);
        await store.board.updateIdea(session.id, idea.id, { clusterId: cluster.id });
        await store.updateParticipant(session.id, ann.id, { removedAt: new Date() });
        await store.addParticipant(makeParticipant(other.id));

        const version = await store.sessionVersion(session.id);
        expect(version).toBe(8);
        expect(await store.sessionVersion(other.id)).toBe(1);
        const all = await store.changesSince(session.id, 0, 100);
        expect(all).toEqual({
          kind: 'changes',
          version: 8,
          refs: [
            { kind: 'participant', id: ann.id },
            { kind: 'session' },
            { kind: 'idea', id: idea.id },
            { kind: 'tally', id: idea.id },
            { kind: 'reaction', id: idea.id },
            { kind: 'cluster', id: cluster.id },
            { kind: 'idea', id: idea.id },
            { kind: 'participant', id: ann.id },
          ],
        });
        expect(await store.changesSince(session.id, 6, 100)).toEqual({
          kind: 'changes',
          version: 8,
          refs: [{ kind: 'idea', id: idea.id }, { kind: 'participant', id: ann.id }],
        });
        expect(await store.changesSince(session.id, 8, 100)).toEqual({ kind: 'changes', version: 8, refs: [] });
        // Ahead of the session (its store was reset) or further behind than asked: reload.
        expect(await store.changesSince(session.id, 9, 100)).toEqual({ kind: 'compacted', version: 8 });
        expect(await store.changesSince(session.id, 0, 5)).toEqual({ kind: 'compacted', version: 8 });
      });

      it('records a cluster deletion with the ideas it leaves, and a merge with both ideas', async () => {
        const session = await createdSession(store);
        const author = makeParticipant(session.id);
        await store.addParticipant(author);
        const [a, b] = [makeIdea(session.id, author.id), makeIdea(session.id, author.id)];
        for (const idea of [a, b]) await store.board.addIdea(idea);
        const cluster = makeCluster(session.id);
        await store.board.addCluster(cluster);
        await store.board.updateIdea(session.id, a.id, { clusterId: cluster.id });
        const before = await store.sessionVersion(session.id);
        await store.board.deleteCluster(session.id, cluster.id);
        await store.board.mergeIdeas(session.id, b.id, a.id);
        const log = await store.changesSince(session.id, before, 100);
        expect(log).toEqual({
          kind: 'changes',
          version: before + 2,
          refs: [
            { kind: 'cluster', id: cluster.id },
            { kind: 'idea', id: a.id },
            { kind: 'idea', id: b.id },
            { kind: 'idea', id: a.id },
            { kind: 'tally', id: a.id },
          ],
        });
      });
    });

    describe('removals that hold', () => {
      it('remembers the browser of a removed participant, for that session only', async () => {
        const session = await createdSession(store);
        const other = await createdSession(store);
        const device = hashToken(newToken());
        const stays = makeParticipant(session.id, { deviceHash: hashToken(newToken()) });
        const removed = makeParticipant(session.id, { deviceHash: device });
        const elsewhere = makeParticipant(other.id, { deviceHash: device });
        for (const p of [stays, removed, elsewhere]) await store.addParticipant(p);
        expect(await store.getParticipant(session.id, removed.id)).toEqual(removed);
        expect(await store.isDeviceRemoved(session.id, device)).toBe(false);
        await store.updateParticipant(session.id, removed.id, { name: 'renamed' });
        expect(await store.isDeviceRemoved(session.id, device)).toBe(false);
        await store.updateParticipant(session.id, removed.id, { removedAt: new Date() });
        expect(await store.isDeviceRemoved(session.id, device)).toBe(true);
        expect(await store.isDeviceRemoved(other.id, device)).toBe(false);
        expect(await store.isDeviceRemoved(session.id, stays.deviceHash ?? '')).toBe(false);
        // A participant from before removals held has no browser to remember.
        const legacy = makeParticipant(session.id);
        await store.addParticipant(legacy);
        await store.updateParticipant(session.id, legacy.id, { removedAt: new Date() });
        expect(await store.isDeviceRemoved(session.id, '')).toBe(false);
      });
    });

    describeBoardContract(() => store, harness);
    describeProposalContract(() => store);
    describeStageContract(() => store, harness);
    describeAccountContract(() => store);
    describeLiveLinkContract(() => store);
    describeNotificationContract(() => store);
    describeProfileContract(() => store);
    describeChallengeContract(() => store);
    describeAgreementContract(() => store);
    describeResponseContract(() => store);
    describeReviewContract(() => store);
    describeQuestionContract(() => store);
    describeQaContract(() => store);
    describePipelineContract(() => store);
    describeAwardContract(() => store);
    describePollContract(() => store);
    describeTemplateContract(() => store);

    describe('photos', () => {
      it('stores, overwrites and deletes a photo, bytes exactly', async () => {
        const session = await createdSession(store);
        const participant = makeParticipant(session.id);
        await store.addParticipant(participant);
        expect(await store.getPhoto(session.id, participant.id)).toBeNull();

        const first = makePhoto();
        await store.putPhoto(session.id, participant.id, first);
        const got = await store.getPhoto(session.id, participant.id);
        expect(got?.bytes).toBeInstanceOf(Uint8Array);
        expect(got).toEqual({ mime: first.mime, version: first.version, bytes: new Uint8Array(first.bytes) });

        // A view into a larger buffer: only the viewed bytes may be stored.
        const backing = randomBytes(4096);
        const second: PhotoRecord = { mime: 'image/webp', version: newId(), bytes: new Uint8Array(backing.buffer, backing.byteOffset + 7, 1000) };
        await store.putPhoto(session.id, participant.id, second);
        const overwritten = await store.getPhoto(session.id, participant.id);
        expect(overwritten?.mime).toBe('image/webp');
        expect(overwritten?.version).toBe(second.version);
        expect(Buffer.from(overwritten?.bytes ?? []).equals(backing.subarray(7, 1007))).toBe(true);

        await store.deletePhoto(session.id, participant.id);
        expect(await store.getPhoto(session.id, participant.id)).toBeNull();
        await expect(store.deletePhoto(session.id, participant.id)).resolves.toBeUndefined();
      });
    });

    describe('lifecycle', () => {
      it('answers ping while open', async () => {
        expect(await store.ping()).toBe(true);
      });

      it('keeps every acknowledged write across close and reopen', async () => {
        const first = await harness.open();
        const session = makeSession();
        const participants = sevenParticipants(session.id);
        const photo = makePhoto();
        const removedAt = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
        await first.createSession(session);
        for (const p of participants) await first.addParticipant(p);
        const target = participants[2] as ParticipantRecord;
        const gone = participants[5] as ParticipantRecord;
        await first.putPhoto(session.id, target.id, photo);
        await first.updateParticipant(session.id, target.id, { photoVersion: photo.version });
        await first.updateParticipant(session.id, gone.id, { removedAt });
        const patched = await first.updateSession(session.id, { title: 'after restart' });
        await first.close();

        const second = await harness.reopen(first);
        try {
          expect(await second.ping()).toBe(true);
          expect(await second.getSession(session.id)).toEqual(patched);
          expect(await second.getSessionByCode(session.code)).toEqual(patched);
          expect(await second.countParticipants(session.id)).toBe(6);
          const listed = await second.listParticipants(session.id, { limit: 10 });
          expect(listed.map((p) => p.id)).toEqual(participants.filter((p) => p !== gone).map((p) => p.id));
          expect(await second.getParticipantByTokenHash(session.id, target.tokenHash)).toEqual({ ...target, photoVersion: photo.version });
          expect((await second.getParticipant(session.id, gone.id))?.removedAt?.getTime()).toBe(removedAt.getTime());
          expect(await second.getPhoto(session.id, target.id)).toEqual({ ...photo, bytes: new Uint8Array(photo.bytes) });
          await expect(second.createSession(makeSession({ code: session.code }))).rejects.toBeInstanceOf(StoreConflictError);
        } finally {
          await second.close();
        }
      });

      it('closes safely twice and stops answering ping', async () => {
        const own = await harness.open();
        expect(await own.ping()).toBe(true);
        await own.close();
        await expect(own.close()).resolves.toBeUndefined();
        expect(await own.ping()).toBe(false);
      });
    });
  });
}
