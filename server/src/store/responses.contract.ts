import { describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import type { ResponseRecord, ResponseStore } from './ResponseStore.js';
import { StoreConflictError, type Store } from './Store.js';

const NOW = new Date(Date.UTC(2025, 6, 1, 8, 0, 0, 123));

export function makeResponse(overrides: Partial<ResponseRecord> = {}): ResponseRecord {
  const owner = newId();
  return {
    id: newId(),
    challengeId: newId(),
    proposalId: newId(),
    teamName: 'Team 钢铁',
    ownerAccountId: owner,
    memberAccountIds: [owner],
    editors: [],
    status: 'draft',
    submissions: [],
    createdAt: NOW,
    updatedAt: NOW,
    revision: 0,
    ...overrides,
  };
}

/** The responses part of the store contract. */
export function describeResponseContract(getStore: () => Store): void {
  const responses = (): ResponseStore => getStore().responses;

  describe('responses', () => {
    it('stores a response, reads it back with Dates, refuses a duplicate id', async () => {
      const response = makeResponse();
      await responses().createResponse(response);
      const got = await responses().getResponse(response.id);
      expect(got).toEqual(response);
      expect(got?.createdAt).toBeInstanceOf(Date);
      await expect(responses().createResponse({ ...response, teamName: 'other' })).rejects.toBeInstanceOf(StoreConflictError);
      expect((await responses().getResponse(response.id))?.teamName).toBe(response.teamName);
      expect(await responses().getResponse(newId())).toBeNull();
    });

    it("lists a challenge's responses oldest first, and only that challenge's", async () => {
      const challengeId = newId();
      const first = makeResponse({ id: newId(NOW.getTime()), challengeId });
      const second = makeResponse({ id: newId(NOW.getTime() + 1), challengeId });
      await responses().createResponse(second);
      await responses().createResponse(first);
      await responses().createResponse(makeResponse());
      expect((await responses().listResponsesOfChallenge(challengeId)).map((r) => r.id)).toEqual([first.id, second.id]);
      expect(await responses().listResponsesOfChallenge(newId())).toEqual([]);
    });

    it('changes atomically: submissions and members kept, revision bumped, ids fixed; a refusal changes nothing', async () => {
      const response = makeResponse();
      await responses().createResponse(response);
      const submission = { versionId: newId(), sha256: 'a'.repeat(64), submittedAt: new Date(NOW.getTime() + 5), submittedBy: response.ownerAccountId };
      const member = newId();
      const changed = await responses().changeResponse(response.id, (current) => ({
        ok: true,
        record: { ...current, id: 'ignored', challengeId: 'ignored', status: 'submitted', submissions: [...current.submissions, submission], memberAccountIds: [...current.memberAccountIds, member], editors: [{ accountId: member, memberId: 'm1' }] },
      }));
      expect(changed.ok).toBe(true);
      const stored = await responses().getResponse(response.id);
      expect(stored).toEqual({ ...response, status: 'submitted', submissions: [submission], memberAccountIds: [response.ownerAccountId, member], editors: [{ accountId: member, memberId: 'm1' }], revision: 1 });
      expect(stored?.submissions[0]?.submittedAt).toBeInstanceOf(Date);
      expect(await responses().changeResponse(response.id, () => ({ ok: false, reason: 'nope' }))).toEqual({ ok: false, reason: 'nope' });
      expect((await responses().getResponse(response.id))?.revision).toBe(1);
      expect(await responses().changeResponse(newId(), (current) => ({ ok: true, record: current }))).toEqual({ ok: false, reason: 'response_not_found' });
    });

    it("lists an account's teams newest first, following members who join and leave", async () => {
      const account = newId();
      const older = makeResponse({ id: newId(NOW.getTime()), ownerAccountId: account, memberAccountIds: [account] });
      const joined = makeResponse({ id: newId(NOW.getTime() + 1) });
      await responses().createResponse(older);
      await responses().createResponse(joined);
      expect((await responses().listResponsesOfAccount(account, 10)).map((r) => r.id)).toEqual([older.id]);
      await responses().changeResponse(joined.id, (current) => ({ ok: true, record: { ...current, memberAccountIds: [...current.memberAccountIds, account] } }));
      expect((await responses().listResponsesOfAccount(account, 10)).map((r) => r.id)).toEqual([joined.id, older.id]);
      expect((await responses().listResponsesOfAccount(account, 1)).map((r) => r.id)).toEqual([joined.id]);
      await responses().changeResponse(joined.id, (current) => ({ ok: true, record: { ...current, memberAccountIds: current.memberAccountIds.filter((id) => id !== account) } }));
      expect((await responses().listResponsesOfAccount(account, 10)).map((r) => r.id)).toEqual([older.id]);
      expect((await responses().listResponsesOfAccount(joined.ownerAccountId, 10)).map((r) => r.id)).toEqual([joined.id]);
      expect(await responses().listResponsesOfAccount(newId(), 10)).toEqual([]);
    });

    it('concurrent changes are all kept (none overwrites another)', async () => {
      const response = makeResponse();
      await responses().createResponse(response);
      const added = Array.from({ length: 5 }, () => newId());
      await Promise.all(added.map((id) => responses().changeResponse(response.id, (current) => ({ ok: true, record: { ...current, memberAccountIds: [...current.memberAccountIds, id] } }))));
      const stored = await responses().getResponse(response.id);
      expect(new Set(stored?.memberAccountIds)).toEqual(new Set([response.ownerAccountId, ...added]));
      expect(stored?.revision).toBe(5);
    });
  });
}
