import { type Role, votesHiddenFromAudience } from '@ideasphere/shared';
import type { IdeaRecord, SessionRecord } from '../../store/Store.js';

/** Who an idea is being presented to: the facilitator sees more than phones and screens. */
export type Audience = 'staff' | 'audience';

export function audienceOf(role: Role): Audience {
  // A moderator reaches only the Q&A's events (the event table), where it sees what staff sees.
  return role === 'facilitator' || role === 'moderator' ? 'staff' : 'audience';
}

/** On the board at all: not deleted and not merged into another idea. */
export function isLive(idea: IdeaRecord): boolean {
  return idea.deletedAt === null && idea.mergedInto === null;
}

/** What this audience may see: the facilitator every live idea, others only visible ones. */
export function isVisibleTo(idea: IdeaRecord, audience: Audience): boolean {
  return isLive(idea) && (audience === 'staff' || idea.status === 'visible');
}

/**
 * Whether vote counts are kept from this audience now: phones and screens while the session
 * hides them until the results phase; never the facilitator. Every path that sends a count
 * (presenter, deltas, catch-up, vote acks, results) asks this.
 */
export function votesHiddenFrom(session: Pick<SessionRecord, 'settings' | 'phase'>, audience: Audience): boolean {
  return audience === 'audience' && votesHiddenFromAudience(session.settings, session.phase);
}

/** Whether the phase's countdown (if any) has run out. */
export function phaseIsOpen(session: SessionRecord, now: number): boolean {
  return session.phaseEndsAt === null || session.phaseEndsAt.getTime() > now;
}
