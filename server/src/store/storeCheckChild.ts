import { fileURLToPath } from 'node:url';
import { open, type Database, type Key, type RootDatabase, type Transaction } from 'lmdb';
import type { ConsistencyReport, TableCount } from './storeCheck.js';
import { SENTINEL_DATABASE, SENTINEL_KEY } from './storeSentinel.js';

/*
 * The consistency read of the start-up store check, run in a child process of its own (see
 * storeCheck.ts): walking the pages of a damaged memory-mapped file can kill the process with
 * SIGBUS or SIGSEGV, and that must end this child, not the server.
 *
 * It discovers the tables from the file itself — every named sub-database is a key of LMDB's
 * main database — so a table added to the store is checked without a list to keep. Every table
 * is opened with the store's default encoding (msgpack values, ordered-binary keys), as the
 * store modules open them; a table with another encoding would have to be special-cased here.
 */

/** Table handles the checker may open; a file claiming more is refused rather than half-read. */
export const CHECK_MAX_TABLES = 256;
/** Times to retry when another process creates a table while the check reads (hot checks only). */
const CHECK_ATTEMPTS = 3;

/**
 * Reads every record of every table in the LMDB file `dataFile` in one snapshot, and writes
 * nothing. The environment is opened with the server's own settings, not LMDB's read-only mode:
 * with lmdb 3.5.6, a read-only reader in another process next to a heavily writing server made
 * the server's commits fail ("freelist entry … had bad/duplicate entries") and read torn pages
 * in most of our stress runs, a reader opened like the server in fewer (docs/operations.md,
 * "Caution"). Tables are opened without `create`, so the (empty) write transaction lmdb opens
 * them in changes nothing. Closes the environment before it returns, so no reader slot is left.
 */
export async function readEveryTable(dataFile: string): Promise<ConsistencyReport> {
  const started = performance.now();
  const env = open({ path: dataFile, maxDbs: CHECK_MAX_TABLES });
  try {
    for (let attempt = 1; ; attempt++) {
      const report = readSnapshot(env, started);
      if (report !== 'tables_changed') return report;
      if (attempt >= CHECK_ATTEMPTS) {
        return { kind: 'damaged', reason: 'read_failed', detail: 'the list of tables kept changing while it was read' };
      }
    }
  } finally {
    await env.close();
  }
}

function readSnapshot(env: RootDatabase, started: number): ConsistencyReport | 'tables_changed' {
  let names: string[];
  try {
    names = tableNames(env);
  } catch (error) {
    return { kind: 'damaged', reason: 'read_failed', detail: `the list of tables cannot be read: ${describe(error)}` };
  }
  if (names.length > CHECK_MAX_TABLES) {
    return { kind: 'damaged', reason: 'read_failed', detail: `the file lists ${names.length} tables, more than ${CHECK_MAX_TABLES}` };
  }
  const tables: { name: string; db: Database<unknown, Key> }[] = [];
  for (const name of names) {
    // `create: false` is an lmdb option its typings leave out; hence a variable, not a literal.
    const options = { name, create: false };
    try {
      tables.push({ name, db: env.openDB<unknown, Key>(options) });
    } catch (error) {
      return { kind: 'damaged', reason: 'read_failed', detail: `table ${JSON.stringify(name)} cannot be opened: ${describe(error)}` };
    }
  }
  // Opening tables ends the current read transaction, so the snapshot starts only now.
  const transaction = env.useReadTransaction();
  try {
    if (tableNames(env, transaction).join('\n') !== names.join('\n')) return 'tables_changed';
    const listed = entryCount(env);
    if (listed !== names.length) {
      return { kind: 'damaged', reason: 'count_mismatch', detail: `the main table counts ${listed} tables but lists ${names.length}` };
    }
    const counts: TableCount[] = [];
    let sentinel: unknown = null;
    for (const { name, db } of tables) {
      const result = readTable(name, db, transaction);
      if (result.kind === 'damaged') return result;
      counts.push(result.count);
      if (name === SENTINEL_DATABASE) sentinel = db.get(SENTINEL_KEY, { transaction }) ?? null;
    }
    const records = counts.reduce((sum, table) => sum + table.read, 0);
    return { kind: 'read', tables: counts, records, sentinel, readMs: Math.round(performance.now() - started) };
  } finally {
    transaction.done();
  }
}

/** The names of the named sub-databases, as raw keys of the main database. */
function tableNames(env: RootDatabase, transaction?: Transaction): string[] {
  return [...env.getKeys(transaction ? { transaction } : {})].map((key) => String(key));
}

type TableResult = { kind: 'read'; count: TableCount } | Extract<ConsistencyReport, { kind: 'damaged' }>;

/**
 * Iterates one table, decoding every key and value, and compares the number of entries with
 * the count LMDB keeps in the table's root. Stops as soon as it has read more than that count,
 * so a damaged tree whose pages point in circles cannot keep it reading.
 */
function readTable(name: string, db: Database<unknown, Key>, transaction: Transaction): TableResult {
  let counted = 0;
  let read = 0;
  try {
    counted = entryCount(db);
    // The range decodes every key and value as it goes; a value that does not decode throws.
    for (const _entry of db.getRange({ transaction })) {
      read++;
      if (read > counted) break;
    }
  } catch (error) {
    // lmdb errors carry LMDB's numeric code; anything else came from decoding a value.
    const lmdbError = error instanceof Error && 'code' in error && typeof error.code === 'number';
    return {
      kind: 'damaged',
      reason: lmdbError ? 'read_failed' : 'value_undecodable',
      detail: `table ${name}, after ${read} of ${counted} records: ${describe(error)}`,
    };
  }
  if (read !== counted) {
    const more = read > counted ? `more than ${counted}` : String(read);
    return { kind: 'damaged', reason: 'count_mismatch', detail: `table ${name} counts ${counted} records, but ${more} can be read` };
  }
  return { kind: 'read', count: { name, read } };
}

/**
 * The number of entries LMDB keeps in a table's root (`mdb_stat`), read in the current read
 * transaction. lmdb's typings leave the stats untyped.
 */
function entryCount(db: Database<unknown, Key>): number {
  const stats: unknown = db.getStats();
  const count = typeof stats === 'object' && stats !== null && 'entryCount' in stats ? stats.entryCount : undefined;
  if (typeof count !== 'number') throw new Error('lmdb reported no entry count');
  return count;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Run as a child process: read the file named on the command line, report once, exit.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const dataFile = process.argv[2] ?? '';
  let report: ConsistencyReport;
  try {
    report = await readEveryTable(dataFile);
  } catch (error) {
    report = { kind: 'damaged', reason: 'read_failed', detail: `the file cannot be opened: ${describe(error)}` };
  }
  process.send(report, () => process.exit(0));
}
