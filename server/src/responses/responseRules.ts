import type { ChallengeRecord } from '../store/ChallengeStore.js';
import type { ResponseChange, ResponseRecord, SubmissionRecord } from '../store/ResponseStore.js';

/*
 * A response's rules as pure decisions over the stored record, which the store runs inside
 * its atomic change, so a rule is always judged on what is stored.
 */

/** A challenge takes submissions (and withdrawals) while open and before its deadline. */
export function acceptsResponses(challenge: ChallengeRecord, now: Date): boolean {
  return challenge.status === 'open' && challenge.deadline.at.getTime() > now.getTime();
}

export function decideAddMember(current: ResponseRecord, accountId: string, max: number, now: Date): ResponseChange<'response_already_on_team' | 'response_team_full'> {
  if (current.memberAccountIds.includes(accountId)) return { ok: false, reason: 'response_already_on_team' };
  if (current.memberAccountIds.length >= max) return { ok: false, reason: 'response_team_full' };
  return { ok: true, record: { ...current, memberAccountIds: [...current.memberAccountIds, accountId], updatedAt: now } };
}

/** Records the proposal member an account edits as; an account that has one keeps it. */
export function decideEditor(current: ResponseRecord, accountId: string, memberId: string): ResponseChange<'editor_exists'> {
  if (current.editors.some((e) => e.accountId === accountId)) return { ok: false, reason: 'editor_exists' };
  return { ok: true, record: { ...current, editors: [...current.editors, { accountId, memberId }] } };
}

export function decideSubmit(current: ResponseRecord, submission: SubmissionRecord, max: number): ResponseChange<'response_submissions_full'> {
  if (current.submissions.length >= max) return { ok: false, reason: 'response_submissions_full' };
  return { ok: true, record: { ...current, status: 'submitted', submissions: [...current.submissions, submission], updatedAt: submission.submittedAt } };
}

export function decideWithdraw(current: ResponseRecord, now: Date): ResponseChange<'response_not_submitted'> {
  if (current.status !== 'submitted') return { ok: false, reason: 'response_not_submitted' };
  return { ok: true, record: { ...current, status: 'withdrawn', updatedAt: now } };
}

/** Takes an account off the team (with its editor entry); the owner stays. */
export function decideRemoveMember(current: ResponseRecord, accountId: string, now: Date): ResponseChange<'team_member_not_found' | 'team_owner_cannot_leave'> {
  if (accountId === current.ownerAccountId) return { ok: false, reason: 'team_owner_cannot_leave' };
  if (!current.memberAccountIds.includes(accountId)) return { ok: false, reason: 'team_member_not_found' };
  return {
    ok: true,
    record: { ...current, memberAccountIds: current.memberAccountIds.filter((id) => id !== accountId), editors: current.editors.filter((e) => e.accountId !== accountId), updatedAt: now },
  };
}

/** Renames the team (the same name again changes nothing but the time). */
export function decideRename(current: ResponseRecord, teamName: string, now: Date): ResponseChange<never> {
  return { ok: true, record: { ...current, teamName, updatedAt: now } };
}
