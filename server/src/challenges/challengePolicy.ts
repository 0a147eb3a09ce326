import { errors } from '../errors.js';
import type { Actor } from '../accounts/accountPolicy.js';

/** Who is looking: a signed-in actor, or null for an anonymous visitor. */
export type Viewer = Actor | null;

/** Everything on the challenges side a viewer may ask to do, with what it is done to. */
export type ChallengeAction = { kind: 'fields:manage' };

/** Why an action is refused, or null when it is allowed. */
export type ChallengeVerdict = null | 'sign_in_required' | 'role_forbidden';

/**
 * The challenges domain's one authorization policy: who may do what to which challenge.
 * The field taxonomy is the platform's, so only platform admins change it.
 */
export function judgeChallenge(viewer: Viewer, action: ChallengeAction): ChallengeVerdict {
  if (viewer === null) return 'sign_in_required';
  const isPlatformAdmin = viewer.account.platformRole === 'platform_admin';
  switch (action.kind) {
    case 'fields:manage':
      return isPlatformAdmin ? null : 'role_forbidden';
  }
}

/** Throws the refusal for an action the policy does not allow. */
export function authorizeChallenge(viewer: Viewer, action: ChallengeAction): void {
  const verdict = judgeChallenge(viewer, action);
  switch (verdict) {
    case null:
      return;
    case 'sign_in_required':
      throw errors.signInRequired();
    case 'role_forbidden':
      throw errors.forbidden(describe(action));
  }
}

function describe(action: ChallengeAction): string {
  switch (action.kind) {
    case 'fields:manage':
      return 'change the field taxonomy';
  }
}
