import type { OrgRole, PlatformRole } from '@ideasphere/shared';
import { errors } from '../errors.js';
import type { AccountRecord, AuthSessionRecord } from '../store/AccountStore.js';

/** Who is asking: a signed-in, active account, with its organisations. Built from the session cookie only. */
export interface Actor {
  account: AccountRecord;
  session: AuthSessionRecord;
  /** The cookie's token, for the CSRF token. */
  sessionToken: string;
  /** organisation id → role there */
  memberships: ReadonlyMap<string, OrgRole>;
}

/** Everything on the platform a signed-in account may ask to do, with what it is done to. */
export type PlatformAction =
  | { kind: 'accounts:list' }
  | { kind: 'account:change'; accountId: string }
  | { kind: 'account:issueReset'; accountId: string }
  | { kind: 'invite:create'; platformRole: PlatformRole; organisationId: string | null }
  | { kind: 'invites:list'; organisationId: string | null }
  | { kind: 'invite:revoke'; organisationId: string | null }
  | { kind: 'org:create' }
  | { kind: 'orgs:listAll' }
  | { kind: 'org:view'; organisationId: string }
  | { kind: 'org:rename'; organisationId: string }
  | { kind: 'members:list'; organisationId: string }
  | { kind: 'member:add'; organisationId: string }
  | { kind: 'member:change'; organisationId: string; accountId: string }
  | { kind: 'member:remove'; organisationId: string; accountId: string }
  | { kind: 'liveSession:create' }
  | { kind: 'profile:edit'; profileKind: 'person' | 'organisation'; id: string }
  /** A team's profile: the response's team (read by the caller) edits it. */
  | { kind: 'teamProfile:edit'; memberAccountIds: readonly string[] };

/** Why an action is refused, or null when it is allowed. */
export type PolicyVerdict = null | 'role_forbidden' | 'not_on_yourself' | 'organisation_not_found' | 'invite_not_found' | 'not_on_team';

/**
 * The platform's one authorization policy. A platform admin may do everything but change their
 * own account (so nobody locks themselves out by a slip); an org admin manages their own
 * organisation's people (invite as a plain user, change roles, remove; never themselves, never
 * an account from outside by id); a member may see their organisation. An organisation the
 * actor does not belong to is not found rather than forbidden: its existence is not theirs to
 * learn.
 */
export function judge(actor: Actor, action: PlatformAction): PolicyVerdict {
  const isPlatformAdmin = actor.account.platformRole === 'platform_admin';
  const roleIn = (organisationId: string | null) => (organisationId === null ? undefined : actor.memberships.get(organisationId));
  const self = (accountId: string) => accountId === actor.account.id;

  switch (action.kind) {
    case 'accounts:list':
    case 'org:create':
    case 'orgs:listAll':
      return isPlatformAdmin ? null : 'role_forbidden';
    case 'account:change':
      if (!isPlatformAdmin) return 'role_forbidden';
      return self(action.accountId) ? 'not_on_yourself' : null;
    case 'account:issueReset':
      return isPlatformAdmin ? null : 'role_forbidden';
    case 'invite:create': {
      if (isPlatformAdmin) return null;
      const role = roleIn(action.organisationId);
      if (role === undefined) return action.organisationId === null ? 'role_forbidden' : 'organisation_not_found';
      return role === 'org_admin' && action.platformRole === 'user' ? null : 'role_forbidden';
    }
    case 'invites:list': {
      if (isPlatformAdmin) return null;
      const role = roleIn(action.organisationId);
      if (role === undefined) return action.organisationId === null ? 'role_forbidden' : 'organisation_not_found';
      return role === 'org_admin' ? null : 'role_forbidden';
    }
    case 'invite:revoke': {
      if (isPlatformAdmin) return null;
      // An invite of an organisation the actor does not run is not theirs to see.
      return roleIn(action.organisationId) === 'org_admin' ? null : 'invite_not_found';
    }
    case 'org:view':
      if (isPlatformAdmin) return null;
      return roleIn(action.organisationId) === undefined ? 'organisation_not_found' : null;
    case 'org:rename':
    case 'members:list': {
      if (isPlatformAdmin) return null;
      const role = roleIn(action.organisationId);
      if (role === undefined) return 'organisation_not_found';
      return role === 'org_admin' ? null : 'role_forbidden';
    }
    case 'member:add':
      if (isPlatformAdmin) return null;
      return roleIn(action.organisationId) === undefined ? 'organisation_not_found' : 'role_forbidden';
    case 'profile:edit':
      // One's own profile; an organisation's by its org admins (and platform admins).
      if (action.profileKind === 'person') return self(action.id) ? null : 'role_forbidden';
      return isPlatformAdmin || roleIn(action.id) === 'org_admin' ? null : 'role_forbidden';
    case 'teamProfile:edit':
      // Its members only, as with the response itself: platform admins are not on the team.
      return action.memberAccountIds.includes(actor.account.id) ? null : 'not_on_team';
    case 'liveSession:create':
      // Facilitators are organisers: platform admins and members of an organisation, not
      // accounts anyone can make by signing up (ADMIN_TOKEN guards the anonymous route).
      return isPlatformAdmin || actor.memberships.size > 0 ? null : 'role_forbidden';
    case 'member:change':
    case 'member:remove': {
      if (isPlatformAdmin) return null;
      const role = roleIn(action.organisationId);
      if (role === undefined) return 'organisation_not_found';
      if (role !== 'org_admin') return 'role_forbidden';
      return self(action.accountId) ? 'not_on_yourself' : null;
    }
  }
}

/** Throws the refusal for an action the policy does not allow. */
export function authorize(actor: Actor, action: PlatformAction): void {
  const verdict = judge(actor, action);
  switch (verdict) {
    case null:
      return;
    case 'role_forbidden':
      throw errors.forbidden(describe(action));
    case 'not_on_yourself':
      throw errors.notOnYourself(describe(action));
    case 'organisation_not_found':
      throw errors.organisationNotFound();
    case 'invite_not_found':
      throw errors.inviteNotFound();
    case 'not_on_team':
      throw errors.notOnTeam();
  }
}

function describe(action: PlatformAction): string {
  switch (action.kind) {
    case 'accounts:list':
      return 'list accounts';
    case 'account:change':
      return 'change this account';
    case 'account:issueReset':
      return 'issue password reset links';
    case 'invite:create':
      return 'invite people here';
    case 'invites:list':
      return 'list these invites';
    case 'invite:revoke':
      return 'withdraw this invite';
    case 'org:create':
      return 'create organisations';
    case 'orgs:listAll':
      return 'list every organisation';
    case 'org:view':
      return 'see this organisation';
    case 'org:rename':
      return 'rename this organisation';
    case 'members:list':
      return "list this organisation's members";
    case 'liveSession:create':
      return 'run live sessions (organisers only)';
    case 'profile:edit':
    case 'teamProfile:edit':
      return 'change this profile';
    case 'member:add':
      return 'add members to this organisation';
    case 'member:change':
      return "change this member's role";
    case 'member:remove':
      return 'remove this member';
  }
}
