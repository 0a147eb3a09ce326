import type { OrgRole } from '@ideasphere/shared';
import type { Database, RootDatabase } from 'lmdb';
import type {
  AccountChangeOutcome,
  AccountLinkRecord,
  AccountPatch,
  AccountRecord,
  AccountStore,
  AddOutcome,
  AuthSessionRecord,
  LinkOutcome,
  LinkRedemption,
  MembershipRecord,
  OrganisationRecord,
} from './AccountStore.js';
import { prefixRange, writeDurably, type ScopedKey } from './lmdbRecords.js';
import { StoreConflictError } from './Store.js';
import { linkRefusal } from './accountRules.js';

/** Sub-databases of the accounts part, opened by {@link LmdbAccounts}. */
export const LMDB_ACCOUNT_DATABASES = 11;

type StoredAccount = Omit<AccountRecord, 'createdAt' | 'updatedAt'> & { createdAt: number; updatedAt: number };
type StoredAuthSession = Omit<AuthSessionRecord, 'createdAt' | 'lastSeenAt' | 'expiresAt'> & {
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
};
type StoredLink = Omit<AccountLinkRecord, 'createdAt' | 'expiresAt' | 'usedAt' | 'revokedAt'> & {
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  revokedAt: number | null;
};
type StoredOrganisation = Omit<OrganisationRecord, 'createdAt' | 'updatedAt'> & { createdAt: number; updatedAt: number };
type StoredMembership = Omit<MembershipRecord, 'createdAt'> & { createdAt: number };

/** The key of invites without an organisation in `invitesByOrg`. */
const NO_ORG = '-';

/**
 * The accounts half of `LmdbStore`. Every check-then-write runs in one write transaction,
 * which LMDB serialises across threads and processes: a link is used once, the last active
 * platform admin stays, an organisation's member cap holds.
 */
export class LmdbAccounts implements AccountStore {
  private readonly accounts: Database<StoredAccount, string>;
  /** email → account id */
  private readonly emails: Database<string, string>;
  /** account id → true, for every active platform admin; kept in the same writes as the accounts. */
  private readonly activeAdmins: Database<true, string>;
  /** token hash → session */
  private readonly sessions: Database<StoredAuthSession, string>;
  /** [accountId, tokenHash] → true: one account's sessions in one range. */
  private readonly sessionsByAccount: Database<true, ScopedKey>;
  private readonly links: Database<StoredLink, string>;
  /** token hash → link id */
  private readonly linkTokens: Database<string, string>;
  /** [organisationId or '-', linkId] → true, for invites (open or not). */
  private readonly invitesByOrg: Database<true, ScopedKey>;
  private readonly organisations: Database<StoredOrganisation, string>;
  /** [organisationId, accountId] → membership */
  private readonly memberships: Database<StoredMembership, ScopedKey>;
  /** [accountId, organisationId] → role */
  private readonly membershipsByAccount: Database<OrgRole, ScopedKey>;

  constructor(private readonly env: RootDatabase) {
    this.accounts = env.openDB({ name: 'accounts' });
    this.emails = env.openDB({ name: 'accountEmails' });
    this.activeAdmins = env.openDB({ name: 'accountActiveAdmins' });
    this.sessions = env.openDB({ name: 'accountSessions' });
    this.sessionsByAccount = env.openDB({ name: 'accountSessionsByAccount' });
    this.links = env.openDB({ name: 'accountLinks' });
    this.linkTokens = env.openDB({ name: 'accountLinkTokens' });
    this.invitesByOrg = env.openDB({ name: 'accountInvitesByOrg' });
    this.organisations = env.openDB({ name: 'organisations' });
    this.memberships = env.openDB({ name: 'orgMemberships' });
    this.membershipsByAccount = env.openDB({ name: 'orgMembershipsByAccount' });
  }

  async getAccount(id: string): Promise<AccountRecord | null> {
    const stored = this.accounts.get(id);
    return stored ? fromStoredAccount(stored) : null;
  }

  async getAccountByEmail(email: string): Promise<AccountRecord | null> {
    const transaction = this.env.useReadTransaction();
    try {
      const id = this.emails.get(email, { transaction });
      const stored = id === undefined ? undefined : this.accounts.get(id, { transaction });
      return stored ? fromStoredAccount(stored) : null;
    } finally {
      transaction.done();
    }
  }

  async listAccounts(options: { after?: string; limit: number }): Promise<AccountRecord[]> {
    if (options.limit <= 0) return [];
    const range = this.accounts.getRange({
      ...(options.after === undefined ? {} : { start: options.after, exclusiveStart: true }),
      limit: options.limit,
    });
    return [...range].map(({ value }) => fromStoredAccount(value));
  }

  async getAccountsByIds(ids: readonly string[]): Promise<AccountRecord[]> {
    const transaction = this.env.useReadTransaction();
    try {
      const found: AccountRecord[] = [];
      for (const id of new Set(ids)) {
        const stored = this.accounts.get(id, { transaction });
        if (stored) found.push(fromStoredAccount(stored));
      }
      return found;
    } finally {
      transaction.done();
    }
  }

  async countActivePlatformAdmins(): Promise<number> {
    return this.activeAdmins.getKeysCount();
  }

  async createAccount(account: AccountRecord, session: AuthSessionRecord): Promise<{ ok: true } | { ok: false; reason: 'email_taken' }> {
    const outcome = await writeDurably(this.env, (): { ok: true } | { ok: false; reason: 'email_taken' } | 'conflict' => {
      if (this.emails.doesExist(account.email)) return { ok: false, reason: 'email_taken' };
      if (this.accounts.doesExist(account.id) || this.sessions.doesExist(session.tokenHash)) return 'conflict';
      this.accounts.putSync(account.id, toStoredAccount(account));
      this.emails.putSync(account.email, account.id);
      if (isActiveAdmin(account)) this.activeAdmins.putSync(account.id, true);
      this.putSessionSync(session);
      return { ok: true };
    });
    if (outcome === 'conflict') throw new StoreConflictError(`account id ${account.id}`);
    return outcome;
  }

  async changeAccount(id: string, patch: AccountPatch, now: Date): Promise<AccountChangeOutcome> {
    return writeDurably(this.env, (): AccountChangeOutcome => {
      const stored = this.accounts.get(id);
      if (!stored) return { ok: false, reason: 'account_not_found' };
      const next: StoredAccount = { ...stored, updatedAt: now.getTime() };
      if (patch.name !== undefined) next.name = patch.name;
      if (patch.platformRole !== undefined) next.platformRole = patch.platformRole;
      if (patch.status !== undefined) next.status = patch.status;
      const wasAdmin = isActiveAdmin(stored);
      const isAdmin = isActiveAdmin(next);
      if (wasAdmin && !isAdmin && this.activeAdmins.getKeysCount() <= 1) return { ok: false, reason: 'last_platform_admin' };
      this.accounts.putSync(id, next);
      if (wasAdmin && !isAdmin) this.activeAdmins.removeSync(id);
      if (!wasAdmin && isAdmin) this.activeAdmins.putSync(id, true);
      if (next.status === 'deactivated') this.deleteSessionsOfSync(id);
      return { ok: true, account: fromStoredAccount(next) };
    });
  }

  async createAuthSession(session: AuthSessionRecord): Promise<void> {
    const conflict = await writeDurably(this.env, () => {
      if (this.sessions.doesExist(session.tokenHash)) return 'session token';
      this.putSessionSync(session);
      return null;
    });
    if (conflict) throw new StoreConflictError(conflict);
  }

  async getAuthSessionByTokenHash(tokenHash: string): Promise<AuthSessionRecord | null> {
    const stored = this.sessions.get(tokenHash);
    return stored ? fromStoredSession(stored) : null;
  }

  async touchAuthSession(tokenHash: string, lastSeenAt: Date): Promise<void> {
    await writeDurably(this.env, () => {
      const stored = this.sessions.get(tokenHash);
      // Never moves backwards, and never brings back a session that was ended meanwhile.
      if (stored && stored.lastSeenAt < lastSeenAt.getTime()) this.sessions.putSync(tokenHash, { ...stored, lastSeenAt: lastSeenAt.getTime() });
    });
  }

  async deleteAuthSession(tokenHash: string): Promise<void> {
    await writeDurably(this.env, () => {
      const stored = this.sessions.get(tokenHash);
      if (!stored) return;
      this.sessions.removeSync(tokenHash);
      this.sessionsByAccount.removeSync([stored.accountId, tokenHash]);
    });
  }

  async deleteAuthSessionsOf(accountId: string): Promise<number> {
    return writeDurably(this.env, () => this.deleteSessionsOfSync(accountId));
  }

  async deleteExpiredAuthSessions(now: Date): Promise<number> {
    return writeDurably(this.env, () => {
      let deleted = 0;
      for (const { key, value } of [...this.sessions.getRange()]) {
        if (value.expiresAt > now.getTime()) continue;
        this.sessions.removeSync(key);
        this.sessionsByAccount.removeSync([value.accountId, key]);
        deleted++;
      }
      return deleted;
    });
  }

  async createLink(link: AccountLinkRecord, options: { revokeOthers?: boolean } = {}): Promise<void> {
    const conflict = await writeDurably(this.env, () => {
      if (this.links.doesExist(link.id)) return `link id ${link.id}`;
      if (this.linkTokens.doesExist(link.tokenHash)) return 'link token';
      if (options.revokeOthers) {
        // Read whole before writing: a range is not walked while its table changes.
        for (const { key, value } of [...this.links.getRange()]) {
          const sameTarget = value.kind === link.kind && (link.kind !== 'reset' || value.accountId === link.accountId);
          if (sameTarget && value.usedAt === null && value.revokedAt === null) {
            this.links.putSync(key, { ...value, revokedAt: link.createdAt.getTime() });
          }
        }
      }
      this.links.putSync(link.id, toStoredLink(link));
      this.linkTokens.putSync(link.tokenHash, link.id);
      if (link.kind === 'invite') this.invitesByOrg.putSync([link.organisationId ?? NO_ORG, link.id], true);
      return null;
    });
    if (conflict) throw new StoreConflictError(conflict);
  }

  async getLinkByTokenHash(tokenHash: string): Promise<AccountLinkRecord | null> {
    const transaction = this.env.useReadTransaction();
    try {
      const id = this.linkTokens.get(tokenHash, { transaction });
      const stored = id === undefined ? undefined : this.links.get(id, { transaction });
      return stored ? fromStoredLink(stored) : null;
    } finally {
      transaction.done();
    }
  }

  async getLink(id: string): Promise<AccountLinkRecord | null> {
    const stored = this.links.get(id);
    return stored ? fromStoredLink(stored) : null;
  }

  async listOpenInvites(now: Date, organisationId?: string): Promise<AccountLinkRecord[]> {
    const transaction = this.env.useReadTransaction();
    try {
      const range = organisationId === undefined ? { transaction } : { ...prefixRange(organisationId), transaction };
      const open: AccountLinkRecord[] = [];
      for (const { key } of this.invitesByOrg.getRange(range)) {
        const stored = this.links.get(key[1], { transaction });
        if (stored && isOpen(stored, now)) open.push(fromStoredLink(stored));
      }
      return open.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
    } finally {
      transaction.done();
    }
  }

  async countOpenInvites(now: Date): Promise<number> {
    return (await this.listOpenInvites(now)).length;
  }

  async revokeLink(id: string, now: Date): Promise<AccountLinkRecord | null> {
    return writeDurably(this.env, () => {
      const stored = this.links.get(id);
      if (!stored || !isOpen(stored, now)) return null;
      const next: StoredLink = { ...stored, revokedAt: now.getTime() };
      this.links.putSync(id, next);
      return fromStoredLink(next);
    });
  }

  async redeemLink(tokenHash: string, redemption: LinkRedemption, now: Date): Promise<LinkOutcome> {
    return writeDurably(this.env, (): LinkOutcome => {
      const linkId = this.linkTokens.get(tokenHash);
      const stored = linkId === undefined ? undefined : this.links.get(linkId);
      if (!stored) return { ok: false, reason: 'link_invalid' };
      const link = fromStoredLink(stored);
      let account: AccountRecord;
      if (redemption.kind === 'create_account') {
        account = redemption.account;
        const refusal = linkRefusal(link, redemption, now, {
          activeAdmins: this.activeAdmins.getKeysCount(),
          emailTaken: this.emails.doesExist(account.email),
          organisationMembers: redemption.membership ? this.memberships.getKeysCount(prefixRange(redemption.membership.organisationId)) : 0,
        });
        if (refusal) return { ok: false, reason: refusal };
        this.accounts.putSync(account.id, toStoredAccount(account));
        this.emails.putSync(account.email, account.id);
        if (isActiveAdmin(account)) this.activeAdmins.putSync(account.id, true);
        if (redemption.membership) this.putMembershipSync(redemption.membership);
      } else {
        const target = link.accountId === null ? undefined : this.accounts.get(link.accountId);
        const refusal = linkRefusal(link, redemption, now, { activeAdmins: 0, emailTaken: false, organisationMembers: 0 });
        if (refusal || !target) return { ok: false, reason: refusal ?? 'link_invalid' };
        const next: StoredAccount = { ...target, passwordHash: redemption.passwordHash, updatedAt: now.getTime() };
        this.accounts.putSync(target.id, next);
        this.deleteSessionsOfSync(target.id);
        account = fromStoredAccount(next);
      }
      this.putSessionSync(redemption.session);
      const used: StoredLink = { ...stored, usedAt: now.getTime() };
      this.links.putSync(stored.id, used);
      return { ok: true, link: fromStoredLink(used), account };
    });
  }

  async createOrganisation(org: OrganisationRecord, max: number): Promise<AddOutcome<OrganisationRecord>> {
    const outcome = await writeDurably(this.env, (): AddOutcome<OrganisationRecord> | 'conflict' => {
      if (this.organisations.doesExist(org.id)) return 'conflict';
      if (org.parentId !== null && !this.organisations.doesExist(org.parentId)) return { ok: false, reason: 'not_found' };
      if (this.organisations.getKeysCount() >= max) return { ok: false, reason: 'full' };
      this.organisations.putSync(org.id, toStoredOrganisation(org));
      return { ok: true, record: org };
    });
    if (outcome === 'conflict') throw new StoreConflictError(`organisation id ${org.id}`);
    return outcome;
  }

  async getOrganisation(id: string): Promise<OrganisationRecord | null> {
    const stored = this.organisations.get(id);
    return stored ? fromStoredOrganisation(stored) : null;
  }

  async listOrganisations(): Promise<OrganisationRecord[]> {
    return [...this.organisations.getRange()].map(({ value }) => fromStoredOrganisation(value));
  }

  async getOrganisationsByIds(ids: readonly string[]): Promise<OrganisationRecord[]> {
    const transaction = this.env.useReadTransaction();
    try {
      const found: OrganisationRecord[] = [];
      for (const id of new Set(ids)) {
        const stored = this.organisations.get(id, { transaction });
        if (stored) found.push(fromStoredOrganisation(stored));
      }
      return found;
    } finally {
      transaction.done();
    }
  }

  async renameOrganisation(id: string, name: string, now: Date): Promise<OrganisationRecord | null> {
    return writeDurably(this.env, () => {
      const stored = this.organisations.get(id);
      if (!stored) return null;
      const next: StoredOrganisation = { ...stored, name, updatedAt: now.getTime() };
      this.organisations.putSync(id, next);
      return fromStoredOrganisation(next);
    });
  }

  async putMembership(membership: MembershipRecord, max: number): Promise<AddOutcome<MembershipRecord>> {
    return writeDurably(this.env, (): AddOutcome<MembershipRecord> => {
      const { organisationId, accountId } = membership;
      if (!this.organisations.doesExist(organisationId) || !this.accounts.doesExist(accountId)) return { ok: false, reason: 'not_found' };
      const existing = this.memberships.get([organisationId, accountId]);
      if (existing) {
        const next: StoredMembership = { ...existing, role: membership.role };
        this.memberships.putSync([organisationId, accountId], next);
        this.membershipsByAccount.putSync([accountId, organisationId], membership.role);
        return { ok: true, record: fromStoredMembership(next) };
      }
      if (this.memberships.getKeysCount(prefixRange(organisationId)) >= max) return { ok: false, reason: 'full' };
      this.putMembershipSync(membership);
      return { ok: true, record: membership };
    });
  }

  async getMembership(organisationId: string, accountId: string): Promise<MembershipRecord | null> {
    const stored = this.memberships.get([organisationId, accountId]);
    return stored ? fromStoredMembership(stored) : null;
  }

  async listMembers(organisationId: string): Promise<MembershipRecord[]> {
    return [...this.memberships.getRange(prefixRange(organisationId))].map(({ value }) => fromStoredMembership(value));
  }

  async listMembershipsOf(accountId: string): Promise<MembershipRecord[]> {
    const transaction = this.env.useReadTransaction();
    try {
      const found: MembershipRecord[] = [];
      for (const { key } of this.membershipsByAccount.getRange({ ...prefixRange(accountId), transaction })) {
        const stored = this.memberships.get([key[1], accountId], { transaction });
        if (stored) found.push(fromStoredMembership(stored));
      }
      return found;
    } finally {
      transaction.done();
    }
  }

  async removeMembership(organisationId: string, accountId: string): Promise<boolean> {
    return writeDurably(this.env, () => {
      if (!this.memberships.doesExist([organisationId, accountId])) return false;
      this.memberships.removeSync([organisationId, accountId]);
      this.membershipsByAccount.removeSync([accountId, organisationId]);
      return true;
    });
  }

  /** Inside a write transaction only. */
  private putSessionSync(session: AuthSessionRecord): void {
    this.sessions.putSync(session.tokenHash, toStoredSession(session));
    this.sessionsByAccount.putSync([session.accountId, session.tokenHash], true);
  }

  /** Inside a write transaction only. */
  private putMembershipSync(membership: MembershipRecord): void {
    this.memberships.putSync([membership.organisationId, membership.accountId], { ...membership, createdAt: membership.createdAt.getTime() });
    this.membershipsByAccount.putSync([membership.accountId, membership.organisationId], membership.role);
  }

  /** Inside a write transaction only. */
  private deleteSessionsOfSync(accountId: string): number {
    let deleted = 0;
    for (const { key } of [...this.sessionsByAccount.getRange(prefixRange(accountId))]) {
      this.sessions.removeSync(key[1]);
      this.sessionsByAccount.removeSync(key);
      deleted++;
    }
    return deleted;
  }
}

function isActiveAdmin(account: Pick<AccountRecord, 'platformRole' | 'status'>): boolean {
  return account.platformRole === 'platform_admin' && account.status === 'active';
}

function isOpen(link: StoredLink, now: Date): boolean {
  return link.usedAt === null && link.revokedAt === null && link.expiresAt > now.getTime();
}

function toStoredAccount(account: AccountRecord): StoredAccount {
  return { ...account, createdAt: account.createdAt.getTime(), updatedAt: account.updatedAt.getTime() };
}
function fromStoredAccount(stored: StoredAccount): AccountRecord {
  return { ...stored, createdAt: new Date(stored.createdAt), updatedAt: new Date(stored.updatedAt) };
}
function toStoredSession(session: AuthSessionRecord): StoredAuthSession {
  return {
    ...session,
    createdAt: session.createdAt.getTime(),
    lastSeenAt: session.lastSeenAt.getTime(),
    expiresAt: session.expiresAt.getTime(),
  };
}
function fromStoredSession(stored: StoredAuthSession): AuthSessionRecord {
  return { ...stored, createdAt: new Date(stored.createdAt), lastSeenAt: new Date(stored.lastSeenAt), expiresAt: new Date(stored.expiresAt) };
}
function toStoredLink(link: AccountLinkRecord): StoredLink {
  return {
    ...link,
    createdAt: link.createdAt.getTime(),
    expiresAt: link.expiresAt.getTime(),
    usedAt: link.usedAt === null ? null : link.usedAt.getTime(),
    revokedAt: link.revokedAt === null ? null : link.revokedAt.getTime(),
  };
}
function fromStoredLink(stored: StoredLink): AccountLinkRecord {
  return {
    ...stored,
    createdAt: new Date(stored.createdAt),
    expiresAt: new Date(stored.expiresAt),
    usedAt: stored.usedAt === null ? null : new Date(stored.usedAt),
    revokedAt: stored.revokedAt === null ? null : new Date(stored.revokedAt),
  };
}
function toStoredOrganisation(org: OrganisationRecord): StoredOrganisation {
  return { ...org, createdAt: org.createdAt.getTime(), updatedAt: org.updatedAt.getTime() };
}
function fromStoredOrganisation(stored: StoredOrganisation): OrganisationRecord {
  return { ...stored, createdAt: new Date(stored.createdAt), updatedAt: new Date(stored.updatedAt) };
}
function fromStoredMembership(stored: StoredMembership): MembershipRecord {
  return { ...stored, createdAt: new Date(stored.createdAt) };
}
