import { randomBytes } from 'node:crypto';
import type { OrgRole, PlatformRole } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import { hashToken, newId, newToken } from '../ids.js';
import type { AccountLinkRecord, AccountRecord, AccountStore, AuthSessionRecord, MembershipRecord, OrganisationRecord } from './AccountStore.js';
import { StoreConflictError, type Store } from './Store.js';

const HOUR = 60 * 60 * 1000;
const NOW = new Date(Date.UTC(2025, 5, 1, 9, 0, 0, 321));
const LATER = new Date(NOW.getTime() + HOUR);
const MEMBERS_MAX = 50;

function uniqueEmail(): string {
  return `p.${randomBytes(5).toString('hex')}@example.cn`;
}

function makeAccount(overrides: Partial<AccountRecord> = {}): AccountRecord {
  return {
    id: newId(),
    email: uniqueEmail(),
    name: '李雷 Lei',
    passwordHash: `$argon2id$v=19$m=19456,t=2,p=1$${randomBytes(8).toString('base64')}`,
    platformRole: 'user',
    status: 'active',
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

function makeSession(accountId: string, overrides: Partial<AuthSessionRecord> = {}): AuthSessionRecord {
  return { id: newId(), accountId, tokenHash: hashToken(newToken()), createdAt: NOW, lastSeenAt: NOW, expiresAt: new Date(NOW.getTime() + 24 * HOUR), ...overrides };
}

function makeLink(overrides: Partial<AccountLinkRecord> = {}): { link: AccountLinkRecord; token: string } {
  const token = newToken();
  const link: AccountLinkRecord = {
    id: newId(),
    kind: 'invite',
    tokenHash: hashToken(token),
    email: uniqueEmail(),
    platformRole: 'user',
    organisationId: null,
    orgRole: null,
    accountId: null,
    createdBy: null,
    createdAt: NOW,
    expiresAt: new Date(NOW.getTime() + 24 * HOUR),
    usedAt: null,
    revokedAt: null,
    ...overrides,
  };
  return { link, token };
}

function makeOrganisation(overrides: Partial<OrganisationRecord> = {}): OrganisationRecord {
  return { id: newId(), name: `宝钢 R&D ${randomBytes(2).toString('hex')}`, kind: 'company', parentId: null, createdAt: NOW, updatedAt: NOW, ...overrides };
}

/** The accounts part of the store contract. Tests make their own accounts with fresh emails. */
export function describeAccountContract(getStore: () => Store): void {
  const accounts = (): AccountStore => getStore().accounts;

  /** An account made the way the service makes them: an invite link, redeemed. */
  async function invited(options: { platformRole?: PlatformRole; organisationId?: string; orgRole?: OrgRole } = {}) {
    const organisationId = options.organisationId ?? null;
    const orgRole = organisationId === null ? null : (options.orgRole ?? 'member');
    const { link } = makeLink({ platformRole: options.platformRole ?? 'user', organisationId, orgRole });
    await accounts().createLink(link);
    const account = makeAccount({ email: link.email ?? '', platformRole: link.platformRole ?? 'user' });
    const membership = organisationId === null || orgRole === null ? null : { organisationId, accountId: account.id, role: orgRole, createdAt: NOW };
    const session = makeSession(account.id);
    const outcome = await accounts().redeemLink(link.tokenHash, { kind: 'create_account', account, session, membership, membersMax: MEMBERS_MAX }, NOW);
    if (!outcome.ok) throw new Error(`invite not redeemed: ${outcome.reason}`);
    return { account, session, link };
  }

  async function organisation(overrides: Partial<OrganisationRecord> = {}): Promise<OrganisationRecord> {
    const org = makeOrganisation(overrides);
    const outcome = await accounts().createOrganisation(org, 10_000);
    if (!outcome.ok) throw new Error(`organisation not created: ${outcome.reason}`);
    return org;
  }

  describe('accounts', () => {
    // First in this part: the store holds no account yet (other parts of the contract make none).
    it('makes the first platform admin with a setup link, once: the link and any later setup link are refused after', async () => {
      expect(await accounts().countActivePlatformAdmins()).toBe(0);
      const { link } = makeLink({ kind: 'setup', email: null, platformRole: null });
      await accounts().createLink(link, { revokeOthers: true });
      const admin = makeAccount({ platformRole: 'platform_admin', name: 'Admin 管理员' });
      const session = makeSession(admin.id);
      const redemption = { kind: 'create_account', account: admin, session, membership: null, membersMax: MEMBERS_MAX } as const;
      const outcome = await accounts().redeemLink(link.tokenHash, redemption, NOW);
      expect(outcome).toMatchObject({ ok: true, account: admin, link: { id: link.id, usedAt: NOW } });
      expect(await accounts().getAccount(admin.id)).toEqual(admin);
      expect(await accounts().getAccountByEmail(admin.email)).toEqual(admin);
      expect(await accounts().getAuthSessionByTokenHash(session.tokenHash)).toEqual(session);
      expect(await accounts().countActivePlatformAdmins()).toBe(1);

      const again = makeAccount({ platformRole: 'platform_admin' });
      const reused = { ...redemption, account: again, session: makeSession(again.id) };
      expect(await accounts().redeemLink(link.tokenHash, reused, NOW)).toEqual({ ok: false, reason: 'link_invalid' });
      const { link: second } = makeLink({ kind: 'setup', email: null, platformRole: null });
      await accounts().createLink(second, { revokeOthers: true });
      expect(await accounts().redeemLink(second.tokenHash, reused, NOW)).toEqual({ ok: false, reason: 'link_invalid' });
      expect(await accounts().getAccount(again.id)).toBeNull();
      expect(await accounts().getAuthSessionByTokenHash(reused.session.tokenHash)).toBeNull();
      expect(await accounts().countActivePlatformAdmins()).toBe(1);
    });

    it('makes an account from an invite with its organisation membership, dates as Dates', async () => {
      const org = await organisation();
      const { account, link } = await invited({ organisationId: org.id, orgRole: 'org_admin' });
      const stored = await accounts().getAccount(account.id);
      expect(stored).toEqual(account);
      expect(stored?.createdAt).toBeInstanceOf(Date);
      expect(await accounts().getMembership(org.id, account.id)).toEqual({ organisationId: org.id, accountId: account.id, role: 'org_admin', createdAt: NOW });
      expect(await accounts().listMembershipsOf(account.id)).toEqual([{ organisationId: org.id, accountId: account.id, role: 'org_admin', createdAt: NOW }]);
      expect((await accounts().getLink(link.id))?.usedAt).toEqual(NOW);
    });

    it('lets exactly one of several concurrent redemptions of one invite through', async () => {
      const { link } = makeLink();
      await accounts().createLink(link);
      const attempts = Array.from({ length: 4 }, () => {
        const account = makeAccount({ email: link.email ?? '' });
        return accounts().redeemLink(link.tokenHash, { kind: 'create_account', account, session: makeSession(account.id), membership: null, membersMax: MEMBERS_MAX }, NOW);
      });
      const outcomes = await Promise.all(attempts);
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.reason)).toEqual(['link_invalid', 'link_invalid', 'link_invalid']);
      expect(await accounts().getAccountByEmail(link.email ?? '')).not.toBeNull();
    });

    it('refuses an expired, revoked or mismatched invite, or a taken email, and changes nothing', async () => {
      const { account: existing } = await invited();
      const cases: { link: AccountLinkRecord; email?: string; reason: string }[] = [
        { link: makeLink({ expiresAt: NOW }).link, reason: 'link_invalid' },
        { link: makeLink({ revokedAt: NOW }).link, reason: 'link_invalid' },
        { link: makeLink().link, email: uniqueEmail(), reason: 'link_invalid' },
        { link: makeLink({ email: existing.email }).link, reason: 'email_taken' },
      ];
      for (const { link, email, reason } of cases) {
        await accounts().createLink(link);
        const account = makeAccount({ email: email ?? link.email ?? '' });
        const session = makeSession(account.id);
        const outcome = await accounts().redeemLink(link.tokenHash, { kind: 'create_account', account, session, membership: null, membersMax: MEMBERS_MAX }, NOW);
        expect(outcome).toEqual({ ok: false, reason });
        expect(await accounts().getAccount(account.id)).toBeNull();
        expect(await accounts().getAuthSessionByTokenHash(session.tokenHash)).toBeNull();
        expect((await accounts().getLink(link.id))?.usedAt).toBeNull();
      }
      expect(await accounts().redeemLink(hashToken(newToken()), { kind: 'reset_password', passwordHash: 'x', session: makeSession(existing.id) }, NOW)).toEqual({
        ok: false,
        reason: 'link_invalid',
      });
    });

    it('refuses an invite into a full organisation, keeping the link open', async () => {
      const org = await organisation();
      const { link } = makeLink({ organisationId: org.id, orgRole: 'member' });
      await accounts().createLink(link);
      await invited({ organisationId: org.id });
      const account = makeAccount({ email: link.email ?? '' });
      const membership: MembershipRecord = { organisationId: org.id, accountId: account.id, role: 'member', createdAt: NOW };
      const outcome = await accounts().redeemLink(link.tokenHash, { kind: 'create_account', account, session: makeSession(account.id), membership, membersMax: 1 }, NOW);
      expect(outcome).toEqual({ ok: false, reason: 'organisation_members_full' });
      expect(await accounts().getAccount(account.id)).toBeNull();
      expect(await accounts().listMembers(org.id)).toHaveLength(1);
      expect((await accounts().getLink(link.id))?.usedAt).toBeNull();
    });

    it('resets a password with a reset link: every session of the account ends, a new one starts', async () => {
      const { account, session: first } = await invited();
      const second = makeSession(account.id);
      await accounts().createAuthSession(second);
      const { link: older } = makeLink({ kind: 'reset', email: null, platformRole: null, accountId: account.id });
      await accounts().createLink(older, { revokeOthers: true });
      const { link } = makeLink({ kind: 'reset', email: null, platformRole: null, accountId: account.id });
      await accounts().createLink(link, { revokeOthers: true });
      expect((await accounts().getLink(older.id))?.revokedAt).toEqual(NOW);

      const fresh = makeSession(account.id);
      const outcome = await accounts().redeemLink(link.tokenHash, { kind: 'reset_password', passwordHash: '$argon2id$new', session: fresh }, LATER);
      expect(outcome).toMatchObject({ ok: true, account: { id: account.id, passwordHash: '$argon2id$new', updatedAt: LATER } });
      expect((await accounts().getAccount(account.id))?.passwordHash).toBe('$argon2id$new');
      expect(await accounts().getAuthSessionByTokenHash(first.tokenHash)).toBeNull();
      expect(await accounts().getAuthSessionByTokenHash(second.tokenHash)).toBeNull();
      expect(await accounts().getAuthSessionByTokenHash(fresh.tokenHash)).toEqual(fresh);
      const replay = await accounts().redeemLink(link.tokenHash, { kind: 'reset_password', passwordHash: '$argon2id$again', session: makeSession(account.id) }, LATER);
      expect(replay).toEqual({ ok: false, reason: 'link_invalid' });
      const revoked = await accounts().redeemLink(older.tokenHash, { kind: 'reset_password', passwordHash: '$argon2id$again', session: makeSession(account.id) }, LATER);
      expect(revoked).toEqual({ ok: false, reason: 'link_invalid' });
      expect((await accounts().getAccount(account.id))?.passwordHash).toBe('$argon2id$new');
    });

    it('pages accounts in id order and finds them by id', async () => {
      const made = [(await invited()).account, (await invited()).account, (await invited()).account];
      const all: AccountRecord[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await accounts().listAccounts({ limit: 2, ...(after === undefined ? {} : { after }) });
        all.push(...page);
        if (page.length < 2) break;
        after = page[page.length - 1]?.id;
      }
      const ids = all.map((a) => a.id);
      expect(ids).toEqual([...ids].sort());
      expect(ids).toEqual(expect.arrayContaining(made.map((a) => a.id)));
      const byIds = await accounts().getAccountsByIds([made[0]?.id ?? '', newId(), made[2]?.id ?? '']);
      expect(byIds.map((a) => a.id).sort()).toEqual([made[0]?.id, made[2]?.id].sort());
      expect(await accounts().listAccounts({ limit: 0 })).toEqual([]);
    });

    it('deactivating an account ends its sessions; unknown accounts are not found', async () => {
      const { account, session } = await invited();
      const outcome = await accounts().changeAccount(account.id, { status: 'deactivated' }, LATER);
      expect(outcome).toMatchObject({ ok: true, account: { status: 'deactivated', updatedAt: LATER } });
      expect(await accounts().getAuthSessionByTokenHash(session.tokenHash)).toBeNull();
      expect((await accounts().getAccount(account.id))?.status).toBe('deactivated');
      expect(await accounts().changeAccount(newId(), { status: 'active' }, LATER)).toEqual({ ok: false, reason: 'account_not_found' });
    });

    it('keeps one active platform admin: of concurrent demotions of every admin, exactly one is refused', async () => {
      await invited({ platformRole: 'platform_admin' });
      await invited({ platformRole: 'platform_admin' });
      const admins: AccountRecord[] = [];
      for (let after: string | undefined, page: AccountRecord[] = []; ; after = page[page.length - 1]?.id) {
        page = await accounts().listAccounts({ limit: 100, ...(after === undefined ? {} : { after }) });
        admins.push(...page.filter((a) => a.platformRole === 'platform_admin' && a.status === 'active'));
        if (page.length < 100) break;
      }
      expect(admins.length).toBe(await accounts().countActivePlatformAdmins());
      const outcomes = await Promise.all(
        admins.map((admin, i) => accounts().changeAccount(admin.id, i % 2 === 0 ? { platformRole: 'user' } : { status: 'deactivated' }, LATER)),
      );
      expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: 'last_platform_admin' }]);
      expect(await accounts().countActivePlatformAdmins()).toBe(1);
      // Another admin may now be made, and the remaining one demoted after it.
      const { account: next } = await invited({ platformRole: 'platform_admin' });
      const remaining = admins[outcomes.findIndex((o) => !o.ok)];
      expect(await accounts().changeAccount(remaining?.id ?? '', { platformRole: 'user' }, LATER)).toMatchObject({ ok: true });
      expect(await accounts().changeAccount(next.id, { name: 'Renamed 改名' }, LATER)).toMatchObject({ ok: true, account: { name: 'Renamed 改名' } });
      expect(await accounts().countActivePlatformAdmins()).toBe(1);
    });
  });

  describe('account sessions', () => {
    it('finds a session by its token hash, touches it forwards only, and ends it', async () => {
      const { account } = await invited();
      const session = makeSession(account.id);
      await accounts().createAuthSession(session);
      await expect(accounts().createAuthSession({ ...session, id: newId() })).rejects.toBeInstanceOf(StoreConflictError);
      await accounts().touchAuthSession(session.tokenHash, LATER);
      await accounts().touchAuthSession(session.tokenHash, NOW);
      expect((await accounts().getAuthSessionByTokenHash(session.tokenHash))?.lastSeenAt).toEqual(LATER);
      await accounts().deleteAuthSession(session.tokenHash);
      expect(await accounts().getAuthSessionByTokenHash(session.tokenHash)).toBeNull();
      // Touching an ended session does not bring it back.
      await accounts().touchAuthSession(session.tokenHash, new Date(LATER.getTime() + HOUR));
      expect(await accounts().getAuthSessionByTokenHash(session.tokenHash)).toBeNull();
    });

    it('signs one account out everywhere, and no one else', async () => {
      const { account, session: first } = await invited();
      const { session: otherAccounts } = await invited();
      const second = makeSession(account.id);
      await accounts().createAuthSession(second);
      expect(await accounts().deleteAuthSessionsOf(account.id)).toBe(2);
      expect(await accounts().getAuthSessionByTokenHash(first.tokenHash)).toBeNull();
      expect(await accounts().getAuthSessionByTokenHash(second.tokenHash)).toBeNull();
      expect(await accounts().getAuthSessionByTokenHash(otherAccounts.tokenHash)).toEqual(otherAccounts);
      expect(await accounts().deleteAuthSessionsOf(account.id)).toBe(0);
    });

    it('deletes sessions past their absolute end', async () => {
      const { account } = await invited();
      const expired = makeSession(account.id, { expiresAt: new Date(Date.UTC(2000, 0, 1)) });
      const live = makeSession(account.id, { expiresAt: new Date(Date.now() + 24 * HOUR) });
      await accounts().createAuthSession(expired);
      await accounts().createAuthSession(live);
      expect(await accounts().deleteExpiredAuthSessions(new Date())).toBeGreaterThanOrEqual(1);
      expect(await accounts().getAuthSessionByTokenHash(expired.tokenHash)).toBeNull();
      expect(await accounts().getAuthSessionByTokenHash(live.tokenHash)).toEqual(live);
    });
  });

  describe('account links', () => {
    it('lists open invites oldest first, of one organisation or all, and revokes one', async () => {
      const org = await organisation();
      const now = new Date(NOW.getTime() + 2 * HOUR);
      const first = makeLink({ organisationId: org.id, orgRole: 'member', createdAt: new Date(NOW.getTime() + 1) }).link;
      const second = makeLink({ organisationId: org.id, orgRole: 'org_admin', createdAt: new Date(NOW.getTime() + 2) }).link;
      const expired = makeLink({ organisationId: org.id, orgRole: 'member', expiresAt: now }).link;
      const elsewhere = makeLink({ organisationId: newId(), orgRole: 'member' }).link;
      for (const link of [second, first, expired, elsewhere]) await accounts().createLink(link);
      expect((await accounts().listOpenInvites(now, org.id)).map((l) => l.id)).toEqual([first.id, second.id]);
      const all = (await accounts().listOpenInvites(now)).map((l) => l.id);
      expect(all).toEqual(expect.arrayContaining([first.id, second.id, elsewhere.id]));
      expect(all).not.toContain(expired.id);
      expect(await accounts().countOpenInvites(now)).toBe(all.length);
      expect(await accounts().getLinkByTokenHash(first.tokenHash)).toEqual(first);

      expect(await accounts().revokeLink(first.id, now)).toMatchObject({ id: first.id, revokedAt: now });
      expect(await accounts().revokeLink(first.id, now)).toBeNull();
      expect(await accounts().revokeLink(expired.id, now)).toBeNull();
      expect(await accounts().revokeLink(newId(), now)).toBeNull();
      expect((await accounts().listOpenInvites(now, org.id)).map((l) => l.id)).toEqual([second.id]);
      await expect(accounts().createLink({ ...second, id: newId() })).rejects.toBeInstanceOf(StoreConflictError);
    });
  });

  describe('organisations and members', () => {
    it('creates organisations and business units under an existing parent, lists and renames them', async () => {
      const company = await organisation({ name: '华东集团' });
      // Made a millisecond later at least: ids order by their millisecond, and two made within
      // the same one may list either way.
      const unit = await organisation({ id: newId(Date.now() + 1), kind: 'business_unit', parentId: company.id, name: 'Steel BU' });
      expect(await accounts().getOrganisation(unit.id)).toEqual(unit);
      const orphan = makeOrganisation({ kind: 'business_unit', parentId: newId() });
      expect(await accounts().createOrganisation(orphan, 10_000)).toEqual({ ok: false, reason: 'not_found' });
      expect(await accounts().getOrganisation(orphan.id)).toBeNull();
      const listed = (await accounts().listOrganisations()).map((o) => o.id);
      expect(listed.indexOf(company.id)).toBeLessThan(listed.indexOf(unit.id));
      const renamed = await accounts().renameOrganisation(company.id, '华东集团 East', LATER);
      expect(renamed).toMatchObject({ name: '华东集团 East', updatedAt: LATER });
      expect(await accounts().getOrganisation(company.id)).toEqual(renamed);
      expect(await accounts().renameOrganisation(newId(), 'x', LATER)).toBeNull();
      expect((await accounts().getOrganisationsByIds([unit.id, newId()])).map((o) => o.id)).toEqual([unit.id]);
      await expect(accounts().createOrganisation(company, 10_000)).rejects.toBeInstanceOf(StoreConflictError);
    });

    it('refuses an organisation beyond the cap and stores nothing', async () => {
      const count = (await accounts().listOrganisations()).length;
      const extra = makeOrganisation();
      expect(await accounts().createOrganisation(extra, count)).toEqual({ ok: false, reason: 'full' });
      expect(await accounts().getOrganisation(extra.id)).toBeNull();
    });

    it('adds members, changes a role in place, caps new members and removes them', async () => {
      const org = await organisation();
      const { account: ann } = await invited();
      const { account: bo } = await invited();
      const { account: cy } = await invited();
      const add = (accountId: string, role: OrgRole, max = MEMBERS_MAX) => accounts().putMembership({ organisationId: org.id, accountId, role, createdAt: NOW }, max);
      expect(await add(ann.id, 'member')).toEqual({ ok: true, record: { organisationId: org.id, accountId: ann.id, role: 'member', createdAt: NOW } });
      expect(await add(bo.id, 'org_admin')).toMatchObject({ ok: true });
      expect(await add(cy.id, 'member', 2)).toEqual({ ok: false, reason: 'full' });
      // A role change is not a new member: the cap does not refuse it, and the membership keeps its date.
      expect(await accounts().putMembership({ organisationId: org.id, accountId: ann.id, role: 'org_admin', createdAt: LATER }, 2)).toEqual({
        ok: true,
        record: { organisationId: org.id, accountId: ann.id, role: 'org_admin', createdAt: NOW },
      });
      expect((await accounts().listMembers(org.id)).map((m) => [m.accountId, m.role])).toEqual([
        [ann.id, 'org_admin'],
        [bo.id, 'org_admin'],
      ]);
      expect(await accounts().listMembershipsOf(ann.id)).toEqual([{ organisationId: org.id, accountId: ann.id, role: 'org_admin', createdAt: NOW }]);
      expect(await add(newId(), 'member')).toEqual({ ok: false, reason: 'not_found' });
      expect(await accounts().putMembership({ organisationId: newId(), accountId: ann.id, role: 'member', createdAt: NOW }, MEMBERS_MAX)).toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect(await accounts().removeMembership(org.id, ann.id)).toBe(true);
      expect(await accounts().removeMembership(org.id, ann.id)).toBe(false);
      expect(await accounts().getMembership(org.id, ann.id)).toBeNull();
      expect(await accounts().listMembershipsOf(ann.id)).toEqual([]);
      expect(await accounts().getMembership(org.id, cy.id)).toBeNull();
    });

    it('adds concurrent members up to the cap and no further', async () => {
      const org = await organisation();
      const people = await Promise.all(Array.from({ length: 5 }, () => invited()));
      const outcomes = await Promise.all(
        people.map(({ account }) => accounts().putMembership({ organisationId: org.id, accountId: account.id, role: 'member', createdAt: NOW }, 3)),
      );
      expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
      expect(await accounts().listMembers(org.id)).toHaveLength(3);
    });
  });
}
