import {
  ACCOUNT_SESSION_ABSOLUTE_MS,
  ACCOUNT_SESSION_IDLE_MS,
  ACCOUNT_SESSION_TOUCH_MS,
  ORGANISATION_MEMBERS_MAX,
  SETUP_LINK_TTL_MS,
  type acceptInviteBodySchema,
  type LinkInfo,
  type loginBodySchema,
  type Me,
  type resetPasswordBodySchema,
  type setupBodySchema,
  type signupBodySchema,
} from '@ideasphere/shared';
import type { z } from 'zod';
import { errors } from '../errors.js';
import { hashToken, newId, newToken } from '../ids.js';
import type { Links } from '../presenters.js';
import type { AccountLinkRecord, AccountRecord, AccountStore, AuthSessionRecord, LinkOutcome, LinkRedemption } from '../store/AccountStore.js';
import { csrfTokenFor } from './accountCookie.js';
import type { Actor } from './accountPolicy.js';
import { accountLinkUrl, presentAccount, presentOrganisation } from './accountPresenters.js';
import type { LoginLimiter } from './LoginLimiter.js';
import type { PasswordHasher } from './passwords.js';

export type SignupPolicy = 'open' | 'invite';

/** A new signed-in session: the account, and the token for the cookie (shown to no one else). */
export interface SignedIn {
  account: AccountRecord;
  sessionToken: string;
}

/**
 * Who someone is: sign-in and sign-out, the sessions behind the cookie, and the one-time
 * links that make or recover an account (setup, invite, reset). Links are checked with a cheap
 * read before any password is hashed, then redeemed in one atomic store write that checks them
 * again, so a link works once however many requests race for it.
 */
export class AccountService {
  constructor(
    private readonly store: AccountStore,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginLimiter,
    private readonly links: Links,
    private readonly now: () => number,
    /** `open`: anyone may make an account (solvers, guests keeping their ideas); `invite`: only by invite. */
    private readonly signup: SignupPolicy = 'open',
  ) {}

  /**
   * At start: when no active platform admin exists, a new setup link (earlier unused ones are
   * revoked, so only the newest printed link works). Returns its URL, or null when not needed.
   */
  async issueSetupLinkIfNeeded(): Promise<{ url: string; expiresAt: Date } | null> {
    if ((await this.store.countActivePlatformAdmins()) > 0) return null;
    const token = newToken();
    const now = new Date(this.now());
    const link = this.link('setup', token, now, SETUP_LINK_TTL_MS, {});
    await this.store.createLink(link, { revokeOthers: true });
    return { url: accountLinkUrl(this.links, 'setup', token), expiresAt: link.expiresAt };
  }

  /** What a link is for, while it is open: `link_invalid` otherwise (the same for every reason). */
  async checkLink(address: string, token: string): Promise<LinkInfo> {
    await this.limiter.admitLink(address);
    const link = await this.openLink(token);
    let email = link.email;
    if (link.kind === 'reset' && link.accountId !== null) email = (await this.store.getAccount(link.accountId))?.email ?? null;
    const organisation = link.organisationId === null ? null : await this.store.getOrganisation(link.organisationId);
    return { kind: link.kind, email, organisationName: organisation?.name ?? null, expiresAt: link.expiresAt.toISOString() };
  }

  /** The first platform admin, from the setup link the server printed. Signs them in. */
  async setup(address: string, input: z.output<typeof setupBodySchema>): Promise<SignedIn> {
    await this.limiter.admitLink(address);
    await this.openLink(input.token, 'setup');
    if ((await this.store.countActivePlatformAdmins()) > 0) throw errors.linkInvalid();
    const account = await this.newAccount(input.email, input.name, input.password, 'platform_admin');
    return this.redeem(input.token, account.id, (session) => ({ kind: 'create_account', account, session, membership: null, membersMax: ORGANISATION_MEMBERS_MAX }));
  }

  /** A new account from an invite (with its membership, if the invite names an organisation). Signs them in. */
  async acceptInvite(address: string, input: z.output<typeof acceptInviteBodySchema>): Promise<SignedIn> {
    await this.limiter.admitLink(address);
    const link = await this.openLink(input.token, 'invite');
    if (link.email === null || link.platformRole === null) throw errors.linkInvalid();
    if (await this.store.getAccountByEmail(link.email)) throw errors.emailTaken();
    const account = await this.newAccount(link.email, input.name, input.password, link.platformRole);
    const membership =
      link.organisationId === null || link.orgRole === null
        ? null
        : { organisationId: link.organisationId, accountId: account.id, role: link.orgRole, createdAt: account.createdAt };
    return this.redeem(input.token, account.id, (session) => ({ kind: 'create_account', account, session, membership, membersMax: ORGANISATION_MEMBERS_MAX }));
  }

  /**
   * An account of one's own, when sign-up is open: a plain user (roles come from admins
   * later). Signs them in. The email must be new; no mail is sent, so it is not verified.
   */
  async signUp(address: string, input: z.output<typeof signupBodySchema>): Promise<SignedIn> {
    if (this.signup !== 'open') throw errors.signupClosed();
    await this.limiter.admitSignup(address);
    if (await this.store.getAccountByEmail(input.email)) throw errors.emailTaken();
    const account = await this.newAccount(input.email, input.name, input.password, 'user');
    const { session, sessionToken } = this.newSession(account.id);
    const outcome = await this.store.createAccount(account, session);
    if (!outcome.ok) throw errors.emailTaken();
    return { account, sessionToken };
  }

  /** A new password from a reset link: every session of the account ends, and this browser is signed in. */
  async resetPassword(address: string, input: z.output<typeof resetPasswordBodySchema>): Promise<SignedIn> {
    await this.limiter.admitLink(address);
    const link = await this.openLink(input.token, 'reset');
    const target = link.accountId === null ? null : await this.store.getAccount(link.accountId);
    if (!target) throw errors.linkInvalid();
    if (target.status !== 'active') throw errors.accountDeactivated();
    const passwordHash = await this.hasher.hash(input.password);
    return this.redeem(input.token, target.id, (session) => ({ kind: 'reset_password', passwordHash, session }));
  }

  /**
   * Email and password. Unknown emails get the same answer after the same work as a wrong
   * password; a deactivated account is told so only when the password is right.
   */
  async login(address: string, input: z.output<typeof loginBodySchema>): Promise<SignedIn> {
    await this.limiter.admit(address, input.email);
    const account = await this.store.getAccountByEmail(input.email);
    const valid = account ? await this.hasher.verify(account.passwordHash, input.password) : await this.hasher.verifyUnknown(input.password);
    if (!account || !valid) {
      await this.limiter.failed(input.email);
      throw errors.credentialsInvalid();
    }
    await this.limiter.succeeded(input.email);
    if (account.status !== 'active') throw errors.accountDeactivated();
    const { session, sessionToken } = this.newSession(account.id);
    await this.store.createAuthSession(session);
    return { account, sessionToken };
  }

  /**
   * The signed-in account behind a cookie's token: `sign_in_required` without one, or when the
   * session ended (signed out, idle, past its absolute end) or its account was deactivated.
   * The last-seen time is written at most every ACCOUNT_SESSION_TOUCH_MS.
   */
  async authenticate(sessionToken: string | null): Promise<Actor> {
    if (sessionToken === null) throw errors.signInRequired();
    const tokenHash = hashToken(sessionToken);
    const session = await this.store.getAuthSessionByTokenHash(tokenHash);
    const now = this.now();
    if (!session) throw errors.signInRequired();
    if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + ACCOUNT_SESSION_IDLE_MS <= now) {
      await this.store.deleteAuthSession(tokenHash);
      throw errors.signInRequired();
    }
    const account = await this.store.getAccount(session.accountId);
    if (!account || account.status !== 'active') throw errors.signInRequired();
    if (now - session.lastSeenAt.getTime() >= ACCOUNT_SESSION_TOUCH_MS) await this.store.touchAuthSession(tokenHash, new Date(now));
    const memberships = await this.store.listMembershipsOf(account.id);
    return { account, session, sessionToken, memberships: new Map(memberships.map((m) => [m.organisationId, m.role])) };
  }

  /** Who is signed in, their organisations, and the CSRF token for changes. */
  async me(actor: Actor): Promise<Me> {
    const organisations = await this.store.getOrganisationsByIds([...actor.memberships.keys()]);
    const memberships = organisations
      .map((org) => ({ organisation: presentOrganisation(org), role: actor.memberships.get(org.id) ?? 'member' }))
      .sort((a, b) => a.organisation.name.localeCompare(b.organisation.name));
    return { account: presentAccount(actor.account), memberships, csrfToken: csrfTokenFor(actor.sessionToken) };
  }

  /** Ends the session of a cookie token, if it is one (a browser that signs in again drops its old session). */
  async endSession(sessionToken: string): Promise<void> {
    await this.store.deleteAuthSession(hashToken(sessionToken));
  }

  /** Ends this browser's session. */
  async logout(actor: Actor): Promise<void> {
    await this.store.deleteAuthSession(actor.session.tokenHash);
  }

  /** Ends every session of the account, this one included. */
  async logoutEverywhere(actor: Actor): Promise<number> {
    return this.store.deleteAuthSessionsOf(actor.account.id);
  }

  /** Deletes sessions past their absolute end (at start and every hour). */
  async sweepExpiredSessions(): Promise<number> {
    return this.store.deleteExpiredAuthSessions(new Date(this.now()));
  }

  /** A new one-time link record (not yet stored) for `token`. */
  link(kind: AccountLinkRecord['kind'], token: string, now: Date, ttlMs: number, fields: Partial<AccountLinkRecord>): AccountLinkRecord {
    return {
      id: newId(now.getTime()),
      kind,
      tokenHash: hashToken(token),
      email: null,
      platformRole: null,
      organisationId: null,
      orgRole: null,
      accountId: null,
      createdBy: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlMs),
      usedAt: null,
      revokedAt: null,
      ...fields,
    };
  }

  /** The link behind a token while it is open (and of `kind`, when given); `link_invalid` otherwise. */
  private async openLink(token: string, kind?: AccountLinkRecord['kind']): Promise<AccountLinkRecord> {
    const link = await this.store.getLinkByTokenHash(hashToken(token));
    const open = link !== null && link.usedAt === null && link.revokedAt === null && link.expiresAt.getTime() > this.now();
    if (!open || (kind !== undefined && link.kind !== kind)) throw errors.linkInvalid();
    return link;
  }

  private async newAccount(email: string, name: string, password: string, platformRole: AccountRecord['platformRole']): Promise<AccountRecord> {
    const now = new Date(this.now());
    return { id: newId(now.getTime()), email, name, passwordHash: await this.hasher.hash(password), platformRole, status: 'active', createdAt: now, updatedAt: now };
  }

  private newSession(accountId: string): { session: AuthSessionRecord; sessionToken: string } {
    const sessionToken = newToken();
    const now = this.now();
    const session: AuthSessionRecord = {
      id: newId(now),
      accountId,
      tokenHash: hashToken(sessionToken),
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      expiresAt: new Date(now + ACCOUNT_SESSION_ABSOLUTE_MS),
    };
    return { session, sessionToken };
  }

  /** Uses the link in one store write, with the first session of `accountId` (whose token only the cookie gets). */
  private async redeem(token: string, accountId: string, redemption: (session: AuthSessionRecord) => LinkRedemption): Promise<SignedIn> {
    const { session, sessionToken } = this.newSession(accountId);
    const outcome: LinkOutcome = await this.store.redeemLink(hashToken(token), redemption(session), new Date(this.now()));
    if (outcome.ok) return { account: outcome.account, sessionToken };
    switch (outcome.reason) {
      case 'link_invalid':
        throw errors.linkInvalid();
      case 'email_taken':
        throw errors.emailTaken();
      case 'organisation_members_full':
        throw errors.organisationMembersFull(ORGANISATION_MEMBERS_MAX);
    }
  }
}
