import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { open } from 'lmdb';
import { checkStore, describeStoreDamage, summarizeStoreCheck } from './storeCheck.js';
import { isMissing, LMDB_DATA_FILE } from './storeSentinel.js';

/*
 * Hot backup of the embedded store: `node --import tsx server/src/store/backupDataDir.ts
 * <backup-dir>` (or `node server/dist/store/backupDataDir.js <backup-dir>` after a build), with
 * DATA_DIR naming the live directory (default ./data, as for the server). It copies one
 * consistent snapshot with LMDB's own copy (`mdb_env_copy2`, what `mdb_copy -n -c` does),
 * writing nothing to it, while the server keeps running, then runs the start-up check on the copy.
 * Debian's `mdb_copy` (LMDB 0.9) cannot read this file format; see docs/operations.md.
 */

/** Exit codes: the copy is written and passed the check, or not. */
const EXIT_OK = 0;
const EXIT_FAILED = 1;

async function main(): Promise<number> {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: backupDataDir.ts <backup-dir>   (the store is read from DATA_DIR, default ./data)');
    return EXIT_FAILED;
  }
  const from = path.resolve(process.env.DATA_DIR || './data');
  const to = path.resolve(target);
  const source = path.join(from, LMDB_DATA_FILE);
  const copy = path.join(to, LMDB_DATA_FILE);
  if (!(await isFile(source))) {
    console.error(`FAILED: there is no ${LMDB_DATA_FILE} in ${from}`);
    return EXIT_FAILED;
  }
  if (await isFile(copy)) {
    console.error(`FAILED: ${copy} exists; back up into a new directory, never over an older backup`);
    return EXIT_FAILED;
  }
  await mkdir(to, { recursive: true });

  const started = performance.now();
  // The server's own settings, not LMDB's read-only mode, which upset a busy writer in another
  // process (see storeCheckChild.ts). The copy only reads; compacting copies only pages in use.
  const env = open({ path: source });
  try {
    await env.backup(copy, true);
  } finally {
    await env.close();
  }
  const copiedMs = Math.round(performance.now() - started);

  const check = await checkStore(to);
  if (!check.ok) {
    console.error(`FAILED: the copy in ${to} does not pass the check: ${describeStoreDamage(to, check)}`);
    return EXIT_FAILED;
  }
  console.log(`OK: copied ${source} to ${copy} in ${copiedMs} ms; ${summarizeStoreCheck(to, check)}`);
  return EXIT_OK;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

process.exitCode = await main();
