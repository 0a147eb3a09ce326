import { fork } from 'node:child_process';
import { open as openFile, stat, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { checkMetaPages, LMDB_META_READ_BYTES, type LmdbMeta } from './lmdbMeta.js';
import { checkPageAccounting, type PageAccounting } from './lmdbPages.js';
import {
  errorText,
  isMissing,
  LMDB_DATA_FILE,
  LMDB_LOCK_FILE,
  readStoreMarker,
  STORE_MARKER_FILE,
  isStoreSentinel,
  type StoreSentinel,
} from './storeSentinel.js';

/*
 * The start-up check of the embedded store. In this process it reads only plain bytes: the
 * marker file, the data file's size and its two meta pages. The consistency read, which walks
 * the memory-mapped pages, runs in a child process (storeCheckChild.ts), so a damaged file that
 * kills its reader with a signal kills the child, and the server hears why.
 */

/** How long the whole check may take before it counts as failed (it reads every record once). */
export const STORE_CHECK_TIMEOUT_MS = 5 * 60_000;
/** Times to redo the page accounting when another process commits while it reads (hot checks). */
const ACCOUNTING_ATTEMPTS = 3;
/** How much of the child's stderr (LMDB prints page errors there) goes into the reason. */
const CHILD_STDERR_LIMIT = 2_000;

/** Why a data directory is refused; stable ids, mapped to text once in {@link STORE_DAMAGE_TEXT}. */
export type StoreDamage =
  | 'marker_unreadable'
  | 'data_file_missing'
  | 'data_file_empty'
  | 'data_file_unreadable'
  | 'meta_invalid'
  | 'file_truncated'
  | 'pages_unbalanced'
  | 'read_crashed'
  | 'read_failed'
  | 'count_mismatch'
  | 'value_undecodable'
  | 'sentinel_mismatch'
  | 'check_timed_out';

/** What each refusal means, in the words an operator reads at start-up. */
export const STORE_DAMAGE_TEXT: Record<StoreDamage, string> = {
  marker_unreadable: `the store marker file ${STORE_MARKER_FILE} cannot be read`,
  data_file_missing: `the data file ${LMDB_DATA_FILE} is missing from a directory that held a store`,
  data_file_empty: `the data file ${LMDB_DATA_FILE} is empty (0 bytes)`,
  data_file_unreadable: `the data file ${LMDB_DATA_FILE} cannot be read`,
  meta_invalid: `the data file's meta pages (where LMDB keeps the root of every table) are damaged`,
  file_truncated: `the data file is shorter than its own meta page says: it has been truncated`,
  pages_unbalanced: `the data file's pages do not add up: the free-page list or the list of tables is damaged`,
  read_crashed: `reading the data file crashed the checker: pages it points to are missing or garbage`,
  read_failed: `LMDB reports damaged pages while reading the data file`,
  count_mismatch: `a table holds fewer or more records than LMDB counts for it: pages have been lost or overwritten`,
  value_undecodable: `a stored record cannot be decoded: its bytes have been overwritten`,
  sentinel_mismatch: `the data file is not the store this directory held`,
  check_timed_out: `the store check did not finish in time`,
};

/** Records read from one table by the consistency read. */
export interface TableCount {
  name: string;
  read: number;
}

/** What the child process reports; parsed, since it crosses a process boundary. */
export const consistencyReportSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('read'),
    tables: z.array(z.object({ name: z.string(), read: z.number().int().nonnegative() })),
    records: z.number().int().nonnegative(),
    sentinel: z.unknown(),
    readMs: z.number().nonnegative(),
  }),
  z.object({
    kind: z.literal('damaged'),
    reason: z.enum(['read_failed', 'count_mismatch', 'value_undecodable']),
    detail: z.string(),
  }),
]);
export type ConsistencyReport = z.infer<typeof consistencyReportSchema>;

/** The verdict on a data directory. */
export type StoreCheckResult =
  /** No data file, and nothing says a store was ever here: a new store may be created. */
  | { ok: true; state: 'new'; durationMs: number }
  | {
      ok: true;
      state: 'intact';
      tables: TableCount[];
      records: number;
      fileBytes: number;
      /** Every page used once: checked, or skipped (and why). */
      pages: 'balanced' | `skipped: ${string}`;
      /** The sentinel record in the data file; null for a store from before sentinels. */
      sentinel: StoreSentinel | null;
      /** Time the child spent reading, and the whole check including starting the child. */
      readMs: number;
      durationMs: number;
    }
  | { ok: false; reason: StoreDamage; detail: string; durationMs: number };

type Damaged = Extract<StoreCheckResult, { ok: false }>;
/** A result before its duration is known. */
type Verdict = StoreCheckResult extends infer R ? (R extends unknown ? Omit<R, 'durationMs'> : never) : never;

/**
 * Checks the embedded store in `dir` without opening it in this process: marker and sentinel,
 * file size against the meta pages, then a read of every record of every table in a child
 * process. Never writes to the directory.
 */
export async function checkStore(dir: string): Promise<StoreCheckResult> {
  const started = performance.now();
  const verdict = await judge(dir);
  return { ...verdict, durationMs: Math.round(performance.now() - started) } as StoreCheckResult;
}

async function judge(dir: string): Promise<Verdict> {
  const marker = await readStoreMarker(dir);
  if (marker.state === 'unreadable') return damaged('marker_unreadable', marker.detail);
  const dataFile = path.join(dir, LMDB_DATA_FILE);

  let fileBytes: number;
  try {
    fileBytes = (await stat(dataFile)).size;
  } catch (error) {
    if (!isMissing(error)) return damaged('data_file_unreadable', errorText(error));
    if (marker.state === 'present') {
      return damaged('data_file_missing', `${STORE_MARKER_FILE} says store ${marker.sentinel.storeId} lives here`);
    }
    if (await exists(path.join(dir, LMDB_LOCK_FILE))) {
      return damaged('data_file_missing', `its lock file ${LMDB_LOCK_FILE} is still there`);
    }
    return { ok: true, state: 'new' };
  }
  // LMDB would take a 0-byte file for a new store and start empty over it.
  if (fileBytes === 0) return damaged('data_file_empty', 'LMDB would silently start a new, empty store over it');

  const layout = await checkLayout(dataFile);
  if (!layout.ok) return layout;

  const report = await runConsistencyRead(dataFile);
  if (report.kind === 'damaged') return damaged(report.reason, report.detail);

  const inFile = isStoreSentinel(report.sentinel) ? report.sentinel : null;
  if (report.sentinel !== null && report.sentinel !== undefined && !inFile) return damaged('sentinel_mismatch', 'its sentinel record is garbled');
  if (marker.state === 'present' && inFile?.storeId !== marker.sentinel.storeId) {
    const found = inFile ? `store ${inFile.storeId}` : 'a store without a sentinel, as a new, empty store would be';
    return damaged('sentinel_mismatch', `${STORE_MARKER_FILE} names store ${marker.sentinel.storeId}, the data file holds ${found}`);
  }
  const { tables, records, readMs } = report;
  return { ok: true, state: 'intact', tables, records, fileBytes, pages: layout.pages, sentinel: inFile, readMs };
}

/**
 * The checks on plain bytes: both meta pages, the file size they imply, and the page
 * accounting of the newest state. Redone when another process commits meanwhile (the meta
 * page's transaction id changed), and skipped after {@link ACCOUNTING_ATTEMPTS} busy tries.
 */
async function checkLayout(
  dataFile: string,
): Promise<Omit<Damaged, 'durationMs'> | { ok: true; pages: 'balanced' | `skipped: ${string}` }> {
  const handle = await openFile(dataFile, 'r').catch((error: unknown) => errorText(error));
  if (typeof handle === 'string') return damaged('data_file_unreadable', handle);
  try {
    // Size after meta pages: another process's commit between the two only makes the file longer.
    const readMeta = async () => {
      const head = await readAt(handle, 0, LMDB_META_READ_BYTES);
      return checkMetaPages(head, (await handle.stat()).size);
    };
    let meta = await readMeta();
    for (let attempt = 1; attempt <= ACCOUNTING_ATTEMPTS; attempt++) {
      if (!meta.ok) return damaged(meta.reason, meta.detail);
      const accounting = await accountPages(handle, meta.newest);
      const after = await readMeta();
      if (after.ok && after.newest.txnId === meta.newest.txnId) {
        if (accounting.state === 'unbalanced') return damaged('pages_unbalanced', accounting.detail);
        return { ok: true, pages: accounting.state === 'balanced' ? 'balanced' : `skipped: ${accounting.why}` };
      }
      meta = after;
    }
    return { ok: true, pages: 'skipped: another process kept writing to the store' };
  } catch (error) {
    return damaged('data_file_unreadable', errorText(error));
  } finally {
    await handle.close();
  }
}

function accountPages(handle: FileHandle, meta: LmdbMeta): Promise<PageAccounting> {
  return checkPageAccounting(meta, (pgno, count) => readAt(handle, pgno * meta.pageSize, count * meta.pageSize));
}

function damaged(reason: StoreDamage, detail: string): Omit<Damaged, 'durationMs'> {
  return { ok: false, reason, detail };
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Up to `length` bytes at `position`; fewer at the end of the file. */
async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  const { bytesRead } = await handle.read(bytes, 0, length, position);
  return bytes.subarray(0, bytesRead);
}

type ChildVerdict = Extract<ConsistencyReport, { kind: 'read' }> | { kind: 'damaged'; reason: StoreDamage; detail: string };

/**
 * Forks storeCheckChild next to this module (the .ts source under tsx or Vitest, the built .js
 * otherwise) and turns how it ended into a verdict: its report, or a crash by signal, a
 * non-zero exit without a report, or the deadline.
 */
async function runConsistencyRead(dataFile: string): Promise<ChildVerdict> {
  const self = fileURLToPath(import.meta.url);
  const extension = path.extname(self);
  const childModule = path.join(path.dirname(self), `storeCheckChild${extension}`);
  // TypeScript source: the child needs the same loader; tsx is where the sources run.
  const execArgv = extension === '.ts' ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  const child = fork(childModule, [dataFile], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });

  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < CHILD_STDERR_LIMIT) stderr += chunk.toString();
  });
  let report: unknown = undefined;
  child.on('message', (message) => (report ??= message));
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, STORE_CHECK_TIMEOUT_MS);

  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  }).finally(() => clearTimeout(deadline));

  const printed = stderr.trim().slice(0, CHILD_STDERR_LIMIT);
  const withOutput = (text: string) => (printed ? `${text}; it printed: ${printed}` : text);
  if (timedOut) return { kind: 'damaged', reason: 'check_timed_out', detail: `stopped after ${STORE_CHECK_TIMEOUT_MS / 1000} s` };
  if (signal) return { kind: 'damaged', reason: 'read_crashed', detail: withOutput(`the checker died with ${signal}`) };
  const parsed = consistencyReportSchema.safeParse(report);
  if (code !== 0 || !parsed.success) {
    return { kind: 'damaged', reason: 'read_failed', detail: withOutput(`the checker exited with code ${code} without a report`) };
  }
  if (parsed.data.kind === 'read') return parsed.data;
  return { kind: 'damaged', reason: parsed.data.reason, detail: withOutput(parsed.data.detail) };
}

/**
 * The error text for a refused directory: what is wrong, that nothing was changed, and what to
 * do. main.ts prints it after "failed to start:".
 */
export function describeStoreDamage(dir: string, result: Damaged): string {
  const hint =
    result.reason === 'data_file_missing' || result.reason === 'sentinel_mismatch'
      ? ` If this directory is meant to start over with a new, empty store, move its files (including ${STORE_MARKER_FILE}) elsewhere first.`
      : '';
  return (
    `the embedded store in ${dir} is damaged [${result.reason}]: ${STORE_DAMAGE_TEXT[result.reason]} (${result.detail}). ` +
    `The server did not open it and changed nothing. Restore the last good backup into this directory and check it with ` +
    `\`pnpm check-data ${dir}\` (docs/operations.md, "Backup and restore"), then start again.${hint}`
  );
}

/** The single log line of a passed check: what was read, and what it cost. */
export function summarizeStoreCheck(dir: string, result: Extract<StoreCheckResult, { ok: true }>): string {
  if (result.state === 'new') return `store check: no store in ${dir} yet, a new one will be created (${result.durationMs} ms)`;
  const kib = Math.ceil(result.fileBytes / 1024);
  const pages = result.pages === 'balanced' ? 'every page accounted for' : `page accounting ${result.pages}`;
  return (
    `store check: intact, read ${plural(result.records, 'record')} in ${plural(result.tables.length, 'table')} of ${LMDB_DATA_FILE} (${kib} KiB, ${pages}) ` +
    `in ${result.readMs} ms, ${result.durationMs} ms with the check process`
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
