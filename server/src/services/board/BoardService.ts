import {
  type EventInput,
  type BoardResults,
  type BoardSettings,
  type BoardSnapshot,
  type ClusterPublic,
  IDEA_FIRST_PAGE_SIZE,
  IDEA_PAGE_SIZE,
  type IdeaPage,
  type IdeaPublic,
  type PhaseState,
  wordCloud,
} from '@ideasphere/shared';
import { errors } from '../../errors.js';
import type { IdeaRecord, ParticipantRecord, SessionRecord, Store } from '../../store/Store.js';
import type { Broadcasts } from '../../realtime/Broadcasts.js';
import type { BoardBroadcaster } from './BoardBroadcaster.js';
import type { IdeaPresenter } from './IdeaPresenter.js';
import { ResultsCache } from './ResultsCache.js';
import { type Audience, isLive, isVisibleTo } from './visibility.js';

/** Page size of the store scans behind the board's reads. */
const SCAN_PAGE = 500;
/**
 * Most ideas one `board:page` reads from the store. On a board whose ideas are mostly hidden
 * from this audience, a page may then hold fewer ideas than IDEA_PAGE_SIZE and still a cursor:
 * the cost of a request stays bounded whatever the board holds.
 */
const PAGE_SCAN_MAX = 4 * SCAN_PAGE;


export function phaseStateOf(session: SessionRecord, now: number): PhaseState {
  const end = session.phaseEndsAt;
  return { phase: session.phase, endsAt: end?.toISOString() ?? null, remainingMs: end ? Math.max(0, end.getTime() - now) : null };
}

/** Board reads (snapshot, pages, results, export) and the facilitator's phase and settings. */
export class BoardService {
  private readonly resultsCache = new ResultsCache();

  constructor(
    private readonly store: Store,
    private readonly presenter: IdeaPresenter,
    private readonly broadcasts: Broadcasts,
    /** Batches idea changes; its generation moves with every idea, tally or cluster change. */
    private readonly broadcaster: BoardBroadcaster,
    private readonly now: () => number = Date.now,
  ) {}

  async snapshot(session: SessionRecord, audience: Audience, participant: ParticipantRecord | null): Promise<BoardSnapshot> {
    // The version first: what is read after it holds at least every change up to it, and
    // this process's deltas will carry every change after it.
    const version = await this.store.sessionVersion(session.id);
    this.broadcaster.watch(session.id, version);
    const [clusters, firstPage, mine, ballot, myReactions] = await Promise.all([
      this.store.board.listClusters(session.id),
      this.page(session, audience, {}, IDEA_FIRST_PAGE_SIZE),
      participant ? this.ideasOf(session, participant) : Promise.resolve([]),
      participant ? this.store.board.getBallot(session.id, participant.id) : Promise.resolve({}),
      participant ? this.store.board.reactionsOf(session.id, participant.id) : Promise.resolve({}),
    ]);
    return {
      version,
      phase: phaseStateOf(session, this.now()),
      settings: session.settings,
      clusters: clusters.map((c) => ({ id: c.id, name: c.name })),
      firstPage,
      mine,
      ballot,
      myReactions,
    };
  }

  /** Up to `size` ideas this audience may see, newest first, past the cursor. */
  async page(session: SessionRecord, audience: Audience, input: EventInput<'board:page'>, size = IDEA_PAGE_SIZE): Promise<IdeaPage> {
    const picked: IdeaRecord[] = [];
    let cursor = input.after;
    let more = true;
    for (let scanned = 0; more && picked.length < size && scanned < PAGE_SCAN_MAX; scanned += SCAN_PAGE) {
      const scan = await this.store.board.listIdeas(session.id, { ...(cursor ? { after: cursor } : {}), limit: SCAN_PAGE, newestFirst: true });
      more = scan.length === SCAN_PAGE;
      for (const [index, idea] of scan.entries()) {
        cursor = idea.id;
        if (isVisibleTo(idea, audience)) picked.push(idea);
        if (picked.length === size) {
          more ||= index < scan.length - 1;
          break;
        }
      }
    }
    const presented = await this.presenter.present(session, picked, [audience]);
    return { ideas: presented[audience], nextCursor: more ? (cursor ?? null) : null };
  }

  async setPhase(session: SessionRecord, input: EventInput<'phase:set'>): Promise<PhaseState> {
    const { phase, timerSeconds } = input;
    const at = this.now();
    const phaseEndsAt = timerSeconds === null ? null : new Date(at + timerSeconds * 1000);
    const updated = await this.store.updateSession(session.id, { phase, phaseEndsAt });
    if (!updated) throw errors.sessionNotFound();
    const state = phaseStateOf(updated, at);
    this.broadcasts.phaseChanged(updated.id, state);
    return state;
  }

  async configure(session: SessionRecord, input: EventInput<'board:configure'>): Promise<BoardSettings> {
    const settings: BoardSettings = { ...session.settings, ...definedOnly(input) };
    if (settings.maxVotesPerIdea > settings.voteBudget) {
      throw errors.maxVotesAboveBudget();
    }
    const updated = await this.store.updateSession(session.id, { settings });
    if (!updated) throw errors.sessionNotFound();
    this.broadcasts.settingsChanged(updated.id, settings);
    // Names appear or vanish on every idea: send each live idea again to each audience.
    if (settings.anonymous !== session.settings.anonymous) await this.broadcaster.resendAll(updated.id);
    return settings;
  }

  /**
   * Ranking, cluster totals, participation and word cloud of the visible ideas: computed once
   * per state of the board (its ideas, tallies and clusters, and the session record, whose
   * settings and language shape the result) and shared; only the participant count is read
   * fresh, since joins do not change the rest.
   */
  async results(session: SessionRecord, audience: Audience): Promise<BoardResults> {
    const key = `${this.broadcaster.generation(session.id)}:${session.updatedAt.getTime()}`;
    const [results, participants] = await Promise.all([
      this.resultsCache.get(session.id, key, audience, () => this.computeResults(session, audience)),
      this.store.countParticipants(session.id),
    ]);
    return { ...results, participation: { ...results.participation, participants } };
  }

  private async computeResults(session: SessionRecord, audience: Audience): Promise<BoardResults> {
    const all = await this.allIdeas(session);
    const ideas = all.filter((idea) => isVisibleTo(idea, 'audience'));
    const [presentedAll, clusters, stats] = await Promise.all([
      this.presenter.present(session, ideas, [audience]),
      this.store.board.listClusters(session.id),
      this.store.board.voteStats(session.id),
    ]);
    const presented = presentedAll[audience];
    const ranking = [...presented].sort((a, b) => b.votes - a.votes || a.id.localeCompare(b.id));
    const clusterTotals = [...clusters.map((c) => ({ id: c.id as string | null, name: c.name as string | null })), { id: null, name: null }].map(
      (cluster) => {
        const members = presented.filter((idea) => idea.clusterId === cluster.id);
        return { ...cluster, ideas: members.length, votes: members.reduce((sum, idea) => sum + idea.votes, 0) };
      },
    );
    return {
      ranking: ranking.map((idea) => ({ id: idea.id, title: idea.title, votes: idea.votes, clusterId: idea.clusterId, authors: idea.authors })),
      clusters: clusterTotals.filter((c) => c.id !== null || c.ideas > 0),
      participation: {
        participants: 0,
        contributors: new Set(all.filter(isLive).map((idea) => idea.authorId)).size,
        voters: stats.voters,
        ideas: ideas.length,
        votesCast: stats.votes,
      },
      wordCloud: wordCloud(
        ideas.map((idea) => `${idea.title} ${idea.detail}`),
        session.language,
      ),
    };
  }

  /** Every live idea as the facilitator's export shows it (authors only when not anonymous). */
  async exportIdeas(session: SessionRecord): Promise<IdeaPublic[]> {
    const ideas = (await this.allIdeas(session)).filter(isLive);
    const audience: Audience = session.settings.anonymous ? 'audience' : 'staff';
    return (await this.presenter.present(session, ideas, [audience]))[audience];
  }

  async clusters(session: SessionRecord): Promise<ClusterPublic[]> {
    return (await this.store.board.listClusters(session.id)).map((c) => ({ id: c.id, name: c.name }));
  }

  /** The participant's own ideas: live ones, and merged ones saying where they went. */
  private async ideasOf(session: SessionRecord, participant: ParticipantRecord): Promise<IdeaPublic[]> {
    const mine = (await this.store.board.listIdeasByAuthor(session.id, participant.id)).filter((idea) => idea.deletedAt === null);
    return this.presenter.asOwn(session.id, mine, (await this.presenter.present(session, mine, ['staff'])).staff);
  }

  private async allIdeas(session: SessionRecord): Promise<IdeaRecord[]> {
    const all: IdeaRecord[] = [];
    let after: string | undefined;
    for (;;) {
      const scan = await this.store.board.listIdeas(session.id, { ...(after ? { after } : {}), limit: SCAN_PAGE });
      all.push(...scan);
      if (scan.length < SCAN_PAGE) return all;
      after = scan.at(-1)?.id;
    }
  }
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
