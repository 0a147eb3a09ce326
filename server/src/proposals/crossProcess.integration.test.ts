import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { capturedLog } from '../logger.js';
import type { LmdbStore } from '../store/LmdbStore.js';
import { type ChildNode, type ClusterNodeOptions, type LocalNode, spawnChildNode, startLocalNode } from '../testing/clusterNodes.js';
import { api } from '../testing/harness.js';
import { type TestRedis, startTestRedis } from '../testing/redisServer.js';
import { bearer, connectProvider, docContent, nextClose, proposalFixture, synced, typeInSection, until } from '../testing/yjsClients.js';
import type { ProposalTuning } from './createProposals.js';
import { readStoredDocument } from './storedDocument.js';

// Two server processes of one deployment: A in this process (its store at hand), B a child
// process (so it can be killed with SIGKILL), on one LMDB directory and one real Redis.

let redis: TestRedis;
let dataDir: string | null = null;
const cleanups: (() => Promise<void>)[] = [];
const providers: WebsocketProvider[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
});

afterAll(async () => {
  await redis.stop();
});

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = null;
});

async function startPair(tuning: { a?: ProposalTuning; b?: ProposalTuning } = {}) {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ideasphere-yjs-cluster-'));
  const base: ClusterNodeOptions = { dataDir, redisUrl: redis.url, keyPrefix: `test-${randomUUID()}:` };
  const captured = capturedLog('warn');
  const a: LocalNode = await startLocalNode({ ...base, ...(tuning.a ? { proposalTuning: tuning.a } : {}) }, captured.log);
  cleanups.push(() => a.close());
  const b: ChildNode = await spawnChildNode({ ...base, ...(tuning.b ? { proposalTuning: tuning.b } : {}) });
  // Stopped gracefully unless a test kills it: a process killed while it holds a document's log
  // lock makes the others wait for the lock's expiry.
  cleanups.push(() => b.close());
  const fixture = await proposalFixture(a.server);
  return { a, b, fixture, records: captured.records };
}

function open(url: string, proposalId: string, token: string, doc?: Y.Doc): WebsocketProvider {
  const provider = connectProvider(url, proposalId, token, doc);
  providers.push(provider);
  return provider;
}

async function storedDoc(store: LmdbStore, proposalId: string): Promise<Y.Doc> {
  return readStoredDocument(await store.proposals.loadDoc(proposalId)).doc;
}

async function storedContent(store: LmdbStore, proposalId: string): Promise<string> {
  const doc = await storedDoc(store, proposalId);
  const content = docContent(doc);
  doc.destroy();
  return content;
}

/** Waits until the store holds `expected` (polled: the writes are debounced). */
async function untilStored(store: LmdbStore, proposalId: string, check: (content: string) => boolean, what: string): Promise<void> {
  let content = '';
  const started = Date.now();
  while (!check((content = await storedContent(store, proposalId)))) {
    if (Date.now() - started > 20_000) throw new Error(`timed out waiting for the store to hold ${what}; it holds ${content}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Opens a raw /yjs socket: `open` once the server spoke, else the close code. */
function rawOutcome(url: string, proposalId: string, token: string): Promise<{ outcome: string; ws: WebSocket }> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/yjs/${proposalId}?token=${token}`);
  return new Promise((resolve) => {
    ws.once('message', () => resolve({ outcome: 'open', ws }));
    ws.once('close', (code) => resolve({ outcome: String(code), ws }));
  });
}

describe('proposal documents across server processes', () => {
  it('keeps co-editors on two processes in step, with each one’s presence, and closes a removed member’s connection on the other process', async () => {
    const { a, b, fixture } = await startPair();
    const onA = open(a.server.url, fixture.proposalId, fixture.editor.memberToken);
    const onB = open(b.url, fixture.proposalId, fixture.owner);
    await Promise.all([synced(onA), synced(onB)]);

    typeInSection(onA.doc, 'benefits', 0, 'Typed on A. ');
    typeInSection(onB.doc, 'team', 0, 'Typed on B. ');
    onB.doc.getText('title').insert(0, 'Both: ');
    await until(
      () => docContent(onA.doc) === docContent(onB.doc) && ['Typed on A.', 'Typed on B.', 'Both: '].every((text) => docContent(onA.doc).includes(text)),
      'both editors see both edits',
    );

    // Presence crosses, with the name the server stamps from the member record. (A provider's
    // first state, clock 0, is ignored by y-protocols everywhere: editors set a field at once.)
    const userOn = (provider: WebsocketProvider, clientId: number) => (provider.awareness.getStates().get(clientId) as { user?: { name?: string } } | undefined)?.user?.name;
    onA.awareness.setLocalStateField('cursor', { at: 3 });
    onB.awareness.setLocalStateField('cursor', { at: 5 });
    await until(() => userOn(onB, onA.awareness.clientID) === 'Wang Fang', 'B’s owner sees A’s editor');
    await until(() => userOn(onA, onB.awareness.clientID) === 'Facilitator', 'A’s editor sees B’s owner');

    // A third member joins on B; the owner removes them through A: B closes that connection.
    const viewerOnB = open(b.url, fixture.proposalId, fixture.viewer.memberToken);
    await synced(viewerOnB);
    const closed = nextClose(viewerOnB);
    const removed = await api(a.server.url, 'DELETE', `/api/proposals/${fixture.proposalId}/members/${fixture.viewer.member.id}`, undefined, bearer(fixture.owner));
    expect(removed.status).toBe(204);
    expect(await closed).toEqual({ code: 4401, reason: 'unauthorized' });

    // Leaving is seen across too.
    const leaving = onA.awareness.clientID;
    onA.destroy();
    await until(() => !onB.awareness.getStates().has(leaving), 'A’s editor’s presence goes on B');
  });

  it('catches up on what was published while its Redis subscriber was reconnecting', async () => {
    const { a, b, fixture } = await startPair();
    const onA = open(a.server.url, fixture.proposalId, fixture.editor.memberToken);
    const onB = open(b.url, fixture.proposalId, fixture.owner);
    await Promise.all([synced(onA), synced(onB)]);
    const clients = String(await a.scaleOut.redis.call('CLIENT', 'LIST'));
    const subscriber = /id=(\d+) [^\n]*name=(\S+)/g;
    const ids = [...clients.matchAll(subscriber)].filter((match) => match[2] === `${a.scaleOut.keyPrefix}yjs:${a.scaleOut.nodeId}`).map((match) => match[1]);
    expect(ids).toHaveLength(1);
    // A's subscriber is cut; ioredis reconnects it after 50 ms, and B's edit is published meanwhile.
    await a.scaleOut.redis.call('CLIENT', 'KILL', 'ID', ids[0] as string);
    typeInSection(onB.doc, 'team', 0, 'Published while A was away.');
    await until(() => docContent(onA.doc).includes('Published while A was away.'), 'A catches up');
  });

  it('appends an update to the log once, by the process whose client sent it', async () => {
    const noCompaction = { compactAfterUpdates: 10_000 };
    const { a, b, fixture, records } = await startPair({ a: noCompaction, b: noCompaction });
    const onA = open(a.server.url, fixture.proposalId, fixture.editor.memberToken);
    const onB = open(b.url, fixture.proposalId, fixture.owner);
    await Promise.all([synced(onA), synced(onB)]);

    typeInSection(onB.doc, 'team', 0, 'Written once, by B.');
    await until(() => docContent(onA.doc).includes('Written once, by B.'), 'A has B’s edit');
    await untilStored(a.store, fixture.proposalId, (content) => content.includes('Written once, by B.'), 'B’s edit');
    // A applied B's edit before its own client typed: had A appended B's edit too, it would be
    // in the same batch as A's own edit, or before it.
    typeInSection(onA.doc, 'benefits', 0, 'Then A.');
    await untilStored(a.store, fixture.proposalId, (content) => content.includes('Then A.'), 'A’s edit');

    const { updates } = await a.store.proposals.loadDoc(fixture.proposalId);
    const holding = (clientId: number) => updates.filter(({ update }) => Y.decodeUpdate(update).structs.some((struct) => struct.id.client === clientId));
    expect(holding(onB.doc.clientID)).toHaveLength(1);
    expect(holding(onA.doc.clientID)).toHaveLength(1);
    expect(records.filter((record) => record.level >= 50)).toEqual([]);
    expect(b.stderr()).toBe('');
  });

  it('loses no edit another process received when the process its client was on is killed with SIGKILL and the client moves over', async () => {
    // B would write only after a minute: whatever its client typed is, at the kill, only in memory
    // on B and A.
    const { a, b, fixture } = await startPair({ b: { persistDebounceMs: 60_000 } });
    // A opens the document once and compacts its log on leaving: loaded again, it has nothing of
    // its own to write, so only what it holds from B can bring B's edits to the store.
    const first = open(a.server.url, fixture.proposalId, fixture.editor.memberToken);
    await synced(first);
    first.destroy();
    await expect.poll(async () => (await a.store.proposals.loadDoc(fixture.proposalId)).updates.length).toBe(0);
    const watcher = open(a.server.url, fixture.proposalId, fixture.editor.memberToken);
    const writerDoc = new Y.Doc();
    const writer = open(b.url, fixture.proposalId, fixture.owner, writerDoc);
    await Promise.all([synced(watcher), synced(writer)]);
    for (const word of ['Cut ', 'energy ', 'use ', 'by ', '12% ', 'in ', 'hall ', '3.']) typeInSection(writerDoc, 'benefits', 10_000, word);
    writerDoc.getText('title').insert(0, 'Kept: ');
    const relayed = docContent(writerDoc);
    await until(() => docContent(watcher.doc) === relayed, 'A has the edits made on B');

    await b.kill();
    expect(b.stderr()).toBe('');
    // The client moves to A with the same document and finds everything there (it types nothing
    // more: A would then have writes of its own).
    writer.destroy();
    const moved = open(a.server.url, fixture.proposalId, fixture.owner, writerDoc);
    await synced(moved);
    expect(docContent(watcher.doc)).toBe(relayed);

    // Everyone leaves: A's last write holds what it only had from B.
    moved.destroy();
    watcher.destroy();
    await untilStored(a.store, fixture.proposalId, (content) => content === relayed, 'every edit made on B');
    expect(relayed).toContain('Cut energy use by 12% in hall 3.');
    expect(relayed).toContain('Kept: ');
  });

  it('counts the connections on every process against the per-document cap', async () => {
    const capped = { connectionsMax: 2 };
    const { a, b, fixture } = await startPair({ a: capped, b: capped });
    const first = await rawOutcome(a.server.url, fixture.proposalId, fixture.editor.memberToken);
    const second = await rawOutcome(b.url, fixture.proposalId, fixture.viewer.memberToken);
    expect([first.outcome, second.outcome]).toEqual(['open', 'open']);
    const third = await rawOutcome(a.server.url, fixture.proposalId, fixture.commenter.memberToken);
    const fourth = await rawOutcome(b.url, fixture.proposalId, fixture.commenter.memberToken);
    expect([third.outcome, fourth.outcome]).toEqual(['4503', '4503']);

    // A slot given back on B is free for A.
    const gone = new Promise((resolve) => second.ws.once('close', resolve));
    second.ws.close();
    await gone;
    await expect.poll(async () => {
      const retry = await rawOutcome(a.server.url, fixture.proposalId, fixture.commenter.memberToken);
      if (retry.outcome === 'open') cleanups.push(async () => void retry.ws.close());
      return retry.outcome;
    }).toBe('open');
    first.ws.close();
  });

  it('refuses an update that would push the document over its size limit with what another process accepted counted', async () => {
    const small = { docMaxBytes: 24_000 };
    const { a, b, fixture } = await startPair({ a: small, b: small });
    const onA = open(a.server.url, fixture.proposalId, fixture.editor.memberToken);
    const onB = open(b.url, fixture.proposalId, fixture.owner);
    await Promise.all([synced(onA), synced(onB)]);
    // 16 KB accepted on B, relayed to A: on its own, A's next 10 KB would fit.
    typeInSection(onB.doc, 'team', 0, 'b'.repeat(16_000));
    await until(() => docContent(onA.doc).includes('b'.repeat(16_000)), 'A has B’s text');
    const closed = nextClose(onA);
    typeInSection(onA.doc, 'benefits', 0, 'a'.repeat(10_000));
    expect(await closed).toEqual({ code: 4413, reason: 'document_too_large' });
    // Nothing of it reached either process: a later edit on B is stored, without it.
    typeInSection(onB.doc, 'team', 0, 'After. ');
    await untilStored(a.store, fixture.proposalId, (content) => content.includes('After. '), 'B’s later edit');
    expect(await storedContent(a.store, fixture.proposalId)).not.toContain('aaaa');
    expect(docContent(onB.doc)).not.toContain('aaaa');
  });

  it('loses nothing when both processes append and compact the same log at once', async () => {
    // Compacting after every other append, with writes 5 ms apart: appends and compactions of A
    // and B interleave all the time.
    const busy = { compactAfterUpdates: 2, persistDebounceMs: 5 };
    const { a, b, fixture, records } = await startPair({ a: busy, b: busy });
    const onA = open(a.server.url, fixture.proposalId, fixture.editor.memberToken);
    const onB = open(b.url, fixture.proposalId, fixture.owner);
    await Promise.all([synced(onA), synced(onB)]);
    for (let i = 0; i < 25; i++) {
      typeInSection(onA.doc, 'benefits', 10_000, `a${i} `);
      typeInSection(onB.doc, 'team', 10_000, `b${i} `);
      // Paced by the round trip through the other process, never by a sleep.
      await until(() => docContent(onB.doc).includes(`a${i} `) && docContent(onA.doc).includes(`b${i} `), `word ${i} crossed`);
    }
    const final = docContent(onA.doc);
    expect(docContent(onB.doc)).toBe(final);
    // Before anyone leaves (so no final write fills a gap): the log and snapshots alone hold everything.
    await untilStored(a.store, fixture.proposalId, (content) => content === final, 'every word of both editors');
    expect(records.filter((record) => record.level >= 50)).toEqual([]);
    expect(b.stderr()).toBe('');
  });
});
