import { errors } from '../errors.js';
import type { Actor } from '../accounts/accountPolicy.js';
import type { ChallengeRecord } from '../store/ChallengeStore.js';
import type { QuestionRecord } from '../store/QuestionStore.js';
import { invitedKey } from '../store/challengeRules.js';

/** Who is looking: a signed-in actor, or null for an anonymous visitor. */
export type Viewer = Actor | null;

/** Everything on the challenges side a viewer may ask to do, with what it is done to. */
export type ChallengeAction =
  | { kind: 'fields:manage' }
  | { kind: 'organisations:directory' }
  | { kind: 'challenge:create'; organisationId: string }
  | { kind: 'challenge:view'; challenge: ChallengeRecord }
  | { kind: 'challenge:manage'; challenge: ChallengeRecord }
  | { kind: 'question:ask'; challenge: ChallengeRecord }
  | { kind: 'question:answer'; challenge: ChallengeRecord };

/** Why an action is refused, or null when it is allowed. */
export type ChallengeVerdict = null | 'sign_in_required' | 'role_forbidden' | 'organisation_not_found' | 'challenge_not_found';

const isPlatformAdmin = (viewer: Viewer) => viewer?.account.platformRole === 'platform_admin';
const belongsTo = (viewer: Viewer, organisationId: string) => viewer?.memberships.has(organisationId) ?? false;

/**
 * Whether a viewer may see a challenge: its own organisation always (drafts too); nobody else
 * a draft; then everyone a public one, every signed-in account a platform one, and members of
 * the invited organisations an invited one. Platform admins see every published challenge.
 */
export function canSee(viewer: Viewer, challenge: ChallengeRecord): boolean {
  if (belongsTo(viewer, challenge.organisationId)) return true;
  if (challenge.status === 'draft') return false;
  if (challenge.visibility === 'public') return true;
  if (viewer === null) return false;
  if (isPlatformAdmin(viewer) || challenge.visibility === 'platform') return true;
  return challenge.invitedOrganisationIds.some((id) => belongsTo(viewer, id));
}

/**
 * The same rule as {@link canSee}, in the terms the store's catalogue query takes: the
 * audience keys the viewer holds (see `audienceKeys`) and its own organisations.
 */
export function viewerScope(viewer: Viewer): { audiences: readonly string[] | 'all'; ownOrganisationIds: readonly string[] } {
  if (viewer === null) return { audiences: ['public'], ownOrganisationIds: [] };
  const own = [...viewer.memberships.keys()];
  if (isPlatformAdmin(viewer)) return { audiences: 'all', ownOrganisationIds: own };
  return { audiences: ['public', 'platform', ...own.map(invitedKey)], ownOrganisationIds: own };
}

/**
 * The challenges domain's one authorization policy: who may do what to which challenge.
 * The taxonomy is the platform's (platform admins change it); a challenge is its
 * organisation's (its members and org admins post, edit, move it along). A challenge the
 * viewer may not see is not found rather than forbidden: its existence is not theirs to learn.
 */
export function judgeChallenge(viewer: Viewer, action: ChallengeAction): ChallengeVerdict {
  if (action.kind === 'challenge:view') return canSee(viewer, action.challenge) ? null : 'challenge_not_found';
  if (viewer === null) return 'sign_in_required';
  switch (action.kind) {
    case 'fields:manage':
      return isPlatformAdmin(viewer) ? null : 'role_forbidden';
    case 'organisations:directory':
      return isPlatformAdmin(viewer) || viewer.memberships.size > 0 ? null : 'role_forbidden';
    case 'challenge:create':
      if (belongsTo(viewer, action.organisationId)) return null;
      // A platform admin sees every organisation, so may learn this one exists.
      return isPlatformAdmin(viewer) ? 'role_forbidden' : 'organisation_not_found';
    case 'challenge:manage':
    case 'question:answer':
      if (belongsTo(viewer, action.challenge.organisationId)) return null;
      return canSee(viewer, action.challenge) ? 'role_forbidden' : 'challenge_not_found';
    case 'question:ask':
      if (!canSee(viewer, action.challenge)) return 'challenge_not_found';
      // The owner organisation answers; its members clarify in the challenge's background instead.
      return belongsTo(viewer, action.challenge.organisationId) ? 'role_forbidden' : null;
  }
}

/** Whether the viewer belongs to the organisation that owns the challenge (and so answers its questions). */
export function ownsChallenge(viewer: Viewer, challenge: ChallengeRecord): boolean {
  return belongsTo(viewer, challenge.organisationId);
}

/**
 * Whether a viewer who may see the challenge ({@link canSee}) may see one of its questions: its
 * asker and the owner organisation always; everyone else once it has a public answer. A
 * privately answered question stays between the asker and the owner organisation.
 */
export function canSeeQuestion(viewer: Viewer, challenge: ChallengeRecord, question: QuestionRecord): boolean {
  if (belongsTo(viewer, challenge.organisationId)) return true;
  if (viewer !== null && question.askedBy === viewer.account.id) return true;
  return question.answer?.visibility === 'public';
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
    case 'organisation_not_found':
      throw errors.organisationNotFound();
    case 'challenge_not_found':
      throw errors.challengeNotFound();
  }
}

function describe(action: ChallengeAction): string {
  switch (action.kind) {
    case 'fields:manage':
      return 'change the field taxonomy';
    case 'organisations:directory':
      return 'list organisations to invite';
    case 'challenge:create':
      return "post challenges for an organisation you are not in";
    case 'challenge:view':
      return 'see this challenge';
    case 'challenge:manage':
      return "change another organisation's challenge";
    case 'question:ask':
      return "ask your own organisation's challenge (answer it instead)";
    case 'question:answer':
      return "answer another organisation's questions";
  }
}
