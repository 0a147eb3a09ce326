import type { ChallengeRecord } from '../store/ChallengeStore.js';
import type { ResponseRecord } from '../store/ResponseStore.js';
import { errors } from '../errors.js';
import { canSee, type Viewer } from '../challenges/challengePolicy.js';

/** Everything on responses a viewer may ask to do, with what it is done to. */
export type ResponseAction =
  | { kind: 'response:create'; challenge: ChallengeRecord }
  | { kind: 'response:view'; response: ResponseRecord; challenge: ChallengeRecord }
  /** Open the editor, submit, withdraw: the team's work. */
  | { kind: 'response:work'; response: ResponseRecord; challenge: ChallengeRecord }
  | { kind: 'response:invite'; response: ResponseRecord; challenge: ChallengeRecord }
  /** The owner takes `accountId` off the team, or a member leaves (`accountId` is its own). */
  | { kind: 'response:removeMember'; response: ResponseRecord; challenge: ChallengeRecord; accountId: string };

export type ResponseVerdict = null | 'sign_in_required' | 'role_forbidden' | 'challenge_not_found' | 'response_not_found';

const belongsTo = (viewer: Viewer, organisationId: string) => viewer?.memberships.has(organisationId) ?? false;

/** Whether the viewer is on the response's team. */
export function onTeam(viewer: Viewer, response: ResponseRecord): boolean {
  return viewer !== null && response.memberAccountIds.includes(viewer.account.id);
}

/**
 * Whether a viewer may see a response: its team always; the challenge's organisation once it
 * is submitted (and only while it stays so: a withdrawn response is the team's again); nobody
 * else, not even platform admins.
 */
export function canSeeResponse(viewer: Viewer, response: ResponseRecord, challenge: ChallengeRecord): boolean {
  if (onTeam(viewer, response)) return true;
  return belongsTo(viewer, challenge.organisationId) && response.status === 'submitted';
}

/**
 * The responses domain's one policy. A response the viewer may not see is not found rather than
 * forbidden; a challenge the viewer may not see is not found either. A challenge's own
 * organisation does not respond to it.
 */
export function judgeResponse(viewer: Viewer, action: ResponseAction): ResponseVerdict {
  if (viewer === null) return 'sign_in_required';
  switch (action.kind) {
    case 'response:create':
      if (!canSee(viewer, action.challenge)) return 'challenge_not_found';
      return belongsTo(viewer, action.challenge.organisationId) ? 'role_forbidden' : null;
    case 'response:view':
      return canSeeResponse(viewer, action.response, action.challenge) ? null : 'response_not_found';
    case 'response:work':
      if (onTeam(viewer, action.response)) return null;
      return canSeeResponse(viewer, action.response, action.challenge) ? 'role_forbidden' : 'response_not_found';
    case 'response:invite':
      if (action.response.ownerAccountId === viewer.account.id) return null;
      return canSeeResponse(viewer, action.response, action.challenge) ? 'role_forbidden' : 'response_not_found';
    case 'response:removeMember':
      if (action.response.ownerAccountId === viewer.account.id) return null;
      if (action.accountId === viewer.account.id && onTeam(viewer, action.response)) return null;
      return canSeeResponse(viewer, action.response, action.challenge) ? 'role_forbidden' : 'response_not_found';
  }
}

/** Throws the refusal for an action the policy does not allow. */
export function authorizeResponse(viewer: Viewer, action: ResponseAction): void {
  const verdict = judgeResponse(viewer, action);
  switch (verdict) {
    case null:
      return;
    case 'sign_in_required':
      throw errors.signInRequired();
    case 'role_forbidden':
      throw errors.forbidden(
        action.kind === 'response:invite'
          ? 'invite to a team you do not own'
          : action.kind === 'response:removeMember'
            ? 'remove others from a team you do not own'
            : action.kind === 'response:create'
              ? "respond to your own organisation's challenge"
              : 'work on a response of another team',
      );
    case 'challenge_not_found':
      throw errors.challengeNotFound();
    case 'response_not_found':
      throw errors.responseNotFound();
  }
}
