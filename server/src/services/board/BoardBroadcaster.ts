import type { BoardDelta, IdeaPublic } from '@ideasphere/shared';
import type { Broadcasts } from '../../realtime/Broadcasts.js';
import type { ClusterRecord, IdeaRecord, Store } from '../../store/Store.js';
import type { Log } from '../../logger.js';
import type { IdeaPresenter } from './IdeaPresenter.js';
import { type Audience, isLive, isVisibleTo } from './visibility.js';

/** Ideas read per page when every idea is queued again. */
const RESEND_PAGE = 500;

interface PendingChanges {
  ideas: Map<string, IdeaRecord>;
  tallied: Set<string>;
  clusters: Map<string, ClusterRecord>;
  removedClusters: Set<string>;
}

/**
 * Gathers board changes and broadcasts them as one `board:delta` per session and audience,
 * at most once every `intervalMs` (leading edge: a change after a quiet spell goes out at once,
 * a burst waits for the next slot). Hundreds of votes a second become a few small frames
 * instead of a frame per vote per phone, without delaying a lone idea. Everything is stored before it is queued here, and each flush
 * reads current tallies from the store, so what it sends is never ahead of what is durable.
 */
export class BoardBroadcaster {
  private readonly pending = new Map<string, PendingChanges>();
  /** Per session, how many changes were queued in this process: a cheap "has the board moved". */
  private readonly generations = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private lastFlushAt = 0;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly broadcasts: Broadcasts,
    private readonly store: Store,
    private readonly presenter: IdeaPresenter,
    private readonly intervalMs: number,
    private readonly log: Log,
  ) {}

  ideaChanged(idea: IdeaRecord): void {
    this.changes(idea.sessionId).ideas.set(idea.id, idea);
    this.schedule();
  }

  tallyChanged(sessionId: string, ideaId: string): void {
    this.changes(sessionId).tallied.add(ideaId);
    this.schedule();
  }

  clusterChanged(cluster: ClusterRecord): void {
    const changes = this.changes(cluster.sessionId);
    changes.clusters.set(cluster.id, cluster);
    changes.removedClusters.delete(cluster.id);
    this.schedule();
  }

  clusterRemoved(sessionId: string, clusterId: string): void {
    const changes = this.changes(sessionId);
    changes.clusters.delete(clusterId);
    changes.removedClusters.add(clusterId);
    this.schedule();
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
      for (const idea of page) if (isLive(idea)) this.ideaChanged(idea);
      if (page.length < RESEND_PAGE) return;
      after = page.at(-1)?.id;
    }
  }

  /** Sends whatever is pending now (used at shutdown and by tests). */
  flushNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing = this.flushing.then(() => this.flush());
    return this.flushing;
  }

  private changes(sessionId: string): PendingChanges {
    this.generations.set(sessionId, this.generation(sessionId) + 1);
    let changes = this.pending.get(sessionId);
    if (!changes) {
      changes = { ideas: new Map(), tallied: new Set(), clusters: new Map(), removedClusters: new Set() };
      this.pending.set(sessionId, changes);
    }
    return changes;
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlushAt + this.intervalMs - Date.now());
    this.timer = setTimeout(() => void this.flushNow(), wait);
  }

  private async flush(): Promise<void> {
    this.lastFlushAt = Date.now();
    const batch = [...this.pending.entries()];
    this.pending.clear();
    for (const [sessionId, changes] of batch) {
      try {
        await this.flushSession(sessionId, changes);
      } catch (error) {
        this.log.error({ err: error, session: sessionId }, 'board broadcast failed');
      }
    }
  }

  private async flushSession(sessionId: string, changes: PendingChanges): Promise<void> {
    const session = await this.store.getSession(sessionId);
    if (!session) return;
    const ideas = [...changes.ideas.values()];
    // Only the ideas this frame is about: the changed ones and those whose counts moved.
    const tallies = await this.store.board.talliesOf(sessionId, [...new Set([...changes.ideas.keys(), ...changes.tallied])]);
    const presented = await this.presenter.present(session, ideas, ['staff', 'audience'], tallies);
    const clusters = [...changes.clusters.values()].map((c) => ({ id: c.id, name: c.name }));

    for (const audience of ['staff', 'audience'] as const satisfies readonly Audience[]) {
      const delta: BoardDelta = { ideas: [], removedIdeaIds: [], tallies: {}, clusters, removedClusterIds: [...changes.removedClusters] };
      ideas.forEach((idea, index) => {
        if (isVisibleTo(idea, audience)) delta.ideas.push(presented[audience][index] as IdeaPublic);
        else delta.removedIdeaIds.push(idea.id);
      });
      for (const ideaId of changes.tallied) {
        if (changes.ideas.has(ideaId)) continue;
        const tally = tallies[ideaId];
        delta.tallies[ideaId] = { votes: tally?.votes ?? 0, reactions: tally?.reactions ?? {} };
      }
      const empty =
        delta.ideas.length + delta.removedIdeaIds.length + delta.clusters.length + delta.removedClusterIds.length === 0 &&
        Object.keys(delta.tallies).length === 0;
      if (!empty) this.broadcasts.boardDelta(sessionId, audience, delta);
    }

    // Authors hear about their own ideas the audience does not see (pending, held, hidden,
    // deleted, merged): otherwise a phone would show "waiting for approval" forever.
    const byAuthor = new Map<string, IdeaPublic[]>();
    ideas.forEach((idea, index) => {
      if (isVisibleTo(idea, 'audience')) return;
      const own = presented.audience[index] as IdeaPublic;
      const list = byAuthor.get(idea.authorId) ?? [];
      list.push(isLive(idea) ? own : { ...own, status: 'hidden' });
      byAuthor.set(idea.authorId, list);
    });
    for (const [authorId, own] of byAuthor) {
      this.broadcasts.ownIdeas(authorId, { ideas: own, removedIdeaIds: [], tallies: {}, clusters: [], removedClusterIds: [] });
    }
  }
}
