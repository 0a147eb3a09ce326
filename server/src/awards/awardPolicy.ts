import { errors } from '../errors.js';
import type { Viewer } from '../challenges/challengePolicy.js';

/** Everything on award programmes a viewer may ask to do, with the organisation it is done in. */
export type AwardAction =
  /** Start a programme for an organisation. */
  | { kind: 'programme:create'; organisationId: string }
  /** Read a programme, its categories and nominations. */
  | { kind: 'programme:view'; organisationId: string }
  /** Nominate a person, team or proposal. */
  | { kind: 'nomination:create'; organisationId: string }
  /** Edit, accept or reject nominations, set weights, run the audience vote, confirm winners. */
  | { kind: 'programme:manage'; organisationId: string };

export type AwardVerdict = null | 'sign_in_required' | 'role_forbidden' | 'award_programme_not_found' | 'organisation_not_found';

/**
 * The awards domain's one policy. A programme is its organisation's: its org admins own it
 * (and platform admins may act for them); its members see it and nominate. To anybody else the
 * programme does not exist (not found, never forbidden), so its existence is not theirs to learn.
 */
export function judgeAward(viewer: Viewer, action: AwardAction): AwardVerdict {
  if (viewer === null) return 'sign_in_required';
  if (viewer.account.platformRole === 'platform_admin') return null;
  const role = viewer.memberships.get(action.organisationId);
  if (role === undefined) return action.kind === 'programme:create' ? 'organisation_not_found' : 'award_programme_not_found';
  switch (action.kind) {
    case 'programme:view':
    case 'nomination:create':
      return null;
    case 'programme:create':
    case 'programme:manage':
      return role === 'org_admin' ? null : 'role_forbidden';
  }
}

/** Whether the viewer owns programmes of this organisation. */
export function managesAwards(viewer: Viewer, organisationId: string): boolean {
  return judgeAward(viewer, { kind: 'programme:manage', organisationId }) === null;
}

/** Throws the refusal for an action the policy does not allow. */
export function authorizeAward(viewer: Viewer, action: AwardAction): void {
  const verdict = judgeAward(viewer, action);
  switch (verdict) {
    case null:
      return;
    case 'sign_in_required':
      throw errors.signInRequired();
    case 'role_forbidden':
      throw errors.forbidden(action.kind === 'programme:create' ? "start an award programme (the organisation's admins do)" : 'manage this award programme');
    case 'award_programme_not_found':
      throw errors.awardProgrammeNotFound();
    case 'organisation_not_found':
      throw errors.organisationNotFound();
  }
}
