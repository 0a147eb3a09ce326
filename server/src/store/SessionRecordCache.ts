import type { SessionRecord } from './Store.js';

/**
 * Session records one process keeps in memory (the most recently used first to stay). A session
 * record is read on every HTTP join, socket handshake and socket event; it changes a few times
 * in an event (phase, settings, venues, links). 0 turns the cache off.
 */
export const SESSION_CACHE_MAX = 1000;

/**
 * The session records (and join code → id) this process read last, for `LmdbStore`.
 *
 * Correct only while this process makes every change to the sessions it serves, which is how
 * the embedded store runs (one server process: see "Scale-out" in docs/architecture.md). The
 * store forgets a record after each of its own writes to it has committed (`forget`), so a
 * change is read back at once by the next reader. A read that began before a change and ends
 * after it is never remembered: `remember` takes the generation `generation()` gave before
 * the read, and any `forget` in between makes it stale. Records handed out are frozen, so a
 * caller that tried to change one in place would throw instead of changing every later read.
 */
export class SessionRecordCache {
  private readonly records = new Map<string, SessionRecord>();
  private readonly idsByCode = new Map<string, string>();
  private changes = 0;

  constructor(private readonly max: number = SESSION_CACHE_MAX) {}

  /** A token to pass to `remember` for a read that starts now. */
  generation(): number {
    return this.changes;
  }

  /** The remembered record, or undefined (the caller reads the store). */
  get(id: string): SessionRecord | undefined {
    const record = this.records.get(id);
    if (record === undefined) return undefined;
    // Used again: moves to the back, so the least recently used is the first to go.
    this.records.delete(id);
    this.records.set(id, record);
    return record;
  }

  /** The session id of a join code read before (a code never changes or moves to another session). */
  idOf(code: string): string | undefined {
    return this.idsByCode.get(code);
  }

  /**
   * Keeps a record read from the store when no change was made since `generation`; returns
   * the record to hand out (frozen when kept).
   */
  remember(record: SessionRecord, generation: number): SessionRecord {
    if (this.max <= 0 || generation !== this.changes) return record;
    const frozen = freezeSession(record);
    this.records.delete(record.id);
    this.records.set(record.id, frozen);
    this.idsByCode.set(record.code, record.id);
    this.evict(this.records);
    this.evict(this.idsByCode);
    return frozen;
  }

  /** Drops the record: the next read goes to the store. Called after every write to it. */
  forget(id: string): void {
    this.changes++;
    this.records.delete(id);
  }

  private evict(map: Map<string, unknown>): void {
    for (const key of map.keys()) {
      if (map.size <= this.max) return;
      map.delete(key);
    }
  }
}

/** Freezes the record and what it holds (settings, venues, ceremony), not its dates. */
function freezeSession(record: SessionRecord): SessionRecord {
  const { settings } = record;
  Object.freeze(settings.categories);
  Object.freeze(settings.bannedWords);
  Object.freeze(settings.hiddenWords);
  for (const section of settings.proposalTemplate) Object.freeze(section);
  Object.freeze(settings.proposalTemplate);
  Object.freeze(settings);
  for (const venue of record.venues) Object.freeze(venue);
  Object.freeze(record.venues);
  Object.freeze(record.ceremony);
  return Object.freeze(record);
}
