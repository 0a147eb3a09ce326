import type { AccountPublic, InvitePublic, OrganisationPublic, OrgMemberPublic } from '@ideasphere/shared';
import type { Links } from '../presenters.js';
import type { AccountLinkRecord, AccountRecord, MembershipRecord, OrganisationRecord } from '../store/AccountStore.js';

/** An account as the platform shows it: never its password hash. */
export function presentAccount(account: AccountRecord): AccountPublic {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    platformRole: account.platformRole,
    status: account.status,
    createdAt: account.createdAt.toISOString(),
  };
}

export function presentOrganisation(org: OrganisationRecord): OrganisationPublic {
  return { id: org.id, name: org.name, kind: org.kind, parentId: org.parentId, createdAt: org.createdAt.toISOString() };
}

export function presentMember(membership: MembershipRecord, account: AccountRecord): OrgMemberPublic {
  return {
    accountId: account.id,
    name: account.name,
    email: account.email,
    role: membership.role,
    status: account.status,
    since: membership.createdAt.toISOString(),
  };
}

/** An open invite: never its token (the link is shown once, when it is made). */
export function presentInvite(link: AccountLinkRecord): InvitePublic {
  return {
    id: link.id,
    email: link.email ?? '',
    platformRole: link.platformRole ?? 'user',
    organisationId: link.organisationId,
    orgRole: link.orgRole,
    createdAt: link.createdAt.toISOString(),
    expiresAt: link.expiresAt.toISOString(),
  };
}

/** The page a one-time link opens; its token rides in the fragment, so it never reaches a server log. */
export function accountLinkUrl(links: Links, kind: AccountLinkRecord['kind'], token: string): string {
  return `${links.publicUrl()}/platform/${kind}#token=${token}`;
}
