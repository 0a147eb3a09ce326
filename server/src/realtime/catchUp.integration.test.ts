import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION } from '@ideasphere/shared';
import { LiveSync } from '@ideasphere/shared';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { capturedLog, type LogRecord } from '../logger.js';
import { type TestApp, type TestClient, connectClient, createSession, expectOk, join, request, startTestApp } from '../testing/harness.js';

let app: TestApp | null = null;
const engines: LiveSync[] = [];
const sockets: TestClient[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) engine.dispose();
  for (const socket of sockets.splice(0)) socket.close();
  await app?.dispose();
  app = null;
});

/** A phone as the real one runs: LiveSync on a socket that reconnects by itself. */
function phone(url: string, code: string, token: string, role: 'participant' | 'screen' | 'facilitator' = 'participant'): LiveSync {
  const socket: TestClient = connect(url, {
    auth: { protocolVersion: PROTOCOL_VERSION, role, code, token },
    transports: ['websocket'],
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    forceNew: true,
  });
  sockets.push(socket);
  const engine = new LiveSync(socket, { loadAllParticipants: role !== 'participant' });
  engines.push(engine);
  engine.start();
  return engine;
}

function until(engine: LiveSync, test: () => boolean): Promise<void> {
  if (test()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = engine.subscribe(() => {
      if (!test()) return;
      stop();
      resolve();
    });
  });
}

const events = (records: LogRecord[]) => records.filter((r) => r.msg === 'event').map((r) => r.event as string);

describe('catching up after a restart', () => {
  it('brings phones and the console back with only what changed, not the whole board', async () => {
    const { log, records } = capturedLog('debug');
    app = await startTestApp({ log });
    const url = app.server.url;
    const s = await createSession(url);
    const ann = await join(url, s.code, 'Ann');
    const bob = await join(url, s.code, 'Bob');
    const bobSocket = await connectClient(url, { role: 'participant', code: s.code, token: bob.participantToken });
    sockets.push(bobSocket);
    for (let i = 0; i < 5; i++) expectOk(await request(bobSocket, 'idea:submit', { clientId: randomUUID(), title: `Before ${i}` }));
    const annPhone = phone(url, s.code, ann.participantToken);
    const console_ = phone(url, s.code, s.facilitatorToken, 'facilitator');
    await until(annPhone, () => annPhone.getState().board.ideas.size === 5 && annPhone.getState().version !== null);
    await until(console_, () => console_.getState().board.ideas.size === 5 && console_.getState().version !== null);
    const versionBefore = annPhone.getState().version ?? 0;

    // The server restarts; while it is down nothing happens, then one idea arrives and a join.
    bobSocket.close();
    // Forgotten before the restart, not after: a phone may reconnect and catch up as soon as the
    // new server listens, before the restart's promise is heard of here.
    records.length = 0;
    await app.restart();
    const bobAgain = await connectClient(url, { role: 'participant', code: s.code, token: bob.participantToken });
    sockets.push(bobAgain);
    const after = expectOk(await request(bobAgain, 'idea:submit', { clientId: randomUUID(), title: 'After the restart' }));
    await join(url, s.code, 'Late Carol');

    for (const engine of [annPhone, console_]) {
      await until(engine, () => engine.getState().connection === 'connected' && engine.getState().board.ideas.has(after.id));
      expect(engine.getState().board.ideas.size).toBe(6);
      expect(engine.getState().version).toBeGreaterThan(versionBefore);
    }
    await until(console_, () => [...console_.getState().session.participants.values()].some((p) => p.name === 'Late Carol'));
    // What they asked: a catch-up each, never a snapshot or a page of the board again.
    const asked = events(records);
    expect(asked.filter((e) => e === 'session:catchUp').length).toBeGreaterThanOrEqual(2);
    expect(asked).not.toContain('board:snapshot');
    expect(asked).not.toContain('board:page');
    expect(asked).not.toContain('session:snapshot');
  });

  it('reloads from snapshots when the change log no longer reaches back to the version held', async () => {
    const { log, records } = capturedLog('debug');
    app = await startTestApp({ log, changeLogKept: 5 });
    const url = app.server.url;
    const s = await createSession(url);
    const ann = await join(url, s.code, 'Ann');
    const bob = await join(url, s.code, 'Bob');
    const annPhone = phone(url, s.code, ann.participantToken);
    await until(annPhone, () => annPhone.getState().version !== null);
    const socket = sockets[0] as TestClient;
    // Ann's phone goes away; more changes are made than the log keeps.
    socket.io.reconnection(false);
    socket.io.engine.close();
    await until(annPhone, () => annPhone.getState().connection !== 'connected');
    records.length = 0;
    await app.restart();
    const bobSocket = await connectClient(url, { role: 'participant', code: s.code, token: bob.participantToken });
    sockets.push(bobSocket);
    const titles: string[] = [];
    for (let i = 0; i < 8; i++) {
      titles.push(expectOk(await request(bobSocket, 'idea:submit', { clientId: randomUUID(), title: `While away ${i}` })).title);
    }
    socket.io.reconnection(true);
    socket.connect();
    await until(annPhone, () => annPhone.getState().board.ideas.size === 8);
    expect([...annPhone.getState().board.ideas.values()].map((i) => i.title).sort()).toEqual(titles.sort());
    const asked = events(records);
    expect(asked).toContain('board:snapshot');
    expect(records.some((r) => r.event === 'session:catchUp')).toBe(true);
  });

  it('answers a catch-up with an empty delta when nothing changed, and refuses a malformed one', async () => {
    app = await startTestApp();
    const url = app.server.url;
    const s = await createSession(url);
    const ann = await join(url, s.code, 'Ann');
    const socket = await connectClient(url, { role: 'participant', code: s.code, token: ann.participantToken });
    sockets.push(socket);
    const { version } = expectOk(await request(socket, 'board:snapshot', {}));
    const caughtUp = expectOk(await request(socket, 'session:catchUp', { since: version }));
    expect(caughtUp).toMatchObject({ kind: 'changes', version, board: { ideas: [], removedIdeaIds: [], tallies: {} }, participants: [] });
    // Phones never get the roster, even in a catch-up.
    expect(expectOk(await request(socket, 'session:catchUp', { since: 0 }))).toMatchObject({ participants: [], online: [] });
    // Ahead of the server (its store was reset): reload.
    expect(expectOk(await request(socket, 'session:catchUp', { since: version + 100 }))).toEqual({ kind: 'reload' });
    for (const bad of [{}, { since: -1 }, { since: 1.5 }, { since: 'x' }]) {
      expect(await request(socket, 'session:catchUp', bad)).toMatchObject({ ok: false, error: { reason: 'invalid_input' } });
    }
  });
});
