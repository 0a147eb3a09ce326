import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken, newId, newToken } from '../ids.js';
import { makeSession, makeVenue } from './contract.fixtures.js';
import { LmdbStore } from './LmdbStore.js';

const storeModule = pathToFileURL(fileURLToPath(new URL('./LmdbStore.ts', import.meta.url))).href;

// Runs in a separate process: writes one session and one participant, reports the
// acknowledgement, then dies by SIGKILL, with no chance to close or flush anything.
const writerScript = `
const [moduleUrl, dir, sessionId, code, participantId, tokenHash] = process.argv.slice(1);
const { LmdbStore } = await import(moduleUrl);
const store = await LmdbStore.open(dir);
const at = new Date(1_700_000_000_123);
await store.createSession({ id: sessionId, code, title: 'from the other process', description: '', language: 'en',
  facilitatorTokenHash: 'f', screenTokenHash: 's', phase: 'vote', phaseEndsAt: null,
  settings: { anonymous: true, preModeration: false, voteBudget: 4, maxVotesPerIdea: 2, categories: ['点子'], bannedWords: [],
    proposalTemplate: [], participantsMayPropose: false },
  venues: [{ id: 'venue-main-1', name: '主会场', view: 'board', screenTokenHash: 'v', createdAt: at }],
  ceremony: { stage: 'finale', message: '一起', view: 'board', changedAt: at },
  createdAt: at, updatedAt: at });
await store.addParticipant({ id: participantId, sessionId, name: 'Writer', tokenHash, photoVersion: null, joinedAt: at, removedAt: null,
  venueId: 'venue-main-1', faceHidden: false, photoConsentAt: null });
process.stdout.write('acknowledged\\n');
process.kill(process.pid, 'SIGKILL');
`;

describe('LmdbStore across processes', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('shows another process its acknowledged writes at once, and keeps them after that process is killed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ideasphere-lmdb-mp-'));
    dirs.push(dir);
    // Open first, so this process holds the environment while the other one writes to it.
    const reader = await LmdbStore.open(dir);
    const sessionId = newId();
    const code = `MP${newId().slice(-6)}`;
    const participantId = newId();
    const tokenHash = hashToken(newToken());

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', writerScript, storeModule, dir, sessionId, code, participantId, tokenHash],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    expect(stderr).toBe('');
    expect(signal).toBe('SIGKILL');
    expect(stdout).toBe('acknowledged\n');

    try {
      // No stale cache: the store that was already open sees the other process's commits.
      expect((await reader.getSessionByCode(code))?.id).toBe(sessionId);
      expect((await reader.getParticipantByTokenHash(sessionId, tokenHash))?.id).toBe(participantId);
      // Uniqueness holds across processes too.
      const again = await reader.getSession(sessionId);
      if (!again) throw new Error('session missing');
      await expect(reader.createSession({ ...again, id: newId() })).rejects.toThrow(/duplicate key/);
    } finally {
      await reader.close();
    }

    const reopened = await LmdbStore.open(dir);
    try {
      const session = await reopened.getSession(sessionId);
      expect(session?.title).toBe('from the other process');
      expect(session?.createdAt.getTime()).toBe(1_700_000_000_123);
      expect(session).toMatchObject({ phase: 'vote', settings: { voteBudget: 4, categories: ['点子'] } });
      expect(await reopened.countParticipants(sessionId)).toBe(1);
      expect(session?.ceremony).toMatchObject({ stage: 'finale', message: '一起', view: 'board' });
      expect(session?.venues.map((v) => [v.id, v.view])).toEqual([['venue-main-1', 'board']]);
      expect(await reopened.countParticipantsByVenue(sessionId)).toEqual({ 'venue-main-1': 1 });
    } finally {
      await reopened.close();
    }
  });
});

describe('LmdbStore session records kept in this process', () => {
  const dirs: string[] = [];
  const opened: LmdbStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  async function openStore(options: { sessionCacheMax?: number } = {}): Promise<LmdbStore> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ideasphere-lmdb-cache-'));
    dirs.push(dir);
    const store = await LmdbStore.open(dir, options);
    opened.push(store);
    return store;
  }

  it('reads a session changed by updateSession or changeStage at once, by id and by code', async () => {
    const store = await openStore();
    const session = makeSession();
    await store.createSession(session);
    // Read (and kept) before each change.
    expect((await store.getSession(session.id))?.title).toBe(session.title);
    expect((await store.getSessionByCode(session.code))?.title).toBe(session.title);

    await store.updateSession(session.id, { title: 'Renamed', facilitatorTokenHash: 'new-hash' });
    expect(await store.getSession(session.id)).toMatchObject({ title: 'Renamed', facilitatorTokenHash: 'new-hash' });
    expect(await store.getSessionByCode(session.code)).toMatchObject({ title: 'Renamed', facilitatorTokenHash: 'new-hash' });

    const venue = makeVenue({ name: 'Annex' });
    const outcome = await store.changeStage(session.id, { kind: 'addVenue', venue, max: 12 }, new Date());
    expect(outcome.ok).toBe(true);
    expect((await store.getSessionByCode(session.code))?.venues.map((v) => v.name)).toContain('Annex');
    expect((await store.getSession(session.id))?.venues.map((v) => v.name)).toContain('Annex');
  });

  it('hands out kept records frozen, so no caller can change what later readers get', async () => {
    const store = await openStore();
    const session = makeSession();
    await store.createSession(session);
    const read = await store.getSession(session.id);
    if (!read) throw new Error('session missing');
    expect(() => {
      read.title = 'changed in place';
    }).toThrow(TypeError);
    expect(() => read.settings.categories.push('x')).toThrow(TypeError);
    expect((await store.getSession(session.id))?.title).toBe(session.title);
  });

  it('reads the map every time with sessionCacheMax 0', async () => {
    const store = await openStore({ sessionCacheMax: 0 });
    const session = makeSession();
    await store.createSession(session);
    const first = await store.getSession(session.id);
    const second = await store.getSession(session.id);
    expect(first).toEqual(second);
    expect(first).not.toBe(second);
    expect(Object.isFrozen(first)).toBe(false);
  });
});
