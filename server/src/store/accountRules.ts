import type { AccountLinkRecord, LinkRedemption, LinkRefusal } from './AccountStore.js';

/** What the store read, inside the redeeming transaction, for {@link linkRefusal}. */
export interface RedemptionFacts {
  activeAdmins: number;
  /** Whether an account already has the new account's email. */
  emailTaken: boolean;
  /** Members the invite's organisation has now. */
  organisationMembers: number;
}

/**
 * Whether a link may be redeemed this way now (null) or why not. Both stores call it inside
 * the transaction that uses the link, so they refuse alike: a link works once, before it
 * expires, unless revoked; setup only while no active platform admin exists; an account is
 * made only for an email nobody has, and with the email and role the invite names.
 */
export function linkRefusal(link: AccountLinkRecord, redemption: LinkRedemption, now: Date, facts: RedemptionFacts): LinkRefusal | null {
  if (link.usedAt !== null || link.revokedAt !== null || link.expiresAt.getTime() <= now.getTime()) return 'link_invalid';
  switch (redemption.kind) {
    case 'reset_password':
      return link.kind === 'reset' && link.accountId !== null ? null : 'link_invalid';
    case 'create_account': {
      const { account, membership } = redemption;
      if (link.kind === 'setup') {
        if (facts.activeAdmins > 0 || account.platformRole !== 'platform_admin' || membership !== null) return 'link_invalid';
      } else if (link.kind === 'invite') {
        if (account.email !== link.email || account.platformRole !== link.platformRole) return 'link_invalid';
        if ((membership?.organisationId ?? null) !== link.organisationId || (membership?.role ?? null) !== link.orgRole) return 'link_invalid';
        if (membership && membership.accountId !== account.id) return 'link_invalid';
      } else {
        return 'link_invalid';
      }
      if (facts.emailTaken) return 'email_taken';
      if (membership && facts.organisationMembers >= redemption.membersMax) return 'organisation_members_full';
      return null;
    }
  }
}
