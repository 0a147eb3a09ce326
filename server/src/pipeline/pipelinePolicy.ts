import type { Actor } from '../accounts/accountPolicy.js';
import { errors } from '../errors.js';

/** Everything on the pipeline an account may ask to do, with the organisation it is done in. */
export type PipelineAction =
  /** See an item (its card, history, milestones). */
  | { kind: 'pipeline:view'; organisationId: string }
  /** See an organisation's board, dashboard and settings. */
  | { kind: 'pipeline:viewOrganisation'; organisationId: string }
  /** Move an item, add milestones, post status updates. */
  | { kind: 'pipeline:work'; organisationId: string }
  /** Add an idea or proposal of a live session to the organisation's pipeline. */
  | { kind: 'pipeline:add'; organisationId: string }
  /** Rename stages, change gates. */
  | { kind: 'pipeline:configure'; organisationId: string };

export type PipelineVerdict = null | 'role_forbidden' | 'organisation_not_found' | 'pipeline_item_not_found';

/**
 * The pipeline's one policy. An organisation's members and org admins see and move its items
 * and add to it; its org admins configure it; platform admins see, move and configure every
 * organisation's (they add only where they are members: adding is an organiser's act). Someone
 * outside an organisation does not learn that its items exist.
 */
export function judgePipeline(actor: Actor, action: PipelineAction): PipelineVerdict {
  const isPlatformAdmin = actor.account.platformRole === 'platform_admin';
  const role = actor.memberships.get(action.organisationId);
  switch (action.kind) {
    case 'pipeline:view':
    case 'pipeline:work':
      return isPlatformAdmin || role !== undefined ? null : 'pipeline_item_not_found';
    case 'pipeline:viewOrganisation':
      return isPlatformAdmin || role !== undefined ? null : 'organisation_not_found';
    case 'pipeline:add':
      if (role !== undefined) return null;
      return isPlatformAdmin ? 'role_forbidden' : 'organisation_not_found';
    case 'pipeline:configure':
      if (isPlatformAdmin || role === 'org_admin') return null;
      return role === 'member' ? 'role_forbidden' : 'organisation_not_found';
  }
}

/** Whether the policy allows the action (for `canMove`, `canEdit` flags). */
export function allowsPipeline(actor: Actor, action: PipelineAction): boolean {
  return judgePipeline(actor, action) === null;
}

/** Throws the refusal for an action the policy does not allow. */
export function authorizePipeline(actor: Actor, action: PipelineAction): void {
  const verdict = judgePipeline(actor, action);
  switch (verdict) {
    case null:
      return;
    case 'role_forbidden':
      throw errors.forbidden(action.kind === 'pipeline:configure' ? "change this organisation's pipeline" : "add to an organisation's pipeline you are not a member of");
    case 'organisation_not_found':
      throw errors.organisationNotFound();
    case 'pipeline_item_not_found':
      throw errors.pipelineItemNotFound();
  }
}

/** The organisations whose items the actor sees: theirs, or every one for a platform admin. */
export function visibleOrganisations(actor: Actor): readonly string[] | 'all' {
  return actor.account.platformRole === 'platform_admin' ? 'all' : [...actor.memberships.keys()];
}
