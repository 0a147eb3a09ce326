import type { InviteRole, VersionKind } from '@ideasphere/shared';
import { mongo, type Connection } from 'mongoose';
import { StoreConflictError } from './Store.js';
import { type AsDoc, duplicateKeyFields, mapConflicts } from './mongoModels.js';
import type {
  CommentRecord,
  CommentReplyRecord,
  ProposalMemberPatch,
  ProposalMemberRecord,
  ProposalPatch,
  ProposalRecord,
  ProposalStore,
  StoredDoc,
  VersionRecord,
} from './ProposalStore.js';

/** A record as a MongoDB document: the same fields, with the id as `_id`. */
type ProposalDoc = AsDoc<ProposalRecord>;
type MemberDoc = AsDoc<ProposalMemberRecord>;
type CommentDoc = AsDoc<CommentRecord>;
/** A version with its full state beside it. */
type VersionDoc = AsDoc<VersionRecord> & { state: mongo.Binary };

interface SnapshotDoc {
  _id: string;
  seq: number;
  state: mongo.Binary;
}

interface UpdateDoc {
  docId: string;
  seq: number;
  update: mongo.Binary;
}

/** Bytes as BSON binary, and back (the driver hands out `Binary`, whose buffer we copy). */
function toBinary(bytes: Uint8Array): mongo.Binary {
  return new mongo.Binary(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
function fromBinary(value: mongo.Binary): Uint8Array {
  return new Uint8Array(value.buffer);
}

/**
 * The proposals half of `MongoStore`, on the driver's collections (binary Yjs states do not
 * need Mongoose documents). The update log is `proposalDocUpdates` with a unique index on
 * (docId, seq) and plain inserts: two processes appending the same sequence number collide
 * loudly (E11000 → StoreConflictError) instead of overwriting each other, the race of
 * y-mongodb-provider's read-max-then-upsert. Compaction is one multi-document transaction.
 */
export class MongoProposals implements ProposalStore {
  private readonly proposals: mongo.Collection<ProposalDoc>;
  private readonly members: mongo.Collection<MemberDoc>;
  private readonly comments: mongo.Collection<CommentDoc>;
  private readonly versions: mongo.Collection<VersionDoc>;
  private readonly snapshots: mongo.Collection<SnapshotDoc>;
  private readonly updates: mongo.Collection<UpdateDoc>;

  constructor(private readonly connection: Connection) {
    const db = connection.db;
    if (!db) throw new Error('MongoProposals needs an open connection');
    this.proposals = db.collection<ProposalDoc>('proposals');
    this.members = db.collection<MemberDoc>('proposalMembers');
    this.comments = db.collection<CommentDoc>('proposalComments');
    this.versions = db.collection<VersionDoc>('proposalVersions');
    this.snapshots = db.collection<SnapshotDoc>('proposalDocSnapshots');
    this.updates = db.collection<UpdateDoc>('proposalDocUpdates');
  }

  /** Builds the indexes every query below relies on (called once at connect). */
  async buildIndexes(): Promise<void> {
    await this.proposals.createIndex({ sessionId: 1, _id: 1 });
    await this.members.createIndex({ proposalId: 1, _id: 1 });
    await this.members.createIndex({ proposalId: 1, tokenHash: 1 }, { unique: true });
    await this.comments.createIndex({ proposalId: 1, _id: 1 });
    await this.versions.createIndex({ proposalId: 1, _id: -1 });
    await this.updates.createIndex({ docId: 1, seq: 1 }, { unique: true });
  }

  async createProposal(proposal: ProposalRecord, owner: ProposalMemberRecord): Promise<void> {
    await mapConflicts(() =>
      this.connection.transaction(async (session) => {
        await this.proposals.insertOne(toProposalDoc(proposal), { session });
        await this.members.insertOne(toMemberDoc(owner), { session });
      }),
    );
  }

  async getProposal(id: string): Promise<ProposalRecord | null> {
    const doc = await this.proposals.findOne({ _id: id });
    return doc ? fromProposalDoc(doc) : null;
  }

  async listProposals(sessionId: string): Promise<ProposalRecord[]> {
    const docs = await this.proposals.find({ sessionId }).sort({ _id: 1 }).toArray();
    return docs.map(fromProposalDoc);
  }

  async updateProposal(id: string, patch: ProposalPatch): Promise<ProposalRecord | null> {
    const set: Partial<ProposalDoc> = { updatedAt: new Date() };
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.inviteHashes !== undefined) set.inviteHashes = { ...patch.inviteHashes };
    const doc = await this.proposals.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' });
    return doc ? fromProposalDoc(doc) : null;
  }

  async setInviteHash(id: string, role: InviteRole, hash: string): Promise<ProposalRecord | null> {
    // One field of the map, so a concurrent rotation of another role is never overwritten.
    const doc = await this.proposals.findOneAndUpdate(
      { _id: id },
      { $set: { [`inviteHashes.${role}`]: hash, updatedAt: new Date() } },
      { returnDocument: 'after' },
    );
    return doc ? fromProposalDoc(doc) : null;
  }

  async addMember(member: ProposalMemberRecord): Promise<void> {
    await mapConflicts(() => this.members.insertOne(toMemberDoc(member)));
  }

  async getMember(proposalId: string, memberId: string): Promise<ProposalMemberRecord | null> {
    const doc = await this.members.findOne({ _id: memberId, proposalId });
    return doc ? fromMemberDoc(doc) : null;
  }

  async getMemberByTokenHash(proposalId: string, tokenHash: string): Promise<ProposalMemberRecord | null> {
    const doc = await this.members.findOne({ proposalId, tokenHash });
    return doc ? fromMemberDoc(doc) : null;
  }

  async listMembers(proposalId: string): Promise<ProposalMemberRecord[]> {
    const docs = await this.members.find({ proposalId, removedAt: null }).sort({ _id: 1 }).toArray();
    return docs.map(fromMemberDoc);
  }

  async updateMember(proposalId: string, memberId: string, patch: ProposalMemberPatch): Promise<ProposalMemberRecord | null> {
    const set: Partial<MemberDoc> = {};
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.removedAt !== undefined) set.removedAt = patch.removedAt;
    const doc = await this.members.findOneAndUpdate({ _id: memberId, proposalId }, { $set: set }, { returnDocument: 'after' });
    return doc ? fromMemberDoc(doc) : null;
  }

  async setMemberTokenHash(proposalId: string, memberId: string, tokenHash: string): Promise<ProposalMemberRecord | null> {
    // The unique (proposalId, tokenHash) index makes a clash loud.
    try {
      const doc = await this.members.findOneAndUpdate({ _id: memberId, proposalId }, { $set: { tokenHash } }, { returnDocument: 'after' });
      return doc ? fromMemberDoc(doc) : null;
    } catch (error) {
      if (duplicateKeyFields(error)) throw new StoreConflictError('member token');
      throw error;
    }
  }

  async addComment(comment: CommentRecord): Promise<void> {
    const { id, ...fields } = comment;
    await mapConflicts(() => this.comments.insertOne({ _id: id, ...fields }));
  }

  async getComment(proposalId: string, commentId: string): Promise<CommentRecord | null> {
    const doc = await this.comments.findOne({ _id: commentId, proposalId });
    return doc ? fromCommentDoc(doc) : null;
  }

  async listComments(proposalId: string): Promise<CommentRecord[]> {
    const docs = await this.comments.find({ proposalId }).sort({ _id: 1 }).toArray();
    return docs.map(fromCommentDoc);
  }

  async countComments(proposalId: string): Promise<number> {
    return this.comments.countDocuments({ proposalId });
  }

  async addReply(proposalId: string, commentId: string, reply: CommentReplyRecord): Promise<CommentRecord | null> {
    const doc = await this.comments.findOneAndUpdate(
      { _id: commentId, proposalId },
      { $push: { replies: reply } },
      { returnDocument: 'after' },
    );
    return doc ? fromCommentDoc(doc) : null;
  }

  async setCommentResolved(proposalId: string, commentId: string, resolved: { at: Date; by: string } | null): Promise<CommentRecord | null> {
    const doc = await this.comments.findOneAndUpdate(
      { _id: commentId, proposalId },
      { $set: { resolvedAt: resolved?.at ?? null, resolvedBy: resolved?.by ?? null } },
      { returnDocument: 'after' },
    );
    return doc ? fromCommentDoc(doc) : null;
  }

  async addVersion(version: VersionRecord, state: Uint8Array): Promise<void> {
    const { id, ...fields } = version;
    await mapConflicts(() => this.versions.insertOne({ _id: id, ...fields, state: toBinary(state) }));
  }

  async listVersions(proposalId: string): Promise<VersionRecord[]> {
    const docs = await this.versions.find({ proposalId }, { projection: { state: 0 } }).sort({ _id: -1 }).toArray();
    return docs.map(fromVersionDoc);
  }

  async getVersion(proposalId: string, versionId: string): Promise<{ version: VersionRecord; state: Uint8Array } | null> {
    const doc = await this.versions.findOne({ _id: versionId, proposalId });
    return doc ? { version: fromVersionDoc(doc), state: fromBinary(doc.state) } : null;
  }

  async countVersions(proposalId: string, kinds?: readonly VersionKind[]): Promise<number> {
    return this.versions.countDocuments(kinds === undefined ? { proposalId } : { proposalId, kind: { $in: [...kinds] } });
  }

  async pruneAutoVersions(proposalId: string, keep: number): Promise<number> {
    // Newest first: skip the `keep` automatic versions that stay, delete the older ones.
    const stale = await this.versions
      .find({ proposalId, kind: 'auto' }, { projection: { _id: 1 } })
      .sort({ _id: -1 })
      .skip(keep)
      .toArray();
    if (stale.length === 0) return 0;
    const result = await this.versions.deleteMany({ proposalId, kind: 'auto', _id: { $in: stale.map((doc) => doc._id) } });
    return result.deletedCount;
  }

  async loadDoc(proposalId: string): Promise<StoredDoc> {
    // Snapshot reads in one transaction, so a compaction cannot split snapshot and log.
    return this.connection.transaction(
      async (session) => {
        const snapshot = await this.snapshots.findOne({ _id: proposalId }, { session });
        const snapshotSeq = snapshot?.seq ?? 0;
        const docs = await this.updates.find({ docId: proposalId, seq: { $gt: snapshotSeq } }, { session }).sort({ seq: 1 }).toArray();
        const updates = docs.map((doc) => ({ seq: doc.seq, update: fromBinary(doc.update) }));
        return { snapshot: snapshot ? fromBinary(snapshot.state) : null, snapshotSeq, updates, lastSeq: updates.at(-1)?.seq ?? snapshotSeq };
      },
      { readConcern: { level: 'snapshot' } },
    );
  }

  async appendUpdate(proposalId: string, seq: number, update: Uint8Array): Promise<void> {
    await mapConflicts(() => this.updates.insertOne({ docId: proposalId, seq, update: toBinary(update) }));
  }

  async compactDoc(proposalId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    await this.connection.transaction(
      async (session) => {
        const current = await this.snapshots.findOne({ _id: proposalId }, { session, projection: { seq: 1 } });
        if (current && current.seq > upToSeq) return;
        await this.snapshots.replaceOne(
          { _id: proposalId },
          { seq: upToSeq, state: toBinary(snapshot) },
          { session, upsert: true },
        );
        await this.updates.deleteMany({ docId: proposalId, seq: { $lte: upToSeq } }, { session });
      },
      { readConcern: { level: 'snapshot' } },
    );
  }
}

function toProposalDoc(proposal: ProposalRecord): ProposalDoc {
  const { id, ...fields } = proposal;
  return { _id: id, ...fields };
}

function fromProposalDoc(doc: ProposalDoc): ProposalRecord {
  return {
    id: doc._id,
    sessionId: doc.sessionId,
    title: doc.title,
    template: doc.template.map((s) => ({ key: s.key, heading: s.heading })),
    sources: doc.sources.map((s) => ({ ideaId: s.ideaId, title: s.title, authorNames: [...s.authorNames] })),
    createdByParticipantId: doc.createdByParticipantId ?? null,
    inviteHashes: { ...doc.inviteHashes },
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

function toMemberDoc(member: ProposalMemberRecord): MemberDoc {
  const { id, ...fields } = member;
  return { _id: id, ...fields };
}

function fromMemberDoc(doc: MemberDoc): ProposalMemberRecord {
  const { _id, ...fields } = doc;
  return { id: _id, ...fields, removedAt: doc.removedAt ?? null };
}

function fromCommentDoc(doc: CommentDoc): CommentRecord {
  const { _id, ...fields } = doc;
  return {
    id: _id,
    ...fields,
    anchor: { section: doc.anchor.section, start: doc.anchor.start, end: doc.anchor.end, quote: doc.anchor.quote },
    resolvedAt: doc.resolvedAt ?? null,
    resolvedBy: doc.resolvedBy ?? null,
    replies: doc.replies.map((r) => ({ id: r.id, authorId: r.authorId, authorName: r.authorName, body: r.body, createdAt: r.createdAt })),
  };
}

function fromVersionDoc(doc: Omit<VersionDoc, 'state'>): VersionRecord {
  return {
    id: doc._id,
    proposalId: doc.proposalId,
    name: doc.name,
    kind: doc.kind,
    createdAt: doc.createdAt,
    createdBy: doc.createdBy ?? null,
    size: doc.size,
  };
}
