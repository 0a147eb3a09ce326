import type { AccountLinkKind, AccountStatus, OrgKind, OrgRole, PlatformRole } from '@ideasphere/shared';

/** An account as stored: the email is normalised (lower case) and unique; the password only as an argon2id hash. */
export interface AccountRecord {
  id: string;
  email: string;
  name: string;
  /** PHC string (`$argon2id$v=19$m=…`), never the password. */
  passwordHash: string;
  platformRole: PlatformRole;
  status: AccountStatus;
  createdAt: Date;
  updatedAt: Date;
}

/** A signed-in browser. Only the SHA-256 hash of its cookie token is kept. */
export interface AuthSessionRecord {
  id: string;
  accountId: string;
  tokenHash: string;
  createdAt: Date;
  /** Written at most every ACCOUNT_SESSION_TOUCH_MS; idle expiry counts from it. */
  lastSeenAt: Date;
  /** The absolute end: sign-in time plus ACCOUNT_SESSION_ABSOLUTE_MS. */
  expiresAt: Date;
}

/**
 * A one-time link: `setup` makes the first platform admin, `invite` a new account (and its
 * membership), `reset` a new password for `accountId`. Only the token's hash is kept; a link
 * works once, until `expiresAt`, unless revoked.
 */
export interface AccountLinkRecord {
  id: string;
  kind: AccountLinkKind;
  tokenHash: string;
  /** invite: the email the account gets. */
  email: string | null;
  /** invite: the new account's platform role. */
  platformRole: PlatformRole | null;
  /** invite: the organisation the account joins, and as what. */
  organisationId: string | null;
  orgRole: OrgRole | null;
  /** reset: whose password it sets. */
  accountId: string | null;
  /** Who issued it (null: the server, for setup). */
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

export interface OrganisationRecord {
  id: string;
  name: string;
  kind: OrgKind;
  parentId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface MembershipRecord {
  organisationId: string;
  accountId: string;
  role: OrgRole;
  createdAt: Date;
}

/** Why redeeming a link changed nothing. */
export type LinkRefusal = 'link_invalid' | 'email_taken' | 'organisation_members_full';

/**
 * What redeeming a link does, decided by the service and carried out by the store in one
 * atomic write, together with the checks that the link is still good.
 */
export type LinkRedemption =
  /** setup or invite: a new account, its first session, and (invite) its membership. */
  | {
      kind: 'create_account';
      account: AccountRecord;
      session: AuthSessionRecord;
      membership: MembershipRecord | null;
      /** The organisation's member cap (ORGANISATION_MEMBERS_MAX; tests lower it). */
      membersMax: number;
    }
  /** reset: the account's new password; every session of it ends, and `session` starts. */
  | { kind: 'reset_password'; passwordHash: string; session: AuthSessionRecord };

export type LinkOutcome = { ok: true; link: AccountLinkRecord; account: AccountRecord } | { ok: false; reason: LinkRefusal };

export type AccountPatch = Partial<Pick<AccountRecord, 'name' | 'platformRole' | 'status'>>;

export type AccountChangeOutcome =
  | { ok: true; account: AccountRecord }
  | { ok: false; reason: 'account_not_found' | 'last_platform_admin' };

export type AddOutcome<T> = { ok: true; record: T } | { ok: false; reason: 'full' | 'not_found' };

/**
 * Accounts, their sessions and links, organisations and memberships: `store.accounts`, in
 * `LmdbAccounts` and `MongoAccounts`; `accounts.contract.ts` tests both alike. Every change
 * that must hold together (a link used once, the last platform admin kept) is one atomic write.
 */
export interface AccountStore {
  getAccount(id: string): Promise<AccountRecord | null>;
  getAccountByEmail(email: string): Promise<AccountRecord | null>;
  /** Accounts in id (= creation) order, strictly after `after`, at most `limit`. */
  listAccounts(options: { after?: string; limit: number }): Promise<AccountRecord[]>;
  getAccountsByIds(ids: readonly string[]): Promise<AccountRecord[]>;
  /** Active platform admins. */
  countActivePlatformAdmins(): Promise<number>;
  /**
   * A self-made account (sign-up) with its first session, in one write; refused when the
   * email has an account already.
   */
  createAccount(account: AccountRecord, session: AuthSessionRecord): Promise<{ ok: true } | { ok: false; reason: 'email_taken' }>;
  /**
   * Applies the patch, refusing (and changing nothing) when it would leave no active platform
   * admin. Deactivating an account ends its sessions in the same write.
   */
  changeAccount(id: string, patch: AccountPatch, now: Date): Promise<AccountChangeOutcome>;

  createAuthSession(session: AuthSessionRecord): Promise<void>;
  getAuthSessionByTokenHash(tokenHash: string): Promise<AuthSessionRecord | null>;
  touchAuthSession(tokenHash: string, lastSeenAt: Date): Promise<void>;
  deleteAuthSession(tokenHash: string): Promise<void>;
  /** Ends every session of the account; returns how many there were. */
  deleteAuthSessionsOf(accountId: string): Promise<number>;
  /** Deletes sessions whose absolute end is before `now`; returns how many. */
  deleteExpiredAuthSessions(now: Date): Promise<number>;

  /** Stores a link; with `revokeOthers`, earlier unused links of the same kind (reset: of the same account) are revoked in the same write. */
  createLink(link: AccountLinkRecord, options?: { revokeOthers?: boolean }): Promise<void>;
  getLinkByTokenHash(tokenHash: string): Promise<AccountLinkRecord | null>;
  getLink(id: string): Promise<AccountLinkRecord | null>;
  /** Invites not used, revoked or expired at `now`, oldest first; of one organisation when given. */
  listOpenInvites(now: Date, organisationId?: string): Promise<AccountLinkRecord[]>;
  countOpenInvites(now: Date): Promise<number>;
  /** Revokes an open link; null when it does not exist or is no longer open. */
  revokeLink(id: string, now: Date): Promise<AccountLinkRecord | null>;
  /**
   * Uses the link once, atomically: refused when it is unknown, used, revoked or expired at
   * `now`, of another kind than `redemption` needs, (setup) when an active platform admin
   * exists, or (create) when the email has an account.
   */
  redeemLink(tokenHash: string, redemption: LinkRedemption, now: Date): Promise<LinkOutcome>;

  /** Refused with `full` at `max` organisations, `not_found` when the parent does not exist. */
  createOrganisation(org: OrganisationRecord, max: number): Promise<AddOutcome<OrganisationRecord>>;
  getOrganisation(id: string): Promise<OrganisationRecord | null>;
  /** Every organisation, oldest first. */
  listOrganisations(): Promise<OrganisationRecord[]>;
  getOrganisationsByIds(ids: readonly string[]): Promise<OrganisationRecord[]>;
  renameOrganisation(id: string, name: string, now: Date): Promise<OrganisationRecord | null>;

  /**
   * Adds a member or changes a member's role. A new member is refused with `full` when the
   * organisation has `max`, `not_found` when the organisation or account does not exist.
   */
  putMembership(membership: MembershipRecord, max: number): Promise<AddOutcome<MembershipRecord>>;
  getMembership(organisationId: string, accountId: string): Promise<MembershipRecord | null>;
  /** An organisation's members, in account id (= account creation) order. */
  listMembers(organisationId: string): Promise<MembershipRecord[]>;
  /** An account's memberships, in any order. */
  listMembershipsOf(accountId: string): Promise<MembershipRecord[]>;
  /** True when there was such a membership. */
  removeMembership(organisationId: string, accountId: string): Promise<boolean>;
}
