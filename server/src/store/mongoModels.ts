import { Schema, type Connection, type Model } from 'mongoose';
import {
  defaultBoardSettings,
  REACTIONS,
  type BoardSettings,
  type Reaction,
} from '@ideasphere/shared';
import { initialCeremony, legacyVenue, type CeremonyRecord, type VenueRecord } from './stageRules.js';
import { StoreConflictError, type ClusterRecord, type IdeaRecord, type ParticipantRecord, type SessionRecord } from './Store.js';

/*
 * How MongoStore lays records out: one collection per record type, ids as `_id`, and the
 * indexes every query of the store relies on.
 */

/** A record as a document: the same fields, its id as `_id`. Every document type derives from its record. */
export type AsDoc<R extends { id: string }> = Omit<R, 'id'> & { _id: string };

/** Fields that documents written by an older version lack; they are read with their defaults. */
type Legacy<D, K extends keyof D> = Omit<D, K> & Partial<Pick<D, K>>;

export type SessionDoc = Legacy<
  AsDoc<SessionRecord>,
  // Absent on sessions written before the live board (phase, settings) or venues and the ceremony.
  'phase' | 'phaseEndsAt' | 'settings' | 'venues' | 'ceremony'
> & {
  /** Bumped by every `changeStage`: its compare-and-swap key. Absent until the first change. */
  stageRevision?: number;
  /** The session's version (see MongoChangeLog); absent until its first change. */
  version?: number;
};

/** Absent on participants written before venues and the ceremony, or before removals held. */
export type ParticipantDoc = Legacy<AsDoc<ParticipantRecord>, 'venueId' | 'faceHidden' | 'photoConsentAt' | 'deviceHash'>;

export interface PhotoDoc {
  sessionId: string;
  participantId: string;
  mime: string;
  version: string;
  bytes: Buffer;
}

export type IdeaDoc = AsDoc<IdeaRecord> & {
  /**
   * Votes on the idea from every ballot, changed in the same transaction as the ballots. Every
   * vote writes this document, which is also what makes a vote conflict with a concurrent
   * merge, hide or delete of the idea (MongoDB aborts one of two transactions that write the
   * same document; `withTransaction` retries it).
   */
  votes: number;
  /** Reaction counts, indexed like REACTIONS (an emoji is a poor field name). */
  reactionCounts: number[];
};

export interface BallotEntry {
  ideaId: string;
  count: number;
}

/**
 * One document per participant holding all their votes: a vote rewrites it, so two votes of
 * one participant in parallel conflict and one retries, and neither can overspend the budget.
 */
export interface BallotDoc {
  sessionId: string;
  participantId: string;
  /** Only ideas with votes. */
  votes: BallotEntry[];
  /** Sum of `votes`, for voteStats. */
  total: number;
}

export interface ReactionDoc {
  sessionId: string;
  participantId: string;
  ideaId: string;
  /** In REACTIONS order; the document is deleted rather than left empty. */
  emoji: Reaction[];
}

export type ClusterDoc = AsDoc<ClusterRecord>;

/**
 * Acknowledged by a majority of the replica set and in its journal: an acknowledged write then
 * survives a crash or a failover. Set once on the client, which every collection and every
 * transaction commit inherits. Not on the schemas: Mongoose copies only `w`/`j` from a schema's
 * write concern into each operation, which would silently drop `journal`.
 */
export const DURABLE_WRITES = { w: 'majority', journal: true } as const;

const boardSettingsSchema = new Schema<BoardSettings>(
  {
    anonymous: { type: Boolean, required: true },
    preModeration: { type: Boolean, required: true },
    voteBudget: { type: Number, required: true },
    maxVotesPerIdea: { type: Number, required: true },
    categories: { type: [String], default: [] },
    bannedWords: { type: [String], default: [] },
    proposalTemplate: { type: [{ _id: false, key: String, heading: String }], default: [] },
    participantsMayPropose: { type: Boolean, default: false },
    joiningOpen: { type: Boolean, default: true },
    hideVotesUntilResults: { type: Boolean, default: false },
    forbidOwnVotes: { type: Boolean, default: false },
    hiddenWords: { type: [String], default: [] },
  },
  { _id: false },
);

const venueSchema = new Schema<VenueRecord>(
  {
    id: { type: String, required: true },
    name: { type: String, default: '' },
    view: { type: String, required: true },
    // May be '' (a venue from before venue screen links): not `required`.
    screenTokenHash: { type: String, default: '' },
    createdAt: { type: Date, required: true },
  },
  { _id: false },
);

const ceremonySchema = new Schema<CeremonyRecord>(
  {
    stage: { type: String, required: true },
    message: { type: String, default: null },
    view: { type: String, required: true },
    changedAt: { type: Date, required: true },
  },
  { _id: false },
);

// No `required` on free text: Mongoose treats '' as missing, and the services validate input.
const sessionSchema = new Schema<SessionDoc>(
  {
    _id: { type: String, required: true },
    code: { type: String, required: true },
    title: { type: String, default: '' },
    description: { type: String, default: '' },
    language: { type: String, required: true },
    facilitatorTokenHash: { type: String, required: true },
    screenTokenHash: { type: String, required: true },
    phase: { type: String },
    phaseEndsAt: { type: Date },
    settings: { type: boardSettingsSchema },
    venues: { type: [venueSchema], default: undefined },
    ceremony: { type: ceremonySchema },
    stageRevision: { type: Number },
    /** The session's version (see MongoChangeLog); absent until its first change. */
    version: { type: Number },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'sessions', versionKey: false },
);
sessionSchema.index({ code: 1 }, { unique: true });

const participantSchema = new Schema<ParticipantDoc>(
  {
    _id: { type: String, required: true },
    sessionId: { type: String, required: true },
    name: { type: String, default: '' },
    tokenHash: { type: String, required: true },
    photoVersion: { type: String, default: null },
    joinedAt: { type: Date, required: true },
    removedAt: { type: Date, default: null },
    venueId: { type: String, default: null },
    faceHidden: { type: Boolean, default: false },
    photoConsentAt: { type: Date, default: null },
    deviceHash: { type: String, default: null },
  },
  { collection: 'participants', versionKey: false },
);
// Whether a removed participant joined from this browser (the removal holds).
participantSchema.index({ sessionId: 1, deviceHash: 1, removedAt: 1 });
participantSchema.index({ sessionId: 1, tokenHash: 1 }, { unique: true });
// Serves both the page query (equality on sessionId and removedAt, range and sort on _id) and
// the count of present participants.
participantSchema.index({ sessionId: 1, removedAt: 1, _id: 1 });
// Covers the per-venue count of present participants.
participantSchema.index({ sessionId: 1, removedAt: 1, venueId: 1 });

const photoSchema = new Schema<PhotoDoc>(
  {
    sessionId: { type: String, required: true },
    participantId: { type: String, required: true },
    mime: { type: String, required: true },
    version: { type: String, required: true },
    bytes: { type: Buffer, required: true },
  },
  { collection: 'photos', versionKey: false },
);
photoSchema.index({ sessionId: 1, participantId: 1 }, { unique: true });

const ideaSchema = new Schema<IdeaDoc>(
  {
    _id: { type: String, required: true },
    sessionId: { type: String, required: true },
    authorId: { type: String, required: true },
    clientId: { type: String, required: true },
    title: { type: String, default: '' },
    detail: { type: String, default: '' },
    category: { type: String, default: null },
    status: { type: String, required: true },
    pinned: { type: Boolean, default: false },
    clusterId: { type: String, default: null },
    mergedInto: { type: String, default: null },
    authorIds: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    deletedAt: { type: Date, default: null },
    votes: { type: Number, default: 0 },
    reactionCounts: { type: [Number], default: () => REACTIONS.map(() => 0) },
  },
  { collection: 'ideas', versionKey: false },
);
// Pages and counts of a session's ideas, in id (= submission) order.
ideaSchema.index({ sessionId: 1, _id: 1 });
// Makes a retried submission find its idea, and two racing retries store only one.
ideaSchema.index({ sessionId: 1, authorId: 1, clientId: 1 }, { unique: true });
// The ideas of a cluster, un-grouped when it is deleted.
ideaSchema.index({ sessionId: 1, clusterId: 1 });

const ballotEntrySchema = new Schema<BallotEntry>(
  { ideaId: { type: String, required: true }, count: { type: Number, required: true } },
  { _id: false },
);
const ballotSchema = new Schema<BallotDoc>(
  {
    sessionId: { type: String, required: true },
    participantId: { type: String, required: true },
    votes: { type: [ballotEntrySchema], default: [] },
    total: { type: Number, default: 0 },
  },
  { collection: 'ballots', versionKey: false },
);
ballotSchema.index({ sessionId: 1, participantId: 1 }, { unique: true });
// The ballots holding votes on one idea, for a merge.
ballotSchema.index({ sessionId: 1, 'votes.ideaId': 1 });

const reactionSchema = new Schema<ReactionDoc>(
  {
    sessionId: { type: String, required: true },
    participantId: { type: String, required: true },
    ideaId: { type: String, required: true },
    emoji: { type: [String], default: [] },
  },
  { collection: 'reactions', versionKey: false },
);
// Also serves reactionsOf (equality on the first two fields).
reactionSchema.index({ sessionId: 1, participantId: 1, ideaId: 1 }, { unique: true });

const clusterSchema = new Schema<ClusterDoc>(
  {
    _id: { type: String, required: true },
    sessionId: { type: String, required: true },
    name: { type: String, default: '' },
    createdAt: { type: Date, required: true },
  },
  { collection: 'clusters', versionKey: false },
);
clusterSchema.index({ sessionId: 1, createdAt: 1, _id: 1 });

/** Models bound to one connection, so two stores in a process never share state. */
export function compileModels(connection: Connection) {
  return {
    sessions: connection.model('Session', sessionSchema),
    participants: connection.model('Participant', participantSchema),
    photos: connection.model('Photo', photoSchema),
    ideas: connection.model('Idea', ideaSchema),
    ballots: connection.model('Ballot', ballotSchema),
    reactions: connection.model('Reaction', reactionSchema),
    clusters: connection.model('Cluster', clusterSchema),
  };
}
export type Models = ReturnType<typeof compileModels>;

/** Runs an insert, turning a unique-index violation (E11000) into a StoreConflictError. */
export async function mapConflicts(insert: () => Promise<unknown>): Promise<void> {
  try {
    await insert();
  } catch (error) {
    const fields = duplicateKeyFields(error);
    if (fields) throw new StoreConflictError(fields.length > 0 ? fields.join('+') : 'unique key');
    throw error;
  }
}

/**
 * The fields of the unique index a duplicate-key error (E11000) violated (empty when the
 * server did not say), or null for any other error. Checked by shape, not class: it may come
 * as MongoServerError or as a bulk-write error, and from whichever copy of the driver Mongoose
 * loaded.
 */
export function duplicateKeyFields(error: unknown): string[] | null {
  if (!isRecord(error) || error['code'] !== 11000) return null;
  const keyPattern = error['keyPattern'];
  return isRecord(keyPattern) ? Object.keys(keyPattern) : [];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function toSessionRecord(doc: SessionDoc): SessionRecord {
  return {
    id: doc._id,
    code: doc.code,
    title: doc.title,
    description: doc.description,
    language: doc.language,
    facilitatorTokenHash: doc.facilitatorTokenHash,
    screenTokenHash: doc.screenTokenHash,
    phase: doc.phase ?? 'collect',
    phaseEndsAt: doc.phaseEndsAt ?? null,
    // Over the defaults, so settings added in a later version read with their default.
    settings: { ...defaultBoardSettings(), ...doc.settings },
    venues:
      doc.venues && doc.venues.length > 0
        ? doc.venues.map((venue) => ({
            id: venue.id,
            name: venue.name,
            view: venue.view,
            screenTokenHash: venue.screenTokenHash ?? '',
            createdAt: venue.createdAt,
          }))
        : [legacyVenue(doc._id, doc.language, doc.createdAt)],
    ceremony: doc.ceremony
      ? { stage: doc.ceremony.stage, message: doc.ceremony.message ?? null, view: doc.ceremony.view, changedAt: doc.ceremony.changedAt }
      : initialCeremony(doc.createdAt),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export function toParticipantRecord(doc: ParticipantDoc): ParticipantRecord {
  return {
    id: doc._id,
    sessionId: doc.sessionId,
    name: doc.name,
    tokenHash: doc.tokenHash,
    photoVersion: doc.photoVersion ?? null,
    joinedAt: doc.joinedAt,
    removedAt: doc.removedAt ?? null,
    venueId: doc.venueId ?? null,
    faceHidden: doc.faceHidden ?? false,
    photoConsentAt: doc.photoConsentAt ?? null,
    deviceHash: doc.deviceHash ?? null,
  };
}

/** A new idea's document: no votes, no reactions. */
export function toIdeaDoc(idea: IdeaRecord): IdeaDoc {
  return {
    _id: idea.id,
    sessionId: idea.sessionId,
    authorId: idea.authorId,
    clientId: idea.clientId,
    title: idea.title,
    detail: idea.detail,
    category: idea.category,
    status: idea.status,
    pinned: idea.pinned,
    clusterId: idea.clusterId,
    mergedInto: idea.mergedInto,
    authorIds: [...idea.authorIds],
    createdAt: idea.createdAt,
    updatedAt: idea.updatedAt,
    deletedAt: idea.deletedAt,
    votes: 0,
    reactionCounts: REACTIONS.map(() => 0),
  };
}

export function toIdeaRecord(doc: IdeaDoc): IdeaRecord {
  return {
    id: doc._id,
    sessionId: doc.sessionId,
    authorId: doc.authorId,
    clientId: doc.clientId,
    title: doc.title,
    detail: doc.detail,
    category: doc.category ?? null,
    status: doc.status,
    pinned: doc.pinned,
    clusterId: doc.clusterId ?? null,
    mergedInto: doc.mergedInto ?? null,
    authorIds: [...doc.authorIds],
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    deletedAt: doc.deletedAt ?? null,
  };
}

export function toClusterRecord(doc: ClusterDoc): ClusterRecord {
  return { id: doc._id, sessionId: doc.sessionId, name: doc.name, createdAt: doc.createdAt };
}

/** Counts by emoji from REACTIONS-indexed counts; zeros (and gaps) left out. */
export function toReactionCounts(counts: readonly (number | null)[]): Partial<Record<Reaction, number>> {
  const result: Partial<Record<Reaction, number>> = {};
  REACTIONS.forEach((emoji, i) => {
    const count = counts[i] ?? 0;
    if (count > 0) result[emoji] = count;
  });
  return result;
}

/**
 * Creates each model's collection and makes its indexes match the schema. The unique indexes
 * carry the store's conflict guarantees, so a store must not serve requests without them;
 * creating every collection up front also keeps transactions from having to create one.
 */
export async function buildModelIndexes(models: Record<string, Pick<Model<unknown>, 'createCollection' | 'syncIndexes'>>): Promise<void> {
  for (const model of Object.values(models)) {
    await model.createCollection();
    await model.syncIndexes();
  }
}
