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
  HIDDEN_WORDS_MAX,
  RESULTS_REFRESH_MS,
} from '@ideasphere/shared';
import { wordCloud } from '@ideasphere/shared/wordCloud.js';
import { errors } from '../../errors.js';
import type { IdeaRecord, ParticipantRecord, SessionRecord, Store } from '../../store/Store.js';
import type { Broadcasts } from '../../realtime/Broadcasts.js';
import type { BoardBroadcaster } from './BoardBroadcaster.js';
import type { IdeaPresenter } from './IdeaPresenter.js';
import { ResultsCache } from './ResultsCache.js';
import { type Audience, isLive, isVisibleTo, votesHiddenFrom } from './visibility.js';

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
  private readonly resultsCache: ResultsCache;
  /**
   * Per session, the settings write in progress: settings are read, changed and written whole,
   * so two changes at once (two quick `word:hide`s, a save beside them) must not overwrite each
   * other. Each waits for the one before and reads the session afresh.
   */
  private readonly settingsWrites = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly presenter: IdeaPresenter,
    private readonly broadcasts: Broadcasts,
    /** Batches idea changes; its generation moves with every idea, tally or cluster change. */
    private readonly broadcaster: BoardBroadcaster,
    private readonly now: () => number = Date.now,
  ) {
    this.resultsCache = new ResultsCache(RESULTS_REFRESH_MS, now);
  }

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
    await this.countsFollow(session, updated);
    return state;
  }

  async configure(session: SessionRecord, input: EventInput<'board:configure'>): Promise<BoardSettings> {
    return this.changeSettings(session.id, (current) => {
      const settings: BoardSettings = { ...current, ...definedOnly(input) };
      if (settings.maxVotesPerIdea > settings.voteBudget) throw errors.maxVotesAboveBudget();
      return settings;
    });
  }

  /** Takes a word out of the word cloud for every audience, or puts it back. */
  async hideWord(session: SessionRecord, input: EventInput<'word:hide'>): Promise<BoardSettings> {
    return this.changeSettings(session.id, (current) => {
      const others = current.hiddenWords.filter((word) => word !== input.word);
      if (!input.hidden) return { ...current, hiddenWords: others };
      if (others.length >= HIDDEN_WORDS_MAX) throw errors.hiddenWordLimit(HIDDEN_WORDS_MAX);
      return { ...current, hiddenWords: [...others, input.word] };
    });
  }

  /** Changes the settings one write at a time per session, from the stored ones, and tells everyone. */
  private async changeSettings(sessionId: string, change: (current: BoardSettings) => BoardSettings): Promise<BoardSettings> {
    const before = this.settingsWrites.get(sessionId) ?? Promise.resolve();
    const write = before
      .catch(() => undefined)
      .then(async () => {
        const session = await this.store.getSession(sessionId);
        if (!session) throw errors.sessionNotFound();
        const settings = change(session.settings);
        const updated = await this.store.updateSession(session.id, { settings });
        if (!updated) throw errors.sessionNotFound();
        this.broadcasts.settingsChanged(updated.id, settings);
        // Names appear or vanish on every idea: send each live idea again to each audience.
        if (settings.anonymous !== session.settings.anonymous) await this.broadcaster.resendAll(updated.id);
        await this.countsFollow(session, updated);
        return settings;
      });
    this.settingsWrites.set(sessionId, write);
    void write.finally(() => {
      if (this.settingsWrites.get(sessionId) === write) this.settingsWrites.delete(sessionId);
    }).catch(() => undefined);
    return write;
  }

  /**
   * Phones and screens may now see vote counts, or may no longer: every voted idea's count goes
   * to them again (the numbers, or null in place of the ones they held).
   */
  private async countsFollow(before: SessionRecord, after: SessionRecord): Promise<void> {
    const hidden = votesHiddenFrom(after, 'audience');
    if (votesHiddenFrom(before, 'audience') !== hidden) await this.broadcaster.resendTallies(after.id, !hidden);
  }

  /**
   * Ranking, cluster totals, participation and word cloud of the visible ideas: computed once
   * per state of the board (its ideas, tallies and clusters, and the session record, whose
   * phase, settings and language shape the result), at most once a RESULTS_REFRESH_MS while
   * votes stream in, and shared (see ResultsCache); only the participant count is read fresh,
   * since joins do not change the rest.
   */
  async results(session: SessionRecord, audience: Audience): Promise<BoardResults> {
    const key = { board: String(this.broadcaster.generation(session.id)), session: String(session.updatedAt.getTime()) };
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
    // With counts hidden every `votes` is null: the ranking is then in submission order (ids
    // sort by time) and says nothing about how the vote stands.
    const hideVotes = votesHiddenFrom(session, audience);
    const ranking = [...presented].sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0) || a.id.localeCompare(b.id));
    const clusterTotals = [...clusters.map((c) => ({ id: c.id as string | null, name: c.name as string | null })), { id: null, name: null }].map(
      (cluster) => {
        const members = presented.filter((idea) => idea.clusterId === cluster.id);
        return { ...cluster, ideas: members.length, votes: hideVotes ? null : members.reduce((sum, idea) => sum + (idea.votes ?? 0), 0) };
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
      // The text is its submitter's (a merge keeps the target's text; the facilitator's edits
      // fix typos), so each idea's words count for its submitter, once per word.
      wordCloud: wordCloud(
        ideas.map((idea) => ({ author: idea.authorId, text: `${idea.title} ${idea.detail}` })),
        session.language,
        { hidden: new Set(session.settings.hiddenWords) },
      ),
    };
  }

  /**
   * Every live idea as the facilitator's export shows it: with every count (the export is the
   * facilitator's), authors only when the session is not anonymous.
   */
  async exportIdeas(session: SessionRecord): Promise<IdeaPublic[]> {
    const ideas = (await this.allIdeas(session)).filter(isLive);
    const presented = (await this.presenter.present(session, ideas, ['staff'])).staff;
    return session.settings.anonymous ? presented.map((idea) => ({ ...idea, authors: null })) : presented;
  }

  /** The results as the facilitator sees them, without names when the session is anonymous. */
  async exportResults(session: SessionRecord): Promise<BoardResults> {
    const results = await this.results(session, 'staff');
    if (!session.settings.anonymous) return results;
    return { ...results, ranking: results.ranking.map((row) => ({ ...row, authors: null })) };
  }

  async clusters(session: SessionRecord): Promise<ClusterPublic[]> {
    return (await this.store.board.listClusters(session.id)).map((c) => ({ id: c.id, name: c.name }));
  }

  /** The participant's own ideas: live ones, and merged ones saying where they went. */
  private async ideasOf(session: SessionRecord, participant: ParticipantRecord): Promise<IdeaPublic[]> {
    const mine = (await this.store.board.listIdeasByAuthor(session.id, participant.id)).filter((idea) => idea.deletedAt === null);
    const own = await this.presenter.asOwn(session.id, mine, (await this.presenter.present(session, mine, ['staff'])).staff);
    // Their own names, but not their own ideas' counts while participants may not see counts.
    return votesHiddenFrom(session, 'audience') ? own.map((idea) => ({ ...idea, votes: null })) : own;
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
