import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AWARENESS_BURST,
  AWARENESS_MESSAGE_MAX_BYTES,
  PROPOSAL_CONNECTIONS_MAX,
  YJS_LOAD_QUEUE_MAX_MESSAGES,
  YJS_MESSAGE_MAX_BYTES,
  YJS_SYNC_REQUEST_BURST,
} from '@ideasphere/shared';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type RunningServer, startServer } from '../server.js';
import { LmdbStore } from '../store/LmdbStore.js';
import { startTestApp, type TestApp } from '../testing/harness.js';
import {
  connectProvider,
  docContent,
  proposalFixture,
  rawYjsSocket,
  synced,
  syncUpdateMessage,
  type ProposalFixture,
} from '../testing/yjsClients.js';

let app: TestApp | null = null;
const providers: WebsocketProvider[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  await app?.dispose();
  app = null;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/**
 * A real server whose store holds every proposal document load until `letLoad()` is called
 * (a slow disk or database), so a test can act while a document loads.
 */
async function startWithHeldLoads(): Promise<{ server: RunningServer; letLoad: () => void; loadsStarted: () => number }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ideasphere-held-'));
  const store = await LmdbStore.open(dataDir);
  const loadDoc = store.proposals.loadDoc.bind(store.proposals);
  let letLoad = () => {};
  const held = new Promise<void>((resolve) => (letLoad = resolve));
  let started = 0;
  store.proposals.loadDoc = async (id) => {
    started++;
    await held;
    return loadDoc(id);
  };
  const server = await startServer({
    store,
    port: 0,
    host: '127.0.0.1',
    publicUrl: null,
    adminToken: null,
    trustProxy: 0,
    clientDist: path.join(dataDir, 'no-client'),
  });
  cleanups.push(async () => {
    letLoad();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return { server, letLoad, loadsStarted: () => started };
}

/** A raw socket that is open (upgraded) but may not have heard from the server yet. */
async function openSocket(url: string, proposalId: string, token: string): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }>; received: Uint8Array[] }> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/yjs/${proposalId}?token=${token}`);
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed, received };
}

/** An awareness message (type 1) with the given entries, encoded by hand as a client could. */
function awarenessEntries(entries: { client: number; clock: number; state: unknown }[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const { client, clock, state } of entries) {
    encoding.writeVarUint(update, client);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
  return encoding.toUint8Array(encoder);
}

/** An update that writes `text` into the problem section, as a client would. */
function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const run = new Y.XmlText();
  run.insert(0, text);
  paragraph.insert(0, [run]);
  doc.getXmlFragment('section:problem').insert(0, [paragraph]);
  return Y.encodeStateAsUpdate(doc);
}

async function setUp(docMaxBytes?: number): Promise<{ url: string; fixture: ProposalFixture; before: string; watcher: WebsocketProvider }> {
  app = await startTestApp(docMaxBytes === undefined ? {} : { proposalTuning: { docMaxBytes } });
  const fixture = await proposalFixture(app.server);
  const watcher = connectProvider(app.server.url, fixture.proposalId, fixture.viewer.memberToken);
  providers.push(watcher);
  await synced(watcher);
  return { url: app.server.url, fixture, before: docContent(watcher.doc), watcher };
}

/** After the server restarted, what a fresh client loads from the store. */
async function storedContent(fixture: ProposalFixture): Promise<string> {
  if (!app) throw new Error('no app');
  await app.restart();
  const check = connectProvider(app.server.url, fixture.proposalId, fixture.owner);
  providers.push(check);
  await synced(check);
  return docContent(check.doc);
}

describe('proposal socket limits', () => {
  it('closes an oversize message with 1009 message_too_big and stores nothing', async () => {
    const { url, fixture, before } = await setUp();
    const { ws, closed } = await rawYjsSocket(url, fixture.proposalId, fixture.editor.memberToken);
    ws.send(syncUpdateMessage(textUpdate('x'.repeat(YJS_MESSAGE_MAX_BYTES))));
    expect(await closed).toEqual({ code: 1009, reason: 'message_too_big' });
    expect(await storedContent(fixture)).toBe(before);
  });

  it('closes a malformed message with 4400 malformed and stores nothing, even when its start is a valid update', async () => {
    const { url, fixture, before } = await setUp();
    for (const bytes of [
      new Uint8Array([0, 2, 200, 1, 2]),
      new Uint8Array([42]),
      new Uint8Array([100, 1, 123]),
      // A valid update with its delete set cut off: Yjs would integrate the structs and then throw.
      syncUpdateMessage(textUpdate('half an update').slice(0, -1)),
    ]) {
      const { ws, closed } = await rawYjsSocket(url, fixture.proposalId, fixture.editor.memberToken);
      ws.send(bytes);
      expect(await closed).toEqual({ code: 4400, reason: 'malformed' });
    }
    const text = await rawYjsSocket(url, fixture.proposalId, fixture.editor.memberToken);
    text.ws.send('hello');
    expect(await text.closed).toEqual({ code: 4400, reason: 'malformed' });
    expect(await storedContent(fixture)).toBe(before);
  });

  it('closes an update whose dependencies the server lacks with 4400 and stores nothing', async () => {
    const { url, fixture, before, watcher } = await setUp();
    // A second change without the first one it builds on (a gap in its client's clocks).
    const gap = new Y.Doc();
    gap.getText('title').insert(0, 'first ');
    const afterFirst = Y.encodeStateVector(gap);
    gap.getText('title').insert(6, 'second');
    const onlySecond = Y.encodeStateAsUpdate(gap, afterFirst);
    // A deletion of text the server never received.
    const deletion = new Y.Doc();
    deletion.getText('title').insert(0, 'never sent');
    const afterInsert = Y.encodeStateVector(deletion);
    deletion.getText('title').delete(0, 5);
    const onlyDeletion = Y.encodeStateAsUpdate(deletion, afterInsert);
    for (const update of [onlySecond, onlyDeletion]) {
      const { ws, closed } = await rawYjsSocket(url, fixture.proposalId, fixture.editor.memberToken);
      ws.send(syncUpdateMessage(update));
      expect(await closed).toEqual({ code: 4400, reason: 'malformed' });
    }
    // Complete updates still go through, from the same clients.
    const { ws } = await rawYjsSocket(url, fixture.proposalId, fixture.editor.memberToken);
    ws.send(syncUpdateMessage(Y.encodeStateAsUpdate(gap)));
    await expect.poll(() => watcher.doc.getText('title').toString()).toContain('first second');
    ws.close();
    expect(before).not.toContain('first second');
  });

  it('closes an update that would make the document too large with 4413 and stores nothing', async () => {
    const { url, fixture, before, watcher } = await setUp(64 * 1024);
    const writer = connectProvider(url, fixture.proposalId, fixture.editor.memberToken);
    providers.push(writer);
    await synced(writer);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      writer.on('connection-close', (event) => event && resolve({ code: event.code, reason: String(event.reason) })),
    );
    writer.doc.getText('title').insert(0, 'y'.repeat(70 * 1024));
    expect(await closed).toEqual({ code: 4413, reason: 'document_too_large' });
    expect(docContent(watcher.doc)).toBe(before);
    expect(await storedContent(fixture)).toBe(before);
  });

  it('closes an awareness flood with 4429 rate_limited', async () => {
    const { url, fixture } = await setUp();
    const { ws, closed } = await rawYjsSocket(url, fixture.proposalId, fixture.viewer.memberToken);
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    for (let i = 0; i < AWARENESS_BURST * 3; i++) {
      awareness.setLocalState({ user: { name: 'spam', color: '#000' }, i });
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
      ws.send(encoding.toUint8Array(encoder));
    }
    expect(await closed).toEqual({ code: 4429, reason: 'rate_limited' });
    awareness.destroy();
  });

  it('closes an awareness message that is too big or announces more clients than its own with 4400', async () => {
    const { url, fixture, watcher } = await setUp();
    const before = watcher.awareness.getStates().size;
    const flood = Array.from({ length: 20_000 }, (_, i) => ({ client: 1_000_000 + i, clock: 1, state: {} }));
    const big = awarenessEntries(flood);
    expect(big.byteLength).toBeGreaterThan(AWARENESS_MESSAGE_MAX_BYTES);
    expect(big.byteLength).toBeLessThan(YJS_MESSAGE_MAX_BYTES);
    const many = awarenessEntries(flood.slice(0, 3));
    expect(many.byteLength).toBeLessThan(AWARENESS_MESSAGE_MAX_BYTES);
    for (const bytes of [big, many]) {
      const { ws, closed } = await rawYjsSocket(url, fixture.proposalId, fixture.editor.memberToken);
      ws.send(bytes);
      expect(await closed).toEqual({ code: 4400, reason: 'malformed' });
    }
    // Its own client (and one more) is fine.
    const { ws } = await rawYjsSocket(url, fixture.proposalId, fixture.editor.memberToken);
    ws.send(awarenessEntries(flood.slice(0, 2)));
    await expect.poll(() => watcher.awareness.getStates().size).toBe(before + 2);
    ws.close();
    await expect.poll(() => watcher.awareness.getStates().size).toBe(before);
  });

  it("closes an awareness entry for another member's client id with 4400 and keeps that member's caret", async () => {
    const { url, fixture, watcher } = await setUp();
    const observer = connectProvider(url, fixture.proposalId, fixture.owner);
    providers.push(observer);
    await synced(observer);
    watcher.awareness.setLocalStateField('cursor', 'mine');
    await expect.poll(() => observer.awareness.getStates().get(watcher.doc.clientID)?.['cursor']).toBe('mine');
    const { ws, closed } = await rawYjsSocket(url, fixture.proposalId, fixture.editor.memberToken);
    ws.send(awarenessEntries([{ client: watcher.doc.clientID, clock: 1_000, state: { cursor: 'hijacked' } }]));
    expect(await closed).toEqual({ code: 4400, reason: 'malformed' });
    watcher.awareness.setLocalStateField('cursor', 'still mine');
    await expect.poll(() => observer.awareness.getStates().get(watcher.doc.clientID)?.['cursor']).toBe('still mine');
  });

  it('closes a flood of sync step 1 or query-awareness requests with 4429 rate_limited', async () => {
    const { url, fixture } = await setUp();
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, 0);
    encoding.writeVarUint(step1, 0);
    encoding.writeVarUint8Array(step1, Y.encodeStateVector(new Y.Doc()));
    for (const request of [encoding.toUint8Array(step1), new Uint8Array([3])]) {
      const { ws, closed } = await rawYjsSocket(url, fixture.proposalId, fixture.viewer.memberToken);
      for (let i = 0; i < YJS_SYNC_REQUEST_BURST * 3; i++) ws.send(request);
      expect(await closed).toEqual({ code: 4429, reason: 'rate_limited' });
    }
  });

  it('never lets a burst of connections to an unloaded document exceed PROPOSAL_CONNECTIONS_MAX', async () => {
    app = await startTestApp();
    const fixture = await proposalFixture(app.server);
    await app.restart(); // the document is not loaded yet
    const url = `${app.server.url.replace(/^http/, 'ws')}/yjs/${fixture.proposalId}?token=${fixture.editor.memberToken}`;
    const sockets = Array.from({ length: PROPOSAL_CONNECTIONS_MAX + 20 }, () => new WebSocket(url));
    const outcomes = await Promise.all(
      sockets.map(
        (ws) =>
          new Promise<string>((resolve) => {
            ws.once('message', () => resolve('open'));
            ws.once('close', (code) => resolve(String(code)));
          }),
      ),
    );
    expect(outcomes.filter((o) => o === 'open')).toHaveLength(PROPOSAL_CONNECTIONS_MAX);
    expect(outcomes.filter((o) => o === '4503')).toHaveLength(20);
    for (const ws of sockets) ws.close();
  });

  it('closes a socket that sends more than YJS_LOAD_QUEUE_MAX_MESSAGES while its document loads with 4529 load_queue_full; one under the cap is served once it loaded', async () => {
    const { server, letLoad, loadsStarted } = await startWithHeldLoads();
    const fixture = await proposalFixture(server);
    const patient = await openSocket(server.url, fixture.proposalId, fixture.viewer.memberToken);
    const flooder = await openSocket(server.url, fixture.proposalId, fixture.editor.memberToken);
    await expect.poll(loadsStarted).toBeGreaterThan(0);
    // Sync step 1 with an empty state vector: held, then answered with the whole document.
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, 0);
    encoding.writeVarUint(step1, 0);
    encoding.writeVarUint8Array(step1, Y.encodeStateVector(new Y.Doc()));
    patient.ws.send(encoding.toUint8Array(step1));
    for (let i = 0; i <= YJS_LOAD_QUEUE_MAX_MESSAGES; i++) flooder.ws.send(new Uint8Array([3]));
    expect(await flooder.closed).toEqual({ code: 4529, reason: 'load_queue_full' });
    expect(patient.received).toEqual([]);
    letLoad();
    // The patient socket gets the server's sync step 1, then its answer: sync step 2 (0, 1, …).
    await expect.poll(() => patient.received.some((m) => m[0] === 0 && m[1] === 1), { timeout: 10_000 }).toBe(true);
    const reader = connectProvider(server.url, fixture.proposalId, fixture.owner);
    providers.push(reader);
    await synced(reader);
    expect(reader.doc.getText('title').toString()).toBe('Solar roof on hall 3 (+1)');
    patient.ws.close();
  });

  it('relays presence with the name and role of the member, whatever the client claims', async () => {
    const { url, fixture, watcher } = await setUp();
    const liar = connectProvider(url, fixture.proposalId, fixture.commenter.memberToken);
    providers.push(liar);
    await synced(liar);
    liar.awareness.setLocalStateField('user', { name: 'The CEO', color: '#fff', role: 'owner', memberId: 'x' });
    await expect
      .poll(() => watcher.awareness.getStates().get(liar.doc.clientID)?.['user'])
      .toEqual({ name: 'Ann', color: fixture.commenter.member.color, role: 'commenter', memberId: fixture.commenter.member.id });
  });
});
