import {
  FACILITATOR_MEMBER_ID,
  FACILITATOR_MEMBER_NAME,
  type MemberPublic,
  type ProposalRole,
} from '@ideasphere/shared';
import { errors } from '../errors.js';
import { hashToken, sameHash } from '../ids.js';
import type { ProposalMemberRecord, ProposalRecord } from '../store/ProposalStore.js';
import type { SessionRecord, Store } from '../store/Store.js';

/** Who a token proves someone to be on one proposal. */
export interface ProposalPrincipal {
  proposal: ProposalRecord;
  /** The live session it was promoted in; null for a challenge response's document. */
  session: SessionRecord | null;
  member: MemberPublic;
  /** False for the session's facilitator, who has no member record. */
  isMemberRecord: boolean;
}

/** The caret colour of the facilitator on every proposal. */
export const FACILITATOR_COLOR = '#7b2cbf';

export function presentMember(member: ProposalMemberRecord): MemberPublic {
  return {
    id: member.id,
    proposalId: member.proposalId,
    name: member.name,
    role: member.role,
    color: member.color,
    joinedAt: member.joinedAt.toISOString(),
  };
}

/** Resolves proposal tokens: a member's own token, or the session facilitator's as owner. */
export class ProposalAccess {
  constructor(private readonly store: Store) {}

  /** The proposal or a `not_found` error. */
  async requireProposal(id: string): Promise<ProposalRecord> {
    const proposal = await this.store.proposals.getProposal(id);
    if (!proposal) throw errors.proposalNotFound();
    return proposal;
  }

  /** Throws `not_found` for an unknown proposal and `unauthorized` for a token that does not open it. */
  async authenticate(proposalId: string, token: string): Promise<ProposalPrincipal> {
    const proposal = await this.requireProposal(proposalId);
    // A response's document has no session, so no facilitator: only member tokens open it.
    const session = proposal.sessionId === null ? null : await this.store.getSession(proposal.sessionId);
    if (proposal.sessionId !== null && !session) throw errors.proposalNotFound();
    const hash = hashToken(token);
    const member = await this.store.proposals.getMemberByTokenHash(proposal.id, hash);
    if (member && member.removedAt === null) return { proposal, session, member: presentMember(member), isMemberRecord: true };
    if (session && sameHash(hash, session.facilitatorTokenHash)) {
      return {
        proposal,
        session,
        isMemberRecord: false,
        member: {
          id: FACILITATOR_MEMBER_ID,
          proposalId: proposal.id,
          name: FACILITATOR_MEMBER_NAME[session.language],
          role: 'owner',
          color: FACILITATOR_COLOR,
          joinedAt: proposal.createdAt.toISOString(),
        },
      };
    }
    throw errors.badToken();
  }

  /** A member's current role, or null once removed (the role may have changed since a token check). */
  async currentRole(proposalId: string, memberId: string): Promise<ProposalRole | null> {
    const member = await this.store.proposals.getMember(proposalId, memberId);
    return member && member.removedAt === null ? member.role : null;
  }

  /** Throws `forbidden` unless the principal's role is one of `roles`. */
  static require(principal: ProposalPrincipal, roles: readonly ProposalRole[], action: string): void {
    if (!roles.includes(principal.member.role)) throw errors.forbidden(action);
  }
}
