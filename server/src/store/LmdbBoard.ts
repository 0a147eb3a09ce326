import type { Ballot, Reaction } from '@ideasphere/shared';
import type { Database, RootDatabase } from 'lmdb';
import type { LmdbChangeLog } from './LmdbChangeLog.js';
import {
  assertVoteCount,
  ballotSum,
  isMergeable,
  isMergeTarget,
  isVotable,
  toggleEmoji,
  unionAuthors,
  voteRefusal,
  withReactionDelta,
  withVote,
} from './boardRules.js';
import {
  fromStoredCluster,
  fromStoredIdea,
  prefixRange,
  toStoredIdea,
  writeDurably,
  type ScopedKey,
  type ScopedPairKey,
  type StoredCluster,
  type StoredIdea,
} from './lmdbRecords.js';
import { StoreConflictError, type ClusterRecord, type IdeaPatch, type IdeaRecord, type VoteOutcome, type VoteLimits, type BoardStore, type IdeaTally, type ListIdeasOptions } from './Store.js';

type ReactionCounts = Partial<Record<Reaction, number>>;
type VoteStats = { voters: number; votes: number };

/** Sub-databases of the live board, opened by {@link LmdbBoard}. */
export const LMDB_BOARD_DATABASES = 8;

/**
 * The live idea board half of `LmdbStore`: ideas, votes, reactions and clusters. Every
 * check-then-write runs inside one write transaction (see `writeDurably`), and the counters
 * (vote totals, vote stats, reaction counts) change in the same transaction as the records
 * they count, so they can never disagree and reading them needs no scan of the ballots.
 */
export class LmdbBoard implements BoardStore {
  private readonly ideas: Database<StoredIdea, ScopedKey>;
  /** [sessionId, authorId, clientId] → idea id: finds the idea a retried submission made. */
  private readonly ideaClientIds: Database<string, ScopedPairKey>;
  /** [sessionId, participantId, ideaId] → votes (> 0): a ballot is one range scan. */
  private readonly ballots: Database<number, ScopedPairKey>;
  /** [sessionId, ideaId] → votes on it from every ballot (> 0). */
  private readonly ideaVoteTotals: Database<number, ScopedKey>;
  /** sessionId → participants with a vote, and votes in all. */
  private readonly voteStatsBySession: Database<VoteStats, string>;
  /** [sessionId, participantId, ideaId] → emoji given, in REACTIONS order, never empty. */
  private readonly reactions: Database<Reaction[], ScopedPairKey>;
  /** [sessionId, ideaId] → count per emoji, zeros left out, never empty. */
  private readonly reactionCounts: Database<ReactionCounts, ScopedKey>;
  private readonly clusters: Database<StoredCluster, ScopedKey>;

  constructor(
    private readonly env: RootDatabase,
    /** Every change is recorded here, in its own write transaction. */
    private readonly log: LmdbChangeLog,
  ) {
    this.ideas = env.openDB({ name: 'ideas' });
    this.ideaClientIds = env.openDB({ name: 'ideaClientIds' });
    this.ballots = env.openDB({ name: 'ballots' });
    this.ideaVoteTotals = env.openDB({ name: 'voteTotals' });
    this.voteStatsBySession = env.openDB({ name: 'voteStats' });
    this.reactions = env.openDB({ name: 'reactions' });
    this.reactionCounts = env.openDB({ name: 'reactionCounts' });
    this.clusters = env.openDB({ name: 'clusters' });
  }

  async addIdea(idea: IdeaRecord): Promise<{ idea: IdeaRecord; created: boolean }> {
    const key: ScopedKey = [idea.sessionId, idea.id];
    const clientKey: ScopedPairKey = [idea.sessionId, idea.authorId, idea.clientId];
    const outcome = await writeDurably(this.env, () => {
      const existingId = this.ideaClientIds.get(clientKey);
      const existing = existingId === undefined ? undefined : this.ideas.get([idea.sessionId, existingId]);
      if (existing) return { stored: existing, created: false };
      if (this.ideas.doesExist(key)) return null;
      const stored = toStoredIdea(idea);
      this.ideas.putSync(key, stored);
      this.ideaClientIds.putSync(clientKey, idea.id);
      this.log.appendSync(idea.sessionId, [{ kind: 'idea', id: idea.id }]);
      return { stored, created: true };
    });
    if (!outcome) throw new StoreConflictError(`idea id ${idea.id}`);
    return { idea: fromStoredIdea(outcome.stored), created: outcome.created };
  }

  async getIdea(sessionId: string, ideaId: string): Promise<IdeaRecord | null> {
    const stored = this.ideas.get([sessionId, ideaId]);
    return stored ? fromStoredIdea(stored) : null;
  }

  async getIdeas(sessionId: string, ideaIds: readonly string[]): Promise<IdeaRecord[]> {
    const transaction = this.env.useReadTransaction();
    try {
      const found: IdeaRecord[] = [];
      for (const id of new Set(ideaIds)) {
        const stored = this.ideas.get([sessionId, id], { transaction });
        if (stored) found.push(fromStoredIdea(stored));
      }
      return found;
    } finally {
      transaction.done();
    }
  }

  async listIdeas(sessionId: string, options: ListIdeasOptions): Promise<IdeaRecord[]> {
    if (options.limit <= 0) return [];
    const { start, end } = prefixRange(sessionId);
    const cursor = options.after === undefined ? undefined : [sessionId, options.after];
    // In reverse, lmdb-js walks down from `start` to `end` (exclusive): [sessionId] is no idea's key.
    const range = this.ideas.getRange({
      ...(options.newestFirst ? { start: cursor ?? end, end: start, reverse: true } : { start: cursor ?? start, end }),
      exclusiveStart: cursor !== undefined,
      limit: options.limit,
    });
    // Ids sort by submission time, so key order is submission order.
    return Array.from(range, ({ value }) => fromStoredIdea(value));
  }

  async listIdeasByAuthor(sessionId: string, authorId: string): Promise<IdeaRecord[]> {
    // The idempotency index is keyed [session, author, clientId]: one range gives the author's ideas.
    const transaction = this.env.useReadTransaction();
    try {
      const ideas: IdeaRecord[] = [];
      for (const { value: ideaId } of this.ideaClientIds.getRange({ ...prefixRange(sessionId, authorId), transaction })) {
        const stored = this.ideas.get([sessionId, ideaId], { transaction });
        if (stored) ideas.push(fromStoredIdea(stored));
      }
      return ideas.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    } finally {
      transaction.done();
    }
  }

  async countIdeas(sessionId: string): Promise<number> {
    return this.ideas.getKeysCount(prefixRange(sessionId));
  }

  async updateIdea(sessionId: string, ideaId: string, patch: IdeaPatch): Promise<IdeaRecord | null> {
    const key: ScopedKey = [sessionId, ideaId];
    const updated = await writeDurably(this.env, () => {
      const stored = this.ideas.get(key);
      if (!stored) return null;
      const next = patchedIdea(stored, patch);
      this.ideas.putSync(key, next);
      this.log.appendSync(sessionId, [{ kind: 'idea', id: ideaId }]);
      return next;
    });
    return updated ? fromStoredIdea(updated) : null;
  }

  async mergeIdeas(sessionId: string, sourceId: string, targetId: string): Promise<IdeaRecord | null> {
    if (sourceId === targetId) return null;
    const merged = await writeDurably(this.env, () => {
      const source = this.ideas.get([sessionId, sourceId]);
      const target = this.ideas.get([sessionId, targetId]);
      if (!isMergeable(source) || !isMergeTarget(target)) return null;
      const now = Date.now();
      const nextTarget: StoredIdea = { ...target, authorIds: unionAuthors(target.authorIds, source.authorIds), updatedAt: now };
      this.ideas.putSync([sessionId, sourceId], { ...source, mergedInto: targetId, updatedAt: now });
      this.ideas.putSync([sessionId, targetId], nextTarget);
      this.moveVotes(sessionId, sourceId, targetId);
      this.log.appendSync(sessionId, [
        { kind: 'idea', id: sourceId },
        { kind: 'idea', id: targetId },
        { kind: 'tally', id: targetId },
      ]);
      return nextTarget;
    });
    return merged ? fromStoredIdea(merged) : null;
  }

  async setVote(sessionId: string, participantId: string, ideaId: string, count: number, limits: VoteLimits): Promise<VoteOutcome> {
    assertVoteCount(count);
    return writeDurably(this.env, (): VoteOutcome => {
      const ballot = this.readBallot(sessionId, participantId);
      const idea = this.ideas.get([sessionId, ideaId]);
      if (!isVotable(idea)) return { ok: false, reason: 'idea_unavailable', ballot };
      const refusal = voteRefusal(ballot, participantId, ideaId, idea, count, limits);
      if (refusal) return { ok: false, reason: refusal, ballot };

      const current = ballot[ideaId] ?? 0;
      if (count !== current) {
        const spentBefore = ballotSum(ballot);
        this.putCount(this.ballots, [sessionId, participantId, ideaId], count);
        this.addToCount(this.ideaVoteTotals, [sessionId, ideaId], count - current);
        this.addToStats(sessionId, spentBefore, spentBefore + count - current);
        this.log.appendSync(sessionId, [{ kind: 'tally', id: ideaId }]);
      }
      return { ok: true, ballot: withVote(ballot, ideaId, count), ideaVotes: this.ideaVoteTotals.get([sessionId, ideaId]) ?? 0 };
    });
  }

  async getBallot(sessionId: string, participantId: string): Promise<Ballot> {
    return this.readBallot(sessionId, participantId);
  }

  async talliesOf(sessionId: string, ideaIds: readonly string[]): Promise<Record<string, IdeaTally>> {
    const transaction = this.env.useReadTransaction();
    try {
      const tallies: Record<string, IdeaTally> = {};
      for (const id of ideaIds) {
        tallies[id] = {
          votes: this.ideaVoteTotals.get([sessionId, id], { transaction }) ?? 0,
          reactions: this.reactionCounts.get([sessionId, id], { transaction }) ?? {},
        };
      }
      return tallies;
    } finally {
      transaction.done();
    }
  }

  async voteTotals(sessionId: string): Promise<Record<string, number>> {
    return this.bySecondKey(this.ideaVoteTotals, sessionId);
  }

  async voteStats(sessionId: string): Promise<VoteStats> {
    return this.voteStatsBySession.get(sessionId) ?? { voters: 0, votes: 0 };
  }

  async toggleReaction(
    sessionId: string,
    participantId: string,
    ideaId: string,
    emoji: Reaction,
  ): Promise<{ mine: Reaction[]; counts: ReactionCounts }> {
    const key: ScopedPairKey = [sessionId, participantId, ideaId];
    const countsKey: ScopedKey = [sessionId, ideaId];
    return writeDurably(this.env, () => {
      // Reactions to an idea that does not exist would be counted nowhere visible.
      if (!this.ideas.doesExist(countsKey)) return { mine: [], counts: {} };
      const before = this.reactions.get(key) ?? [];
      const mine = toggleEmoji(before, emoji);
      const counts = withReactionDelta(this.reactionCounts.get(countsKey) ?? {}, emoji, mine.includes(emoji) ? 1 : -1);
      if (mine.length > 0) this.reactions.putSync(key, mine);
      else this.reactions.removeSync(key);
      if (Object.keys(counts).length > 0) this.reactionCounts.putSync(countsKey, counts);
      else this.reactionCounts.removeSync(countsKey);
      this.log.appendSync(sessionId, [{ kind: 'reaction', id: ideaId }]);
      return { mine, counts };
    });
  }

  async reactionTotals(sessionId: string): Promise<Record<string, ReactionCounts>> {
    return this.bySecondKey(this.reactionCounts, sessionId);
  }

  async reactionsOf(sessionId: string, participantId: string): Promise<Record<string, Reaction[]>> {
    const result: Record<string, Reaction[]> = {};
    for (const { key, value } of this.reactions.getRange(prefixRange(sessionId, participantId))) result[key[2]] = value;
    return result;
  }

  async addCluster(cluster: ClusterRecord): Promise<void> {
    const key: ScopedKey = [cluster.sessionId, cluster.id];
    const created = await writeDurably(this.env, () => {
      if (this.clusters.doesExist(key)) return false;
      this.clusters.putSync(key, { ...cluster, createdAt: cluster.createdAt.getTime() });
      this.log.appendSync(cluster.sessionId, [{ kind: 'cluster', id: cluster.id }]);
      return true;
    });
    if (!created) throw new StoreConflictError(`cluster id ${cluster.id}`);
  }

  async listClusters(sessionId: string): Promise<ClusterRecord[]> {
    const clusters = Array.from(this.clusters.getRange(prefixRange(sessionId)), ({ value }) => value);
    // Creation time first; ids (which sort by time too) break ties deterministically.
    clusters.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return clusters.map(fromStoredCluster);
  }

  async renameCluster(sessionId: string, clusterId: string, name: string): Promise<ClusterRecord | null> {
    const key: ScopedKey = [sessionId, clusterId];
    const renamed = await writeDurably(this.env, () => {
      const stored = this.clusters.get(key);
      if (!stored) return null;
      const next = { ...stored, name };
      this.clusters.putSync(key, next);
      this.log.appendSync(sessionId, [{ kind: 'cluster', id: clusterId }]);
      return next;
    });
    return renamed ? fromStoredCluster(renamed) : null;
  }

  async deleteCluster(sessionId: string, clusterId: string): Promise<string[] | null> {
    return writeDurably(this.env, () => {
      if (!this.clusters.doesExist([sessionId, clusterId])) return null;
      // A scan of the session's ideas (at most IDEAS_PER_SESSION_MAX): deleting a cluster is a
      // rare facilitator action, not worth an index that every idea update would maintain.
      const grouped: StoredIdea[] = [];
      for (const { value } of this.ideas.getRange(prefixRange(sessionId))) {
        if (value.clusterId === clusterId) grouped.push(value);
      }
      const now = Date.now();
      for (const idea of grouped) this.ideas.putSync([sessionId, idea.id], { ...idea, clusterId: null, updatedAt: now });
      this.clusters.removeSync([sessionId, clusterId]);
      this.log.appendSync(sessionId, [{ kind: 'cluster', id: clusterId }, ...grouped.map((idea) => ({ kind: 'idea' as const, id: idea.id }))]);
      return grouped.map((idea) => idea.id);
    });
  }

  /** Within a write transaction: moves every ballot's votes on `sourceId`, and its total. */
  private moveVotes(sessionId: string, sourceId: string, targetId: string): void {
    // Ballots are keyed by participant, so this scans the session's ballots: at most
    // participants × budget entries, once per merge. Collected first, written after.
    const moving: { participantId: string; votes: number }[] = [];
    for (const { key, value } of this.ballots.getRange(prefixRange(sessionId))) {
      if (key[2] === sourceId) moving.push({ participantId: key[1], votes: value });
    }
    let moved = 0;
    for (const { participantId, votes } of moving) {
      this.ballots.removeSync([sessionId, participantId, sourceId]);
      this.addToCount(this.ballots, [sessionId, participantId, targetId], votes);
      moved += votes;
    }
    this.ideaVoteTotals.removeSync([sessionId, sourceId]);
    this.addToCount(this.ideaVoteTotals, [sessionId, targetId], moved);
  }

  private readBallot(sessionId: string, participantId: string): Ballot {
    const ballot: Ballot = {};
    for (const { key, value } of this.ballots.getRange(prefixRange(sessionId, participantId))) ballot[key[2]] = value;
    return ballot;
  }

  /** Stores a positive count, or removes the entry: zeros are never stored. */
  private putCount<K extends ScopedKey | ScopedPairKey>(db: Database<number, K>, key: K, count: number): void {
    if (count > 0) db.putSync(key, count);
    else db.removeSync(key);
  }

  private addToCount<K extends ScopedKey | ScopedPairKey>(db: Database<number, K>, key: K, delta: number): void {
    if (delta !== 0) this.putCount(db, key, (db.get(key) ?? 0) + delta);
  }

  private addToStats(sessionId: string, spentBefore: number, spentAfter: number): void {
    const stats = this.voteStatsBySession.get(sessionId) ?? { voters: 0, votes: 0 };
    const voters = stats.voters + Number(spentAfter > 0) - Number(spentBefore > 0);
    this.voteStatsBySession.putSync(sessionId, { voters, votes: stats.votes + spentAfter - spentBefore });
  }

  /** One session's entries of a [sessionId, ideaId]-keyed database, by idea id. */
  private bySecondKey<V>(db: Database<V, ScopedKey>, sessionId: string): Record<string, V> {
    const result: Record<string, V> = {};
    for (const { key, value } of db.getRange(prefixRange(sessionId))) result[key[1]] = value;
    return result;
  }
}

function patchedIdea(stored: StoredIdea, patch: IdeaPatch): StoredIdea {
  const next: StoredIdea = { ...stored, updatedAt: Date.now() };
  if (patch.title !== undefined) next.title = patch.title;
  if (patch.detail !== undefined) next.detail = patch.detail;
  if (patch.category !== undefined) next.category = patch.category;
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.pinned !== undefined) next.pinned = patch.pinned;
  if (patch.clusterId !== undefined) next.clusterId = patch.clusterId;
  if (patch.deletedAt !== undefined) next.deletedAt = patch.deletedAt === null ? null : patch.deletedAt.getTime();
  return next;
}
