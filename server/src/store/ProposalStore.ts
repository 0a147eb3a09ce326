import type { CommentAnchor, InviteRole, ProposalRole, SectionSpec, SourceIdea, VersionKind } from '@ideasphere/shared';

/** A proposal as stored. Invite secrets are kept only as SHA-256 hashes. */
export interface ProposalRecord {
  id: string;
  /** The live session it was promoted in; null for a challenge response's document (see ResponseService). */
  sessionId: string | null;
  title: string;
  template: SectionSpec[];
  sources: SourceIdea[];
  /** The participant who promoted the ideas, or null for the facilitator. */
  createdByParticipantId: string | null;
  inviteHashes: Record<InviteRole, string>;
  createdAt: Date;
  updatedAt: Date;
}

export type ProposalPatch = Partial<Pick<ProposalRecord, 'title' | 'inviteHashes'>>;

export interface ProposalMemberRecord {
  id: string;
  proposalId: string;
  name: string;
  role: ProposalRole;
  color: string;
  tokenHash: string;
  joinedAt: Date;
  /** Set when an owner removed the member: their token no longer works. */
  removedAt: Date | null;
}

export type ProposalMemberPatch = Partial<Pick<ProposalMemberRecord, 'role' | 'removedAt'>>;

export interface CommentReplyRecord {
  id: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: Date;
}

export interface CommentRecord {
  id: string;
  proposalId: string;
  authorId: string;
  authorName: string;
  anchor: CommentAnchor;
  body: string;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  replies: CommentReplyRecord[];
}

export interface VersionRecord {
  id: string;
  proposalId: string;
  name: string;
  kind: VersionKind;
  createdAt: Date;
  createdBy: string | null;
  /** Bytes of `state`. */
  size: number;
}

/**
 * A proposal document as stored: the latest snapshot (a full `Y.encodeStateAsUpdate`) and the
 * updates appended after it, in sequence order. Applying the snapshot and then every update
 * gives the document.
 */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  /** The highest update sequence number the snapshot covers (0 without a snapshot). */
  snapshotSeq: number;
  updates: { seq: number; update: Uint8Array }[];
  /** The highest sequence number used so far: the next append uses `lastSeq + 1`. */
  lastSeq: number;
}

/**
 * The proposal co-authoring part of the store: proposals, members, comments, versions and the
 * Yjs update log of each proposal's document. Every method resolves once the change is
 * durable. `LmdbProposals` and `MongoProposals` implement it; `proposals.contract.ts` tests both.
 */
export interface ProposalStore {
  /** Inserts a proposal and its first member together; StoreConflictError on a duplicate id. */
  createProposal(proposal: ProposalRecord, owner: ProposalMemberRecord): Promise<void>;
  getProposal(id: string): Promise<ProposalRecord | null>;
  /** Proposals of a session, oldest first. */
  listProposals(sessionId: string): Promise<ProposalRecord[]>;
  updateProposal(id: string, patch: ProposalPatch): Promise<ProposalRecord | null>;
  /**
   * Atomically replaces the invite hash of one role, leaving the other roles' hashes as they
   * are now in the store (so concurrent rotations of different roles never undo each other).
   */
  setInviteHash(id: string, role: InviteRole, hash: string): Promise<ProposalRecord | null>;

  /** Inserts a member; StoreConflictError if the id or token hash is taken. */
  addMember(member: ProposalMemberRecord): Promise<void>;
  getMember(proposalId: string, memberId: string): Promise<ProposalMemberRecord | null>;
  getMemberByTokenHash(proposalId: string, tokenHash: string): Promise<ProposalMemberRecord | null>;
  /** Members not removed, oldest first. */
  listMembers(proposalId: string): Promise<ProposalMemberRecord[]>;
  updateMember(proposalId: string, memberId: string, patch: ProposalMemberPatch): Promise<ProposalMemberRecord | null>;
  /**
   * Replaces a member's token hash atomically (the old token stops opening the proposal at
   * once); null when there is no such member; StoreConflictError if another member has the hash.
   */
  setMemberTokenHash(proposalId: string, memberId: string, tokenHash: string): Promise<ProposalMemberRecord | null>;

  /** StoreConflictError on a duplicate id. */
  addComment(comment: CommentRecord): Promise<void>;
  getComment(proposalId: string, commentId: string): Promise<CommentRecord | null>;
  /** Oldest first. */
  listComments(proposalId: string): Promise<CommentRecord[]>;
  countComments(proposalId: string): Promise<number>;
  /** Appends a reply; null when the comment does not exist. */
  addReply(proposalId: string, commentId: string, reply: CommentReplyRecord): Promise<CommentRecord | null>;
  setCommentResolved(
    proposalId: string,
    commentId: string,
    resolved: { at: Date; by: string } | null,
  ): Promise<CommentRecord | null>;

  /** Stores a version and its full document state; StoreConflictError on a duplicate id. */
  addVersion(version: VersionRecord, state: Uint8Array): Promise<void>;
  /** Newest first. */
  listVersions(proposalId: string): Promise<VersionRecord[]>;
  getVersion(proposalId: string, versionId: string): Promise<{ version: VersionRecord; state: Uint8Array } | null>;
  /** Versions of a proposal; with `kinds`, only those of these kinds. */
  countVersions(proposalId: string, kinds?: readonly VersionKind[]): Promise<number>;
  /**
   * Deletes the oldest automatic versions (and their states) so that at most `keep` remain;
   * other kinds are never touched. Resolves to how many were deleted.
   */
  pruneAutoVersions(proposalId: string, keep: number): Promise<number>;

  /** One snapshot read and one range read of the updates after it. */
  loadDoc(proposalId: string): Promise<StoredDoc>;
  /**
   * Appends one update under `seq`. A plain insert: StoreConflictError when `seq` is taken (two
   * processes writing one document is a bug to be loud about, never a silent overwrite).
   */
  appendUpdate(proposalId: string, seq: number, update: Uint8Array): Promise<void>;
  /**
   * Atomically replaces the snapshot with `snapshot` (which covers every update up to `upToSeq`)
   * and deletes those updates. A snapshot never moves backwards: an older `upToSeq` is ignored.
   */
  compactDoc(proposalId: string, snapshot: Uint8Array, upToSeq: number): Promise<void>;
}
