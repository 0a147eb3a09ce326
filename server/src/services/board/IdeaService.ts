import {
  type EventInput,
  type ClusterPublic,
  CLUSTERS_MAX,
  IDEAS_PER_PARTICIPANT_PER_MINUTE,
  IDEAS_PER_SESSION_MAX,
  type IdeaPublic,
  type IdeaStatus,
  type ModerationAction,
  findBannedWord,
} from '@ideasphere/shared';
import { type MakeLimiter, memoryLimiters } from '../../scale/rateLimiters.js';
import { errors } from '../../errors.js';
import { newId } from '../../ids.js';
import { isMergeable, isMergeTarget } from '../../store/boardRules.js';
import type { IdeaPatch, IdeaRecord, ParticipantRecord, SessionRecord, Store } from '../../store/Store.js';
import type { BoardBroadcaster } from './BoardBroadcaster.js';
import type { IdeaPresenter } from './IdeaPresenter.js';
import { type Audience, phaseIsOpen, votesHiddenFrom } from './visibility.js';

/** The author id of ideas the organisers place on the board (never a participant's id: those are `newId`s). */
export const STAFF_AUTHOR_ID = 'staff';

/** Submitting, moderating, editing, merging and grouping ideas. */
export class IdeaService {
  private readonly submitLimiter;

  constructor(
    private readonly store: Store,
    private readonly presenter: IdeaPresenter,
    private readonly broadcaster: BoardBroadcaster,
    private readonly now: () => number = Date.now,
    /** Told of every stored edit, moderation or merge of an idea (a public idea leaves search when hidden). */
    private readonly onChanged: (sessionId: string, ideaId: string) => Promise<void> = async () => undefined,
    makeLimiter: MakeLimiter = memoryLimiters,
  ) {
    this.submitLimiter = makeLimiter({ name: 'ideas', points: IDEAS_PER_PARTICIPANT_PER_MINUTE, durationSeconds: 60 });
  }

  /**
   * Stores a participant's idea and queues it for broadcast. A retry with the same clientId
   * returns the idea stored the first time, so a phone may resend until it hears back.
   */
  async submit(session: SessionRecord, author: ParticipantRecord, input: EventInput<'idea:submit'>): Promise<IdeaPublic> {
    if (session.phase !== 'collect' || !phaseIsOpen(session, this.now())) throw errors.phaseClosed('Submitting ideas');
    const { clientId, title, detail, category } = input;
    if (category !== null && !session.settings.categories.includes(category)) throw errors.unknownCategory();
    try {
      await this.submitLimiter.consume(author.id);
    } catch {
      throw errors.rateLimited();
    }
    if ((await this.store.board.countIdeas(session.id)) >= IDEAS_PER_SESSION_MAX) throw errors.boardFull(IDEAS_PER_SESSION_MAX);

    const now = new Date();
    const { idea, created } = await this.store.board.addIdea({
      id: newId(now.getTime()),
      sessionId: session.id,
      authorId: author.id,
      clientId,
      title,
      detail,
      category,
      status: initialStatus(session, `${title}\n${detail}`),
      pinned: false,
      clusterId: null,
      mergedInto: null,
      authorIds: [author.id],
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
    if (created) this.broadcaster.ideaChanged(idea);
    // The author's own view: their name even when anonymous, but no count they may not see
    // (a retried submission after the facilitator went back from voting to collecting).
    const own = await this.presentOne(session, idea, 'staff');
    return votesHiddenFrom(session, 'audience') ? { ...own, votes: null } : own;
  }

  /**
   * Places an idea of the organisers' on the board (no participant is its author), visible at
   * once and in any phase: the awards' audience vote puts its nominees there. Idempotent per
   * `clientId`, like a phone's submission.
   */
  async placeStaffIdea(session: SessionRecord, input: { clientId: string; title: string; detail: string; category: string | null }): Promise<IdeaRecord> {
    if ((await this.store.board.countIdeas(session.id)) >= IDEAS_PER_SESSION_MAX) throw errors.boardFull(IDEAS_PER_SESSION_MAX);
    const now = new Date(this.now());
    const { idea, created } = await this.store.board.addIdea({
      id: newId(now.getTime()),
      sessionId: session.id,
      authorId: STAFF_AUTHOR_ID,
      ...input,
      status: 'visible',
      pinned: false,
      clusterId: null,
      mergedInto: null,
      authorIds: [],
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
    if (created) this.broadcaster.ideaChanged(idea);
    return idea;
  }

  /** Approve, hide, pin, unpin, delete (soft) or restore an idea. */
  async moderate(session: SessionRecord, input: EventInput<'idea:moderate'>): Promise<IdeaPublic> {
    const idea = await this.requireIdea(session, input.ideaId, { allowDeleted: input.action === 'restore' });
    return this.apply(session, idea, moderationPatch(input.action));
  }

  async edit(session: SessionRecord, input: EventInput<'idea:edit'>): Promise<IdeaPublic> {
    const { ideaId, ...fields } = input;
    if (fields.category !== undefined && fields.category !== null && !session.settings.categories.includes(fields.category)) {
      throw errors.unknownCategory();
    }
    const idea = await this.requireIdea(session, ideaId);
    return this.apply(session, idea, fields);
  }

  /**
   * Merges a duplicate into another idea: votes combine, authors are kept. The target must be
   * shown on the board; the store checks that again inside its transaction, so a target hidden
   * in the meantime is refused too, with the same reason.
   */
  async merge(session: SessionRecord, input: EventInput<'idea:merge'>): Promise<IdeaPublic> {
    const source = await this.requireIdea(session, input.sourceId);
    const wanted = await this.requireIdea(session, input.targetId);
    if (!isMergeTarget(wanted)) throw errors.mergeTargetNotVisible();
    const target = await this.store.board.mergeIdeas(session.id, source.id, wanted.id);
    if (!target) {
      const now = await this.store.board.getIdea(session.id, wanted.id);
      throw isMergeable(now) && !isMergeTarget(now) ? errors.mergeTargetNotVisible() : errors.ideaNotFound();
    }
    await this.onChanged(session.id, source.id);
    await this.onChanged(session.id, target.id);
    this.broadcaster.ideaChanged(source);
    this.broadcaster.ideaChanged(target);
    return this.presentOne(session, target, 'staff');
  }

  async assignCluster(session: SessionRecord, input: EventInput<'idea:cluster'>): Promise<IdeaPublic> {
    const idea = await this.requireIdea(session, input.ideaId);
    const { clusterId } = input;
    if (clusterId !== null && !(await this.store.board.listClusters(session.id)).some((c) => c.id === clusterId)) {
      throw errors.clusterNotFound();
    }
    return this.apply(session, idea, { clusterId });
  }

  async createCluster(session: SessionRecord, input: EventInput<'cluster:create'>): Promise<ClusterPublic> {
    if ((await this.store.board.listClusters(session.id)).length >= CLUSTERS_MAX) {
      throw errors.clusterLimit(CLUSTERS_MAX);
    }
    const cluster = { id: newId(), sessionId: session.id, name: input.name, createdAt: new Date() };
    await this.store.board.addCluster(cluster);
    this.broadcaster.clusterChanged(session.id, cluster.id);
    return { id: cluster.id, name: cluster.name };
  }

  async renameCluster(session: SessionRecord, input: EventInput<'cluster:rename'>): Promise<ClusterPublic> {
    const cluster = await this.store.board.renameCluster(session.id, input.clusterId, input.name);
    if (!cluster) throw errors.clusterNotFound();
    this.broadcaster.clusterChanged(session.id, cluster.id);
    return { id: cluster.id, name: cluster.name };
  }

  async deleteCluster(session: SessionRecord, input: EventInput<'cluster:delete'>): Promise<{ clusterId: string }> {
    const ungrouped = await this.store.board.deleteCluster(session.id, input.clusterId);
    if (!ungrouped) throw errors.clusterNotFound();
    // The broadcaster reads the cluster (gone: removed) and the ideas it left back itself.
    this.broadcaster.clusterChanged(session.id, input.clusterId);
    for (const ideaId of ungrouped) this.broadcaster.ideaChanged({ id: ideaId, sessionId: session.id });
    return { clusterId: input.clusterId };
  }

  private async requireIdea(session: SessionRecord, ideaId: string, options: { allowDeleted?: boolean } = {}): Promise<IdeaRecord> {
    const idea = await this.store.board.getIdea(session.id, ideaId);
    if (!idea || idea.mergedInto !== null || (idea.deletedAt !== null && !options.allowDeleted)) throw errors.ideaNotFound();
    return idea;
  }

  private async apply(session: SessionRecord, idea: IdeaRecord, patch: IdeaPatch): Promise<IdeaPublic> {
    const updated = await this.store.board.updateIdea(session.id, idea.id, patch);
    if (!updated) throw errors.ideaNotFound();
    await this.onChanged(session.id, updated.id);
    this.broadcaster.ideaChanged(updated);
    return this.presentOne(session, updated, 'staff');
  }

  private async presentOne(session: SessionRecord, idea: IdeaRecord, audience: Audience): Promise<IdeaPublic> {
    const presented = await this.presenter.present(session, [idea], [audience]);
    return presented[audience][0] as IdeaPublic;
  }
}

/** Banned words hold an idea for review; otherwise pre-moderation decides. */
function initialStatus(session: SessionRecord, text: string): IdeaStatus {
  if (findBannedWord(text, session.settings.bannedWords) !== null) return 'held';
  return session.settings.preModeration ? 'pending' : 'visible';
}

function moderationPatch(action: ModerationAction): IdeaPatch {
  switch (action) {
    case 'approve':
      return { status: 'visible' };
    case 'hide':
      return { status: 'hidden' };
    case 'pin':
      return { pinned: true };
    case 'unpin':
      return { pinned: false };
    case 'delete':
      return { deletedAt: new Date() };
    case 'restore':
      return { deletedAt: null };
  }
}
