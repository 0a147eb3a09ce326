/**
 * Accounts and organisations: the model both sides share (types, constants and pure rules, no
 * zod, so the platform page imports it without pulling in the schemas). docs/protocol.md
 * ("Accounts and organisations") describes every route.
 */

/** What an account may do on the whole platform. The server enforces each. */
export const PLATFORM_ROLES = ['platform_admin', 'user'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** What a member may do in one organisation. */
export const ORG_ROLES = ['org_admin', 'member'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** Kinds of organisation; a business unit belongs to a parent organisation. */
export const ORG_KINDS = ['company', 'business_unit', 'university', 'partner_firm'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ACCOUNT_STATUSES = ['active', 'deactivated'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** The one-time links an account is made or recovered with. */
export const ACCOUNT_LINK_KINDS = ['setup', 'invite', 'reset'] as const;
export type AccountLinkKind = (typeof ACCOUNT_LINK_KINDS)[number];

/** The header that carries the CSRF token of a cookie-authenticated change. */
export const CSRF_HEADER = 'x-csrf-token';

/** An account as the people list and the account page show it. Never a password hash. */
export interface AccountPublic {
  id: string;
  email: string;
  name: string;
  platformRole: PlatformRole;
  status: AccountStatus;
  createdAt: string;
}

export interface OrganisationPublic {
  id: string;
  name: string;
  kind: OrgKind;
  /** The parent organisation of a business unit; null otherwise. */
  parentId: string | null;
  createdAt: string;
}

/** One organisation of the signed-in account, with its role there. */
export interface MembershipPublic {
  organisation: OrganisationPublic;
  role: OrgRole;
}

/** `GET /api/account/me`: who is signed in, their organisations, and the CSRF token for changes. */
export interface Me {
  account: AccountPublic;
  memberships: MembershipPublic[];
  /** Send it as `x-csrf-token` with every change (POST, PUT, PATCH, DELETE) while signed in. */
  csrfToken: string;
}

/** A member of an organisation, for its admins. */
export interface OrgMemberPublic {
  accountId: string;
  name: string;
  email: string;
  role: OrgRole;
  status: AccountStatus;
  since: string;
}

/** `GET /api/orgs`: an organisation the caller may see, with the caller's role there (null: a platform admin who is not a member). */
export interface OrganisationSummary extends OrganisationPublic {
  myRole: OrgRole | null;
}

/** An invite not yet used, revoked or expired. The link itself is shown only when it is made. */
export interface InvitePublic {
  id: string;
  email: string;
  platformRole: PlatformRole;
  organisationId: string | null;
  orgRole: OrgRole | null;
  createdAt: string;
  expiresAt: string;
}

/** A link to pass on (invite, password reset): shown once, only to whoever made it. */
export interface IssuedLink {
  url: string;
  expiresAt: string;
}

/** `POST /api/invites` */
export interface CreatedInvite {
  invite: InvitePublic;
  link: IssuedLink;
}

/** `POST /api/account/links/check`: what a link is for, before its form is shown. */
export interface LinkInfo {
  kind: AccountLinkKind;
  /** The invited email, or the email of the account a reset link is for; null for setup. */
  email: string | null;
  /** The organisation an invite adds the account to, if any. */
  organisationName: string | null;
  expiresAt: string;
}

/** `GET /api/accounts` */
export interface AccountPage {
  accounts: AccountPublic[];
  /** Pass as `?after=` for the next page; null on the last. */
  next: string | null;
}

/** UTF-8 length of a text, counted without encoding it (shared has neither Node's Buffer nor the DOM's TextEncoder). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
