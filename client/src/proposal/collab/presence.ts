import { PROPOSAL_ROLES, type ProposalRole } from '@ideasphere/shared/proposalModel.js';
import type { MemberPublic } from '@ideasphere/shared';
import { avatarColour } from '../../lib/avatar';

/** CollaborationCaret accepts `#rrggbb` only (anything else is drawn transparent). */
const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** A member's caret colour: the server's colour, or one derived from their id. */
export function caretColour(member: Pick<MemberPublic, 'id' | 'color'>): string {
  return HEX_COLOUR.test(member.color) ? member.color : avatarColour(member.id);
}

/** Someone with the proposal open now, as their awareness state says. */
export interface PresentUser {
  memberId: string;
  name: string;
  color: string;
  role: ProposalRole;
  /** Open tabs/devices of this member. */
  connections: number;
  isMe: boolean;
}

function asUser(value: unknown): Omit<PresentUser, 'connections' | 'isMe'> | null {
  if (typeof value !== 'object' || value === null) return null;
  const user = (value as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return null;
  const { name, color, memberId, role } = user as Record<string, unknown>;
  if (typeof name !== 'string' || typeof memberId !== 'string' || typeof color !== 'string') return null;
  if (!(PROPOSAL_ROLES as readonly unknown[]).includes(role)) return null;
  return { name: name.slice(0, 60), color: HEX_COLOUR.test(color) ? color : avatarColour(memberId), memberId, role: role as ProposalRole };
}

/**
 * Who is here, one entry per member (several tabs count once), me first, then by name.
 * Awareness states come from other clients: anything malformed is skipped, not trusted.
 */
export function presentUsers(states: ReadonlyMap<number, unknown>, myClientId: number, myMemberId: string): PresentUser[] {
  const byMember = new Map<string, PresentUser>();
  for (const [clientId, state] of states) {
    const user = asUser(state);
    if (!user) continue;
    const known = byMember.get(user.memberId);
    if (known) {
      known.connections++;
      continue;
    }
    byMember.set(user.memberId, { ...user, connections: 1, isMe: clientId === myClientId || user.memberId === myMemberId });
  }
  return [...byMember.values()].sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name));
}
