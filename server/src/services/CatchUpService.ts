import {
  type BoardDelta,
  CATCH_UP_MAX_CHANGES,
  CATCH_UP_MAX_IDEAS,
  type IdeaPublic,
  type Role,
  type SessionCatchUp,
} from '@ideasphere/shared';
import type { ParticipantRecord, SessionRecord, Store } from '../store/Store.js';
import type { CeremonyService } from './CeremonyService.js';
import type { ParticipantService } from './ParticipantService.js';
import type { Presence } from './Presence.js';
import type { SessionService } from './SessionService.js';
import type { BoardBroadcaster } from './board/BoardBroadcaster.js';
import { phaseStateOf } from './board/BoardService.js';
import type { IdeaPresenter } from './board/IdeaPresenter.js';
import { type Audience, audienceOf, isLive, isVisibleTo, votesHiddenFrom } from './board/visibility.js';

/**
 * A client back after a restart (or any reconnection Socket.IO could not recover) sends the
 * version it holds and gets what changed since, from the change log: after a restart in which
 * nothing changed that is an empty delta, not the whole board again. When the log no longer
 * reaches back, or the changes are about as big as the board, it is told to reload instead.
 * What is read costs at most CATCH_UP_MAX_CHANGES log entries and CATCH_UP_MAX_IDEAS ideas.
 */
export class CatchUpService {
  constructor(
    private readonly store: Store,
    private readonly sessions: SessionService,
    private readonly participants: ParticipantService,
    private readonly presence: Presence,
    private readonly ceremony: CeremonyService,
    private readonly presenter: IdeaPresenter,
    private readonly broadcaster: BoardBroadcaster,
    private readonly now: () => number = Date.now,
  ) {}

  async catchUp(sessionId: string, role: Role, participant: ParticipantRecord | null, venueId: string | null, since: number): Promise<SessionCatchUp> {
    // The log first: every record read after it is at least as new as the version it reports.
    const log = await this.store.changesSince(sessionId, since, CATCH_UP_MAX_CHANGES);
    if (log.kind === 'compacted') return { kind: 'reload' };
    const ideaIds = new Set<string>();
    const tallied = new Set<string>();
    const reacted = new Set<string>();
    const clusterIds = new Set<string>();
    const participantIds = new Set<string>();
    let sessionChanged = false;
    for (const ref of log.refs) {
      if (ref.kind === 'idea') ideaIds.add(ref.id);
      else if (ref.kind === 'tally') tallied.add(ref.id);
      else if (ref.kind === 'reaction') reacted.add(ref.id);
      else if (ref.kind === 'cluster') clusterIds.add(ref.id);
      else if (ref.kind === 'participant') participantIds.add(ref.id);
      else if (ref.kind === 'session') sessionChanged = true;
      // Q&A refs are the Q&A's catch-up's (`qa:catchUp`).
    }
    const session = await this.store.getSession(sessionId);
    if (!session) return { kind: 'reload' };
    const audience = audienceOf(role);
    // The phase or settings changed while the client was away: whether it may see vote counts
    // may have too, so it gets counts again as a broadcast would have sent them (see
    // BoardBroadcaster.resendTallies). More than a catch-up holds: reload.
    const recounted = sessionChanged && audience === 'audience' ? await this.recounted(session) : [];
    if (recounted === null || new Set([...ideaIds, ...tallied, ...reacted, ...recounted]).size > CATCH_UP_MAX_IDEAS) return { kind: 'reload' };
    this.broadcaster.watch(sessionId, log.version);

    const staffOrScreen = role === 'facilitator' || role === 'screen';
    const [board, mine, counts, stage, roster, me, ballot, myReactions] = await Promise.all([
      this.boardDelta(session, audience, ideaIds, { tallied, reacted, recounted }, clusterIds, log.version),
      participant ? this.ownIdeas(session, participant, ideaIds) : Promise.resolve([]),
      this.participants.counts(session),
      this.ceremony.stage(session, participant ? participant.venueId : venueId),
      staffOrScreen ? this.store.getParticipantsByIds(sessionId, [...participantIds]) : Promise.resolve([]),
      participant ? this.store.getParticipant(sessionId, participant.id) : Promise.resolve(null),
      participant ? this.store.board.getBallot(sessionId, participant.id) : Promise.resolve({}),
      participant ? this.store.board.reactionsOf(sessionId, participant.id) : Promise.resolve({}),
    ]);
    return {
      kind: 'changes',
      version: log.version,
      session: this.sessions.present(session),
      stage,
      phase: phaseStateOf(session, this.now()),
      settings: session.settings,
      board,
      mine,
      ballot,
      myReactions,
      participantCount: counts[0],
      onlineCount: this.presence.onlineCount(sessionId),
      participants: roster.filter((p) => p.removedAt === null).map((p) => this.participants.present(p)),
      removedParticipantIds: roster.filter((p) => p.removedAt !== null).map((p) => p.id),
      online: staffOrScreen ? this.presence.onlineIds(sessionId) : [],
      me: me && me.removedAt === null ? this.participants.present(me) : null,
    };
  }

  private async boardDelta(
    session: SessionRecord,
    audience: Audience,
    ideaIds: ReadonlySet<string>,
    counts: { tallied: ReadonlySet<string>; reacted: ReadonlySet<string>; recounted: readonly string[] },
    clusterIds: ReadonlySet<string>,
    version: number,
  ): Promise<BoardDelta> {
    const ideas = await this.store.board.getIdeas(session.id, [...ideaIds]);
    const found = new Set(ideas.map((idea) => idea.id));
    // Like a broadcast: an audience that may not see counts hears only of reaction changes.
    const hideVotes = votesHiddenFrom(session, audience);
    const tallied = new Set([...(hideVotes ? [] : counts.tallied), ...counts.reacted]);
    for (const idea of await this.store.board.getIdeas(session.id, counts.recounted)) {
      if (isVisibleTo(idea, audience)) tallied.add(idea.id);
    }
    const tallies = await this.store.board.talliesOf(session.id, [...new Set([...ideaIds, ...tallied])]);
    const presented = (await this.presenter.present(session, ideas, [audience], tallies))[audience];
    const delta: BoardDelta = { version, ideas: [], removedIdeaIds: [], tallies: {}, clusters: [], removedClusterIds: [] };
    ideas.forEach((idea, index) => {
      if (isVisibleTo(idea, audience)) delta.ideas.push(presented[index] as IdeaPublic);
      else delta.removedIdeaIds.push(idea.id);
    });
    for (const id of ideaIds) if (!found.has(id)) delta.removedIdeaIds.push(id);
    for (const id of tallied) {
      if (found.has(id)) continue;
      const tally = tallies[id];
      delta.tallies[id] = { votes: hideVotes ? null : (tally?.votes ?? 0), reactions: tally?.reactions ?? {} };
    }
    if (clusterIds.size > 0) {
      const stored = new Map((await this.store.board.listClusters(session.id)).map((c) => [c.id, c]));
      for (const id of clusterIds) {
        const cluster = stored.get(id);
        if (cluster) delta.clusters.push({ id: cluster.id, name: cluster.name });
        else delta.removedClusterIds.push(id);
      }
    }
    return delta;
  }

  /**
   * The ideas whose counts go again: with counts shown, those with votes; hidden, every live
   * one (its count becomes null). Null when that is more than a catch-up holds.
   */
  private async recounted(session: SessionRecord): Promise<string[] | null> {
    if (!votesHiddenFrom(session, 'audience')) return Object.keys(await this.store.board.voteTotals(session.id));
    const ideas = await this.store.board.listIdeas(session.id, { limit: CATCH_UP_MAX_IDEAS + 1 });
    return ideas.length > CATCH_UP_MAX_IDEAS ? null : ideas.filter(isLive).map((idea) => idea.id);
  }

  /** The participant's own ideas that changed, any status (off the board ones as `hidden`). */
  private async ownIdeas(session: SessionRecord, participant: ParticipantRecord, ideaIds: ReadonlySet<string>): Promise<IdeaPublic[]> {
    const own = (await this.store.board.getIdeas(session.id, [...ideaIds])).filter((idea) => idea.authorId === participant.id);
    const presented = (await this.presenter.present(session, own, ['audience'])).audience;
    return this.presenter.asOwn(session.id, own, presented);
  }
}
