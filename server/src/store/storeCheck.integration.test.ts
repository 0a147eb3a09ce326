import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addedIdeas, addedParticipants, createdSession, makeIdea, sortedIds } from './contract.fixtures.js';
import { checkMetaPages } from './lmdbMeta.js';
import { LmdbStore } from './LmdbStore.js';
import { openStore } from './openStore.js';
import { checkStore, type StoreCheckResult } from './storeCheck.js';
import { LMDB_DATA_FILE, LMDB_LOCK_FILE, STORE_MARKER_FILE } from './storeSentinel.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const IDEAS = 50;
const GARBAGE_BYTES = 64 * 1024;

/** What the template store holds, to compare a copy or backup with. */
interface Contents {
  sessionId: string;
  authorId: string;
  ideaIds: string[];
}

/** A session, one participant and 50 ideas, as the adversarial test had them. */
async function buildStore(dir: string): Promise<Contents> {
  const store = await LmdbStore.open(dir);
  try {
    const session = await createdSession(store);
    const [author] = await addedParticipants(store, session.id, 1);
    if (!author) throw new Error('no participant');
    const ideas = await addedIdeas(store, session.id, author.id, IDEAS);
    return { sessionId: session.id, authorId: author.id, ideaIds: sortedIds(ideas) };
  } finally {
    await store.close();
  }
}

/** The ids of the template session's ideas as a store in `dir` sees them. */
async function readContents(dir: string, sessionId: string): Promise<{ session: boolean; ideaIds: string[] }> {
  const store = await LmdbStore.open(dir);
  try {
    return {
      session: (await store.getSession(sessionId)) !== null,
      // A backup taken while ideas were added may hold many more than the template.
      ideaIds: sortedIds(await store.board.listIdeas(sessionId, { limit: Number.MAX_SAFE_INTEGER })),
    };
  } finally {
    await store.close();
  }
}

/** Deterministic bytes (mulberry32), so the damage is the same on every run. */
function seededBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}

async function overwrite(file: string, offset: number, bytes: Uint8Array): Promise<void> {
  const data = await readFile(file);
  data.set(bytes.subarray(0, Math.max(0, data.byteLength - offset)), offset);
  await writeFile(file, data);
}

function expectRefused(result: StoreCheckResult, reasons: readonly string[]): void {
  if (result.ok) throw new Error(`the check passed a damaged store: ${JSON.stringify(result).slice(0, 300)}`);
  expect(reasons).toContain(result.reason);
}

describe('start-up store check', () => {
  let root: string;
  /** Closed stores to copy: as LmdbStore.open left it, and after a start through openStore. */
  let template: string;
  let withSentinel: string;
  let contents: Contents;
  /** The check of `withSentinel`, which a backup of it must match. */
  let expected: Extract<StoreCheckResult, { state: 'intact' }>;
  let copies = 0;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'ideasphere-storecheck-'));
    template = path.join(root, 'template');
    contents = await buildStore(template);
    withSentinel = path.join(root, 'with-sentinel');
    await cp(template, withSentinel, { recursive: true });
    await (await openStore({ dataDir: withSentinel, log: () => undefined })).close();
    const check = await checkStore(withSentinel);
    if (!check.ok || check.state !== 'intact') throw new Error(`template refused: ${JSON.stringify(check)}`);
    expected = check;
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** A fresh copy of the closed template store. */
  async function copyOfTemplate(from = template): Promise<string> {
    const dir = path.join(root, `copy-${++copies}`);
    await cp(from, dir, { recursive: true });
    return dir;
  }

  /** A copy of a store that went through openStore once: it holds the sentinel and the marker file. */
  function copyWithSentinel(): Promise<string> {
    return copyOfTemplate(withSentinel);
  }

  it('passes an intact store, reading every record of every table, and a new directory', async () => {
    const result = await checkStore(template);
    if (!result.ok || result.state !== 'intact') throw new Error(`refused: ${JSON.stringify(result)}`);
    const tables = Object.fromEntries(result.tables.map((table) => [table.name, table.read]));
    expect(tables).toMatchObject({ sessions: 1, sessionCodes: 1, participants: 1, ideas: IDEAS, ideaClientIds: IDEAS });
    expect(result.records).toBe(result.tables.reduce((sum, table) => sum + table.read, 0));
    expect(result.pages).toBe('balanced');
    expect(result.sentinel).toBeNull();

    expect(await checkStore(path.join(root, 'never-created'))).toMatchObject({ ok: true, state: 'new' });
    const empty = path.join(root, 'empty-dir');
    await mkdir(empty);
    expect(await checkStore(empty)).toMatchObject({ ok: true, state: 'new' });
  });

  it('refuses a truncated data file (LMDB would die with SIGBUS)', async () => {
    const dir = await copyOfTemplate();
    const file = path.join(dir, LMDB_DATA_FILE);
    const { byteLength } = await readFile(file);
    await truncate(file, Math.floor(byteLength / 2));
    const result = await checkStore(dir);
    expectRefused(result, ['file_truncated']);
    if (!result.ok) expect(result.detail).toMatch(/the file is \d+ bytes, but .* must be at least \d+ bytes/);
  });

  it('refuses zeroed meta pages (LMDB would die with SIGSEGV)', async () => {
    const dir = await copyOfTemplate();
    const file = path.join(dir, LMDB_DATA_FILE);
    const pageSize = metaOf(await readFile(file)).pageSize;
    await overwrite(file, 0, new Uint8Array(2 * pageSize));
    expectRefused(await checkStore(dir), ['meta_invalid']);
  });

  it('refuses a 0-byte or missing data file, or a fresh one, where a store was (LMDB would start empty)', async () => {
    const emptied = await copyWithSentinel();
    await truncate(path.join(emptied, LMDB_DATA_FILE), 0);
    expectRefused(await checkStore(emptied), ['data_file_empty']);

    const missing = await copyWithSentinel();
    await unlink(path.join(missing, LMDB_DATA_FILE));
    expectRefused(await checkStore(missing), ['data_file_missing']);

    // A store from before sentinels: the lock file is what is left to tell.
    const legacy = await copyOfTemplate();
    await unlink(path.join(legacy, LMDB_DATA_FILE));
    await writeFile(path.join(legacy, LMDB_LOCK_FILE), '');
    expectRefused(await checkStore(legacy), ['data_file_missing']);

    // What a start before this check left behind: LMDB created a new, empty file.
    const replaced = await copyWithSentinel();
    await unlink(path.join(replaced, LMDB_DATA_FILE));
    await (await LmdbStore.open(replaced)).close();
    expectRefused(await checkStore(replaced), ['sentinel_mismatch']);
  });

  it('refuses 64 KiB of garbage in the middle of the file (it used to start with 0 of 50 ideas)', async () => {
    const dir = await copyOfTemplate();
    const file = path.join(dir, LMDB_DATA_FILE);
    const { byteLength } = await readFile(file);
    await overwrite(file, Math.floor((byteLength - GARBAGE_BYTES) / 2), seededBytes(GARBAGE_BYTES, 9));
    expectRefused(await checkStore(dir), ['read_failed', 'read_crashed', 'count_mismatch', 'value_undecodable', 'pages_unbalanced']);
  });

  it('refuses garbage in the free-page list, which only the first write would have tripped over', async () => {
    const dir = await copyOfTemplate();
    const file = path.join(dir, LMDB_DATA_FILE);
    const meta = metaOf(await readFile(file));
    const freeRoot = meta.freeTree.root;
    if (freeRoot === null) throw new Error('the template has no free pages');
    // Keep the page number, so only the page's content is wrong.
    await overwrite(file, freeRoot * meta.pageSize + 8, seededBytes(meta.pageSize - 8, 3));
    expectRefused(await checkStore(dir), ['pages_unbalanced']);
  });

  it('openStore refuses a damaged directory with what is wrong and what to do, and leaves it as it was', async () => {
    const dir = await copyWithSentinel();
    const file = path.join(dir, LMDB_DATA_FILE);
    await truncate(file, 0);
    const logged: string[] = [];
    const error = await openStore({ dataDir: dir, log: (line) => logged.push(line) }).then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(Error);
    const message = error instanceof Error ? error.message : '';
    expect(message).toContain(`the embedded store in ${dir} is damaged [data_file_empty]`);
    expect(message).toContain('Restore the last good backup');
    expect(message).toContain('docs/operations.md');
    expect((await readFile(file)).byteLength).toBe(0);
  });

  it('openStore adopts an intact store: one log line with the counts, then a sentinel and a marker', async () => {
    const dir = await copyOfTemplate();
    const logged: string[] = [];
    const store = await openStore({ dataDir: dir, log: (line) => logged.push(line) });
    try {
      expect((await store.board.listIdeas(contents.sessionId, { limit: 10 * IDEAS })).length).toBe(IDEAS);
    } finally {
      await store.close();
    }
    const checkLines = logged.filter((line) => line.startsWith('store check:'));
    expect(checkLines).toHaveLength(1);
    expect(checkLines[0]).toMatch(/^store check: intact, read \d+ records in \d+ tables .* in \d+ ms, \d+ ms with the check process$/);
    const marker: unknown = JSON.parse(await readFile(path.join(dir, STORE_MARKER_FILE), 'utf8'));
    const again = await checkStore(dir);
    expect(again).toMatchObject({ ok: true, state: 'intact', sentinel: marker });
  });

  it('a running server is stopped at start with the reason, not by a signal', async () => {
    const dir = await copyOfTemplate();
    const file = path.join(dir, LMDB_DATA_FILE);
    await truncate(file, Math.floor((await readFile(file)).byteLength / 2));
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', path.join(repoRoot, 'server/src/main.ts')], {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', MONGODB_URI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    expect(signal).toBeNull();
    expect(code).toBe(1);
    expect(stderr).toContain(`failed to start: the embedded store in ${dir} is damaged [file_truncated]`);
  });

  describe('hot backups, while another connection keeps writing ideas', () => {
    it('the backup script copies a consistent snapshot that passes the check', async () => {
      const live = await copyWithSentinel();
      const backup = path.join(root, 'backup-script');
      const result = await whileWriting(live, () =>
        run(process.execPath, ['--import', 'tsx', path.join(here, 'backupDataDir.ts'), backup], { DATA_DIR: live }),
      );
      expect(result.output).toContain('OK: copied');
      expect(result.code).toBe(0);
      await expectBackupOfTemplate(backup);
    });

    const mdbCopy = buildableMdbCopy();
    it.skipIf(!mdbCopy.ok)(
      `mdb_copy -n, built from the LMDB sources lmdb ships, does the same${mdbCopy.ok ? '' : ` (skipped: ${mdbCopy.why})`}`,
      async () => {
        const tool = await buildMdbCopy(path.join(root, 'liblmdb'));
        const live = await copyWithSentinel();
        const backup = path.join(root, 'backup-mdb-copy');
        await mkdir(backup);
        const result = await whileWriting(live, () =>
          run(tool, ['-n', path.join(live, LMDB_DATA_FILE), path.join(backup, LMDB_DATA_FILE)], {}),
        );
        expect(result).toEqual({ code: 0, output: '' });
        await expectBackupOfTemplate(backup);
      },
      60_000,
    );
  });

  /** Runs `copy` while the store in `dir` is open here and takes one idea after another. */
  async function whileWriting<T>(dir: string, copy: () => Promise<T>): Promise<T> {
    const store = await LmdbStore.open(dir);
    let copying = true;
    let written = 0;
    const writer = (async () => {
      while (copying) {
        await store.board.addIdea(makeIdea(contents.sessionId, contents.authorId));
        written++;
      }
    })();
    try {
      return await copy();
    } finally {
      copying = false;
      await writer;
      await store.close();
      expect(written).toBeGreaterThan(0);
    }
  }

  /** The backup passes the check, with the template's sentinel, tables and (at least) its ideas. */
  async function expectBackupOfTemplate(backup: string): Promise<void> {
    const copy = await checkStore(backup);
    if (!copy.ok || copy.state !== 'intact') throw new Error(`backup refused: ${JSON.stringify(copy)}`);
    expect(copy.sentinel).toEqual(expected.sentinel);
    expect(copy.sentinel).not.toBeNull();
    expect(copy.tables.map((table) => table.name)).toEqual(expected.tables.map((table) => table.name));
    const found = await readContents(backup, contents.sessionId);
    expect(found.session).toBe(true);
    expect(found.ideaIds).toEqual(expect.arrayContaining(contents.ideaIds));
    expect(copy.tables.find((table) => table.name === 'ideas')?.read).toBe(found.ideaIds.length);
  }
});

/** Runs a command to its end; its exit code and everything it printed. */
async function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, output };
}

/** The newest meta page of a data file (the file must be intact). */
function metaOf(data: Uint8Array) {
  const meta = checkMetaPages(data, data.byteLength);
  if (!meta.ok) throw new Error(meta.detail);
  return meta.newest;
}

/** Whether this machine can build mdb_copy (Debian's, LMDB 0.9, cannot read lmdb-js 3.x files). */
function buildableMdbCopy(): { ok: true } | { ok: false; why: string } {
  const found = spawnSync('sh', ['-c', 'command -v cc && command -v make'], { encoding: 'utf8' });
  return found.status === 0 ? { ok: true } : { ok: false, why: 'no C compiler or make on this machine' };
}

/** Builds mdb_copy from the LMDB sources the lmdb package ships, in `dir`; returns its path. */
async function buildMdbCopy(dir: string): Promise<string> {
  const lmdbPackage = path.resolve(path.dirname(createRequire(import.meta.url).resolve('lmdb')), '..');
  await cp(path.join(lmdbPackage, 'dependencies/lmdb/libraries/liblmdb'), dir, { recursive: true });
  const make = spawnSync('make', ['-C', dir, 'mdb_copy'], { encoding: 'utf8' });
  if (make.status !== 0) throw new Error(`building mdb_copy failed: ${make.stderr}`);
  return path.join(dir, 'mdb_copy');
}
