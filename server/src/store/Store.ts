import type { Language } from '@ideasphere/shared';

/** A live session as stored. Secrets are kept only as SHA-256 hashes. */
export interface SessionRecord {
  id: string;
  code: string;
  title: string;
  description: string;
  language: Language;
  facilitatorTokenHash: string;
  screenTokenHash: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The fields of a session that may change after creation. */
export type SessionPatch = Partial<Pick<SessionRecord, 'title' | 'description' | 'language'>>;

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
}

export type ParticipantPatch = Partial<Pick<ParticipantRecord, 'name' | 'photoVersion' | 'removedAt'>>;

/** A participant's photo: already validated bytes. */
export interface PhotoRecord {
  mime: string;
  bytes: Uint8Array;
  version: string;
}

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

  /** Inserts a participant; throws StoreConflictError if its id or token hash is taken. */
  addParticipant(participant: ParticipantRecord): Promise<void>;
  getParticipant(sessionId: string, participantId: string): Promise<ParticipantRecord | null>;
  getParticipantByTokenHash(sessionId: string, tokenHash: string): Promise<ParticipantRecord | null>;
  /** Participants not removed, oldest first, strictly after the `after` id, at most `limit`. */
  listParticipants(sessionId: string, options: { after?: string; limit: number }): Promise<ParticipantRecord[]>;
  /** Number of participants not removed. */
  countParticipants(sessionId: string): Promise<number>;
  updateParticipant(sessionId: string, participantId: string, patch: ParticipantPatch): Promise<ParticipantRecord | null>;

  putPhoto(sessionId: string, participantId: string, photo: PhotoRecord): Promise<void>;
  getPhoto(sessionId: string, participantId: string): Promise<PhotoRecord | null>;
  deletePhoto(sessionId: string, participantId: string): Promise<void>;

  /** Reports whether the store can serve requests (for `/healthz`). */
  ping(): Promise<boolean>;
  /** Flushes pending writes and releases the store. Safe to call twice. */
  close(): Promise<void>;
}
