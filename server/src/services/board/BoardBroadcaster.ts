import { type BoardDelta, CHANGE_LOG_KEPT, type ClusterPublic, type IdeaPublic } from '@ideasphere/shared';
import type { Log } from '../../logger.js';
import type { Broadcasts } from '../../realtime/Broadcasts.js';
import { SessionBatcher } from '../../realtime/SessionBatcher.js';
import type { IdeaRecord, Store } from '../../store/Store.js';
import type { IdeaPresenter } from './IdeaPresenter.js';
import type { ClusterBus } from '../../scale/ClusterBus.js';
import { type Audience, isLive, isVisibleTo, votesHiddenFrom } from './visibility.js';

/** Ideas read per page when every idea is queued again. */
const RESEND_PAGE = 500;

interface PendingChanges {
  ideas: Set<string>;
  /** Ideas whose vote count changed: not sent to an audience that may not see counts yet. */
  tallied: Set<string>;
  /** Ideas whose reaction counts changed. */
  reacted: Set<string>;
  /** Ideas whose counts every audience gets again: who may see vote counts changed. */
  recounted: Set<string>;
  clusters: Set<string>;
  /** Ideas queued again with no new write (`resendAll`): sent even if the last frame had them. */
  forced: Set<string>;
}

/**
 * Gathers board changes and broadcasts them as one `board:delta` per session and audience,
 * at most once every `intervalMs` (leading edge: a change after a quiet spell goes out at once,
 * a burst waits for the next slot). Hundreds of votes a second become a few small frames
 * instead of a frame per vote per phone, without delaying a lone idea.
 *
 * Each delta carries the session's version and holds every change up to it: besides what
 * services queued here, a flush reads the change log since the last version it sent, so a
 * change whose write finished but which was not queued yet is not skipped by a client that
 * later catches up from that version. Records are read back from the store at flush time, so
 * what goes out is never ahead of what is durable.
 */
export class BoardBroadcaster {
  /** Per session, how many changes were queued in this process: a cheap "has the board moved". */
  private readonly generations = new Map<string, number>();
  /** Per session, the version every change up to which this process has broadcast (or handed out). */
  private readonly sentVersion = new Map<string, number>();

  private readonly batch: SessionBatcher<PendingChanges>;
  /** Per session, the ideas the last frame read (when it read the log), to send each change once. */
  private readonly lastFrame = new Map<string, Set<string>>();
  /** Sessions with changes made through this process since their last frame (announced once per frame). */
  private readonly madeHere = new Set<string>();

  constructor(
    private readonly broadcasts: Broadcasts,
    private readonly store: Store,
    private readonly presenter: IdeaPresenter,
    intervalMs: number,
    log: Log,
    /**
     * The deployment's other processes, when there are any. Then each process sends only the
     * changes made through it (to every process's clients, through the adapter's stream, so a
     * recovered connection gets them replayed): reading the shared log as well would send each
     * change once per process. A change whose frame was still on its way when a client
     * reconnected is fetched by the client's catch-up, which starts a little before its version.
     */
    private readonly bus: ClusterBus | null = null,
  ) {
    this.batch = new SessionBatcher(intervalMs, () => ({ ideas: new Set(), tallied: new Set(), reacted: new Set(), recounted: new Set(), clusters: new Set(), forced: new Set() }), (sessionId, changes) => this.flushSession(sessionId, changes), log, 'board');
    bus?.on('board:changed', ({ sessionId }) => this.generations.set(sessionId, this.generation(sessionId) + 1));
  }

  ideaChanged(idea: Pick<IdeaRecord, 'id' | 'sessionId'>): void {
    this.changes(idea.sessionId).ideas.add(idea.id);
  }

  /** An idea's vote count changed. */
  tallyChanged(sessionId: string, ideaId: string): void {
    this.changes(sessionId).tallied.add(ideaId);
  }

  reactionChanged(sessionId: string, ideaId: string): void {
    this.changes(sessionId).reacted.add(ideaId);
  }

  clusterChanged(sessionId: string, clusterId: string): void {
    this.changes(sessionId).clusters.add(clusterId);
  }

  /**
   * A client of this process now holds the session up to `version` (a snapshot or catch-up was
   * read after it): the next delta covers every change after the lowest such version.
   */
  watch(sessionId: string, version: number): void {
    const sent = this.sentVersion.get(sessionId);
    if (sent === undefined || version < sent) this.sentVersion.set(sessionId, version);
  }

  /**
   * A number that changes whenever an idea, tally or cluster of the session changes (after the
   * change is stored), so whatever is derived from the board can be cached against it.
   */
  generation(sessionId: string): number {
    return this.generations.get(sessionId) ?? 0;
  }

  /** Queues every live idea of the session again (after a change of who may see authors). */
  async resendAll(sessionId: string): Promise<void> {
    let after: string | undefined;
    for (;;) {
      const page = await this.store.board.listIdeas(sessionId, { ...(after ? { after } : {}), limit: RESEND_PAGE });
      for (const idea of page) {
        if (!isLive(idea)) continue;
        this.ideaChanged(idea);
        this.changes(sessionId).forced.add(idea.id);
      }
      if (page.length < RESEND_PAGE) return;
      after = page.at(-1)?.id;
    }
  }

  /**
   * Sends counts to every audience again, when whether phones and screens may see them changed.
   * Counts now shown (the results phase began, or the setting went off): the count of every
   * idea with votes, which is all a client may lack (the others are 0, or null and shown as 0).
   * Counts now hidden: every live idea's tally with `votes: null`, so no client keeps a number.
   * Tallies only, not whole ideas: at the reveal a hall of phones gets a few bytes per voted
   * idea, not the board again.
   */
  async resendTallies(sessionId: string, countsShown: boolean): Promise<void> {
    const ids: string[] = [];
    if (countsShown) ids.push(...Object.keys(await this.store.board.voteTotals(sessionId)));
    else {
      let after: string | undefined;
      for (;;) {
        const page = await this.store.board.listIdeas(sessionId, { ...(after ? { after } : {}), limit: RESEND_PAGE });
        for (const idea of page) if (isLive(idea)) ids.push(idea.id);
        if (page.length < RESEND_PAGE) break;
        after = page.at(-1)?.id;
      }
    }
    const changes = this.changes(sessionId);
    for (const id of ids) changes.recounted.add(id);
  }

  /** Sends whatever is pending now (used at shutdown and by tests). */
  flushNow(): Promise<void> {
    return this.batch.flushNow();
  }

  private changes(sessionId: string): PendingChanges {
    this.generations.set(sessionId, this.generation(sessionId) + 1);
    if (this.bus && !this.madeHere.has(sessionId)) {
      this.madeHere.add(sessionId);
      this.bus.publish('board:changed', { sessionId });
    }
    return this.batch.changes(sessionId);
  }

  /** What changed since the version last sent, from the log, added to what was queued. */
  private async fromLog(sessionId: string, changes: PendingChanges): Promise<number | undefined> {
    const since = this.sentVersion.get(sessionId);
    if (since === undefined) return undefined;
    const log = await this.store.changesSince(sessionId, since, CHANGE_LOG_KEPT);
    if (log.kind === 'changes' && this.bus === null) {
      const logged = new Set(log.refs.flatMap((ref) => (ref.kind === 'idea' ? [ref.id] : [])));
      // A queued idea whose write is not in the log since `since` was written at or before it,
      // so the last frame, which read records after reading the log up to there, already sent
      // its state: sending it again would deliver one change twice.
      const previous = this.lastFrame.get(sessionId);
      if (previous) for (const id of changes.ideas) if (!logged.has(id) && !changes.forced.has(id) && previous.has(id)) changes.ideas.delete(id);
      for (const ref of log.refs) {
        if (ref.kind === 'idea') changes.ideas.add(ref.id);
        else if (ref.kind === 'tally') changes.tallied.add(ref.id);
        else if (ref.kind === 'reaction') changes.reacted.add(ref.id);
        else if (ref.kind === 'cluster') changes.clusters.add(ref.id);
      }
    }
    return log.version;
  }

  private async flushSession(sessionId: string, changes: PendingChanges): Promise<void> {
    this.madeHere.delete(sessionId);
    // The version before any record is read: what is read is at least as new.
    const version = await this.fromLog(sessionId, changes);
    if (version === undefined || this.bus !== null) this.lastFrame.delete(sessionId);
    else this.lastFrame.set(sessionId, new Set(changes.ideas));
    const session = await this.store.getSession(sessionId);
    if (!session) return;
    const ideas = await this.store.board.getIdeas(sessionId, [...changes.ideas]);
    const found = new Set(ideas.map((idea) => idea.id));
    // Recounted ideas go only where the audience may see them (their ids are not news to it).
    const recounted = await this.store.board.getIdeas(sessionId, [...changes.recounted]);
    // Only the ideas this frame is about: the changed ones and those whose counts moved.
    const counted = new Set([...changes.ideas, ...changes.tallied, ...changes.reacted, ...changes.recounted]);
    const tallies = await this.store.board.talliesOf(sessionId, [...counted]);
    const presented = await this.presenter.present(session, ideas, ['staff', 'audience'], tallies);
    const { clusters, removedClusterIds } = await this.clustersOf(sessionId, changes.clusters);

    for (const audience of ['staff', 'audience'] as const satisfies readonly Audience[]) {
      const delta: BoardDelta = { ...(version === undefined ? {} : { version }), ideas: [], removedIdeaIds: [], tallies: {}, clusters, removedClusterIds };
      ideas.forEach((idea, index) => {
        if (isVisibleTo(idea, audience)) delta.ideas.push(presented[audience][index] as IdeaPublic);
        else delta.removedIdeaIds.push(idea.id);
      });
      // An audience that may not see counts is not told which idea got a vote either: only
      // reaction changes reach it, with `votes: null`.
      const hideVotes = votesHiddenFrom(session, audience);
      const tallied = new Set([...(hideVotes ? [] : changes.tallied), ...changes.reacted]);
      for (const idea of recounted) if (isVisibleTo(idea, audience)) tallied.add(idea.id);
      for (const ideaId of tallied) {
        if (changes.ideas.has(ideaId) && found.has(ideaId)) continue;
        const tally = tallies[ideaId];
        delta.tallies[ideaId] = { votes: hideVotes ? null : (tally?.votes ?? 0), reactions: tally?.reactions ?? {} };
      }
      const empty =
        delta.ideas.length + delta.removedIdeaIds.length + delta.clusters.length + delta.removedClusterIds.length === 0 &&
        Object.keys(delta.tallies).length === 0;
      // An empty frame still moves clients' versions on when the log moved (a vote undone, say).
      if (!empty || version !== undefined) this.broadcasts.boardDelta(sessionId, audience, delta);
    }
    if (version !== undefined) this.sentVersion.set(sessionId, Math.max(version, this.sentVersion.get(sessionId) ?? 0));

    // Authors hear about their own ideas the audience does not see (pending, held, hidden,
    // deleted, merged): otherwise a phone would show "waiting for approval" forever.
    const offBoard: IdeaRecord[] = [];
    const offBoardShown: IdeaPublic[] = [];
    ideas.forEach((idea, index) => {
      if (isVisibleTo(idea, 'audience')) return;
      offBoard.push(idea);
      offBoardShown.push(presented.audience[index] as IdeaPublic);
    });
    const own = await this.presenter.asOwn(sessionId, offBoard, offBoardShown);
    const byAuthor = new Map<string, IdeaPublic[]>();
    offBoard.forEach((idea, index) => {
      const list = byAuthor.get(idea.authorId) ?? [];
      list.push(own[index] as IdeaPublic);
      byAuthor.set(idea.authorId, list);
    });
    for (const [authorId, own] of byAuthor) {
      this.broadcasts.ownIdeas(authorId, { ideas: own, removedIdeaIds: [], tallies: {}, clusters: [], removedClusterIds: [] });
    }
  }

  /** The changed clusters as they are now; those no longer stored were removed. */
  private async clustersOf(sessionId: string, ids: ReadonlySet<string>): Promise<{ clusters: ClusterPublic[]; removedClusterIds: string[] }> {
    if (ids.size === 0) return { clusters: [], removedClusterIds: [] };
    const stored = new Map((await this.store.board.listClusters(sessionId)).map((c) => [c.id, c]));
    const clusters: ClusterPublic[] = [];
    const removedClusterIds: string[] = [];
    for (const id of ids) {
      const cluster = stored.get(id);
      if (cluster) clusters.push({ id: cluster.id, name: cluster.name });
      else removedClusterIds.push(id);
    }
    return { clusters, removedClusterIds };
  }
}
