import type { Ballot, BoardSettings, IdeaStatus, Language, Phase, Reaction, VenueCounts } from '@ideasphere/shared';
import type { CeremonyRecord, StageChange, StageOutcome, VenueRecord } from './stageRules.js';
import type { ProposalStore } from './ProposalStore.js';
import type { AccountStore } from './AccountStore.js';
import type { LiveLinkStore } from './LiveLinkStore.js';
import type { NotificationStore } from './NotificationStore.js';
import type { ProfileStore } from './ProfileStore.js';
import type { ChallengeStore } from './ChallengeStore.js';
import type { AgreementStore } from './AgreementStore.js';
import type { ResponseStore } from './ResponseStore.js';
import type { QaStore } from './QaStore.js';
import type { PipelineStore } from './PipelineStore.js';
import type { ReviewStore } from './ReviewStore.js';
import type { AwardStore } from './AwardStore.js';
import type { PollStore } from './PollStore.js';
import type { TemplateStore } from './TemplateStore.js';

export type { CeremonyRecord, StageChange, StageOutcome, VenueRecord } from './stageRules.js';

/**
 * What one change touched, as the change log keeps it: what a client catching up must read
 * again (an idea's record, its tallies, a cluster, a participant, or the session itself).
 */
/**
 * What one change touched. `tally` is an idea's vote count, `reaction` its reaction counts: kept
 * apart so audiences that may not see vote counts yet are not even told which idea got a vote.
 * (Logs written before `reaction` existed record reactions as `tally`.)
 */
export type ChangeRef =
  | { kind: 'idea' | 'tally' | 'reaction' | 'cluster' | 'participant'; id: string }
  | { kind: 'session' }
  | QaChangeRef;

/**
 * What a Q&A change touched: a question's record, its upvote count, a track, or the Q&A
 * settings. The board's readers of the log skip these, the Q&A's read only these.
 */
export type QaChangeRef = { kind: 'question' | 'upvote' | 'track'; id: string } | { kind: 'qaSettings' };

/** The changes after a version, oldest first; `compacted` when the log no longer reaches back so far. */
export type ChangesSince = { kind: 'changes'; version: number; refs: ChangeRef[] } | { kind: 'compacted'; version: number };

/** A live session as stored. Secrets are kept only as SHA-256 hashes. */
export interface SessionRecord {
  id: string;
  code: string;
  title: string;
  description: string;
  language: Language;
  facilitatorTokenHash: string;
  screenTokenHash: string;
  /** Live board: current phase, its countdown end, and the facilitator's settings. */
  phase: Phase;
  phaseEndsAt: Date | null;
  settings: BoardSettings;
  /** At least one; changed only through `Store.changeStage`. */
  venues: VenueRecord[];
  /** The join ceremony; changed only through `Store.changeStage`. */
  ceremony: CeremonyRecord;
  createdAt: Date;
  updatedAt: Date;
}

/** The fields of a session that may change after creation. */
export type SessionPatch = Partial<
  Pick<SessionRecord, 'title' | 'description' | 'language' | 'phase' | 'phaseEndsAt' | 'settings' | 'facilitatorTokenHash' | 'screenTokenHash'>
>;

/** A participant as stored. `id` sorts by join time (see `newId`). */
export interface ParticipantRecord {
  id: string;
  sessionId: string;
  name: string;
  tokenHash: string;
  /** Changes whenever the photo changes; null without a photo. */
  photoVersion: string | null;
  joinedAt: Date;
  /** Set when a facilitator removed the participant: their token no longer works. */
  removedAt: Date | null;
  /** The venue recorded at join; null for participants stored before venues existed. */
  venueId: string | null;
  /** The facilitator hid this face from every screen. */
  faceHidden: boolean;
  /** When the participant consented to showing the current photo; null without a photo. */
  photoConsentAt: Date | null;
  /**
   * Hash of the browser's device cookie at join: removing the participant keeps that browser
   * out of the session. Null for participants stored before removals held.
   */
  deviceHash: string | null;
}

export type ParticipantPatch = Partial<Pick<ParticipantRecord, 'name' | 'photoVersion' | 'removedAt' | 'faceHidden' | 'photoConsentAt'>>;

/** A participant's photo: already validated bytes. */
export interface PhotoRecord {
  mime: string;
  bytes: Uint8Array;
  version: string;
}

/** An idea as stored. `id` sorts by submission time. */
export interface IdeaRecord {
  id: string;
  sessionId: string;
  /** The participant who submitted it. */
  authorId: string;
  /** The submitting phone's id for it: unique per (session, author), makes retries idempotent. */
  clientId: string;
  title: string;
  detail: string;
  category: string | null;
  status: IdeaStatus;
  pinned: boolean;
  clusterId: string | null;
  /** Set when merged into another idea: it leaves the board, its votes moved to the target. */
  mergedInto: string | null;
  /** Every author, the submitter first; merges add the source's authors. */
  authorIds: string[];
  createdAt: Date;
  updatedAt: Date;
  /** Soft delete, so a facilitator can undo. */
  deletedAt: Date | null;
}

export type IdeaPatch = Partial<Pick<IdeaRecord, 'title' | 'detail' | 'category' | 'status' | 'pinned' | 'clusterId' | 'deletedAt'>>;

export interface ClusterRecord {
  id: string;
  sessionId: string;
  name: string;
  createdAt: Date;
}

/** An idea's votes and reaction counts (zero counts omitted). */
export interface IdeaTally {
  votes: number;
  reactions: Partial<Record<Reaction, number>>;
}

/** Why a vote was refused; nothing was stored. */
export type VoteRefusal = 'budget_exceeded' | 'idea_limit_exceeded' | 'idea_unavailable' | 'own_idea';

/** What `setVote` checks besides the idea being votable. */
export interface VoteLimits {
  budget: number;
  maxPerIdea: number;
  /** Refuse raising the votes on an idea the voter is an author of (submitter or by a merge). */
  forbidOwn?: boolean;
}

export type VoteOutcome =
  | { ok: true; ballot: Ballot; ideaVotes: number }
  | { ok: false; reason: VoteRefusal; ballot: Ballot };

/** Thrown when a unique key (join code, participant id, token) is already taken. */
export class StoreConflictError extends Error {
  constructor(readonly key: string) {
    super(`duplicate key: ${key}`);
    this.name = 'StoreConflictError';
  }
}

/**
 * The system of record. Every method resolves only after the change is durable, so an
 * acknowledged write survives a crash. Two implementations: `LmdbStore` (embedded default)
 * and `MongoStore` (production, via Mongoose); `store.contract.ts` tests both alike.
 */
export interface Store {
  readonly kind: 'lmdb' | 'mongodb';

  /** Inserts a session; throws StoreConflictError if its id or code is taken. */
  createSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | null>;
  getSessionByCode(code: string): Promise<SessionRecord | null>;
  /** Applies the patch and returns the new record, or null when the session does not exist. */
  updateSession(id: string, patch: SessionPatch): Promise<SessionRecord | null>;
  /**
   * Atomically applies one change to a session's venues or ceremony (see `applyStageChange`):
   * two facilitators adding venues at once both land, and the venue limit holds.
   */
  changeStage(sessionId: string, change: StageChange, now: Date): Promise<StageOutcome>;

  /** Inserts a participant; throws StoreConflictError if its id or token hash is taken. */
  addParticipant(participant: ParticipantRecord): Promise<void>;
  getParticipant(sessionId: string, participantId: string): Promise<ParticipantRecord | null>;
  getParticipantByTokenHash(sessionId: string, tokenHash: string): Promise<ParticipantRecord | null>;
  /** Participants not removed, oldest first, strictly after the `after` id, at most `limit`. */
  listParticipants(sessionId: string, options: { after?: string; limit: number }): Promise<ParticipantRecord[]>;
  /** Number of participants not removed. */
  countParticipants(sessionId: string): Promise<number>;
  /** Participants not removed, per venue id (venues without any may be left out). */
  countParticipantsByVenue(sessionId: string): Promise<VenueCounts>;
  updateParticipant(sessionId: string, participantId: string, patch: ParticipantPatch): Promise<ParticipantRecord | null>;

  /** The participants with these ids (missing ones left out), in any order. */
  getParticipantsByIds(sessionId: string, ids: readonly string[]): Promise<ParticipantRecord[]>;
  /**
   * Whether a participant who joined from this browser (`deviceHash`) was removed from the
   * session: such a browser may not join it again. Kept in the same write as the removal.
   */
  isDeviceRemoved(sessionId: string, deviceHash: string): Promise<boolean>;

  /**
   * The session's version: every change of the session, its roster or its board (ideas,
   * tallies, clusters) moves it on by one, in the same write as the change (MongoDB: just
   * before it), so a client that holds version v has seen every change up to v.
   */
  sessionVersion(sessionId: string): Promise<number>;
  /**
   * What changed after version `since`, oldest first; `compacted` when the log no longer
   * reaches back so far, or more than `limit` changes were made since.
   */
  changesSince(sessionId: string, since: number, limit: number): Promise<ChangesSince>;

  putPhoto(sessionId: string, participantId: string, photo: PhotoRecord): Promise<void>;
  getPhoto(sessionId: string, participantId: string): Promise<PhotoRecord | null>;
  deletePhoto(sessionId: string, participantId: string): Promise<void>;

  /** The live idea board's records (ideas, votes, reactions, clusters). */
  readonly board: BoardStore;
  /** Proposal co-authoring: proposals, members, comments, versions, Yjs document logs. */
  readonly proposals: ProposalStore;
  /** The platform: accounts, their sessions and one-time links, organisations, memberships. */
  readonly accounts: AccountStore;
  /** Live sessions accounts created, and phone participants they kept. */
  readonly liveLinks: LiveLinkStore;
  /** The platform's notification centre. */
  readonly notifications: NotificationStore;
  /** Profiles of people and organisations. */
  readonly profiles: ProfileStore;
  /** Challenges (demand docking): the field taxonomy, challenges and their questions. */
  readonly challenges: ChallengeStore;
  /** Electronic agreements, their documents and audit trails. */
  readonly agreements: AgreementStore;
  /** Responses to challenges: teams, status and submissions (their documents are proposals). */
  readonly responses: ResponseStore;
  /** Award programmes (with their categories) and nominations. */
  readonly awards: AwardStore;
  /** Audience Q&A: tracks, questions, upvotes (see QaStore). */
  readonly qa: QaStore;
  /** The stage pipeline: items, their moves and milestones, each organisation's stage names and gates. */
  readonly pipeline: PipelineStore;
  /** Review rounds, scorecards and decisions (see ReviewStore). */
  readonly reviews: ReviewStore;
  /** Live polls and their answers (see PollStore). */
  readonly polls: PollStore;
  /** Organisers' session templates (see TemplateStore). */
  readonly templates: TemplateStore;

  /** Reports whether the store can serve requests (for `/healthz`). */
  ping(): Promise<boolean>;
  /** Flushes pending writes and releases the store. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * The live idea board part of the store. Each store keeps it in a class of its own
 * (`LmdbBoard`, `MongoBoard`) and exposes it as `store.board`.
 */
export interface ListIdeasOptions {
  /** The last id of the previous page: the listing goes on past it. */
  after?: string;
  limit: number;
  newestFirst?: boolean;
}

export interface BoardStore {
  /**
   * Inserts an idea unless the author already submitted one with the same clientId, in which
   * case the stored one is returned with `created: false` (an idempotent retry).
   */
  addIdea(idea: IdeaRecord): Promise<{ idea: IdeaRecord; created: boolean }>;
  getIdea(sessionId: string, ideaId: string): Promise<IdeaRecord | null>;
  /** The ideas with these ids (unknown ids left out), in no particular order. */
  getIdeas(sessionId: string, ideaIds: readonly string[]): Promise<IdeaRecord[]>;
  /**
   * Ideas of a session, at most `limit`, all statuses: oldest first and strictly after `after`,
   * or with `newestFirst` newest first and strictly before `after` (what a board shows first).
   */
  listIdeas(sessionId: string, options: ListIdeasOptions): Promise<IdeaRecord[]>;
  /** One author's ideas (as submitter; every status), oldest first: a range read, not a scan. */
  listIdeasByAuthor(sessionId: string, authorId: string): Promise<IdeaRecord[]>;
  /** Number of ideas in a session (every status, deleted ones too). */
  countIdeas(sessionId: string): Promise<number>;
  updateIdea(sessionId: string, ideaId: string, patch: IdeaPatch): Promise<IdeaRecord | null>;
  /**
   * Atomically merges `sourceId` into `targetId`: the source gets `mergedInto`, the target gains
   * the source's authors, and every vote on the source moves to the target (in each ballot and
   * in the totals). Returns the updated target, or null when either idea is missing, deleted or
   * already merged, or the target is not visible (hidden, held, pending): see `isMergeTarget`.
   */
  mergeIdeas(sessionId: string, sourceId: string, targetId: string): Promise<IdeaRecord | null>;

  /**
   * Atomically sets a participant's votes on one idea to `count`, refusing (and storing
   * nothing) when their ballot would exceed `budget`, the idea would exceed `maxPerIdea` (only
   * when raising), or the idea is not votable (missing, deleted, merged, not visible). Lowering
   * or keeping a count is never refused for the limits, even when limits lowered since leave
   * the ballot above them: it can only bring it back within. An unvotable idea refuses any
   * count, withdrawing included. With `forbidOwn`, raising the votes on an idea whose authors
   * (read in the same transaction, so a merge cannot slip past) include the voter is refused
   * (`own_idea`); lowering them is not. Refusals are checked in that order (see `voteRefusal`).
   */
  setVote(sessionId: string, participantId: string, ideaId: string, count: number, limits: VoteLimits): Promise<VoteOutcome>;
  getBallot(sessionId: string, participantId: string): Promise<Ballot>;
  /**
   * Votes and reaction counts of just these ideas (zero counts for ideas without any): one
   * read per idea, so presenting a few ideas never scans the whole board.
   */
  talliesOf(sessionId: string, ideaIds: readonly string[]): Promise<Record<string, IdeaTally>>;
  /** Vote totals of every idea with at least one vote. */
  voteTotals(sessionId: string): Promise<Record<string, number>>;
  /** Number of participants with at least one vote, and votes in all. */
  voteStats(sessionId: string): Promise<{ voters: number; votes: number }>;

  /**
   * Toggles one emoji of a participant on an idea; returns theirs and the idea's counts. For an
   * idea that does not exist nothing is stored and both come back empty.
   */
  toggleReaction(
    sessionId: string,
    participantId: string,
    ideaId: string,
    emoji: Reaction,
  ): Promise<{ mine: Reaction[]; counts: Partial<Record<Reaction, number>> }>;
  /** Reaction counts of every idea with at least one reaction. */
  reactionTotals(sessionId: string): Promise<Record<string, Partial<Record<Reaction, number>>>>;
  /** A participant's reactions: idea id → emoji given. */
  reactionsOf(sessionId: string, participantId: string): Promise<Record<string, Reaction[]>>;

  /** Throws StoreConflictError on a duplicate id. */
  addCluster(cluster: ClusterRecord): Promise<void>;
  /** Oldest first by `createdAt` (ties by id). */
  listClusters(sessionId: string): Promise<ClusterRecord[]>;
  renameCluster(sessionId: string, clusterId: string, name: string): Promise<ClusterRecord | null>;
  /** Deletes the cluster and un-groups its ideas atomically; returns the ids of those ideas. */
  deleteCluster(sessionId: string, clusterId: string): Promise<string[] | null>;
}
