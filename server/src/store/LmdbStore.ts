import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { VenueCounts } from '@ideasphere/shared';
import { open, type Database, type RootDatabase } from 'lmdb';
import { LMDB_ACCOUNT_DATABASES, LmdbAccounts } from './LmdbAccounts.js';
import { LMDB_LIVE_LINK_DATABASES, LmdbLiveLinks } from './LmdbLiveLinks.js';
import { LMDB_NOTIFICATION_DATABASES, LmdbNotifications } from './LmdbNotifications.js';
import { LMDB_PROFILE_DATABASES, LmdbProfiles } from './LmdbProfiles.js';
import { LMDB_CHALLENGE_DATABASES, LmdbChallenges } from './LmdbChallenges.js';
import { LMDB_AGREEMENT_DATABASES, LmdbAgreements } from './LmdbAgreements.js';
import { LMDB_RESPONSE_DATABASES, LmdbResponses } from './LmdbResponses.js';
import { LMDB_AWARD_DATABASES, LmdbAwards } from './LmdbAwards.js';
import { LMDB_BOARD_DATABASES, LmdbBoard } from './LmdbBoard.js';
import { LMDB_CHANGE_LOG_DATABASES, LmdbChangeLog } from './LmdbChangeLog.js';
import { LMDB_PROPOSAL_DATABASES, LmdbProposals } from './LmdbProposals.js';
import { LMDB_POLL_DATABASES, LmdbPolls } from './LmdbPolls.js';
import { LMDB_TEMPLATE_DATABASES, LmdbTemplates } from './LmdbTemplates.js';
import { LMDB_QA_DATABASES, LmdbQa } from './LmdbQa.js';
import { LMDB_PIPELINE_DATABASES, LmdbPipeline } from './LmdbPipeline.js';
import { LMDB_REVIEW_DATABASES, LmdbReviews } from './LmdbReviews.js';
import {
  copySettings,
  fromStoredParticipant,
  fromStoredSession,
  prefixRange,
  toStoredParticipant,
  toStoredSession,
  writeDurably,
  type ScopedKey,
  type StoredParticipant,
  type StoredSession,
} from './lmdbRecords.js';
import { SESSION_CACHE_MAX, SessionRecordCache } from './SessionRecordCache.js';
import { applyStageChange, type StageChange, type StageOutcome } from './stageRules.js';
import {
  type ChangesSince,
  StoreConflictError,
  type ParticipantPatch,
  type ParticipantRecord,
  type PhotoRecord,
  type SessionPatch,
  type SessionRecord,
  type Store,
} from './Store.js';

type StoredPhoto = PhotoRecord;

/**
 * The embedded default store, on LMDB: one memory-mapped environment with a sub-database per
 * record type. Every read goes to the map except session records, which the process that
 * changes them keeps (`SessionRecordCache`, forgotten after each of its writes): another
 * process on the same directory sees this one's commits at once, but this one would not see a
 * session changed by another (the server is the only writer; `sessionCacheMax: 0` reads every
 * time). The live idea board's half (ideas, votes, reactions, clusters) is in `LmdbBoard`;
 * on-disk shapes and the durable write helper are in `lmdbRecords`.
 */
export class LmdbStore implements Store {
  readonly kind = 'lmdb' as const;
  private closing: Promise<void> | null = null;
  /** Proposal co-authoring records and Yjs document logs (see LmdbProposals). */
  readonly proposals: LmdbProposals;
  /** Accounts, organisations and their links (see LmdbAccounts). */
  readonly accounts: LmdbAccounts;
  /** Live sessions of accounts, and participants they kept (see LmdbLiveLinks). */
  readonly liveLinks: LmdbLiveLinks;
  /** The notification centre (see LmdbNotifications). */
  readonly notifications: LmdbNotifications;
  /** Profiles of people and organisations (see LmdbProfiles). */
  readonly profiles: LmdbProfiles;
  /** The field taxonomy, challenges and their questions (see LmdbChallenges). */
  readonly challenges: LmdbChallenges;
  /** Electronic agreements and their audit trails (see LmdbAgreements). */
  readonly agreements: LmdbAgreements;
  /** Responses to challenges (see LmdbResponses). */
  readonly responses: LmdbResponses;
  /** Award programmes and nominations (see LmdbAwards). */
  readonly awards: LmdbAwards;
  /** Audience Q&A (see LmdbQa). */
  readonly qa: LmdbQa;
  /** The stage pipeline (see LmdbPipeline). */
  readonly pipeline: LmdbPipeline;
  /** Review rounds, scorecards, decisions (see LmdbReviews). */
  readonly reviews: LmdbReviews;
  /** Live polls (see LmdbPolls). */
  readonly polls: LmdbPolls;
  /** Session templates (see LmdbTemplates). */
  readonly templates: LmdbTemplates;

  private constructor(
    private readonly env: RootDatabase,
    private readonly sessions: Database<StoredSession, string>,
    /** join code → session id */
    private readonly codes: Database<string, string>,
    private readonly participants: Database<StoredParticipant, ScopedKey>,
    /** [sessionId, tokenHash] → participant id */
    private readonly tokens: Database<string, ScopedKey>,
    private readonly photos: Database<StoredPhoto, ScopedKey>,
    /** session id → participants not removed, kept in the same transactions as joins and removals */
    private readonly participantCounts: Database<number, string>,
    /** [sessionId, venueId] → participants not removed, kept in the same transactions as joins and removals */
    private readonly venueCounts: Database<number, ScopedKey>,
    /** [sessionId, deviceHash] → the removed participant; written in the removal's transaction */
    private readonly removedDevices: Database<string, ScopedKey>,
    /** Versions and the change log, shared with the board (see LmdbChangeLog). */
    private readonly log: LmdbChangeLog,
    /** The live idea board's records (see LmdbBoard). */
    readonly board: LmdbBoard,
    private readonly sessionCache: SessionRecordCache,
  ) {
    this.proposals = new LmdbProposals(env);
    this.accounts = new LmdbAccounts(env);
    this.liveLinks = new LmdbLiveLinks(env);
    this.notifications = new LmdbNotifications(env);
    this.profiles = new LmdbProfiles(env);
    this.challenges = new LmdbChallenges(env);
    this.agreements = new LmdbAgreements(env);
    this.responses = new LmdbResponses(env);
    this.awards = new LmdbAwards(env);
    this.qa = new LmdbQa(env, log);
    this.pipeline = new LmdbPipeline(env);
    this.reviews = new LmdbReviews(env);
    this.polls = new LmdbPolls(env);
    this.templates = new LmdbTemplates(env);
  }

  async sessionVersion(sessionId: string): Promise<number> {
    return this.log.version(sessionId);
  }

  async changesSince(sessionId: string, since: number, limit: number): Promise<ChangesSince> {
    return this.log.changesSince(sessionId, since, limit);
  }

  /**
   * Opens (creating if needed) the store in `dir`, as the file `ideasphere.mdb` there.
   * `sessionCacheMax`: session records kept in this process (0: none, every read from the map).
   */
  static async open(dir: string, options: { changeLogKept?: number; sessionCacheMax?: number } = {}): Promise<LmdbStore> {
    await mkdir(dir, { recursive: true });
    // Default sync settings on purpose: no noSync / noMetaSync, so commits reach the disk.
    const env = open({
      path: path.join(dir, 'ideasphere.mdb'),
      maxDbs: 9 + LMDB_BOARD_DATABASES + LMDB_PROPOSAL_DATABASES + LMDB_CHANGE_LOG_DATABASES + LMDB_ACCOUNT_DATABASES + LMDB_LIVE_LINK_DATABASES + LMDB_NOTIFICATION_DATABASES + LMDB_PROFILE_DATABASES + LMDB_CHALLENGE_DATABASES + LMDB_AGREEMENT_DATABASES + LMDB_RESPONSE_DATABASES + LMDB_QA_DATABASES + LMDB_PIPELINE_DATABASES + LMDB_REVIEW_DATABASES + LMDB_AWARD_DATABASES + LMDB_POLL_DATABASES + LMDB_TEMPLATE_DATABASES,
    });
    const log = new LmdbChangeLog(env, options.changeLogKept);
    return new LmdbStore(
      env,
      env.openDB<StoredSession, string>({ name: 'sessions' }),
      env.openDB<string, string>({ name: 'sessionCodes' }),
      env.openDB<StoredParticipant, ScopedKey>({ name: 'participants' }),
      env.openDB<string, ScopedKey>({ name: 'participantTokens' }),
      env.openDB<StoredPhoto, ScopedKey>({ name: 'photos' }),
      env.openDB<number, string>({ name: 'participantCounts' }),
      env.openDB<number, ScopedKey>({ name: 'venueCounts' }),
      env.openDB<string, ScopedKey>({ name: 'removedDevices' }),
      log,
      new LmdbBoard(env, log),
      new SessionRecordCache(options.sessionCacheMax ?? SESSION_CACHE_MAX),
    );
  }

  async createSession(session: SessionRecord): Promise<void> {
    // Checks and writes run inside one write transaction, which LMDB serialises across
    // threads and processes, so two creators can never both pass the checks.
    const conflict = await this.write(() => {
      if (this.sessions.doesExist(session.id)) return `session id ${session.id}`;
      if (this.codes.doesExist(session.code)) return `join code ${session.code}`;
      this.sessions.putSync(session.id, toStoredSession(session));
      this.codes.putSync(session.code, session.id);
      return null;
    });
    if (conflict) throw new StoreConflictError(conflict);
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    const cached = this.sessionCache.get(id);
    if (cached) return cached;
    const generation = this.sessionCache.generation();
    const stored = this.sessions.get(id);
    return stored ? this.sessionCache.remember(fromStoredSession(stored), generation) : null;
  }

  async getSessionByCode(code: string): Promise<SessionRecord | null> {
    const id = this.sessionCache.idOf(code) ?? this.codes.get(code);
    return id === undefined ? null : this.getSession(id);
  }

  async updateSession(id: string, patch: SessionPatch): Promise<SessionRecord | null> {
    return this.writeSession(id, () => {
      const stored = this.sessions.get(id);
      if (!stored) return null;
      // Through the record, so a session from before the board is stored whole from now on.
      const next: SessionRecord = { ...fromStoredSession(stored), ...definedSessionFields(patch), updatedAt: new Date() };
      this.sessions.putSync(id, toStoredSession(next));
      this.log.appendSync(id, [{ kind: 'session' }]);
      return next;
    });
  }

  async changeStage(sessionId: string, change: StageChange, now: Date): Promise<StageOutcome> {
    // Read, check and write in one write transaction: two changes never overwrite each other.
    return this.writeSession(sessionId, (): StageOutcome => {
      const stored = this.sessions.get(sessionId);
      if (!stored) return { ok: false, reason: 'session_not_found' };
      const outcome = applyStageChange(fromStoredSession(stored), change, now);
      if (outcome.ok) {
        this.sessions.putSync(sessionId, toStoredSession(outcome.session));
        this.log.appendSync(sessionId, [{ kind: 'session' }]);
      }
      return outcome;
    });
  }

  async addParticipant(participant: ParticipantRecord): Promise<void> {
    const key: ScopedKey = [participant.sessionId, participant.id];
    const tokenKey: ScopedKey = [participant.sessionId, participant.tokenHash];
    const conflict = await this.write(() => {
      if (this.participants.doesExist(key)) return `participant id ${participant.id}`;
      if (this.tokens.doesExist(tokenKey)) return 'participant token';
      // Counted before the write: the fallback scan must not see the new participant yet.
      const before = this.activeCount(participant.sessionId);
      this.participants.putSync(key, toStoredParticipant(participant));
      this.tokens.putSync(tokenKey, participant.id);
      this.log.appendSync(participant.sessionId, [{ kind: 'participant', id: participant.id }]);
      if (participant.removedAt === null) {
        this.participantCounts.putSync(participant.sessionId, before + 1);
        this.addToVenueCount(participant.sessionId, participant.venueId, 1);
      }
      return null;
    });
    if (conflict) throw new StoreConflictError(conflict);
  }

  async getParticipant(sessionId: string, participantId: string): Promise<ParticipantRecord | null> {
    const stored = this.participants.get([sessionId, participantId]);
    return stored ? fromStoredParticipant(stored) : null;
  }

  async getParticipantByTokenHash(sessionId: string, tokenHash: string): Promise<ParticipantRecord | null> {
    // One read snapshot for both lookups, so the index and the record agree.
    const transaction = this.env.useReadTransaction();
    try {
      const id = this.tokens.get([sessionId, tokenHash], { transaction });
      if (id === undefined) return null;
      const stored = this.participants.get([sessionId, id], { transaction });
      return stored ? fromStoredParticipant(stored) : null;
    } finally {
      transaction.done();
    }
  }

  async listParticipants(sessionId: string, options: { after?: string; limit: number }): Promise<ParticipantRecord[]> {
    const result: ParticipantRecord[] = [];
    if (options.limit <= 0) return result;
    const range = this.participants.getRange({
      start: options.after === undefined ? [sessionId] : [sessionId, options.after],
      exclusiveStart: options.after !== undefined,
      end: prefixRange(sessionId).end,
    });
    // Keys sort by participant id, and ids sort by join time: this is join order. The range is
    // lazy, so stopping at `limit` reads only as far as needed (plus removed ones skipped).
    for (const { value } of range) {
      if (value.removedAt !== null) continue;
      result.push(fromStoredParticipant(value));
      if (result.length >= options.limit) break;
    }
    return result;
  }

  async countParticipants(sessionId: string): Promise<number> {
    return this.activeCount(sessionId);
  }

  /**
   * Participants not removed: the maintained counter (one read per join, not a scan of the
   * whole session), or a scan for a session stored before the counter existed.
   */
  private activeCount(sessionId: string): number {
    const counted = this.participantCounts.get(sessionId);
    if (counted !== undefined) return counted;
    let count = 0;
    for (const { value } of this.participants.getRange(prefixRange(sessionId))) {
      if (value.removedAt === null) count++;
    }
    return count;
  }

  async countParticipantsByVenue(sessionId: string): Promise<VenueCounts> {
    const counts: VenueCounts = {};
    for (const { key, value } of this.venueCounts.getRange(prefixRange(sessionId))) {
      if (value > 0) counts[key[1]] = value;
    }
    return counts;
  }

  /**
   * Inside a write transaction only. Participants stored before venues have none and count in
   * no venue; venue counters start with the venues, so none needs a fallback scan.
   */
  private addToVenueCount(sessionId: string, venueId: string | null, change: number): void {
    if (venueId === null) return;
    const key: ScopedKey = [sessionId, venueId];
    this.venueCounts.putSync(key, Math.max(0, (this.venueCounts.get(key) ?? 0) + change));
  }

  async updateParticipant(sessionId: string, participantId: string, patch: ParticipantPatch): Promise<ParticipantRecord | null> {
    const key: ScopedKey = [sessionId, participantId];
    const updated = await this.write(() => {
      const stored = this.participants.get(key);
      if (!stored) return null;
      const next: StoredParticipant = { ...stored };
      if (patch.name !== undefined) next.name = patch.name;
      if (patch.photoVersion !== undefined) next.photoVersion = patch.photoVersion;
      if (patch.removedAt !== undefined) next.removedAt = patch.removedAt === null ? null : patch.removedAt.getTime();
      if (patch.faceHidden !== undefined) next.faceHidden = patch.faceHidden;
      if (patch.photoConsentAt !== undefined) next.photoConsentAt = patch.photoConsentAt === null ? null : patch.photoConsentAt.getTime();
      const change = (stored.removedAt === null ? 1 : 0) - (next.removedAt === null ? 1 : 0);
      if (change !== 0) {
        this.participantCounts.putSync(sessionId, this.activeCount(sessionId) - change);
        this.addToVenueCount(sessionId, stored.venueId ?? null, -change);
      }
      if (change === 1 && stored.deviceHash) this.removedDevices.putSync([sessionId, stored.deviceHash], participantId);
      this.participants.putSync(key, next);
      this.log.appendSync(sessionId, [{ kind: 'participant', id: participantId }]);
      return next;
    });
    return updated ? fromStoredParticipant(updated) : null;
  }

  async getParticipantsByIds(sessionId: string, ids: readonly string[]): Promise<ParticipantRecord[]> {
    const transaction = this.env.useReadTransaction();
    try {
      const found: ParticipantRecord[] = [];
      for (const id of new Set(ids)) {
        const stored = this.participants.get([sessionId, id], { transaction });
        if (stored) found.push(fromStoredParticipant(stored));
      }
      return found;
    } finally {
      transaction.done();
    }
  }

  async isDeviceRemoved(sessionId: string, deviceHash: string): Promise<boolean> {
    return this.removedDevices.doesExist([sessionId, deviceHash]);
  }

  async putPhoto(sessionId: string, participantId: string, photo: PhotoRecord): Promise<void> {
    await this.write(() => {
      this.photos.putSync([sessionId, participantId], { mime: photo.mime, version: photo.version, bytes: photo.bytes });
    });
  }

  async getPhoto(sessionId: string, participantId: string): Promise<PhotoRecord | null> {
    const stored = this.photos.get([sessionId, participantId]);
    if (!stored) return null;
    // A copy: the decoder may hand out a Buffer view, and callers get a plain Uint8Array.
    return { mime: stored.mime, version: stored.version, bytes: new Uint8Array(stored.bytes) };
  }

  async deletePhoto(sessionId: string, participantId: string): Promise<void> {
    await this.write(() => {
      this.photos.removeSync([sessionId, participantId]);
    });
  }

  async ping(): Promise<boolean> {
    if (this.closing) return false;
    try {
      this.sessions.getKeysCount({ limit: 1 });
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.closing ??= (async () => {
      await this.env.flushed;
      await this.env.close();
    })();
    return this.closing;
  }

  /** See {@link writeDurably}: check, then write, in one durable write transaction. */
  private write<T>(action: () => T): Promise<T> {
    return writeDurably(this.env, action);
  }

  /**
   * A write to a session record: the cached record is forgotten once the write has committed
   * (or failed), before the writer hears of it, so whoever reads after the change reads it.
   */
  private async writeSession<T>(id: string, action: () => T): Promise<T> {
    try {
      return await this.write(action);
    } finally {
      this.sessionCache.forget(id);
    }
  }
}

/** Only the fields the patch sets: an explicit undefined leaves a field alone. */
function definedSessionFields(patch: SessionPatch): SessionPatch {
  const fields: SessionPatch = {};
  if (patch.title !== undefined) fields.title = patch.title;
  if (patch.description !== undefined) fields.description = patch.description;
  if (patch.language !== undefined) fields.language = patch.language;
  if (patch.phase !== undefined) fields.phase = patch.phase;
  if (patch.phaseEndsAt !== undefined) fields.phaseEndsAt = patch.phaseEndsAt;
  if (patch.settings !== undefined) fields.settings = copySettings(patch.settings);
  if (patch.facilitatorTokenHash !== undefined) fields.facilitatorTokenHash = patch.facilitatorTokenHash;
  if (patch.screenTokenHash !== undefined) fields.screenTokenHash = patch.screenTokenHash;
  return fields;
}
