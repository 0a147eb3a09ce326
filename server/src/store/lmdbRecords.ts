import { defaultBoardSettings, type BoardSettings, type Phase } from '@ideasphere/shared';
import type { RootDatabase } from 'lmdb';
import { initialCeremony, legacyVenue, type CeremonyRecord, type VenueRecord } from './stageRules.js';
import type { ClusterRecord, IdeaRecord, ParticipantRecord, SessionRecord } from './Store.js';

/*
 * How LmdbStore lays records out on disk. Dates are epoch milliseconds so the encoding never
 * decides their type. Keys are arrays that start with the session id, so one session's
 * records sit together and a range scan reads them.
 */

/** [sessionId, id] */
export type ScopedKey = [string, string];
/** [sessionId, participantId or authorId, id] */
export type ScopedPairKey = [string, string, string];

/**
 * Sorts after every id and token hash we generate (all ASCII), so `[sessionId, SCOPE_END]`
 * closes a range scan over one session's keys, and `[sessionId, participantId, SCOPE_END]`
 * over one participant's. Never put emoji in a key: their UTF-8 sorts after this.
 */
export const SCOPE_END = '\uffff';

/** The range of every key that starts with `prefix`. */
export function prefixRange(...prefix: string[]): { start: string[]; end: string[] } {
  return { start: prefix, end: [...prefix, SCOPE_END] };
}

export interface StoredVenue extends Omit<VenueRecord, 'createdAt'> {
  createdAt: number;
}

export interface StoredCeremony extends Omit<CeremonyRecord, 'changedAt'> {
  changedAt: number;
}

export interface StoredSession
  extends Omit<SessionRecord, 'createdAt' | 'updatedAt' | 'phase' | 'phaseEndsAt' | 'settings' | 'venues' | 'ceremony'> {
  createdAt: number;
  updatedAt: number;
  // Absent on sessions written before the live board existed; read as the defaults.
  phase?: Phase;
  phaseEndsAt?: number | null;
  settings?: BoardSettings;
  // Absent on sessions written before venues and the ceremony existed.
  venues?: StoredVenue[];
  ceremony?: StoredCeremony;
}

export interface StoredParticipant
  extends Omit<ParticipantRecord, 'joinedAt' | 'removedAt' | 'venueId' | 'faceHidden' | 'photoConsentAt' | 'deviceHash'> {
  joinedAt: number;
  removedAt: number | null;
  // Absent on participants written before venues and the ceremony existed.
  venueId?: string | null;
  faceHidden?: boolean;
  photoConsentAt?: number | null;
  // Absent on participants written before removals held.
  deviceHash?: string | null;
}

export interface StoredIdea extends Omit<IdeaRecord, 'createdAt' | 'updatedAt' | 'deletedAt'> {
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export interface StoredCluster extends Omit<ClusterRecord, 'createdAt'> {
  createdAt: number;
}

/**
 * Runs `action` in a write transaction and resolves once the commit is on disk. LMDB's
 * promise resolves at commit (visible to readers); with overlapping sync, the fsync follows
 * later, so we also wait for `flushed` to keep the Store's "acknowledged = durable" promise.
 * Actions check before they write and never throw, because lmdb batches several queued
 * actions into one transaction and a throw would not undo writes already made. LMDB runs one
 * write transaction at a time across threads and processes, so what an action reads cannot
 * change before its writes land.
 */
export async function writeDurably<T>(env: RootDatabase, action: () => T): Promise<T> {
  const result = await env.transaction(action);
  await env.flushed;
  return result;
}

export function toStoredSession(session: SessionRecord): StoredSession {
  return {
    ...session,
    phaseEndsAt: session.phaseEndsAt === null ? null : session.phaseEndsAt.getTime(),
    settings: copySettings(session.settings),
    venues: session.venues.map((venue) => ({ ...venue, createdAt: venue.createdAt.getTime() })),
    ceremony: { ...session.ceremony, changedAt: session.ceremony.changedAt.getTime() },
    createdAt: session.createdAt.getTime(),
    updatedAt: session.updatedAt.getTime(),
  };
}

export function fromStoredSession(stored: StoredSession): SessionRecord {
  return {
    ...stored,
    phase: stored.phase ?? 'collect',
    phaseEndsAt: stored.phaseEndsAt === undefined || stored.phaseEndsAt === null ? null : new Date(stored.phaseEndsAt),
    // Over the defaults, so settings added in a later version read with their default.
    settings: { ...defaultBoardSettings(), ...stored.settings },
    venues:
      stored.venues && stored.venues.length > 0
        ? stored.venues.map((venue) => ({ ...venue, createdAt: new Date(venue.createdAt) }))
        : [legacyVenue(stored.id, stored.language, new Date(stored.createdAt))],
    ceremony: stored.ceremony
      ? { ...stored.ceremony, changedAt: new Date(stored.ceremony.changedAt) }
      : initialCeremony(new Date(stored.createdAt)),
    createdAt: new Date(stored.createdAt),
    updatedAt: new Date(stored.updatedAt),
  };
}

/** A copy that shares no arrays with the caller's object. */
export function copySettings(settings: BoardSettings): BoardSettings {
  // Over the defaults, like a read: a stored record holds every setting, also one a caller
  // built before that setting existed.
  const full: BoardSettings = { ...defaultBoardSettings(), ...settings };
  return {
    ...full,
    categories: [...full.categories],
    bannedWords: [...full.bannedWords],
    hiddenWords: [...full.hiddenWords],
    proposalTemplate: full.proposalTemplate.map((section) => ({ ...section })),
  };
}

export function toStoredParticipant(participant: ParticipantRecord): StoredParticipant {
  return {
    ...participant,
    joinedAt: participant.joinedAt.getTime(),
    removedAt: participant.removedAt === null ? null : participant.removedAt.getTime(),
    photoConsentAt: participant.photoConsentAt === null ? null : participant.photoConsentAt.getTime(),
  };
}

export function fromStoredParticipant(stored: StoredParticipant): ParticipantRecord {
  return {
    ...stored,
    joinedAt: new Date(stored.joinedAt),
    removedAt: stored.removedAt === null ? null : new Date(stored.removedAt),
    venueId: stored.venueId ?? null,
    faceHidden: stored.faceHidden ?? false,
    photoConsentAt: stored.photoConsentAt === undefined || stored.photoConsentAt === null ? null : new Date(stored.photoConsentAt),
    deviceHash: stored.deviceHash ?? null,
  };
}

export function toStoredIdea(idea: IdeaRecord): StoredIdea {
  return {
    ...idea,
    authorIds: [...idea.authorIds],
    createdAt: idea.createdAt.getTime(),
    updatedAt: idea.updatedAt.getTime(),
    deletedAt: idea.deletedAt === null ? null : idea.deletedAt.getTime(),
  };
}

export function fromStoredIdea(stored: StoredIdea): IdeaRecord {
  return {
    ...stored,
    createdAt: new Date(stored.createdAt),
    updatedAt: new Date(stored.updatedAt),
    deletedAt: stored.deletedAt === null ? null : new Date(stored.deletedAt),
  };
}

export function fromStoredCluster(stored: StoredCluster): ClusterRecord {
  return { ...stored, createdAt: new Date(stored.createdAt) };
}
