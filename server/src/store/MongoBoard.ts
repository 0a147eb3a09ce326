import { REACTIONS, type Ballot, type Reaction } from '@ideasphere/shared';
import type { ClientSession, Connection, mongo } from 'mongoose';
import {
  assertVoteCount,
  ballotSum,
  isMergeable,
  isMergeTarget,
  isVotable,
  moveVotes,
  toggleEmoji,
  unionAuthors,
  voteRefusal,
  withVote,
} from './boardRules.js';
import {
  duplicateKeyFields,
  mapConflicts,
  toClusterRecord,
  toIdeaDoc,
  toIdeaRecord,
  toReactionCounts,
  type BallotDoc,
  type BallotEntry,
  type ClusterDoc,
  type IdeaDoc,
  type Models,
  type ReactionDoc,
} from './mongoModels.js';
import type { MongoChangeLog } from './MongoChangeLog.js';
import { StoreConflictError, type ClusterRecord, type IdeaPatch, type IdeaRecord, type VoteOutcome, type VoteLimits, type BoardStore, type IdeaTally, type ListIdeasOptions } from './Store.js';

type ReactionCounts = Partial<Record<Reaction, number>>;

/**
 * Snapshot reads: every read of a transaction sees one point in time, and MongoDB aborts a
 * transaction that writes a document another one changed since (withTransaction retries it),
 * so each check-then-write below acts as if it ran alone. The commit inherits the client's
 * majority + journal write concern; operations inside a transaction must not set their own.
 */
const TRANSACTION_OPTIONS: mongo.TransactionOptions = { readConcern: { level: 'snapshot' } };

/** Retries of a transaction that lost a race to insert the same unique key (see inTransaction). */
const DUPLICATE_KEY_RETRIES = 3;

/** The fields of an idea that decide whether it may take votes or be merged. */
const IDEA_STATE = { status: 1, mergedInto: 1, deletedAt: 1, votes: 1, authorIds: 1 } as const;
type IdeaStateDoc = Pick<IdeaDoc, '_id' | 'status' | 'mergedInto' | 'deletedAt' | 'votes' | 'authorIds'>;

/**
 * The live idea board half of `MongoStore`: ideas, votes, reactions and clusters. Multi-step
 * changes run in multi-document transactions, which need MongoDB as a replica set.
 */
export class MongoBoard implements BoardStore {
  constructor(
    private readonly connection: Connection,
    private readonly models: Models,
    /** Every change is recorded here just before it is written (see MongoChangeLog). */
    private readonly log: MongoChangeLog,
  ) {}

  async addIdea(idea: IdeaRecord): Promise<{ idea: IdeaRecord; created: boolean }> {
    await this.log.append(idea.sessionId, [{ kind: 'idea', id: idea.id }]);
    try {
      await this.models.ideas.create(toIdeaDoc(idea));
      return { idea: { ...idea, authorIds: [...idea.authorIds] }, created: true };
    } catch (error) {
      const fields = duplicateKeyFields(error);
      if (!fields) throw error;
      // The unique {sessionId, authorId, clientId} index decides between racing retries, and
      // the loser returns what the winner stored. Looked up whichever index objected, so a
      // retry that reuses the idea id is recognised as a retry too, as in LmdbStore.
      const existing = await this.models.ideas
        .findOne({ sessionId: idea.sessionId, authorId: idea.authorId, clientId: idea.clientId })
        .lean<IdeaDoc>()
        .exec();
      if (existing) return { idea: toIdeaRecord(existing), created: false };
      throw new StoreConflictError(`idea ${fields.join('+') || 'unique key'}`);
    }
  }

  async getIdea(sessionId: string, ideaId: string): Promise<IdeaRecord | null> {
    const doc = await this.models.ideas.findOne({ _id: ideaId, sessionId }).lean<IdeaDoc>().exec();
    return doc ? toIdeaRecord(doc) : null;
  }

  async getIdeas(sessionId: string, ideaIds: readonly string[]): Promise<IdeaRecord[]> {
    if (ideaIds.length === 0) return [];
    const docs = await this.models.ideas.find({ sessionId, _id: { $in: [...new Set(ideaIds)] } }).lean<IdeaDoc[]>().exec();
    return docs.map(toIdeaRecord);
  }

  async listIdeasByAuthor(sessionId: string, authorId: string): Promise<IdeaRecord[]> {
    // Served by the unique {sessionId, authorId, clientId} index's prefix.
    const docs = await this.models.ideas.find({ sessionId, authorId }).sort({ _id: 1 }).lean<IdeaDoc[]>().exec();
    return docs.map(toIdeaRecord);
  }

  async listIdeas(sessionId: string, options: ListIdeasOptions): Promise<IdeaRecord[]> {
    if (options.limit <= 0) return [];
    const past = options.newestFirst ? '$lt' : '$gt';
    const docs = await this.models.ideas
      .find({ sessionId, ...(options.after === undefined ? {} : { _id: { [past]: options.after } }) })
      .sort({ _id: options.newestFirst ? -1 : 1 })
      .limit(options.limit)
      .lean<IdeaDoc[]>()
      .exec();
    return docs.map(toIdeaRecord);
  }

  async countIdeas(sessionId: string): Promise<number> {
    return this.models.ideas.countDocuments({ sessionId }).exec();
  }

  async updateIdea(sessionId: string, ideaId: string, patch: IdeaPatch): Promise<IdeaRecord | null> {
    const set: Partial<IdeaDoc> = { updatedAt: new Date() };
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.detail !== undefined) set.detail = patch.detail;
    if (patch.category !== undefined) set.category = patch.category;
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.pinned !== undefined) set.pinned = patch.pinned;
    if (patch.clusterId !== undefined) set.clusterId = patch.clusterId;
    if (patch.deletedAt !== undefined) set.deletedAt = patch.deletedAt;
    await this.log.append(sessionId, [{ kind: 'idea', id: ideaId }]);
    const doc = await this.models.ideas
      .findOneAndUpdate({ _id: ideaId, sessionId }, { $set: set }, { returnDocument: 'after' })
      .lean<IdeaDoc>()
      .exec();
    return doc ? toIdeaRecord(doc) : null;
  }

  async mergeIdeas(sessionId: string, sourceId: string, targetId: string): Promise<IdeaRecord | null> {
    if (sourceId === targetId) return null;
    await this.log.append(sessionId, [
      { kind: 'idea', id: sourceId },
      { kind: 'idea', id: targetId },
      { kind: 'tally', id: targetId },
    ]);
    return this.inTransaction(async (session) => {
      const source = await this.models.ideas.findOne({ _id: sourceId, sessionId }).session(session).lean<IdeaDoc>().exec();
      const target = await this.models.ideas.findOne({ _id: targetId, sessionId }).session(session).lean<IdeaDoc>().exec();
      if (!isMergeable(source) || !isMergeTarget(target)) return null;

      const ballots = await this.models.ballots
        .find({ sessionId, 'votes.ideaId': sourceId })
        .session(session)
        .lean<BallotDoc[]>()
        .exec();
      let moved = 0;
      for (const doc of ballots) {
        const ballot = toBallot(doc);
        moved += ballot[sourceId] ?? 0;
        await this.models.ballots
          .updateOne({ sessionId, participantId: doc.participantId }, { $set: { votes: toBallotEntries(moveVotes(ballot, sourceId, targetId)) } }, { session })
          .exec();
      }
      const now = new Date();
      await this.models.ideas
        .updateOne({ _id: sourceId, sessionId }, { $set: { mergedInto: targetId, votes: 0, updatedAt: now } }, { session })
        .exec();
      const merged = await this.models.ideas
        .findOneAndUpdate(
          { _id: targetId, sessionId },
          { $set: { authorIds: unionAuthors(target.authorIds, source.authorIds), updatedAt: now }, $inc: { votes: moved } },
          { returnDocument: 'after', session },
        )
        .lean<IdeaDoc>()
        .exec();
      return merged ? toIdeaRecord(merged) : null;
    });
  }

  async setVote(sessionId: string, participantId: string, ideaId: string, count: number, limits: VoteLimits): Promise<VoteOutcome> {
    assertVoteCount(count);
    await this.log.append(sessionId, [{ kind: 'tally', id: ideaId }]);
    return this.inTransaction(async (session): Promise<VoteOutcome> => {
      const ballot = toBallot(await this.findBallot(sessionId, participantId, session));
      const idea = await this.models.ideas
        .findOne({ _id: ideaId, sessionId }, IDEA_STATE)
        .session(session)
        .lean<IdeaStateDoc>()
        .exec();
      if (!isVotable(idea)) return { ok: false, reason: 'idea_unavailable', ballot };
      const refusal = voteRefusal(ballot, participantId, ideaId, idea, count, limits);
      if (refusal) return { ok: false, reason: refusal, ballot };

      const current = ballot[ideaId] ?? 0;
      if (count === current) return { ok: true, ballot, ideaVotes: idea.votes };
      const next = withVote(ballot, ideaId, count);
      await this.models.ballots
        .updateOne(
          { sessionId, participantId },
          { $set: { votes: toBallotEntries(next), total: ballotSum(next) } },
          { upsert: true, session },
        )
        .exec();
      // Writing the idea (not only reading it) is what makes a concurrent merge, hide or
      // delete of it conflict with this vote instead of slipping past the check above.
      const updated = await this.models.ideas
        .findOneAndUpdate({ _id: ideaId, sessionId }, { $inc: { votes: count - current } }, { returnDocument: 'after', session, projection: IDEA_STATE })
        .lean<IdeaStateDoc>()
        .exec();
      return { ok: true, ballot: next, ideaVotes: updated?.votes ?? 0 };
    });
  }

  async getBallot(sessionId: string, participantId: string): Promise<Ballot> {
    return toBallot(await this.findBallot(sessionId, participantId, null));
  }

  async talliesOf(sessionId: string, ideaIds: readonly string[]): Promise<Record<string, IdeaTally>> {
    const docs = await this.models.ideas
      .find({ sessionId, _id: { $in: [...ideaIds] } }, { votes: 1, reactionCounts: 1 })
      .lean<Pick<IdeaDoc, '_id' | 'votes' | 'reactionCounts'>[]>()
      .exec();
    const found = new Map(docs.map((doc) => [doc._id, doc]));
    return Object.fromEntries(
      ideaIds.map((id) => {
        const doc = found.get(id);
        return [id, { votes: doc?.votes ?? 0, reactions: toReactionCounts(doc?.reactionCounts ?? []) }];
      }),
    );
  }

  async voteTotals(sessionId: string): Promise<Record<string, number>> {
    const docs = await this.models.ideas
      .find({ sessionId, votes: { $gt: 0 } }, { votes: 1 })
      .lean<Pick<IdeaDoc, '_id' | 'votes'>[]>()
      .exec();
    return Object.fromEntries(docs.map((doc) => [doc._id, doc.votes]));
  }

  async voteStats(sessionId: string): Promise<{ voters: number; votes: number }> {
    const [stats] = await this.models.ballots
      .aggregate<{ voters: number; votes: number }>([
        { $match: { sessionId, total: { $gt: 0 } } },
        { $group: { _id: null, voters: { $sum: 1 }, votes: { $sum: '$total' } } },
        { $project: { _id: 0, voters: 1, votes: 1 } },
      ])
      .exec();
    return stats ?? { voters: 0, votes: 0 };
  }

  async toggleReaction(
    sessionId: string,
    participantId: string,
    ideaId: string,
    emoji: Reaction,
  ): Promise<{ mine: Reaction[]; counts: ReactionCounts }> {
    const key = { sessionId, participantId, ideaId };
    await this.log.append(sessionId, [{ kind: 'reaction', id: ideaId }]);
    return this.inTransaction(async (session) => {
      const exists = await this.models.ideas.exists({ _id: ideaId, sessionId }).session(session).exec();
      // Reactions to an idea that does not exist would be counted nowhere visible.
      if (!exists) return { mine: [], counts: {} };
      const doc = await this.models.reactions.findOne(key).session(session).lean<ReactionDoc>().exec();
      const mine = toggleEmoji(doc?.emoji ?? [], emoji);
      if (mine.length > 0) await this.models.reactions.updateOne(key, { $set: { emoji: mine } }, { upsert: true, session }).exec();
      else await this.models.reactions.deleteOne(key, { session }).exec();
      const updated = await this.models.ideas
        .findOneAndUpdate(
          { _id: ideaId, sessionId },
          { $inc: { [`reactionCounts.${REACTIONS.indexOf(emoji)}`]: mine.includes(emoji) ? 1 : -1 } },
          { returnDocument: 'after', session, projection: { reactionCounts: 1 } },
        )
        .lean<Pick<IdeaDoc, 'reactionCounts'>>()
        .exec();
      return { mine, counts: toReactionCounts(updated?.reactionCounts ?? []) };
    });
  }

  async reactionTotals(sessionId: string): Promise<Record<string, ReactionCounts>> {
    // On an array, {$gt: 0} matches when any element does: ideas with at least one reaction.
    const docs = await this.models.ideas
      .find({ sessionId, reactionCounts: { $gt: 0 } }, { reactionCounts: 1 })
      .lean<Pick<IdeaDoc, '_id' | 'reactionCounts'>[]>()
      .exec();
    return Object.fromEntries(docs.map((doc) => [doc._id, toReactionCounts(doc.reactionCounts)]));
  }

  async reactionsOf(sessionId: string, participantId: string): Promise<Record<string, Reaction[]>> {
    const docs = await this.models.reactions.find({ sessionId, participantId }).lean<ReactionDoc[]>().exec();
    return Object.fromEntries(docs.filter((doc) => doc.emoji.length > 0).map((doc) => [doc.ideaId, doc.emoji]));
  }

  async addCluster(cluster: ClusterRecord): Promise<void> {
    const doc: ClusterDoc = { _id: cluster.id, sessionId: cluster.sessionId, name: cluster.name, createdAt: cluster.createdAt };
    await this.log.append(cluster.sessionId, [{ kind: 'cluster', id: cluster.id }]);
    await mapConflicts(() => this.models.clusters.create(doc));
  }

  async listClusters(sessionId: string): Promise<ClusterRecord[]> {
    const docs = await this.models.clusters.find({ sessionId }).sort({ createdAt: 1, _id: 1 }).lean<ClusterDoc[]>().exec();
    return docs.map(toClusterRecord);
  }

  async renameCluster(sessionId: string, clusterId: string, name: string): Promise<ClusterRecord | null> {
    await this.log.append(sessionId, [{ kind: 'cluster', id: clusterId }]);
    const doc = await this.models.clusters
      .findOneAndUpdate({ _id: clusterId, sessionId }, { $set: { name } }, { returnDocument: 'after' })
      .lean<ClusterDoc>()
      .exec();
    return doc ? toClusterRecord(doc) : null;
  }

  async deleteCluster(sessionId: string, clusterId: string): Promise<string[] | null> {
    // The ideas about to leave the cluster are recorded with it, before the change, as always here.
    const grouped = await this.models.ideas.find({ sessionId, clusterId }, { _id: 1 }).lean<Pick<IdeaDoc, '_id'>[]>().exec();
    await this.log.append(sessionId, [{ kind: 'cluster', id: clusterId }, ...grouped.map((doc) => ({ kind: 'idea' as const, id: doc._id }))]);
    return this.inTransaction(async (session) => {
      const deleted = await this.models.clusters.deleteOne({ _id: clusterId, sessionId }, { session }).exec();
      if (deleted.deletedCount === 0) return null;
      const grouped = await this.models.ideas
        .find({ sessionId, clusterId }, { _id: 1 })
        .session(session)
        .lean<Pick<IdeaDoc, '_id'>[]>()
        .exec();
      const ids = grouped.map((doc) => doc._id);
      if (ids.length > 0) {
        await this.models.ideas
          .updateMany({ sessionId, _id: { $in: ids } }, { $set: { clusterId: null, updatedAt: new Date() } }, { session })
          .exec();
      }
      return ids;
    });
  }

  private findBallot(sessionId: string, participantId: string, session: ClientSession | null): Promise<BallotDoc | null> {
    return this.models.ballots.findOne({ sessionId, participantId }).session(session).lean<BallotDoc>().exec();
  }

  /**
   * Runs `work` in a transaction; `withTransaction` retries it on transient errors such as a
   * write conflict. Two transactions inserting the same unique key (a participant's first
   * ballot or first reaction to an idea) normally end in a write conflict too, but should one
   * surface as a duplicate-key error instead, a fresh attempt sees the winner's document.
   */
  private async inTransaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.connection.transaction(work, TRANSACTION_OPTIONS);
      } catch (error) {
        if (duplicateKeyFields(error) === null || attempt >= DUPLICATE_KEY_RETRIES) throw error;
      }
    }
  }
}

function toBallot(doc: BallotDoc | null): Ballot {
  const ballot: Ballot = {};
  for (const { ideaId, count } of doc?.votes ?? []) if (count > 0) ballot[ideaId] = count;
  return ballot;
}

function toBallotEntries(ballot: Ballot): BallotEntry[] {
  return Object.entries(ballot).map(([ideaId, count]) => ({ ideaId, count }));
}
