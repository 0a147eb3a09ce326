import { CHALLENGE_TRANSITIONS, OPEN_EDITABLE_FIELDS, type ChallengeStatus } from '@ideasphere/shared';
import type { ChallengeChange, ChallengeRecord } from '../store/ChallengeStore.js';

/*
 * A challenge's lifecycle and editing rules as pure decisions over the current record: the
 * store runs them inside its atomic change, so a rule is always judged on what is stored.
 */

export type ContentPatch = Partial<
  Pick<
    ChallengeRecord,
    | 'title'
    | 'problem'
    | 'background'
    | 'desiredOutcomes'
    | 'constraints'
    | 'reward'
    | 'ipTerms'
    | 'fieldIds'
    | 'deadline'
    | 'visibility'
    | 'invitedOrganisationIds'
    | 'criteria'
  >
>;

export type TransitionRefusal = 'challenge_transition_invalid' | 'challenge_deadline_passed';

/** One legal step of the lifecycle; publishing needs a deadline still ahead. */
export function decideTransition(current: ChallengeRecord, to: ChallengeStatus, now: Date): ChallengeChange<TransitionRefusal> {
  if (!CHALLENGE_TRANSITIONS[current.status].includes(to)) return { ok: false, reason: 'challenge_transition_invalid' };
  if (to === 'open' && current.deadline.at.getTime() <= now.getTime()) return { ok: false, reason: 'challenge_deadline_passed' };
  return {
    ok: true,
    record: { ...current, status: to, updatedAt: now, publishedAt: to === 'open' ? (current.publishedAt ?? now) : current.publishedAt },
  };
}

/** The patch's fields that the challenge's stage does not let change (none in a draft). */
export function lockedFields(status: ChallengeStatus, patch: ContentPatch): string[] {
  const changed = Object.entries(patch)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
  if (status === 'draft') return [];
  if (status === 'open') return changed.filter((key) => !(OPEN_EDITABLE_FIELDS as readonly string[]).includes(key));
  return changed;
}

export function decideEdit(current: ChallengeRecord, patch: ContentPatch, now: Date): ChallengeChange<'challenge_not_editable'> {
  if (lockedFields(current.status, patch).length > 0) return { ok: false, reason: 'challenge_not_editable' };
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as ContentPatch;
  return { ok: true, record: { ...current, ...defined, updatedAt: now } };
}

export type ExtensionRefusal = 'challenge_not_editable' | 'deadline_not_later' | 'challenge_deadline_passed';

/** A later deadline for an open or closed challenge; a closed one opens again. */
export function decideExtension(current: ChallengeRecord, deadline: ChallengeRecord['deadline'], now: Date): ChallengeChange<ExtensionRefusal> {
  if (current.status !== 'open' && current.status !== 'closed') return { ok: false, reason: 'challenge_not_editable' };
  if (deadline.at.getTime() <= current.deadline.at.getTime()) return { ok: false, reason: 'deadline_not_later' };
  if (deadline.at.getTime() <= now.getTime()) return { ok: false, reason: 'challenge_deadline_passed' };
  return { ok: true, record: { ...current, deadline, status: 'open', updatedAt: now } };
}
