import { randomUUID } from 'node:crypto';
import { mkdir, open as openFile, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { open } from 'lmdb';

/*
 * How a data directory remembers that it held a store. LMDB opens a missing or 0-byte data file
 * as a new, empty store, so without a record outside the file a lost file looks exactly like a
 * first start. A store gets a random id, kept twice: as a record inside the file and in a marker
 * file beside it. The start-up check refuses a directory whose marker names a store its data
 * file does not hold (missing, emptied, or replaced by a fresh one).
 */

/** The embedded store's data file in DATA_DIR, as LmdbStore.open names it. */
export const LMDB_DATA_FILE = 'ideasphere.mdb';
/** The lock file LMDB creates beside it on every open: its presence also says a store was here. */
export const LMDB_LOCK_FILE = `${LMDB_DATA_FILE}-lock`;
/** The marker file, written once the data file holds the sentinel record. */
export const STORE_MARKER_FILE = 'ideasphere-store.json';
/** The sub-database and key of the sentinel record inside the data file. */
export const SENTINEL_DATABASE = 'storeInfo';
export const SENTINEL_KEY = 'sentinel';

/** The identity of one store, the same in the marker file and in the data file. */
export interface StoreSentinel {
  storeId: string;
  /** ISO time the store got its sentinel. */
  createdAt: string;
}

/**
 * True when `value` is a sentinel as stored in either place. A plain guard rather than a zod
 * schema: the checker's child process imports this module and starts faster without zod.
 */
export function isStoreSentinel(value: unknown): value is StoreSentinel {
  if (typeof value !== 'object' || value === null) return false;
  const fields: { storeId?: unknown; createdAt?: unknown } = value;
  return typeof fields.storeId === 'string' && fields.storeId.length > 0 && typeof fields.createdAt === 'string';
}

/** What the marker file says. */
export type MarkerState =
  | { state: 'absent' }
  | { state: 'present'; sentinel: StoreSentinel }
  | { state: 'unreadable'; detail: string };

/** Reads the marker file in `dir`. */
export async function readStoreMarker(dir: string): Promise<MarkerState> {
  let text: string;
  try {
    text = await readFile(path.join(dir, STORE_MARKER_FILE), 'utf8');
  } catch (error) {
    if (isMissing(error)) return { state: 'absent' };
    return { state: 'unreadable', detail: errorText(error) };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (isStoreSentinel(parsed)) return { state: 'present', sentinel: { storeId: parsed.storeId, createdAt: parsed.createdAt } };
    return { state: 'unreadable', detail: 'it does not hold a store id' };
  } catch {
    return { state: 'unreadable', detail: 'it is not JSON' };
  }
}

/**
 * Gives the store in `dir` its sentinel record (unless the data file already has one, as a
 * restored backup does) and then writes the marker file. Runs only after the start-up check
 * passed; the record goes first, so a crash in between leaves a store that is simply adopted
 * at the next start. Returns the sentinel now in both places.
 */
export async function ensureStoreSentinel(dir: string, inFile: StoreSentinel | null): Promise<StoreSentinel> {
  const sentinel = inFile ?? (await writeSentinelRecord(dir));
  const marker = await readStoreMarker(dir);
  if (marker.state !== 'present' || marker.sentinel.storeId !== sentinel.storeId) await writeStoreMarker(dir, sentinel);
  return sentinel;
}

/** Writes the sentinel record, or returns the one another process wrote first. */
async function writeSentinelRecord(dir: string): Promise<StoreSentinel> {
  await mkdir(dir, { recursive: true });
  // Same environment options as LmdbStore.open (sync on commit), few handles: it opens one table.
  const env = open({ path: path.join(dir, LMDB_DATA_FILE), maxDbs: 1 });
  try {
    const db = env.openDB<StoreSentinel, string>({ name: SENTINEL_DATABASE });
    const fresh: StoreSentinel = { storeId: randomUUID(), createdAt: new Date().toISOString() };
    // Check and write in one write transaction: two servers starting at once agree on one id.
    const sentinel = await env.transaction(() => {
      const existing: unknown = db.get(SENTINEL_KEY);
      if (isStoreSentinel(existing)) return existing;
      db.putSync(SENTINEL_KEY, fresh);
      return fresh;
    });
    await env.flushed;
    return sentinel;
  } finally {
    await env.close();
  }
}

/** Replaces the marker file atomically and durably (temporary file, fsync, rename, fsync dir). */
async function writeStoreMarker(dir: string, sentinel: StoreSentinel): Promise<void> {
  const target = path.join(dir, STORE_MARKER_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  const file = await openFile(temporary, 'w');
  try {
    await file.writeFile(`${JSON.stringify(sentinel, null, 2)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, target);
  const directory = await openFile(dir, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/** True for "no such file or directory". */
export function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/** An error's message, whatever was thrown. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
