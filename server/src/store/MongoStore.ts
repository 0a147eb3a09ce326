import { setTimeout as delay } from 'node:timers/promises';
import type { VenueCounts } from '@ideasphere/shared';
import mongoose, { type Connection } from 'mongoose';
import { redactUriSecret } from './maskUri.js';
import { MongoAccounts } from './MongoAccounts.js';
import { MongoLiveLinks } from './MongoLiveLinks.js';
import { MongoNotifications } from './MongoNotifications.js';
import { MongoProfiles } from './MongoProfiles.js';
import { MongoChallenges } from './MongoChallenges.js';
import { MongoAgreements } from './MongoAgreements.js';
import { MongoResponses } from './MongoResponses.js';
import { MongoPipeline } from './MongoPipeline.js';
import { MongoReviews } from './MongoReviews.js';
import { MongoAwards } from './MongoAwards.js';
import { MongoPolls } from './MongoPolls.js';
import { MongoTemplates } from './MongoTemplates.js';
import { MongoQa } from './MongoQa.js';
import { MongoBoard } from './MongoBoard.js';
import { MongoChangeLog } from './MongoChangeLog.js';
import { MongoProposals } from './MongoProposals.js';
import {
  compileModels,
  buildModelIndexes,
  DURABLE_WRITES,
  mapConflicts,
  toParticipantRecord,
  toSessionRecord,
  type Models,
  type ParticipantDoc,
  type SessionDoc,
} from './mongoModels.js';
import { applyStageChange, type StageChange, type StageOutcome } from './stageRules.js';
import type {
  ChangesSince,
  ParticipantPatch,
  ParticipantRecord,
  PhotoRecord,
  SessionPatch,
  SessionRecord,
  Store,
} from './Store.js';

/** Options for {@link MongoStore.connect}. */
export interface MongoConnectOptions {
  log?: (msg: string) => void;
  /** Connection attempts before giving up (default 6: about a minute of retrying). */
  maxAttempts?: number;
  /** Database to use instead of the one named in the URI (tests use one per run). */
  dbName?: string;
}

/** Compare-and-swap rounds of `changeStage` before giving up (only facilitators race here). */
const STAGE_CHANGE_ATTEMPTS = 20;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * The production store, on MongoDB through Mongoose. It owns its connection (never the global
 * default one), writes with majority + journal acknowledgement so a resolved write survives a
 * primary failover or crash, and leaves uniqueness to unique indexes built at connect.
 *
 * MongoDB must run as a replica set — a single-node replica set (`mongod --replSet rs0`, then
 * `rs.initiate()` once) is fine. The live board's atomic changes (votes, merges, reactions,
 * cluster deletion; see MongoBoard) use multi-document transactions, which a standalone
 * server refuses.
 */
export class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  private closing: Promise<void> | null = null;
  private readonly sessions: Models['sessions'];
  private readonly participants: Models['participants'];
  private readonly photos: Models['photos'];
  private readonly models: Models;
  /** Versions and the change log (see MongoChangeLog). */
  private readonly log: MongoChangeLog;
  /** The live idea board's records (see MongoBoard). */
  readonly board: MongoBoard;
  /** Proposal co-authoring records and Yjs document logs (see MongoProposals). */
  readonly proposals: MongoProposals;
  /** Accounts, organisations and their links (see MongoAccounts). */
  readonly accounts: MongoAccounts;
  /** Live sessions of accounts, and participants they kept (see MongoLiveLinks). */
  readonly liveLinks: MongoLiveLinks;
  /** The notification centre (see MongoNotifications). */
  readonly notifications: MongoNotifications;
  /** Profiles (see MongoProfiles). */
  readonly profiles: MongoProfiles;
  /** The field taxonomy, challenges and their questions (see MongoChallenges). */
  readonly challenges: MongoChallenges;
  /** Electronic agreements and their audit trails (see MongoAgreements). */
  readonly agreements: MongoAgreements;
  /** Responses to challenges (see MongoResponses). */
  readonly responses: MongoResponses;
  /** Review rounds, scorecards, decisions (see MongoReviews). */
  readonly reviews: MongoReviews;
  /** Award programmes and nominations (see MongoAwards). */
  readonly awards: MongoAwards;
  /** Audience Q&A (see MongoQa). */
  readonly qa: MongoQa;
  /** The stage pipeline (see MongoPipeline). */
  readonly pipeline: MongoPipeline;
  /** Live polls (see MongoPolls). */
  readonly polls: MongoPolls;
  /** Session templates (see MongoTemplates). */
  readonly templates: MongoTemplates;

  private constructor(
    private readonly connection: Connection,
    log: (msg: string) => void,
    uri: string,
  ) {
    const models = compileModels(connection);
    this.sessions = models.sessions;
    this.participants = models.participants;
    this.photos = models.photos;
    this.models = models;
    this.log = new MongoChangeLog(connection, models.sessions);
    this.board = new MongoBoard(connection, models, this.log);
    this.proposals = new MongoProposals(connection);
    this.accounts = new MongoAccounts(connection);
    this.liveLinks = new MongoLiveLinks(connection);
    this.notifications = new MongoNotifications(connection);
    this.profiles = new MongoProfiles(connection);
    this.challenges = new MongoChallenges(connection);
    this.agreements = new MongoAgreements(connection);
    this.responses = new MongoResponses(connection);
    this.reviews = new MongoReviews(connection);
    this.awards = new MongoAwards(connection);
    this.qa = new MongoQa(connection, this.log);
    this.pipeline = new MongoPipeline(connection);
    this.polls = new MongoPolls(connection);
    this.templates = new MongoTemplates(connection);
    // Mongoose emits 'error' only when someone listens; from here on, log instead of crash.
    connection.on('error', (error: unknown) => log(`mongodb: ${redactUriSecret(errorMessage(error), uri)}`));
    connection.on('disconnected', () => {
      if (!this.closing) log('mongodb: disconnected; the driver keeps trying to reconnect');
    });
    connection.on('reconnected', () => log('mongodb: reconnected'));
  }

  /**
   * Connects with exponential backoff (1 s, 2 s, 4 s … capped at 30 s) so the server can start
   * before its database is reachable, then builds the indexes the store relies on.
   */
  static async connect(uri: string, options: MongoConnectOptions = {}): Promise<MongoStore> {
    const log = options.log ?? (() => undefined);
    const maxAttempts = Math.max(1, options.maxAttempts ?? 6);
    for (let attempt = 1; ; attempt++) {
      const connection = mongoose.createConnection(uri, {
        ...(options.dbName === undefined ? {} : { dbName: options.dbName }),
        // Fail fast instead of queueing operations while disconnected: callers get an error.
        bufferCommands: false,
        // Indexes are built explicitly below, so a failure surfaces here rather than later.
        autoIndex: false,
        autoCreate: false,
        serverSelectionTimeoutMS: 5_000,
        writeConcern: DURABLE_WRITES,
      });
      try {
        await connection.asPromise();
      } catch (error) {
        await connection.close(true).catch(() => undefined);
        const message = redactUriSecret(errorMessage(error), uri);
        if (isConfigurationError(error) || attempt >= maxAttempts) {
          throw new Error(`mongodb: connect failed after ${attempt} attempt(s): ${message}`, { cause: error });
        }
        const waitMs = Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), MAX_RETRY_MS);
        log(`mongodb: connect attempt ${attempt} failed: ${message}; retrying in ${waitMs / 1000}s`);
        await delay(waitMs);
        continue;
      }
      const store = new MongoStore(connection, log, uri);
      try {
        await store.buildIndexes();
      } catch (error) {
        await store.close();
        throw error;
      }
      return store;
    }
  }

  async createSession(session: SessionRecord): Promise<void> {
    const doc: SessionDoc = {
      _id: session.id,
      code: session.code,
      title: session.title,
      description: session.description,
      language: session.language,
      facilitatorTokenHash: session.facilitatorTokenHash,
      screenTokenHash: session.screenTokenHash,
      phase: session.phase,
      phaseEndsAt: session.phaseEndsAt,
      settings: session.settings,
      venues: session.venues,
      ceremony: session.ceremony,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
    };
    await mapConflicts(() => this.sessions.create(doc));
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    const doc = await this.sessions.findById(id).lean<SessionDoc>().exec();
    return doc ? toSessionRecord(doc) : null;
  }

  async getSessionByCode(code: string): Promise<SessionRecord | null> {
    const doc = await this.sessions.findOne({ code }).lean<SessionDoc>().exec();
    return doc ? toSessionRecord(doc) : null;
  }

  async updateSession(id: string, patch: SessionPatch): Promise<SessionRecord | null> {
    const set: Partial<SessionDoc> = { updatedAt: new Date() };
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.language !== undefined) set.language = patch.language;
    if (patch.phase !== undefined) set.phase = patch.phase;
    if (patch.phaseEndsAt !== undefined) set.phaseEndsAt = patch.phaseEndsAt;
    if (patch.settings !== undefined) set.settings = patch.settings;
    if (patch.facilitatorTokenHash !== undefined) set.facilitatorTokenHash = patch.facilitatorTokenHash;
    if (patch.screenTokenHash !== undefined) set.screenTokenHash = patch.screenTokenHash;
    await this.log.append(id, [{ kind: 'session' }]);
    const doc = await this.sessions
      .findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' })
      .lean<SessionDoc>()
      .exec();
    return doc ? toSessionRecord(doc) : null;
  }

  async changeStage(sessionId: string, change: StageChange, now: Date): Promise<StageOutcome> {
    await this.log.append(sessionId, [{ kind: 'session' }]);
    // Optimistic: read, apply the same rules as LMDB, write only if nobody changed the stage in
    // between (stageRevision unchanged; `null` also matches a session that never had one).
    for (let attempt = 0; attempt < STAGE_CHANGE_ATTEMPTS; attempt++) {
      const doc = await this.sessions.findById(sessionId).lean<SessionDoc>().exec();
      if (!doc) return { ok: false, reason: 'session_not_found' };
      const outcome = applyStageChange(toSessionRecord(doc), change, now);
      if (!outcome.ok) return outcome;
      const { venues, ceremony, updatedAt } = outcome.session;
      const result = await this.sessions
        .updateOne(
          { _id: sessionId, stageRevision: doc.stageRevision ?? null },
          { $set: { venues, ceremony, updatedAt, stageRevision: (doc.stageRevision ?? 0) + 1 } },
        )
        .exec();
      if (result.modifiedCount === 1) return outcome;
    }
    throw new Error(`changeStage: session ${sessionId} kept changing under ${STAGE_CHANGE_ATTEMPTS} attempts`);
  }

  async addParticipant(participant: ParticipantRecord): Promise<void> {
    await this.log.append(participant.sessionId, [{ kind: 'participant', id: participant.id }]);
    const doc: ParticipantDoc = {
      _id: participant.id,
      sessionId: participant.sessionId,
      name: participant.name,
      tokenHash: participant.tokenHash,
      photoVersion: participant.photoVersion,
      joinedAt: participant.joinedAt,
      removedAt: participant.removedAt,
      venueId: participant.venueId,
      faceHidden: participant.faceHidden,
      photoConsentAt: participant.photoConsentAt,
      deviceHash: participant.deviceHash,
    };
    await mapConflicts(() => this.participants.create(doc));
  }

  async isDeviceRemoved(sessionId: string, deviceHash: string): Promise<boolean> {
    // Derived from the participants themselves: the removal and the ban are one write.
    const found = await this.participants.exists({ sessionId, deviceHash, removedAt: { $ne: null } }).exec();
    return found !== null;
  }

  async getParticipant(sessionId: string, participantId: string): Promise<ParticipantRecord | null> {
    const doc = await this.participants.findOne({ _id: participantId, sessionId }).lean<ParticipantDoc>().exec();
    return doc ? toParticipantRecord(doc) : null;
  }

  async getParticipantByTokenHash(sessionId: string, tokenHash: string): Promise<ParticipantRecord | null> {
    const doc = await this.participants.findOne({ sessionId, tokenHash }).lean<ParticipantDoc>().exec();
    return doc ? toParticipantRecord(doc) : null;
  }

  async listParticipants(sessionId: string, options: { after?: string; limit: number }): Promise<ParticipantRecord[]> {
    if (options.limit <= 0) return [];
    const docs = await this.participants
      .find({ sessionId, removedAt: null, ...(options.after === undefined ? {} : { _id: { $gt: options.after } }) })
      .sort({ _id: 1 })
      .limit(options.limit)
      .lean<ParticipantDoc[]>()
      .exec();
    return docs.map(toParticipantRecord);
  }

  async countParticipants(sessionId: string): Promise<number> {
    return this.participants.countDocuments({ sessionId, removedAt: null }).exec();
  }

  async countParticipantsByVenue(sessionId: string): Promise<VenueCounts> {
    const groups = await this.participants
      .aggregate<{ _id: string | null; count: number }>([
        { $match: { sessionId, removedAt: null } },
        { $group: { _id: '$venueId', count: { $sum: 1 } } },
      ])
      .exec();
    const counts: VenueCounts = {};
    for (const group of groups) if (typeof group._id === 'string') counts[group._id] = group.count;
    return counts;
  }

  async updateParticipant(sessionId: string, participantId: string, patch: ParticipantPatch): Promise<ParticipantRecord | null> {
    const set: Partial<ParticipantDoc> = {};
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.photoVersion !== undefined) set.photoVersion = patch.photoVersion;
    if (patch.removedAt !== undefined) set.removedAt = patch.removedAt;
    if (patch.faceHidden !== undefined) set.faceHidden = patch.faceHidden;
    if (patch.photoConsentAt !== undefined) set.photoConsentAt = patch.photoConsentAt;
    // MongoDB rejects an empty $set; an empty patch is just a read.
    if (Object.keys(set).length === 0) return this.getParticipant(sessionId, participantId);
    await this.log.append(sessionId, [{ kind: 'participant', id: participantId }]);
    const doc = await this.participants
      .findOneAndUpdate({ _id: participantId, sessionId }, { $set: set }, { returnDocument: 'after' })
      .lean<ParticipantDoc>()
      .exec();
    return doc ? toParticipantRecord(doc) : null;
  }

  async getParticipantsByIds(sessionId: string, ids: readonly string[]): Promise<ParticipantRecord[]> {
    if (ids.length === 0) return [];
    const docs = await this.participants
      .find({ sessionId, _id: { $in: [...new Set(ids)] } })
      .lean<ParticipantDoc[]>()
      .exec();
    return docs.map(toParticipantRecord);
  }

  async putPhoto(sessionId: string, participantId: string, photo: PhotoRecord): Promise<void> {
    // An upsert on the unique key: the server retries a racing duplicate-key upsert itself.
    const bytes = Buffer.from(photo.bytes.buffer, photo.bytes.byteOffset, photo.bytes.byteLength);
    await this.photos
      .updateOne(
        { sessionId, participantId },
        { $set: { mime: photo.mime, version: photo.version, bytes } },
        { upsert: true },
      )
      .exec();
  }

  async getPhoto(sessionId: string, participantId: string): Promise<PhotoRecord | null> {
    // Hydrated, not lean: Mongoose turns the stored BinData into a Buffer, which lean would not.
    const doc = await this.photos.findOne({ sessionId, participantId }).exec();
    if (!doc) return null;
    return { mime: doc.mime, version: doc.version, bytes: new Uint8Array(doc.bytes) };
  }

  async deletePhoto(sessionId: string, participantId: string): Promise<void> {
    await this.photos.deleteOne({ sessionId, participantId }).exec();
  }

  async sessionVersion(sessionId: string): Promise<number> {
    return this.log.version(sessionId);
  }

  async changesSince(sessionId: string, since: number, limit: number): Promise<ChangesSince> {
    return this.log.changesSince(sessionId, since, limit);
  }

  async ping(): Promise<boolean> {
    const db = this.connection.db;
    if (this.closing || !db) return false;
    try {
      const reply = await db.command({ ping: 1 });
      return reply['ok'] === 1;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.closing ??= this.connection.close();
    return this.closing;
  }

  /**
   * Creates the collections and makes their indexes match the schemas. The unique indexes
   * carry the store's conflict guarantees, so the store must not serve requests without them.
   * Creating every collection up front also keeps transactions from having to create one.
   */
  private async buildIndexes(): Promise<void> {
    await buildModelIndexes(this.models);
    await this.proposals.buildIndexes();
    await this.accounts.buildIndexes();
    await this.liveLinks.buildIndexes();
    await this.notifications.buildIndexes();
    await this.profiles.buildIndexes();
    await this.challenges.buildIndexes();
    await this.agreements.buildIndexes();
    await this.responses.buildIndexes();
    await this.reviews.buildIndexes();
    await this.awards.buildIndexes();
    await this.qa.buildIndexes();
    await this.pipeline.buildIndexes();
    await this.polls.buildIndexes();
    await this.templates.buildIndexes();
  }
}

/**
 * A malformed URI or option will not get better by waiting. Matched by name: the URI parser
 * (mongodb-connection-string-url) throws its own MongoParseError class, not the driver's.
 */
function isConfigurationError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'MongoParseError' || error.name === 'MongoInvalidArgumentError');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
