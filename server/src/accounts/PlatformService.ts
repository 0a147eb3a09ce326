import {
  ACCOUNT_PAGE_SIZE,
  INVITE_LINK_TTL_MS,
  ORGANISATION_MEMBERS_MAX,
  ORGANISATIONS_MAX,
  PENDING_INVITES_MAX,
  RESET_LINK_TTL_MS,
  type AccountPage,
  type AccountPublic,
  type accountPatchBodySchema,
  type CreatedInvite,
  type createInviteBodySchema,
  type createOrganisationBodySchema,
  type InvitePublic,
  type IssuedLink,
  type OrganisationSummary,
  type OrgMemberPublic,
  type OrgRole,
} from '@ideasphere/shared';
import type { z } from 'zod';
import { errors } from '../errors.js';
import { newId, newToken } from '../ids.js';
import type { Links } from '../presenters.js';
import type { AccountStore, OrganisationRecord } from '../store/AccountStore.js';
import { authorize, type Actor } from './accountPolicy.js';
import { accountLinkUrl, presentAccount, presentInvite, presentMember, presentOrganisation } from './accountPresenters.js';
import type { AccountService } from './AccountService.js';

/**
 * What platform admins and org admins do with people and organisations. Every method takes the
 * actor and asks the policy (`authorize`) before it reads or writes anything the action is
 * about; a refusal changes nothing.
 */
export class PlatformService {
  constructor(
    private readonly store: AccountStore,
    private readonly accounts: AccountService,
    private readonly links: Links,
    private readonly now: () => number,
    /** After an account's role or status changed (search drops a deactivated account's shown ideas and proposals). */
    private readonly onAccountChanged: (accountId: string) => Promise<void> = async () => {},
  ) {}

  async listAccounts(actor: Actor, after: string | undefined): Promise<AccountPage> {
    authorize(actor, { kind: 'accounts:list' });
    const page = await this.store.listAccounts({ limit: ACCOUNT_PAGE_SIZE + 1, ...(after === undefined ? {} : { after }) });
    const accounts = page.slice(0, ACCOUNT_PAGE_SIZE);
    return { accounts: accounts.map(presentAccount), next: page.length > ACCOUNT_PAGE_SIZE ? (accounts[accounts.length - 1]?.id ?? null) : null };
  }

  /** Platform role or status; deactivating ends the account's sessions. The last active platform admin stays. */
  async changeAccount(actor: Actor, accountId: string, patch: z.output<typeof accountPatchBodySchema>): Promise<AccountPublic> {
    authorize(actor, { kind: 'account:change', accountId });
    const outcome = await this.store.changeAccount(accountId, patch, new Date(this.now()));
    if (outcome.ok) {
      await this.onAccountChanged(accountId);
      return presentAccount(outcome.account);
    }
    throw outcome.reason === 'account_not_found' ? errors.accountNotFound() : errors.lastPlatformAdmin();
  }

  /** A password reset link for the admin to pass on; an earlier unused one stops working. */
  async issueResetLink(actor: Actor, accountId: string): Promise<IssuedLink> {
    authorize(actor, { kind: 'account:issueReset', accountId });
    const target = await this.store.getAccount(accountId);
    if (!target) throw errors.accountNotFound();
    if (target.status !== 'active') throw errors.accountDeactivated();
    const token = newToken();
    const link = this.accounts.link('reset', token, new Date(this.now()), RESET_LINK_TTL_MS, { accountId, createdBy: actor.account.id });
    await this.store.createLink(link, { revokeOthers: true });
    return { url: accountLinkUrl(this.links, 'reset', token), expiresAt: link.expiresAt.toISOString() };
  }

  async createInvite(actor: Actor, input: z.output<typeof createInviteBodySchema>): Promise<CreatedInvite> {
    const { email, platformRole, organisationId, orgRole } = input;
    authorize(actor, { kind: 'invite:create', platformRole, organisationId });
    if (organisationId !== null && !(await this.store.getOrganisation(organisationId))) throw errors.organisationNotFound();
    if (await this.store.getAccountByEmail(email)) throw errors.emailTaken();
    const now = new Date(this.now());
    if ((await this.store.countOpenInvites(now)) >= PENDING_INVITES_MAX) throw errors.invitesFull(PENDING_INVITES_MAX);
    const token = newToken();
    const link = this.accounts.link('invite', token, now, INVITE_LINK_TTL_MS, { email, platformRole, organisationId, orgRole, createdBy: actor.account.id });
    await this.store.createLink(link);
    return { invite: presentInvite(link), link: { url: accountLinkUrl(this.links, 'invite', token), expiresAt: link.expiresAt.toISOString() } };
  }

  /** Open invites: every one (platform admins), or one organisation's. */
  async listInvites(actor: Actor, organisationId: string | null): Promise<InvitePublic[]> {
    authorize(actor, { kind: 'invites:list', organisationId });
    const open = await this.store.listOpenInvites(new Date(this.now()), organisationId ?? undefined);
    return open.map(presentInvite);
  }

  async revokeInvite(actor: Actor, inviteId: string): Promise<void> {
    const link = await this.store.getLink(inviteId);
    if (!link || link.kind !== 'invite') throw errors.inviteNotFound();
    authorize(actor, { kind: 'invite:revoke', organisationId: link.organisationId });
    if (!(await this.store.revokeLink(inviteId, new Date(this.now())))) throw errors.inviteNotFound();
  }

  /** Every organisation (platform admins), or the actor's own, with the actor's role in each. */
  async listOrganisations(actor: Actor): Promise<OrganisationSummary[]> {
    const all = actor.account.platformRole === 'platform_admin';
    if (all) authorize(actor, { kind: 'orgs:listAll' });
    const organisations = all ? await this.store.listOrganisations() : await this.store.getOrganisationsByIds([...actor.memberships.keys()]);
    return organisations.map((org) => this.summary(actor, org)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async createOrganisation(actor: Actor, input: z.output<typeof createOrganisationBodySchema>): Promise<OrganisationSummary> {
    authorize(actor, { kind: 'org:create' });
    const now = new Date(this.now());
    const org: OrganisationRecord = { id: newId(now.getTime()), name: input.name, kind: input.kind, parentId: input.parentId, createdAt: now, updatedAt: now };
    const outcome = await this.store.createOrganisation(org, ORGANISATIONS_MAX);
    if (outcome.ok) return this.summary(actor, outcome.record);
    throw outcome.reason === 'full' ? errors.organisationsFull(ORGANISATIONS_MAX) : errors.organisationParentInvalid();
  }

  async viewOrganisation(actor: Actor, organisationId: string): Promise<OrganisationSummary> {
    authorize(actor, { kind: 'org:view', organisationId });
    return this.summary(actor, await this.requireOrganisation(organisationId));
  }

  async renameOrganisation(actor: Actor, organisationId: string, name: string): Promise<OrganisationSummary> {
    authorize(actor, { kind: 'org:rename', organisationId });
    const renamed = await this.store.renameOrganisation(organisationId, name, new Date(this.now()));
    if (!renamed) throw errors.organisationNotFound();
    return this.summary(actor, renamed);
  }

  async listMembers(actor: Actor, organisationId: string): Promise<OrgMemberPublic[]> {
    authorize(actor, { kind: 'members:list', organisationId });
    await this.requireOrganisation(organisationId);
    const memberships = await this.store.listMembers(organisationId);
    const accounts = new Map((await this.store.getAccountsByIds(memberships.map((m) => m.accountId))).map((a) => [a.id, a]));
    return memberships.flatMap((m) => {
      const account = accounts.get(m.accountId);
      return account ? [presentMember(m, account)] : [];
    });
  }

  /** Adds an account (platform admins) or changes a member's role (platform and org admins). */
  async putMember(actor: Actor, organisationId: string, accountId: string, role: OrgRole): Promise<OrgMemberPublic> {
    const existing = await this.store.getMembership(organisationId, accountId);
    authorize(actor, existing ? { kind: 'member:change', organisationId, accountId } : { kind: 'member:add', organisationId });
    const account = await this.store.getAccount(accountId);
    if (!account) throw errors.accountNotFound();
    const outcome = await this.store.putMembership({ organisationId, accountId, role, createdAt: new Date(this.now()) }, ORGANISATION_MEMBERS_MAX);
    if (outcome.ok) return presentMember(outcome.record, account);
    throw outcome.reason === 'full' ? errors.organisationMembersFull(ORGANISATION_MEMBERS_MAX) : errors.organisationNotFound();
  }

  async removeMember(actor: Actor, organisationId: string, accountId: string): Promise<void> {
    authorize(actor, { kind: 'member:remove', organisationId, accountId });
    if (!(await this.store.removeMembership(organisationId, accountId))) throw errors.orgMemberNotFound();
  }

  /**
   * Organisations' names by id, for other domains' pages (a challenge names its organisation).
   * Not an actor's action: callers show names only where their own policy allows.
   */
  async organisationNames(ids: readonly string[]): Promise<Map<string, string>> {
    return new Map((await this.store.getOrganisationsByIds(ids)).map((org) => [org.id, org.name]));
  }

  /**
   * Accounts' names by id, for other domains' pages (the owner organisation sees who asked).
   * Never emails: callers show names only where their own policy allows.
   */
  async accountNames(ids: readonly string[]): Promise<Map<string, string>> {
    return new Map((await this.store.getAccountsByIds([...new Set(ids)])).map((account) => [account.id, account.name]));
  }

  /** Every organisation's id and name, by name (for choosing organisations to invite). */
  async allOrganisationNames(): Promise<{ id: string; name: string }[]> {
    return (await this.store.listOrganisations()).map((org) => ({ id: org.id, name: org.name })).sort((a, b) => a.name.localeCompare(b.name));
  }

  private async requireOrganisation(organisationId: string): Promise<OrganisationRecord> {
    const org = await this.store.getOrganisation(organisationId);
    if (!org) throw errors.organisationNotFound();
    return org;
  }

  private summary(actor: Actor, org: OrganisationRecord): OrganisationSummary {
    return { ...presentOrganisation(org), myRole: actor.memberships.get(org.id) ?? null };
  }
}
