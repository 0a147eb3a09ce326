import type { Role } from '@ideasphere/shared';
import type { IdeaRecord, SessionRecord } from '../../store/Store.js';

/** Who an idea is being presented to: the facilitator sees more than phones and screens. */
export type Audience = 'staff' | 'audience';

export function audienceOf(role: Role): Audience {
  return role === 'facilitator' ? 'staff' : 'audience';
}

/** On the board at all: not deleted and not merged into another idea. */
export function isLive(idea: IdeaRecord): boolean {
  return idea.deletedAt === null && idea.mergedInto === null;
}

/** What this audience may see: the facilitator every live idea, others only visible ones. */
export function isVisibleTo(idea: IdeaRecord, audience: Audience): boolean {
  return isLive(idea) && (audience === 'staff' || idea.status === 'visible');
}

/** Whether the phase's countdown (if any) has run out. */
export function phaseIsOpen(session: SessionRecord, now: number): boolean {
  return session.phaseEndsAt === null || session.phaseEndsAt.getTime() > now;
}
