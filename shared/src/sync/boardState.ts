import type {
  Ballot,
  BoardDelta,
  BoardSettings,
  BoardSnapshot,
  ClusterPublic,
  IdeaPage,
  IdeaPublic,
  PhaseState,
  Reaction,
  ReactionResult,
  SessionChanges,
  VoteResult,
} from '../index.js';
import { defaultBoardSettings } from '../boardModel.js';

/** What a page knows about the live board, rebuilt from each `board:snapshot`. */
export interface BoardState {
  /** False until the first snapshot arrived. */
  loaded: boolean;
  phase: PhaseState;
  settings: BoardSettings;
  /** Every idea this audience may see (the facilitator: every live idea, any status). */
  ideas: ReadonlyMap<string, IdeaPublic>;
  /** In creation order (the order the server lists them). */
  clusters: ReadonlyMap<string, ClusterPublic>;
  /** The participant's own ideas, any status, by id; empty for other roles. */
  mine: ReadonlyMap<string, IdeaPublic>;
  ballot: Readonly<Ballot>;
  myReactions: Readonly<Record<string, readonly Reaction[]>>;
  /** Cursor of the next idea page still to load; null once every page is loaded. */
  nextCursor: string | null;
  /** Bumped whenever a vote or reaction count changes, for throttled consumers (results). */
  tallyVersion: number;
}

export type BoardAction =
  | { type: 'snapshot'; snapshot: BoardSnapshot }
  | { type: 'page'; page: IdeaPage }
  | { type: 'delta'; delta: BoardDelta }
  | { type: 'phase'; phase: PhaseState }
  | { type: 'settings'; settings: BoardSettings }
  /** An idea a facilitator's ack returned (moderate, edit, merge, cluster). */
  | { type: 'idea'; idea: IdeaPublic }
  /** The participant's own idea, from the `idea:submit` ack. */
  | { type: 'ownIdea'; idea: IdeaPublic }
  | { type: 'ideaRemoved'; ideaId: string }
  | { type: 'cluster'; cluster: ClusterPublic }
  | { type: 'clusterRemoved'; clusterId: string }
  | { type: 'vote'; result: VoteResult }
  | { type: 'reaction'; result: ReactionResult }
  /** `session:catchUp`: what changed on the board while the client was away. */
  | { type: 'catchUp'; changes: SessionChanges };

export const initialBoardState: BoardState = {
  loaded: false,
  phase: { phase: 'collect', endsAt: null, remainingMs: null },
  settings: defaultBoardSettings(),
  ideas: new Map(),
  clusters: new Map(),
  mine: new Map(),
  ballot: {},
  myReactions: {},
  nextCursor: null,
  tallyVersion: 0,
};

/**
 * Re-anchors a phase countdown on this device's clock: the deadline becomes "now + what the
 * server said was left", so a device whose clock is off still counts down correctly.
 */
export function localPhase(phase: PhaseState, receivedAt: number = Date.now()): PhaseState {
  if (phase.remainingMs === null) return phase;
  return { ...phase, endsAt: new Date(receivedAt + phase.remainingMs).toISOString() };
}

const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((item) => [item.id, item]));

/** A participant's idea that left their board view: hidden, deleted or merged away. */
function offBoard(idea: IdeaPublic): IdeaPublic {
  return idea.status === 'visible' ? { ...idea, status: 'hidden' } : idea;
}

function applyDelta(state: BoardState, delta: BoardDelta): BoardState {
  const ideas = new Map(state.ideas);
  let mine: Map<string, IdeaPublic> | null = null;
  const mineCopy = () => (mine ??= new Map(state.mine));

  for (const idea of delta.ideas) {
    const own = state.mine.has(idea.id);
    if (own) mineCopy().set(idea.id, idea);
    // The author alone hears about their ideas that are off the board (pending, held,
    // hidden): those belong in "my ideas", not on the board. The facilitator has no "mine".
    if (own && idea.status !== 'visible') ideas.delete(idea.id);
    else ideas.set(idea.id, idea);
  }
  for (const id of delta.removedIdeaIds) {
    ideas.delete(id);
    const own = state.mine.get(id);
    if (own) mineCopy().set(id, offBoard(own));
  }
  const tallied = Object.entries(delta.tallies);
  for (const [id, tally] of tallied) {
    const idea = ideas.get(id);
    // Tallies only update ideas the client has; an unknown id arrives in full later or never.
    if (idea) ideas.set(id, { ...idea, votes: tally.votes, reactions: tally.reactions });
    const own = (mine ?? state.mine).get(id);
    if (own) mineCopy().set(id, { ...own, votes: tally.votes, reactions: tally.reactions });
  }

  let clusters = state.clusters;
  if (delta.clusters.length > 0 || delta.removedClusterIds.length > 0) {
    const next = new Map(state.clusters);
    for (const cluster of delta.clusters) next.set(cluster.id, cluster);
    for (const id of delta.removedClusterIds) next.delete(id);
    clusters = next;
  }

  return {
    ...state,
    ideas,
    clusters,
    mine: mine ?? state.mine,
    tallyVersion: state.tallyVersion + (tallied.length > 0 || delta.ideas.length > 0 || delta.removedIdeaIds.length > 0 ? 1 : 0),
  };
}

function withIdea(ideas: ReadonlyMap<string, IdeaPublic>, idea: IdeaPublic): Map<string, IdeaPublic> {
  const next = new Map(ideas);
  next.set(idea.id, idea);
  return next;
}

/**
 * Applies one snapshot, page, broadcast or ack. Broadcasts are idempotent upserts, so an event
 * that raced the snapshot it is already part of changes nothing; pages never overwrite what
 * a live event already said about an idea. Each action costs O(size of the change) map
 * operations plus one map copy, never a scan per changed idea.
 */
export function boardReducer(state: BoardState, action: BoardAction): BoardState {
  switch (action.type) {
    case 'snapshot': {
      const { snapshot } = action;
      return {
        loaded: true,
        phase: snapshot.phase,
        settings: snapshot.settings,
        ideas: byId(snapshot.firstPage.ideas),
        clusters: byId(snapshot.clusters),
        mine: byId(snapshot.mine),
        ballot: snapshot.ballot,
        myReactions: snapshot.myReactions,
        nextCursor: snapshot.firstPage.nextCursor,
        tallyVersion: state.tallyVersion + 1,
      };
    }
    case 'page': {
      const ideas = new Map(state.ideas);
      for (const idea of action.page.ideas) if (!ideas.has(idea.id)) ideas.set(idea.id, idea);
      return { ...state, ideas, nextCursor: action.page.nextCursor, tallyVersion: state.tallyVersion + 1 };
    }
    case 'delta':
      return applyDelta(state, action.delta);
    case 'catchUp': {
      const { changes } = action;
      const mine = new Map(state.mine);
      for (const idea of changes.mine) mine.set(idea.id, idea);
      return {
        ...applyDelta({ ...state, mine }, changes.board),
        phase: changes.phase,
        settings: changes.settings,
        ballot: changes.ballot,
        myReactions: changes.myReactions,
      };
    }
    case 'phase':
      return { ...state, phase: action.phase };
    case 'settings':
      return { ...state, settings: action.settings };
    case 'idea':
      return { ...state, ideas: withIdea(state.ideas, action.idea), tallyVersion: state.tallyVersion + 1 };
    case 'ownIdea': {
      const { idea } = action;
      // Others see it only once visible; until then it lives in "my ideas" alone.
      const ideas = idea.status === 'visible' ? withIdea(state.ideas, idea) : state.ideas;
      return { ...state, ideas, mine: withIdea(state.mine, idea), tallyVersion: state.tallyVersion + 1 };
    }
    case 'ideaRemoved': {
      if (!state.ideas.has(action.ideaId)) return state;
      const ideas = new Map(state.ideas);
      ideas.delete(action.ideaId);
      return { ...state, ideas, tallyVersion: state.tallyVersion + 1 };
    }
    case 'cluster': {
      const clusters = new Map(state.clusters);
      clusters.set(action.cluster.id, action.cluster);
      return { ...state, clusters };
    }
    case 'clusterRemoved': {
      const clusters = new Map(state.clusters);
      clusters.delete(action.clusterId);
      // The server moves the cluster's ideas back to "not grouped"; mirror it until the delta.
      const ideas = new Map(state.ideas);
      for (const idea of state.ideas.values()) {
        if (idea.clusterId === action.clusterId) ideas.set(idea.id, { ...idea, clusterId: null });
      }
      return { ...state, clusters, ideas };
    }
    case 'vote': {
      const { result } = action;
      const idea = state.ideas.get(result.ideaId);
      const ideas = idea ? withIdea(state.ideas, { ...idea, votes: result.ideaVotes }) : state.ideas;
      return { ...state, ballot: result.ballot, ideas, tallyVersion: state.tallyVersion + 1 };
    }
    case 'reaction': {
      const { result } = action;
      const idea = state.ideas.get(result.ideaId);
      const ideas = idea ? withIdea(state.ideas, { ...idea, reactions: result.reactions }) : state.ideas;
      return {
        ...state,
        ideas,
        myReactions: { ...state.myReactions, [result.ideaId]: result.mine },
        tallyVersion: state.tallyVersion + 1,
      };
    }
  }
}

// ── Ordering ───────────────────────────────────────────────────────────────────────────────

/** Newest first: by creation time, then by id (server ids also sort by creation time). */
export function compareNewestFirst(a: IdeaPublic, b: IdeaPublic): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Pinned ideas first, each group newest first. */
export function comparePinnedThenNewest(a: IdeaPublic, b: IdeaPublic): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  return compareNewestFirst(a, b);
}

/**
 * Most votes first; ties keep the earlier idea first, so the order does not flicker. Ideas
 * whose counts are hidden (`votes: null`) all tie, so the order gives nothing away.
 */
export function compareByVotes(a: IdeaPublic, b: IdeaPublic): number {
  const [av, bv] = [a.votes ?? 0, b.votes ?? 0];
  if (av !== bv) return bv - av;
  return -compareNewestFirst(a, b);
}

/** The ideas in the given order, at most `limit` of them. */
export function sortedIdeas(
  ideas: Iterable<IdeaPublic>,
  compare: (a: IdeaPublic, b: IdeaPublic) => number,
  limit = Infinity,
): IdeaPublic[] {
  return [...ideas].sort(compare).slice(0, limit);
}

/** Ideas waiting for the facilitator: pending (pre-moderation) or held (banned word). */
export function isAwaitingReview(idea: IdeaPublic): boolean {
  return idea.status === 'pending' || idea.status === 'held';
}

/** Votes the participant has placed in total. */
export function votesUsed(ballot: Readonly<Ballot>): number {
  let used = 0;
  for (const count of Object.values(ballot)) used += count;
  return used;
}

/** A copy of a record without one key (records of ids are replaced, never mutated). */
export function withoutKey<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}
