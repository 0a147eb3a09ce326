import type {
  ChallengeList,
  challengeListQuerySchema,
  challengePatchBodySchema,
  ChallengePublic,
  ChallengeStatus,
  createChallengeBodySchema,
  OrganisationRef,
} from '@ideasphere/shared';
import type { z } from 'zod';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import type { Links } from '../presenters.js';
import type { ChallengeChange, ChallengeRecord, ChallengeStore } from '../store/ChallengeStore.js';
import { authorizeChallenge, type Viewer } from './challengePolicy.js';
import { presentChallenge, presentChallengeSummary } from './challengePresenters.js';
import { decideEdit, decideExtension, decideTransition, lockedFields, type ContentPatch } from './lifecycleRules.js';
import { listVisibleChallenges } from './listVisibleChallenges.js';

/** Organisation names, from the accounts domain (its PlatformService). */
export interface OrganisationDirectory {
  organisationNames(ids: readonly string[]): Promise<Map<string, string>>;
  allOrganisationNames(): Promise<OrganisationRef[]>;
}

/**
 * Challenges: posting, the lifecycle, editing, reading and the catalogue. Every method asks
 * the policy before it does anything the action is about, checks references (fields,
 * organisations) before it writes, and changes a stored challenge only through the store's
 * atomic `changeChallenge` with a pure rule from `lifecycleRules`; a refusal changes nothing.
 */
export class ChallengeService {
  constructor(
    private readonly store: ChallengeStore,
    private readonly organisations: OrganisationDirectory,
    private readonly links: Links,
    private readonly now: () => number,
    /** Told of every stored change (the search index follows it). */
    private readonly onChanged: (challenge: ChallengeRecord) => void = () => undefined,
  ) {}

  /** The page's address, which its QR code holds. */
  pageUrl(challengeId: string): string {
    return `${this.links.publicUrl()}/platform/challenges/${challengeId}`;
  }

  async list(viewer: Viewer, filter: z.output<typeof challengeListQuerySchema>): Promise<ChallengeList> {
    const { records, total } = await listVisibleChallenges(this.store, viewer, filter, new Date(this.now()));
    const names = await this.organisations.organisationNames(records.map((c) => c.organisationId));
    return { items: records.map((c) => presentChallengeSummary(c, names)), total, offset: filter.offset, limit: filter.limit };
  }

  /** Organisations a poster may invite to a private challenge. */
  async invitableOrganisations(viewer: Viewer): Promise<OrganisationRef[]> {
    authorizeChallenge(viewer, { kind: 'organisations:directory' });
    return this.organisations.allOrganisationNames();
  }

  /** A new draft of an organisation the poster belongs to. */
  async create(viewer: Viewer, input: z.output<typeof createChallengeBodySchema>): Promise<ChallengePublic> {
    authorizeChallenge(viewer, { kind: 'challenge:create', organisationId: input.organisationId });
    if (viewer === null) throw errors.signInRequired();
    await this.checkReferences({ fieldIds: input.fieldIds, invitedOrganisationIds: input.invitedOrganisationIds }, []);
    const now = new Date(this.now());
    const { organisationId, ...content } = input;
    const challenge: ChallengeRecord = {
      id: newId(now.getTime()),
      organisationId,
      createdBy: viewer.account.id,
      ...content,
      status: 'draft',
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
      revision: 0,
    };
    await this.store.createChallenge(challenge);
    this.onChanged(challenge);
    return this.present(challenge, viewer);
  }

  async view(viewer: Viewer, challengeId: string): Promise<ChallengePublic> {
    return this.present(await this.visible(viewer, challengeId), viewer);
  }

  /** The challenge, when the viewer may see it; otherwise `challenge_not_found` (never forbidden). */
  async visible(viewer: Viewer, challengeId: string): Promise<ChallengeRecord> {
    const challenge = await this.store.getChallenge(challengeId);
    if (!challenge) throw errors.challengeNotFound();
    authorizeChallenge(viewer, { kind: 'challenge:view', challenge });
    return challenge;
  }

  /** Content changes: anything in a draft, OPEN_EDITABLE_FIELDS while open, nothing later. */
  async edit(viewer: Viewer, challengeId: string, patch: z.output<typeof challengePatchBodySchema>): Promise<ChallengePublic> {
    const challenge = await this.managed(viewer, challengeId);
    const locked = lockedFields(challenge.status, patch);
    if (locked.length > 0) throw errors.challengeNotEditable(challenge.status, locked);
    await this.checkReferences(patch, challenge.fieldIds);
    const outcome = await this.store.changeChallenge(challengeId, (current) => decideEdit(current, patch as ContentPatch, new Date(this.now())));
    return this.presentOutcome(outcome, viewer, (reason) => (reason === 'challenge_not_editable' ? errors.challengeNotEditable(challenge.status, lockedFields(challenge.status, patch)) : undefined));
  }

  async transition(viewer: Viewer, challengeId: string, to: ChallengeStatus): Promise<ChallengePublic> {
    const challenge = await this.managed(viewer, challengeId);
    const outcome = await this.store.changeChallenge(challengeId, (current) => decideTransition(current, to, new Date(this.now())));
    return this.presentOutcome(outcome, viewer, (reason) =>
      reason === 'challenge_transition_invalid' ? errors.challengeTransitionInvalid(challenge.status, to) : reason === 'challenge_deadline_passed' ? errors.challengeDeadlinePassed() : undefined,
    );
  }

  async extendDeadline(viewer: Viewer, challengeId: string, deadline: ChallengeRecord['deadline']): Promise<ChallengePublic> {
    const challenge = await this.managed(viewer, challengeId);
    const outcome = await this.store.changeChallenge(challengeId, (current) => decideExtension(current, deadline, new Date(this.now())));
    return this.presentOutcome(outcome, viewer, (reason) => {
      switch (reason) {
        case 'challenge_not_editable':
          return errors.challengeNotEditable(challenge.status, ['deadline']);
        case 'deadline_not_later':
          return errors.deadlineNotLater();
        case 'challenge_deadline_passed':
          return errors.challengeDeadlinePassed();
        default:
          return undefined;
      }
    });
  }

  /** The challenge, when the viewer may change it (its organisation's members). */
  private async managed(viewer: Viewer, challengeId: string): Promise<ChallengeRecord> {
    const challenge = await this.store.getChallenge(challengeId);
    if (!challenge) throw viewer === null ? errors.signInRequired() : errors.challengeNotFound();
    authorizeChallenge(viewer, { kind: 'challenge:manage', challenge });
    return challenge;
  }

  /**
   * New fields must exist and be in use (one the challenge already has may since be archived);
   * invited organisations must exist.
   */
  private async checkReferences(patch: { fieldIds?: string[] | undefined; invitedOrganisationIds?: string[] | undefined }, kept: readonly string[]): Promise<void> {
    if (patch.fieldIds !== undefined) {
      const fields = new Map((await this.store.listFields()).map((f) => [f.id, f]));
      const usable = (id: string) => kept.includes(id) || (fields.has(id) && !fields.get(id)?.archived);
      if (!patch.fieldIds.every(usable)) throw errors.unknownField();
    }
    if (patch.invitedOrganisationIds !== undefined && patch.invitedOrganisationIds.length > 0) {
      const names = await this.organisations.organisationNames(patch.invitedOrganisationIds);
      if (names.size !== new Set(patch.invitedOrganisationIds).size) throw errors.unknownOrganisation();
    }
  }

  private async presentOutcome<R extends string>(
    outcome: ChallengeChange<R | 'challenge_not_found'>,
    viewer: Viewer,
    refusal: (reason: R | 'challenge_not_found') => Error | undefined,
  ): Promise<ChallengePublic> {
    if (!outcome.ok) throw refusal(outcome.reason) ?? errors.challengeNotFound();
    this.onChanged(outcome.record);
    return this.present(outcome.record, viewer);
  }

  private async present(challenge: ChallengeRecord, viewer: Viewer): Promise<ChallengePublic> {
    const names = await this.organisations.organisationNames([challenge.organisationId, ...challenge.invitedOrganisationIds]);
    return presentChallenge(challenge, viewer, names, this.pageUrl(challenge.id));
  }
}
