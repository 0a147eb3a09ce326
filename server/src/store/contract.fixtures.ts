import { randomBytes } from 'node:crypto';
import { defaultBoardSettings } from '@ideasphere/shared';
import { hashToken, newId, newToken } from '../ids.js';
import { initialCeremony } from './stageRules.js';
import type { ClusterRecord, IdeaRecord, ParticipantRecord, PhotoRecord, SessionRecord, Store, VenueRecord } from './Store.js';

/** A session as stored before the live board existed: no phase, countdown, settings, venues or ceremony. */
export type LegacySession = Omit<SessionRecord, 'phase' | 'phaseEndsAt' | 'settings' | 'venues' | 'ceremony'>;

/** How the contract gets stores of one implementation. */
export interface StoreHarness {
  /** A new, open store. */
  open(): Promise<Store>;
  /** The same data as `previous` (already closed), opened again as after a restart. */
  reopen(previous: Store): Promise<Store>;
  /** Writes a session in the pre-board format into `store`'s storage, bypassing the store. */
  writeLegacySession(store: Store, session: LegacySession): Promise<void>;
  /** Removes whatever `open` created (directories, databases). */
  cleanup?(): Promise<void>;
}

/** Join codes are unique per test run so tests sharing a store never collide. */
export function uniqueCode(): string {
  return `T${randomBytes(6).toString('hex').toUpperCase()}`;
}

/** A venue with a fresh id and screen secret. */
export function makeVenue(overrides: Partial<VenueRecord> = {}): VenueRecord {
  return {
    id: newId(),
    name: `Venue 会场 ${randomBytes(2).toString('hex')}`,
    view: 'ceremony',
    screenTokenHash: hashToken(newToken()),
    createdAt: new Date(Date.UTC(2024, 2, 3, 4, 5, 6, 789)),
    ...overrides,
  };
}

export function makeSession(overrides: Partial<SessionRecord> = {}): SessionRecord {
  // Dates in the past with milliseconds, so an update's new updatedAt is later and precision shows.
  const createdAt = new Date(Date.UTC(2024, 2, 3, 4, 5, 6, 789));
  return {
    id: newId(),
    code: uniqueCode(),
    title: 'Brainstorm 头脑风暴',
    description: '',
    language: 'en',
    facilitatorTokenHash: hashToken(newToken()),
    screenTokenHash: hashToken(newToken()),
    phase: 'collect',
    phaseEndsAt: null,
    settings: defaultBoardSettings(),
    venues: [makeVenue({ name: '主会场' }), makeVenue({ name: 'Sub-venue A' })],
    ceremony: initialCeremony(createdAt),
    createdAt,
    updatedAt: new Date(createdAt.getTime() + 1),
    ...overrides,
  };
}

export async function createdSession(store: Store, overrides: Partial<SessionRecord> = {}): Promise<SessionRecord> {
  const session = makeSession(overrides);
  await store.createSession(session);
  return session;
}

export function makeParticipant(sessionId: string, overrides: Partial<ParticipantRecord> = {}): ParticipantRecord {
  return {
    id: newId(),
    sessionId,
    name: `Participant ${randomBytes(2).toString('hex')}`,
    tokenHash: hashToken(newToken()),
    photoVersion: null,
    joinedAt: new Date(Date.UTC(2024, 2, 3, 4, 6, 0, 42)),
    removedAt: null,
    venueId: null,
    faceHidden: false,
    photoConsentAt: null,
    deviceHash: null,
    ...overrides,
  };
}

export async function addedParticipants(store: Store, sessionId: string, count: number): Promise<ParticipantRecord[]> {
  const participants = Array.from({ length: count }, () => makeParticipant(sessionId));
  for (const p of participants) await store.addParticipant(p);
  return participants;
}

/** Seven participants whose ids increase with their index, as joins one millisecond apart. */
export function sevenParticipants(sessionId: string): ParticipantRecord[] {
  const base = Date.now();
  return Array.from({ length: 7 }, (_, i) =>
    makeParticipant(sessionId, { id: newId(base + i), name: `P${i}`, joinedAt: new Date(base + i) }),
  );
}

export function makePhoto(): PhotoRecord {
  // Every byte value, so an encoding that mangles any of them shows.
  const bytes = new Uint8Array(512);
  for (let i = 0; i < bytes.length; i++) bytes[i] = i % 256;
  return { mime: 'image/jpeg', version: newId(), bytes };
}

export function makeIdea(sessionId: string, authorId: string, overrides: Partial<IdeaRecord> = {}): IdeaRecord {
  const createdAt = new Date(Date.UTC(2024, 2, 3, 4, 7, 0, 321));
  return {
    id: newId(),
    sessionId,
    authorId,
    clientId: randomBytes(12).toString('base64url'),
    title: `Idea 想法 ${randomBytes(2).toString('hex')}`,
    detail: '',
    category: null,
    status: 'visible',
    pinned: false,
    clusterId: null,
    mergedInto: null,
    authorIds: [authorId],
    createdAt,
    updatedAt: createdAt,
    deletedAt: null,
    ...overrides,
  };
}

/** Adds `count` visible ideas by `authorId`, ids in increasing order. */
export async function addedIdeas(store: Store, sessionId: string, authorId: string, count: number): Promise<IdeaRecord[]> {
  const base = Date.now();
  const ideas = Array.from({ length: count }, (_, i) => makeIdea(sessionId, authorId, { id: newId(base + i) }));
  for (const idea of ideas) await store.board.addIdea(idea);
  return ideas;
}

export function makeCluster(sessionId: string, overrides: Partial<ClusterRecord> = {}): ClusterRecord {
  return { id: newId(), sessionId, name: `Cluster 主题 ${randomBytes(2).toString('hex')}`, createdAt: new Date(), ...overrides };
}

/** Ids sorted, for comparing sets of ids whatever order a store returns. */
export function sortedIds(items: readonly { id: string }[] | readonly string[]): string[] {
  return items.map((item) => (typeof item === 'string' ? item : item.id)).sort();
}

/** `list[index]`, which the test has made sure exists. */
export function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no item at ${index}`);
  return item;
}
