import type { InviteRole, VersionKind } from '@ideasphere/shared';
import type { Database, RootDatabase } from 'lmdb';
import { prefixRange, writeDurably, type ScopedKey } from './lmdbRecords.js';
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
import { StoreConflictError } from './Store.js';

/** Sub-databases of the proposals part, opened by {@link LmdbProposals}. */
export const LMDB_PROPOSAL_DATABASES = 9;

/** Dates as epoch milliseconds, as everywhere in the LMDB store. */
type Stored<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] extends Date ? number : number | null };
type StoredProposal = Stored<ProposalRecord, 'createdAt' | 'updatedAt'>;
type StoredMember = Stored<ProposalMemberRecord, 'joinedAt' | 'removedAt'>;
type StoredReply = Stored<CommentReplyRecord, 'createdAt'>;
type StoredComment = Omit<Stored<CommentRecord, 'createdAt' | 'resolvedAt'>, 'replies'> & { replies: StoredReply[] };
type StoredVersion = Stored<VersionRecord, 'createdAt'>;
interface StoredSnapshot {
  seq: number;
  state: Uint8Array;
}
/** [proposalId, seq] */
type SeqKey = [string, number];

const MAX_SEQ = Number.MAX_SAFE_INTEGER;

/**
 * The proposals half of `LmdbStore`. A document is a snapshot plus an update log keyed by
 * [proposalId, seq]: loading is one get and one range scan in a single read transaction, and
 * compaction writes the snapshot and deletes the updates it covers in one write transaction.
 */
export class LmdbProposals implements ProposalStore {
  private readonly proposals: Database<StoredProposal, string>;
  /** [sessionId, proposalId] → true: a session's proposals in one range scan. */
  private readonly bySession: Database<true, ScopedKey>;
  private readonly members: Database<StoredMember, ScopedKey>;
  /** [proposalId, tokenHash] → member id */
  private readonly memberTokens: Database<string, ScopedKey>;
  private readonly comments: Database<StoredComment, ScopedKey>;
  private readonly versions: Database<StoredVersion, ScopedKey>;
  private readonly versionStates: Database<Uint8Array, ScopedKey>;
  private readonly snapshots: Database<StoredSnapshot, string>;
  private readonly updates: Database<Uint8Array, SeqKey>;

  constructor(private readonly env: RootDatabase) {
    this.proposals = env.openDB({ name: 'proposals' });
    this.bySession = env.openDB({ name: 'proposalsBySession' });
    this.members = env.openDB({ name: 'proposalMembers' });
    this.memberTokens = env.openDB({ name: 'proposalMemberTokens' });
    this.comments = env.openDB({ name: 'proposalComments' });
    this.versions = env.openDB({ name: 'proposalVersions' });
    this.versionStates = env.openDB({ name: 'proposalVersionStates' });
    this.snapshots = env.openDB({ name: 'proposalDocSnapshots' });
    this.updates = env.openDB({ name: 'proposalDocUpdates' });
  }

  async createProposal(proposal: ProposalRecord, owner: ProposalMemberRecord): Promise<void> {
    const conflict = await writeDurably(this.env, () => {
      if (this.proposals.doesExist(proposal.id)) return `proposal id ${proposal.id}`;
      if (this.members.doesExist([owner.proposalId, owner.id])) return `member id ${owner.id}`;
      this.proposals.putSync(proposal.id, toStoredProposal(proposal));
      if (proposal.sessionId !== null) this.bySession.putSync([proposal.sessionId, proposal.id], true);
      this.putMember(owner);
      return null;
    });
    if (conflict) throw new StoreConflictError(conflict);
  }

  async getProposal(id: string): Promise<ProposalRecord | null> {
    const stored = this.proposals.get(id);
    return stored ? fromStoredProposal(stored) : null;
  }

  async listProposals(sessionId: string): Promise<ProposalRecord[]> {
    const transaction = this.env.useReadTransaction();
    try {
      const result: ProposalRecord[] = [];
      for (const { key } of this.bySession.getRange({ ...prefixRange(sessionId), transaction })) {
        const stored = this.proposals.get(key[1], { transaction });
        if (stored) result.push(fromStoredProposal(stored));
      }
      return result;
    } finally {
      transaction.done();
    }
  }

  async updateProposal(id: string, patch: ProposalPatch): Promise<ProposalRecord | null> {
    const updated = await writeDurably(this.env, () => {
      const stored = this.proposals.get(id);
      if (!stored) return null;
      const next: StoredProposal = { ...stored, updatedAt: Date.now() };
      if (patch.title !== undefined) next.title = patch.title;
      if (patch.inviteHashes !== undefined) next.inviteHashes = { ...patch.inviteHashes };
      this.proposals.putSync(id, next);
      return next;
    });
    return updated ? fromStoredProposal(updated) : null;
  }

  async setInviteHash(id: string, role: InviteRole, hash: string): Promise<ProposalRecord | null> {
    // Read and write in one write transaction: no other write can land in between.
    const updated = await writeDurably(this.env, () => {
      const stored = this.proposals.get(id);
      if (!stored) return null;
      const next: StoredProposal = { ...stored, inviteHashes: { ...stored.inviteHashes, [role]: hash }, updatedAt: Date.now() };
      this.proposals.putSync(id, next);
      return next;
    });
    return updated ? fromStoredProposal(updated) : null;
  }

  async addMember(member: ProposalMemberRecord): Promise<void> {
    const conflict = await writeDurably(this.env, () => {
      if (this.members.doesExist([member.proposalId, member.id])) return `member id ${member.id}`;
      if (this.memberTokens.doesExist([member.proposalId, member.tokenHash])) return 'member token';
      this.putMember(member);
      return null;
    });
    if (conflict) throw new StoreConflictError(conflict);
  }

  async getMember(proposalId: string, memberId: string): Promise<ProposalMemberRecord | null> {
    const stored = this.members.get([proposalId, memberId]);
    return stored ? fromStoredMember(stored) : null;
  }

  async getMemberByTokenHash(proposalId: string, tokenHash: string): Promise<ProposalMemberRecord | null> {
    const transaction = this.env.useReadTransaction();
    try {
      const id = this.memberTokens.get([proposalId, tokenHash], { transaction });
      if (id === undefined) return null;
      const stored = this.members.get([proposalId, id], { transaction });
      return stored ? fromStoredMember(stored) : null;
    } finally {
      transaction.done();
    }
  }

  async listMembers(proposalId: string): Promise<ProposalMemberRecord[]> {
    const result: ProposalMemberRecord[] = [];
    for (const { value } of this.members.getRange(prefixRange(proposalId))) {
      if (value.removedAt === null) result.push(fromStoredMember(value));
    }
    return result;
  }

  async updateMember(proposalId: string, memberId: string, patch: ProposalMemberPatch): Promise<ProposalMemberRecord | null> {
    const updated = await writeDurably(this.env, () => {
      const stored = this.members.get([proposalId, memberId]);
      if (!stored) return null;
      const next: StoredMember = { ...stored };
      if (patch.role !== undefined) next.role = patch.role;
      if (patch.removedAt !== undefined) next.removedAt = patch.removedAt === null ? null : patch.removedAt.getTime();
      this.members.putSync([proposalId, memberId], next);
      return next;
    });
    return updated ? fromStoredMember(updated) : null;
  }

  async setMemberTokenHash(proposalId: string, memberId: string, tokenHash: string): Promise<ProposalMemberRecord | null> {
    const outcome = await writeDurably(this.env, (): StoredMember | null | 'conflict' => {
      const stored = this.members.get([proposalId, memberId]);
      if (!stored) return null;
      const holder = this.memberTokens.get([proposalId, tokenHash]);
      if (holder !== undefined && holder !== memberId) return 'conflict';
      this.memberTokens.removeSync([proposalId, stored.tokenHash]);
      const next: StoredMember = { ...stored, tokenHash };
      this.members.putSync([proposalId, memberId], next);
      this.memberTokens.putSync([proposalId, tokenHash], memberId);
      return next;
    });
    if (outcome === 'conflict') throw new StoreConflictError('member token');
    return outcome ? fromStoredMember(outcome) : null;
  }

  async addComment(comment: CommentRecord): Promise<void> {
    const conflict = await writeDurably(this.env, () => {
      if (this.comments.doesExist([comment.proposalId, comment.id])) return `comment id ${comment.id}`;
      this.comments.putSync([comment.proposalId, comment.id], toStoredComment(comment));
      return null;
    });
    if (conflict) throw new StoreConflictError(conflict);
  }

  async getComment(proposalId: string, commentId: string): Promise<CommentRecord | null> {
    const stored = this.comments.get([proposalId, commentId]);
    return stored ? fromStoredComment(stored) : null;
  }

  async listComments(proposalId: string): Promise<CommentRecord[]> {
    return [...this.comments.getRange(prefixRange(proposalId))].map(({ value }) => fromStoredComment(value));
  }

  async countComments(proposalId: string): Promise<number> {
    return this.comments.getKeysCount(prefixRange(proposalId));
  }

  async addReply(proposalId: string, commentId: string, reply: CommentReplyRecord): Promise<CommentRecord | null> {
    return this.changeComment(proposalId, commentId, (stored) => ({
      ...stored,
      replies: [...stored.replies, { ...reply, createdAt: reply.createdAt.getTime() }],
    }));
  }

  async setCommentResolved(proposalId: string, commentId: string, resolved: { at: Date; by: string } | null): Promise<CommentRecord | null> {
    return this.changeComment(proposalId, commentId, (stored) => ({
      ...stored,
      resolvedAt: resolved === null ? null : resolved.at.getTime(),
      resolvedBy: resolved === null ? null : resolved.by,
    }));
  }

  async addVersion(version: VersionRecord, state: Uint8Array): Promise<void> {
    const key: ScopedKey = [version.proposalId, version.id];
    const conflict = await writeDurably(this.env, () => {
      if (this.versions.doesExist(key)) return `version id ${version.id}`;
      this.versions.putSync(key, { ...version, createdAt: version.createdAt.getTime() });
      this.versionStates.putSync(key, state);
      return null;
    });
    if (conflict) throw new StoreConflictError(conflict);
  }

  async listVersions(proposalId: string): Promise<VersionRecord[]> {
    // Ids sort by creation time, so the reverse range is newest first.
    const range = this.versions.getRange({ start: [proposalId, '\uffff'], end: [proposalId], reverse: true });
    return [...range].map(({ value }) => fromStoredVersion(value));
  }

  async getVersion(proposalId: string, versionId: string): Promise<{ version: VersionRecord; state: Uint8Array } | null> {
    const transaction = this.env.useReadTransaction();
    try {
      const stored = this.versions.get([proposalId, versionId], { transaction });
      const state = this.versionStates.get([proposalId, versionId], { transaction });
      if (!stored || !state) return null;
      return { version: fromStoredVersion(stored), state: new Uint8Array(state) };
    } finally {
      transaction.done();
    }
  }

  async countVersions(proposalId: string, kinds?: readonly VersionKind[]): Promise<number> {
    if (kinds === undefined) return this.versions.getKeysCount(prefixRange(proposalId));
    let count = 0;
    for (const { value } of this.versions.getRange(prefixRange(proposalId))) {
      if (kinds.includes(value.kind)) count++;
    }
    return count;
  }

  async pruneAutoVersions(proposalId: string, keep: number): Promise<number> {
    return writeDurably(this.env, () => {
      // Newest first: the first `keep` automatic versions stay, older ones go.
      const range = this.versions.getRange({ start: [proposalId, '\uffff'], end: [proposalId], reverse: true });
      const stale = [...range].filter(({ value }) => value.kind === 'auto').slice(keep);
      for (const { key } of stale) {
        this.versions.removeSync(key);
        this.versionStates.removeSync(key);
      }
      return stale.length;
    });
  }

  async loadDoc(proposalId: string): Promise<StoredDoc> {
    // One read transaction: a compaction committed meanwhile cannot split snapshot and log.
    const transaction = this.env.useReadTransaction();
    try {
      const snapshot = this.snapshots.get(proposalId, { transaction });
      const snapshotSeq = snapshot?.seq ?? 0;
      const updates: StoredDoc['updates'] = [];
      for (const { key, value } of this.updates.getRange({ start: [proposalId, snapshotSeq + 1], end: [proposalId, MAX_SEQ], transaction })) {
        updates.push({ seq: key[1], update: new Uint8Array(value) });
      }
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.state) : null,
        snapshotSeq,
        updates,
        lastSeq: updates.at(-1)?.seq ?? snapshotSeq,
      };
    } finally {
      transaction.done();
    }
  }

  async appendUpdate(proposalId: string, seq: number, update: Uint8Array): Promise<void> {
    const conflict = await writeDurably(this.env, () => {
      if (this.updates.doesExist([proposalId, seq]) || (this.snapshots.get(proposalId)?.seq ?? 0) >= seq) {
        return `update ${proposalId}#${seq}`;
      }
      this.updates.putSync([proposalId, seq], update);
      return null;
    });
    if (conflict) throw new StoreConflictError(conflict);
  }

  async compactDoc(proposalId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    await writeDurably(this.env, () => {
      const current = this.snapshots.get(proposalId);
      if (current && current.seq > upToSeq) return;
      this.snapshots.putSync(proposalId, { seq: upToSeq, state: snapshot });
      for (const key of this.updates.getKeys({ start: [proposalId, 0], end: [proposalId, upToSeq + 1] })) {
        this.updates.removeSync(key);
      }
    });
  }

  private putMember(member: ProposalMemberRecord): void {
    this.members.putSync([member.proposalId, member.id], {
      ...member,
      joinedAt: member.joinedAt.getTime(),
      removedAt: member.removedAt === null ? null : member.removedAt.getTime(),
    });
    this.memberTokens.putSync([member.proposalId, member.tokenHash], member.id);
  }

  private async changeComment(
    proposalId: string,
    commentId: string,
    change: (stored: StoredComment) => StoredComment,
  ): Promise<CommentRecord | null> {
    const updated = await writeDurably(this.env, () => {
      const stored = this.comments.get([proposalId, commentId]);
      if (!stored) return null;
      const next = change(stored);
      this.comments.putSync([proposalId, commentId], next);
      return next;
    });
    return updated ? fromStoredComment(updated) : null;
  }
}

function toStoredProposal(proposal: ProposalRecord): StoredProposal {
  return { ...proposal, createdAt: proposal.createdAt.getTime(), updatedAt: proposal.updatedAt.getTime() };
}

function fromStoredProposal(stored: StoredProposal): ProposalRecord {
  return {
    ...stored,
    template: stored.template.map((s) => ({ ...s })),
    sources: stored.sources.map((s) => ({ ...s, authorNames: [...s.authorNames] })),
    inviteHashes: { ...stored.inviteHashes },
    createdAt: new Date(stored.createdAt),
    updatedAt: new Date(stored.updatedAt),
  };
}

function fromStoredMember(stored: StoredMember): ProposalMemberRecord {
  return { ...stored, joinedAt: new Date(stored.joinedAt), removedAt: stored.removedAt === null ? null : new Date(stored.removedAt) };
}

function toStoredComment(comment: CommentRecord): StoredComment {
  return {
    ...comment,
    anchor: { ...comment.anchor },
    createdAt: comment.createdAt.getTime(),
    resolvedAt: comment.resolvedAt === null ? null : comment.resolvedAt.getTime(),
    replies: comment.replies.map((r) => ({ ...r, createdAt: r.createdAt.getTime() })),
  };
}

function fromStoredComment(stored: StoredComment): CommentRecord {
  return {
    ...stored,
    anchor: { ...stored.anchor },
    createdAt: new Date(stored.createdAt),
    resolvedAt: stored.resolvedAt === null ? null : new Date(stored.resolvedAt),
    replies: stored.replies.map((r) => ({ ...r, createdAt: new Date(r.createdAt) })),
  };
}

function fromStoredVersion(stored: StoredVersion): VersionRecord {
  return { ...stored, createdAt: new Date(stored.createdAt) };
}
