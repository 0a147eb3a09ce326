import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import {
  StoreConflictError,
  type ParticipantPatch,
  type ParticipantRecord,
  type PhotoRecord,
  type SessionPatch,
  type SessionRecord,
  type Store,
} from './Store.js';

/** A session on disk: dates as epoch milliseconds so the encoding never decides their type. */
interface StoredSession extends Omit<SessionRecord, 'createdAt' | 'updatedAt'> {
  createdAt: number;
  updatedAt: number;
}

interface StoredParticipant extends Omit<ParticipantRecord, 'joinedAt' | 'removedAt'> {
  joinedAt: number;
  removedAt: number | null;
}

type StoredPhoto = PhotoRecord;

/** Keys of the per-session sub-databases: [sessionId, participantId or tokenHash]. */
type SessionScopedKey = [string, string];

/**
 * Sorts after every id and token hash we generate (both are ASCII), so
 * `[sessionId, SCOPE_END]` closes a range scan over one session's keys.
 */
const SCOPE_END = '\uffff';

/**
 * The embedded default store, on LMDB: one memory-mapped environment with a sub-database per
 * record type. Nothing is cached in this process — every read goes to the map — so several
 * processes on one machine may open the same directory and see each other's commits.
 */
export class LmdbStore implements Store {
  readonly kind = 'lmdb' as const;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly env: RootDatabase,
    private readonly sessions: Database<StoredSession, string>,
    /** join code → session id */
    private readonly codes: Database<string, string>,
    private readonly participants: Database<StoredParticipant, SessionScopedKey>,
    /** [sessionId, tokenHash] → participant id */
    private readonly tokens: Database<string, SessionScopedKey>,
    private readonly photos: Database<StoredPhoto, SessionScopedKey>,
  ) {}

  /** Opens (creating if needed) the store in `dir`, as the file `ideasphere.mdb` there. */
  static async open(dir: string): Promise<LmdbStore> {
    await mkdir(dir, { recursive: true });
    // Default sync settings on purpose: no noSync / noMetaSync, so commits reach the disk.
    const env = open({ path: path.join(dir, 'ideasphere.mdb'), maxDbs: 8 });
    return new LmdbStore(
      env,
      env.openDB<StoredSession, string>({ name: 'sessions' }),
      env.openDB<string, string>({ name: 'sessionCodes' }),
      env.openDB<StoredParticipant, SessionScopedKey>({ name: 'participants' }),
      env.openDB<string, SessionScopedKey>({ name: 'participantTokens' }),
      env.openDB<StoredPhoto, SessionScopedKey>({ name: 'photos' }),
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
    const stored = this.sessions.get(id);
    return stored ? fromStoredSession(stored) : null;
  }

  async getSessionByCode(code: string): Promise<SessionRecord | null> {
    const id = this.codes.get(code);
    return id === undefined ? null : this.getSession(id);
  }

  async updateSession(id: string, patch: SessionPatch): Promise<SessionRecord | null> {
    const updated = await this.write(() => {
      const stored = this.sessions.get(id);
      if (!stored) return null;
      const next: StoredSession = { ...stored, ...definedSessionFields(patch), updatedAt: Date.now() };
      this.sessions.putSync(id, next);
      return next;
    });
    return updated ? fromStoredSession(updated) : null;
  }

  async addParticipant(participant: ParticipantRecord): Promise<void> {
    const key: SessionScopedKey = [participant.sessionId, participant.id];
    const tokenKey: SessionScopedKey = [participant.sessionId, participant.tokenHash];
    const conflict = await this.write(() => {
      if (this.participants.doesExist(key)) return `participant id ${participant.id}`;
      if (this.tokens.doesExist(tokenKey)) return 'participant token';
      this.participants.putSync(key, toStoredParticipant(participant));
      this.tokens.putSync(tokenKey, participant.id);
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
      end: [sessionId, SCOPE_END],
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
    let count = 0;
    for (const { value } of this.participants.getRange({ start: [sessionId], end: [sessionId, SCOPE_END] })) {
      if (value.removedAt === null) count++;
    }
    return count;
  }

  async updateParticipant(sessionId: string, participantId: string, patch: ParticipantPatch): Promise<ParticipantRecord | null> {
    const key: SessionScopedKey = [sessionId, participantId];
    const updated = await this.write(() => {
      const stored = this.participants.get(key);
      if (!stored) return null;
      const next: StoredParticipant = { ...stored };
      if (patch.name !== undefined) next.name = patch.name;
      if (patch.photoVersion !== undefined) next.photoVersion = patch.photoVersion;
      if (patch.removedAt !== undefined) next.removedAt = patch.removedAt === null ? null : patch.removedAt.getTime();
      this.participants.putSync(key, next);
      return next;
    });
    return updated ? fromStoredParticipant(updated) : null;
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

  /**
   * Runs `action` in a write transaction and resolves once the commit is on disk. LMDB's
   * promise resolves at commit (visible to readers); with overlapping sync, the fsync follows
   * later, so we also wait for `flushed` to keep the Store's "acknowledged = durable" promise.
   * Actions check before they write and never throw, because lmdb batches several queued
   * actions into one transaction and a throw would not undo writes already made.
   */
  private async write<T>(action: () => T): Promise<T> {
    const result = await this.env.transaction(action);
    await this.env.flushed;
    return result;
  }
}

function definedSessionFields(patch: SessionPatch): SessionPatch {
  const fields: SessionPatch = {};
  if (patch.title !== undefined) fields.title = patch.title;
  if (patch.description !== undefined) fields.description = patch.description;
  if (patch.language !== undefined) fields.language = patch.language;
  return fields;
}

function toStoredSession(session: SessionRecord): StoredSession {
  return { ...session, createdAt: session.createdAt.getTime(), updatedAt: session.updatedAt.getTime() };
}

function fromStoredSession(stored: StoredSession): SessionRecord {
  return { ...stored, createdAt: new Date(stored.createdAt), updatedAt: new Date(stored.updatedAt) };
}

function toStoredParticipant(participant: ParticipantRecord): StoredParticipant {
  return {
    ...participant,
    joinedAt: participant.joinedAt.getTime(),
    removedAt: participant.removedAt === null ? null : participant.removedAt.getTime(),
  };
}

function fromStoredParticipant(stored: StoredParticipant): ParticipantRecord {
  return {
    ...stored,
    joinedAt: new Date(stored.joinedAt),
    removedAt: stored.removedAt === null ? null : new Date(stored.removedAt),
  };
}
