import {
  DEFAULT_STAGE_NAMES,
  MILESTONE_UPDATES_MAX,
  MILESTONES_PER_ITEM_MAX,
  PIPELINE_HISTORY_MAX,
  PIPELINE_ITEMS_READ_MAX,
  PIPELINE_STAGES,
  isBackwardMove,
  type addMilestoneBodySchema,
  type addPipelineItemBodySchema,
  type milestoneUpdateBodySchema,
  type movePipelineItemBodySchema,
  type PipelineBoard,
  type PipelineDashboard,
  type PipelineFilter,
  type PipelineItemDetail,
  type PipelineItemRef,
  type PipelineSettingsPublic,
  type PipelineSources,
  type PipelineStage,
  type pipelineSettingsBodySchema,
  type StageName,
} from '@ideasphere/shared';
import type { z } from 'zod';
import type { Actor } from '../accounts/accountPolicy.js';
import type { NotificationService } from '../accounts/NotificationService.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import type { ChallengeRecord } from '../store/ChallengeStore.js';
import type { MilestoneRecord, PipelineChange, PipelineItemRecord, PipelineMoveRecord } from '../store/PipelineStore.js';
import type { ResponseRecord } from '../store/ResponseStore.js';
import type { Store } from '../store/Store.js';
import { computeDashboard, dashboardCsv } from './pipelineDashboard.js';
import type { PipelineFacts } from './PipelineFacts.js';
import { allowsPipeline, authorizePipeline, visibleOrganisations } from './pipelinePolicy.js';
import { accountsNamedBy, effectiveSettings, presentItem, presentMilestone, presentMove, presentSettings, utcDay } from './pipelinePresenters.js';
import { moveRefusal, type MoveRefusal } from './pipelineRules.js';

/** A review decision, as the review service reports it (its `onDecided` hook). */
export interface DecisionEvent {
  responseId: string;
  decision: 'advance' | 'decline' | 'award';
  decidedBy: string;
  at: Date;
}

/** A proposal just made in a live session, as the proposal service reports it (its `onCreated` hook). */
export interface ProposalCreatedEvent {
  proposalId: string;
  sessionId: string;
  title: string;
  /** How many ideas it was made from. */
  ideas: number;
  /** The facilitator's console, or a participant's phone (by name). */
  createdBy: { kind: 'facilitator' } | { kind: 'participant'; name: string };
  at: Date;
}

/** Why a live-session proposal did not enter a pipeline by itself (it stays for "Add to pipeline"). */
export type AutoEntrySkip = 'no_organiser_account' | 'no_organisation' | 'several_organisations';

/** Accounts linked to one session read at most (in practice one: the organiser who created it). */
const SESSION_ORGANISERS_READ_MAX = 10;

/** Ideas and proposals a session offers to "Add to pipeline" at most. */
const SOURCES_LISTED_MAX = 500;

/** Keeps the newest `max` entries. */
const newest = <T>(list: T[], max: number) => (list.length > max ? list.slice(list.length - max) : list);

/**
 * The stage pipeline: every idea, live-session proposal and challenge response an organisation
 * follows, in one stage at a time. Moves are judged by `moveRefusal` with the organisation's
 * gates and the facts `PipelineFacts` reports, then recorded in the same atomic store change
 * as the stage, so the history is exactly the moves that happened.
 */
export class PipelineService {
  constructor(
    private readonly store: Store,
    private readonly facts: PipelineFacts,
    private readonly notifications: NotificationService,
    private readonly now: () => number,
  ) {}

  /** The board: items the actor may see, optionally of one organisation and one field. */
  async board(actor: Actor, filter: PipelineFilter): Promise<PipelineBoard> {
    const { items, truncated } = await this.visibleItems(actor, filter);
    const organisations = await this.organisationsOf(actor);
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    const today = utcDay(this.now());
    const counts = Object.fromEntries(PIPELINE_STAGES.map((s) => [s, 0])) as Record<PipelineStage, number>;
    for (const item of items) counts[item.stage]++;
    return {
      counts,
      items: items.map((item) => presentItem(item, names.get(item.organisationId) ?? '', today, allowsPipeline(actor, { kind: 'pipeline:work', organisationId: item.organisationId }))),
      organisations,
      stageNames: await this.stageNamesFor(filter.organisation ?? onlyOne(organisations)),
      truncated,
    };
  }

  async dashboard(actor: Actor, filter: PipelineFilter): Promise<PipelineDashboard> {
    const { items } = await this.visibleItems(actor, filter);
    const visible = await this.organisationsOf(actor);
    const organisations = new Map(visible.map((o) => [o.id, o.name]));
    const fields = new Map((await this.store.challenges.listFields()).map((f) => [f.id, `${f.nameZh} · ${f.nameEn}`]));
    return {
      ...computeDashboard(items, { field: (id) => fields.get(id) ?? id, organisation: (id) => organisations.get(id) ?? id }),
      stageNames: await this.stageNamesFor(filter.organisation ?? onlyOne(visible)),
    };
  }

  async dashboardCsv(actor: Actor, filter: PipelineFilter): Promise<string> {
    const dashboard = await this.dashboard(actor, filter);
    return dashboardCsv(dashboard, (stage) => `${dashboard.stageNames[stage].zh} / ${dashboard.stageNames[stage].en}`);
  }

  async item(actor: Actor, itemId: string): Promise<PipelineItemDetail> {
    const item = await this.authorizedItem(actor, itemId, 'pipeline:view');
    return this.detail(actor, item);
  }

  /**
   * Moves an item to another stage: forward through the organisation's gates (also the gates of
   * stages it skips), back only with a reason. Both are recorded with who and when.
   */
  async move(actor: Actor, itemId: string, input: z.output<typeof movePipelineItemBodySchema>): Promise<PipelineItemDetail> {
    const item = await this.authorizedItem(actor, itemId, 'pipeline:work');
    const reason = input.reason ?? '';
    if (isBackwardMove(item.stage, input.to) && reason === '') throw errors.pipelineReasonRequired();
    const gates = effectiveSettings(await this.store.pipeline.getSettings(item.organisationId)).gates;
    const facts = { decision: await this.facts.decisionOf(item.ref), agreementCompleted: await this.facts.agreementCompletedFor(item.ref) };
    const at = new Date(this.now());
    const outcome = await this.store.pipeline.changeItem(item.id, (current): PipelineChange<MoveRefusal | 'pipeline_reason_required'> => {
      // Judged again on the stored stage: someone may have moved it since it was read.
      if (isBackwardMove(current.stage, input.to) && reason === '') return { ok: false, reason: 'pipeline_reason_required' };
      const refused = moveRefusal(current.stage, input.to, gates, facts);
      if (refused) return { ok: false, reason: refused };
      return { ok: true, record: moved(current, { from: current.stage, to: input.to, at, by: actor.account.id, reason }) };
    });
    if (!outcome.ok) throw moveError(outcome.reason);
    return this.detail(actor, outcome.record);
  }

  /**
   * A review decision was recorded: a response decided `advance` or `award` that sits before
   * the agreement stage moves there (the history says "decision: advance"), when the
   * organisation's gates let it. Anything else is left where it is.
   */
  async decisionRecorded(event: DecisionEvent): Promise<void> {
    if (event.decision === 'decline') return;
    const item = await this.store.pipeline.getItemByRef({ kind: 'response', id: event.responseId });
    if (!item) return;
    const gates = effectiveSettings(await this.store.pipeline.getSettings(item.organisationId)).gates;
    const facts = { decision: event.decision, agreementCompleted: await this.facts.agreementCompletedFor(item.ref) };
    await this.store.pipeline.changeItem(item.id, (current): PipelineChange<'not_before_agreement' | MoveRefusal> => {
      if (PIPELINE_STAGES.indexOf(current.stage) >= PIPELINE_STAGES.indexOf('agreement')) return { ok: false, reason: 'not_before_agreement' };
      const refused = moveRefusal(current.stage, 'agreement', gates, facts);
      if (refused) return { ok: false, reason: refused };
      return { ok: true, record: moved(current, { from: current.stage, to: 'agreement', at: event.at, by: event.decidedBy, reason: `decision: ${event.decision}` }) };
    });
  }

  /**
   * A response was submitted: its first submission enters the challenge organisation's pipeline
   * at `proposal`. Later submissions (and resubmissions after a withdrawal) find it there.
   */
  async responseSubmitted(response: ResponseRecord, challenge: ChallengeRecord, submittedBy: string): Promise<void> {
    const at = new Date(this.now());
    await this.store.pipeline.addItem(
      this.newItem({ kind: 'response', id: response.id }, challenge.organisationId, null, `${response.teamName} · ${challenge.title}`, challenge.fieldIds, 'proposal', at, submittedBy),
    );
  }

  /**
   * A proposal was made in a live session: when the session was created from the platform and
   * its organisation is clear — the challenge it runs for, else the organiser's only
   * organisation — the proposal enters that pipeline at `proposal`, once (the store keeps one
   * item per proposal), with the organiser as who and the creation as why. Otherwise nothing
   * happens and the reason is returned: the organiser adds it by hand ("Add to pipeline").
   */
  async proposalCreated(event: ProposalCreatedEvent): Promise<{ entered: true; itemId: string } | { entered: false; reason: AutoEntrySkip }> {
    const links = await this.store.liveLinks.listLiveSessionLinksOfSession(event.sessionId, SESSION_ORGANISERS_READ_MAX);
    const link = links[0];
    if (!link) return { entered: false, reason: 'no_organiser_account' };
    let organisationId: string;
    let fieldIds: string[] = [];
    const challenge = link.challengeId === null ? null : await this.store.challenges.getChallenge(link.challengeId);
    if (challenge) {
      organisationId = challenge.organisationId;
      fieldIds = challenge.fieldIds;
    } else {
      const memberships = await this.store.accounts.listMembershipsOf(link.accountId);
      const only = memberships[0];
      if (!only) return { entered: false, reason: 'no_organisation' };
      if (memberships.length > 1) return { entered: false, reason: 'several_organisations' };
      organisationId = only.organisationId;
    }
    const session = await this.store.getSession(event.sessionId);
    const who = event.createdBy.kind === 'facilitator' ? 'the facilitator' : `participant “${event.createdBy.name}”`;
    const reason = `auto: proposal made in live session “${session?.title ?? event.sessionId}” by ${who} from ${event.ideas} idea${event.ideas === 1 ? '' : 's'}`;
    const item = this.newItem({ kind: 'proposal', id: event.proposalId }, organisationId, event.sessionId, event.title, fieldIds, 'proposal', event.at, link.accountId, reason);
    const added = await this.store.pipeline.addItem(item);
    return { entered: true, itemId: added.item.id };
  }

  /** "Add to pipeline": an idea or proposal of a live session the actor created, for one of their organisations. Idempotent. */
  async add(actor: Actor, input: z.output<typeof addPipelineItemBodySchema>): Promise<{ detail: PipelineItemDetail; created: boolean }> {
    authorizePipeline(actor, { kind: 'pipeline:add', organisationId: input.organisationId });
    const { session, challenge } = await this.ownSession(actor, input.sessionCode);
    if (challenge && challenge.organisationId !== input.organisationId) throw errors.organisationNotFound();
    const ref: PipelineItemRef = { kind: input.kind, id: input.id };
    let title: string;
    if (input.kind === 'idea') {
      const idea = await this.store.board.getIdea(session.id, input.id);
      if (!idea || idea.deletedAt !== null || idea.mergedInto !== null) throw errors.ideaNotFound();
      title = idea.title;
    } else {
      const proposal = await this.store.proposals.getProposal(input.id);
      if (!proposal || proposal.sessionId !== session.id) throw errors.proposalNotFound();
      title = proposal.title;
    }
    const at = new Date(this.now());
    const stage: PipelineStage = input.kind === 'idea' ? 'idea' : 'proposal';
    const { item, created } = await this.store.pipeline.addItem(this.newItem(ref, input.organisationId, session.id, title, challenge?.fieldIds ?? [], stage, at, actor.account.id));
    if (item.organisationId !== input.organisationId) throw errors.pipelineItemTaken();
    return { detail: await this.detail(actor, item), created };
  }

  /** The ideas and proposals of a live session the actor created, each with the item made of it, if any. */
  async sources(actor: Actor, code: string): Promise<PipelineSources> {
    const { session, challenge } = await this.ownSession(actor, code);
    const ideas = (await this.store.board.listIdeas(session.id, { limit: SOURCES_LISTED_MAX, newestFirst: true })).filter((i) => i.deletedAt === null && i.mergedInto === null);
    const proposals = (await this.store.proposals.listProposals(session.id)).slice(0, SOURCES_LISTED_MAX);
    const source = async (ref: PipelineItemRef, title: string) => ({ ref, title, itemId: (await this.store.pipeline.getItemByRef(ref))?.id ?? null });
    const mine = await this.store.accounts.getOrganisationsByIds([...actor.memberships.keys()]);
    return {
      ideas: await Promise.all(ideas.map((i) => source({ kind: 'idea', id: i.id }, i.title))),
      proposals: await Promise.all(proposals.map((p) => source({ kind: 'proposal', id: p.id }, p.title))),
      organisations: mine.filter((o) => !challenge || o.id === challenge.organisationId).map((o) => ({ id: o.id, name: o.name })).sort((a, b) => a.name.localeCompare(b.name)),
    };
  }

  async settings(actor: Actor, organisationId: string): Promise<PipelineSettingsPublic> {
    authorizePipeline(actor, { kind: 'pipeline:viewOrganisation', organisationId });
    if (!(await this.store.accounts.getOrganisation(organisationId))) throw errors.organisationNotFound();
    return presentSettings(organisationId, await this.store.pipeline.getSettings(organisationId), allowsPipeline(actor, { kind: 'pipeline:configure', organisationId }));
  }

  /** The organisation's admins rename stages and set gates (the whole set at once). */
  async updateSettings(actor: Actor, organisationId: string, input: z.output<typeof pipelineSettingsBodySchema>): Promise<PipelineSettingsPublic> {
    authorizePipeline(actor, { kind: 'pipeline:configure', organisationId });
    if (!(await this.store.accounts.getOrganisation(organisationId))) throw errors.organisationNotFound();
    const record = { organisationId, stageNames: input.stageNames, gates: input.gates, updatedAt: new Date(this.now()), updatedBy: actor.account.id };
    await this.store.pipeline.putSettings(record);
    return presentSettings(organisationId, record, true);
  }

  /** A milestone on an item in incubation; its owner (a member of the item's organisation) is told. */
  async addMilestone(actor: Actor, itemId: string, input: z.output<typeof addMilestoneBodySchema>): Promise<PipelineItemDetail> {
    const item = await this.authorizedItem(actor, itemId, 'pipeline:work');
    if (!(await this.store.accounts.getMembership(item.organisationId, input.ownerAccountId))) throw errors.milestoneOwnerInvalid();
    const at = new Date(this.now());
    const milestone: MilestoneRecord = { id: newId(at.getTime()), title: input.title, ownerAccountId: input.ownerAccountId, due: input.due, status: 'planned', updates: [], createdAt: at };
    const outcome = await this.store.pipeline.changeItem(item.id, (current): PipelineChange<'pipeline_not_incubating' | 'milestones_full'> => {
      if (current.stage !== 'incubation') return { ok: false, reason: 'pipeline_not_incubating' };
      if (current.milestones.length >= MILESTONES_PER_ITEM_MAX) return { ok: false, reason: 'milestones_full' };
      return { ok: true, record: { ...current, milestones: [...current.milestones, milestone] } };
    });
    if (!outcome.ok) throw outcome.reason === 'pipeline_not_incubating' ? errors.pipelineNotIncubating() : outcome.reason === 'milestones_full' ? errors.milestonesFull(MILESTONES_PER_ITEM_MAX) : errors.pipelineItemNotFound();
    if (input.ownerAccountId !== actor.account.id) {
      await this.notifications.notify([input.ownerAccountId], { kind: 'milestone_assigned', params: { item: item.title, milestone: input.title, due: input.due }, link: `/platform/pipeline/items/${item.id}` });
    }
    return this.detail(actor, outcome.record);
  }

  /** A status update on a milestone: the new status and a short note, kept in its log. */
  async updateMilestone(actor: Actor, itemId: string, milestoneId: string, input: z.output<typeof milestoneUpdateBodySchema>): Promise<PipelineItemDetail> {
    const item = await this.authorizedItem(actor, itemId, 'pipeline:work');
    const update = { at: new Date(this.now()), by: actor.account.id, status: input.status, note: input.note ?? '' };
    const outcome = await this.store.pipeline.changeItem(item.id, (current): PipelineChange<'milestone_not_found'> => {
      if (!current.milestones.some((m) => m.id === milestoneId)) return { ok: false, reason: 'milestone_not_found' };
      const milestones = current.milestones.map((m) => (m.id === milestoneId ? { ...m, status: update.status, updates: newest([...m.updates, update], MILESTONE_UPDATES_MAX) } : m));
      return { ok: true, record: { ...current, milestones } };
    });
    if (!outcome.ok) throw outcome.reason === 'milestone_not_found' ? errors.milestoneNotFound() : errors.pipelineItemNotFound();
    return this.detail(actor, outcome.record);
  }

  private newItem(ref: PipelineItemRef, organisationId: string, sessionId: string | null, title: string, fieldIds: string[], stage: PipelineStage, at: Date, by: string, reason = ''): PipelineItemRecord {
    return {
      id: newId(at.getTime()),
      ref,
      organisationId,
      sessionId,
      title,
      fieldIds: [...fieldIds],
      stage,
      enteredAt: at,
      createdAt: at,
      history: [{ from: null, to: stage, at, by, reason }],
      milestones: [],
      revision: 0,
    };
  }

  /** A live session the actor created from the platform, and the challenge it runs for (if any); anyone else's is not found. */
  private async ownSession(actor: Actor, code: string) {
    const session = await this.store.getSessionByCode(code);
    const link = session ? await this.store.liveLinks.getLiveSessionLink(actor.account.id, session.id) : null;
    if (!session || !link) throw errors.liveSessionNotFound();
    const challenge = link.challengeId === null ? null : await this.store.challenges.getChallenge(link.challengeId);
    return { session, challenge };
  }

  private async visibleItems(actor: Actor, filter: PipelineFilter): Promise<{ items: PipelineItemRecord[]; truncated: boolean }> {
    let scope = visibleOrganisations(actor);
    if (filter.organisation !== undefined) {
      authorizePipeline(actor, { kind: 'pipeline:viewOrganisation', organisationId: filter.organisation });
      scope = [filter.organisation];
    }
    const read = await this.store.pipeline.listItems(scope, PIPELINE_ITEMS_READ_MAX + 1);
    const truncated = read.length > PIPELINE_ITEMS_READ_MAX;
    const items = read.slice(0, PIPELINE_ITEMS_READ_MAX).filter((i) => filter.field === undefined || i.fieldIds.includes(filter.field));
    return { items, truncated };
  }

  private async organisationsOf(actor: Actor): Promise<{ id: string; name: string }[]> {
    const scope = visibleOrganisations(actor);
    const records = scope === 'all' ? await this.store.accounts.listOrganisations() : await this.store.accounts.getOrganisationsByIds(scope);
    return records.map((o) => ({ id: o.id, name: o.name })).sort((a, b) => a.name.localeCompare(b.name));
  }

  private async stageNamesFor(organisationId: string | undefined): Promise<Record<PipelineStage, StageName>> {
    if (organisationId === undefined) return { ...DEFAULT_STAGE_NAMES };
    return effectiveSettings(await this.store.pipeline.getSettings(organisationId)).stageNames;
  }

  /** The item, when the policy lets the actor act on it; another organisation's is not found. */
  private async authorizedItem(actor: Actor, itemId: string, kind: 'pipeline:view' | 'pipeline:work'): Promise<PipelineItemRecord> {
    const item = await this.store.pipeline.getItem(itemId);
    if (!item) throw errors.pipelineItemNotFound();
    authorizePipeline(actor, { kind, organisationId: item.organisationId });
    return item;
  }

  private async detail(actor: Actor, item: PipelineItemRecord): Promise<PipelineItemDetail> {
    const canEdit = allowsPipeline(actor, { kind: 'pipeline:work', organisationId: item.organisationId });
    const [organisation, settings, members] = await Promise.all([
      this.store.accounts.getOrganisation(item.organisationId),
      this.store.pipeline.getSettings(item.organisationId),
      canEdit ? this.store.accounts.listMembers(item.organisationId) : Promise.resolve([]),
    ]);
    const accounts = await this.store.accounts.getAccountsByIds([...new Set([...accountsNamedBy(item), ...members.map((m) => m.accountId)])]);
    const names = new Map(accounts.map((a) => [a.id, a.name]));
    const today = utcDay(this.now());
    return {
      item: presentItem(item, organisation?.name ?? '', today, canEdit),
      history: item.history.map((m) => presentMove(m, names)),
      milestones: item.milestones.map((m) => presentMilestone(m, names, today)),
      settings: presentSettings(item.organisationId, settings, allowsPipeline(actor, { kind: 'pipeline:configure', organisationId: item.organisationId })),
      canEdit,
      members: members.map((m) => ({ id: m.accountId, name: names.get(m.accountId) ?? '' })).sort((a, b) => a.name.localeCompare(b.name)),
    };
  }
}

/** The id of the only organisation in a list (whose stage names a board of it shows), else undefined. */
function onlyOne(organisations: readonly { id: string }[]): string | undefined {
  return organisations.length === 1 ? organisations[0]?.id : undefined;
}

/** The item after a move: new stage and entry time, the move appended to its (bounded) history. */
function moved(current: PipelineItemRecord, move: PipelineMoveRecord): PipelineItemRecord {
  return { ...current, stage: move.to, enteredAt: move.at, history: newest([...current.history, move], PIPELINE_HISTORY_MAX) };
}

function moveError(reason: MoveRefusal | 'pipeline_reason_required' | 'pipeline_item_not_found'): Error {
  switch (reason) {
    case 'stage_unchanged':
      return errors.pipelineStageUnchanged();
    case 'gate_decision_required':
      return errors.gateDecisionRequired();
    case 'gate_agreement_required':
      return errors.gateAgreementRequired();
    case 'pipeline_reason_required':
      return errors.pipelineReasonRequired();
    case 'pipeline_item_not_found':
      return errors.pipelineItemNotFound();
  }
}

