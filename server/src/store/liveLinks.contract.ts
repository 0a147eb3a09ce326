import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashToken, newId, newToken } from '../ids.js';
import type { AccountRecord, AuthSessionRecord } from './AccountStore.js';
import type { LiveLinkStore, LiveSessionLinkRecord, ParticipantClaimRecord, PublicationRecord } from './LiveLinkStore.js';
import type { Store } from './Store.js';

const NOW = new Date(Date.UTC(2025, 5, 2, 9, 0, 0, 123));

function account(overrides: Partial<AccountRecord> = {}): AccountRecord {
  return {
    id: newId(),
    email: `s.${randomBytes(5).toString('hex')}@example.cn`,
    name: '王芳',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    platformRole: 'user',
    status: 'active',
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

function authSession(accountId: string): AuthSessionRecord {
  return { id: newId(), accountId, tokenHash: hashToken(newToken()), createdAt: NOW, lastSeenAt: NOW, expiresAt: new Date(NOW.getTime() + 3_600_000) };
}

function sessionLink(accountId: string, sessionId = newId()): LiveSessionLinkRecord {
  return { accountId, sessionId, challengeId: null, createdAt: NOW };
}

function claim(accountId: string, sessionId = newId(), participantId = newId()): ParticipantClaimRecord {
  return { accountId, sessionId, participantId, claimedAt: NOW };
}

function publication(accountId: string, kind: PublicationRecord['kind'] = 'idea', sessionId = newId()): PublicationRecord {
  return { accountId, kind, sessionId, itemId: newId(), publishedAt: NOW };
}

/** Sign-up's account creation, the live sessions of an account, and the participants it kept. */
export function describeLiveLinkContract(getStore: () => Store): void {
  const links = (): LiveLinkStore => getStore().liveLinks;

  describe('sign-up accounts', () => {
    it('creates an account with its first session in one write, and refuses a second account with the same email', async () => {
      const first = account();
      const session = authSession(first.id);
      expect(await getStore().accounts.createAccount(first, session)).toEqual({ ok: true });
      expect(await getStore().accounts.getAccountByEmail(first.email)).toEqual(first);
      expect((await getStore().accounts.getAuthSessionByTokenHash(session.tokenHash))?.accountId).toBe(first.id);

      const twin = account({ email: first.email, name: 'other' });
      const twinSession = authSession(twin.id);
      expect(await getStore().accounts.createAccount(twin, twinSession)).toEqual({ ok: false, reason: 'email_taken' });
      expect(await getStore().accounts.getAccount(twin.id)).toBeNull();
      expect(await getStore().accounts.getAuthSessionByTokenHash(twinSession.tokenHash)).toBeNull();
    });
  });

  describe('live sessions of an account', () => {
    it('lists an account’s sessions newest first, and only its own', async () => {
      const owner = newId();
      const older = sessionLink(owner, newId(NOW.getTime() - 1000));
      const newer = { ...sessionLink(owner, newId(NOW.getTime())), challengeId: 'challenge-1' };
      expect(await links().linkLiveSession(older, 10)).toEqual({ ok: true });
      expect(await links().linkLiveSession(newer, 10)).toEqual({ ok: true });
      await links().linkLiveSession(sessionLink(newId()), 10);

      expect(await links().listLiveSessionLinks(owner, 10)).toEqual([newer, older]);
      expect(await links().listLiveSessionLinks(owner, 1)).toEqual([newer]);
      expect(await links().getLiveSessionLink(owner, older.sessionId)).toEqual(older);
      expect(await links().getLiveSessionLink(newId(), older.sessionId)).toBeNull();
    });

    it('lists the sessions run for a challenge, every organiser’s, newest first, and no other', async () => {
      const challengeId = newId();
      const first = { ...sessionLink(newId(), newId(NOW.getTime() - 2000)), challengeId };
      const second = { ...sessionLink(newId(), newId(NOW.getTime() - 1000)), challengeId };
      await links().linkLiveSession(first, 10);
      await links().linkLiveSession(second, 10);
      await links().linkLiveSession({ ...sessionLink(first.accountId), challengeId: newId() }, 10);
      await links().linkLiveSession(sessionLink(first.accountId), 10);

      expect(await links().listLiveSessionLinksOfChallenge(challengeId, 10)).toEqual([second, first]);
      expect(await links().listLiveSessionLinksOfChallenge(challengeId, 1)).toEqual([second]);
      expect(await links().listLiveSessionLinksOfChallenge(newId(), 10)).toEqual([]);
    });

    it('lists the accounts that run a session, in account id order, and no other session’s', async () => {
      const sessionId = newId();
      const [a, b] = [newId(NOW.getTime() - 1000), newId(NOW.getTime())];
      const second = { ...sessionLink(b, sessionId), challengeId: newId() };
      const first = sessionLink(a, sessionId);
      await links().linkLiveSession(second, 10);
      await links().linkLiveSession(first, 10);
      await links().linkLiveSession(sessionLink(a), 10);
      // Linked again (another challenge): still one link of the session, the new one.
      const relinked = { ...second, challengeId: newId() };
      await links().linkLiveSession(relinked, 10);

      expect(await links().listLiveSessionLinksOfSession(sessionId, 10)).toEqual([first, relinked]);
      expect(await links().listLiveSessionLinksOfSession(sessionId, 1)).toEqual([first]);
      expect(await links().listLiveSessionLinksOfSession(newId(), 10)).toEqual([]);
    });

    it('refuses a link past the cap and stores nothing; linking the same session again is not a new one', async () => {
      const owner = newId();
      const kept = [sessionLink(owner), sessionLink(owner)];
      for (const link of kept) expect(await links().linkLiveSession(link, 2)).toEqual({ ok: true });
      const extra = sessionLink(owner);
      expect(await links().linkLiveSession(extra, 2)).toEqual({ ok: false, reason: 'full' });
      expect(await links().getLiveSessionLink(owner, extra.sessionId)).toBeNull();
      expect(await links().linkLiveSession(kept[0] as LiveSessionLinkRecord, 2)).toEqual({ ok: true });
      expect(await links().listLiveSessionLinks(owner, 10)).toHaveLength(2);
    });
  });

  describe('participants kept by accounts', () => {
    it('claims a participant once: again by the same account is idempotent, by another refused', async () => {
      const mine = claim(newId());
      expect(await links().claimParticipant(mine, 10)).toEqual({ ok: true, claim: mine, created: true });
      expect(await links().claimParticipant({ ...mine, claimedAt: new Date(NOW.getTime() + 5000) }, 10)).toEqual({ ok: true, claim: mine, created: false });
      const theirs = { ...mine, accountId: newId() };
      expect(await links().claimParticipant(theirs, 10)).toEqual({ ok: false, reason: 'claimed_by_other' });
      expect(await links().getClaim(mine.sessionId, mine.participantId)).toEqual(mine);
      expect(await links().listClaims(theirs.accountId, 10)).toEqual([]);
    });

    it('lists an account’s claims newest session first, and holds the cap', async () => {
      const owner = newId();
      const older = claim(owner, newId(NOW.getTime() - 1000));
      const newer = claim(owner, newId(NOW.getTime()));
      await links().claimParticipant(older, 2);
      await links().claimParticipant(newer, 2);
      expect(await links().listClaims(owner, 10)).toEqual([newer, older]);
      const extra = claim(owner);
      expect(await links().claimParticipant(extra, 2)).toEqual({ ok: false, reason: 'full' });
      expect(await links().getClaim(extra.sessionId, extra.participantId)).toBeNull();
    });

    it('lets two accounts racing for one participant end with exactly one claim', async () => {
      const contested = claim(newId());
      const rival = { ...contested, accountId: newId() };
      const outcomes = await Promise.all([links().claimParticipant(contested, 10), links().claimParticipant(rival, 10)]);
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: 'claimed_by_other' }]);
    });
  });

  describe('ideas and proposals shown on a profile', () => {
    it('shows an item once, lists an account’s newest session first, and hides it again', async () => {
      const owner = newId();
      const older = publication(owner, 'idea', newId(NOW.getTime() - 1000));
      const newer = publication(owner, 'proposal', newId(NOW.getTime()));
      expect(await links().publish(older, 10)).toEqual({ ok: true, created: true });
      expect(await links().publish(newer, 10)).toEqual({ ok: true, created: true });
      expect(await links().publish({ ...older, publishedAt: new Date(NOW.getTime() + 5000) }, 10)).toEqual({ ok: true, created: false });
      await links().publish(publication(newId()), 10);

      expect(await links().listPublications(owner, 10)).toEqual([newer, older]);
      expect(await links().getPublication('idea', older.itemId)).toEqual(older);
      // Ids are unique per kind only: the same id as an idea is another item.
      expect(await links().getPublication('proposal', older.itemId)).toBeNull();

      expect(await links().unpublish('idea', older.itemId)).toBe(true);
      expect(await links().unpublish('idea', older.itemId)).toBe(false);
      expect(await links().getPublication('idea', older.itemId)).toBeNull();
      expect(await links().listPublications(owner, 10)).toEqual([newer]);
    });

    it('holds the cap, and a hidden item frees its place', async () => {
      const owner = newId();
      const first = publication(owner);
      await links().publish(first, 2);
      await links().publish(publication(owner), 2);
      const extra = publication(owner);
      expect(await links().publish(extra, 2)).toEqual({ ok: false, reason: 'full' });
      expect(await links().getPublication('idea', extra.itemId)).toBeNull();
      await links().unpublish('idea', first.itemId);
      expect(await links().publish(extra, 2)).toEqual({ ok: true, created: true });
    });

    it('pages through every account’s publications in (kind, id) order for the index', async () => {
      const mine = [publication(newId(), 'proposal'), publication(newId(), 'idea'), publication(newId(), 'idea')];
      for (const item of mine) await links().publish(item, 10);
      const seen: PublicationRecord[] = [];
      let after: { kind: PublicationRecord['kind']; itemId: string } | undefined;
      for (;;) {
        const page = await links().listAllPublications(after, 2);
        seen.push(...page);
        const last = page[page.length - 1];
        if (!last || page.length < 2) break;
        after = { kind: last.kind, itemId: last.itemId };
      }
      const keys = seen.map((item) => `${item.kind}:${item.itemId}`);
      expect(keys).toEqual([...keys].sort());
      expect(new Set(keys).size).toBe(keys.length);
      for (const item of mine) expect(seen).toContainEqual(item);
    });
  });
}
