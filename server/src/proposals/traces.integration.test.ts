import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { LmdbStore } from '../store/LmdbStore.js';
import {
  TRACE_TEXT,
  applyPatches,
  loadTrace,
  replayConcurrent,
  type ConcurrentTrace,
  type SequentialTrace,
} from '../testing/editingTraces.js';
import { startTestApp, type TestApp } from '../testing/harness.js';
import { connectProvider, proposalFixture, synced, until } from '../testing/yjsClients.js';

/** Trace transactions per Yjs transaction: about one provider message per burst of typing. */
const TXNS_PER_CHUNK = 500;

let app: TestApp | null = null;
const providers: WebsocketProvider[] = [];

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  await app?.dispose();
  app = null;
});

function open(proposalId: string, token: string): WebsocketProvider {
  const provider = connectProvider(app?.server.url ?? '', proposalId, token);
  providers.push(provider);
  return provider;
}

/**
 * Resolves once `doc` holds every struct of `updates` (woken by its transactions, no polling).
 * The end clocks come from each update's meta: encodeStateVectorFromUpdate would report 0 for a
 * client whose structs in the update do not start at clock 0.
 */
function received(doc: Y.Doc, updates: Uint8Array[]): Promise<void> {
  const needed = new Map<number, number>();
  for (const update of updates) {
    for (const [client, clock] of Y.parseUpdateMeta(update).to) needed.set(client, Math.max(needed.get(client) ?? 0, clock));
  }
  const has = () => [...needed].every(([client, clock]) => Y.getState(doc.store, client) >= clock);
  if (has()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!has()) return;
      doc.off('afterTransaction', check);
      resolve();
    };
    doc.on('afterTransaction', check);
  });
}

/** The trace text as the server stored it (after a clean stop). */
async function storedText(proposalId: string): Promise<string> {
  if (!app) throw new Error('no app');
  await app.server.close();
  const store = await LmdbStore.open(app.dataDir);
  try {
    const stored = await store.proposals.loadDoc(proposalId);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const { update } of stored.updates) Y.applyUpdate(doc, update);
    return doc.getText(TRACE_TEXT).toString();
  } finally {
    await store.close();
    await app.restart();
  }
}

describe('real editing traces through the provider and the server', () => {
  it('automerge-paper (sequential, 259,778 edits): a second client and the store end with endContent exactly', async () => {
    const trace = loadTrace<SequentialTrace>('automerge-paper');
    app = await startTestApp();
    const fixture = await proposalFixture(app.server);
    const writer = open(fixture.proposalId, fixture.editor.memberToken);
    await synced(writer);
    const text = writer.doc.getText(TRACE_TEXT);
    writer.doc.transact(() => text.insert(0, trace.startContent));
    for (let i = 0; i < trace.txns.length; i += TXNS_PER_CHUNK) {
      writer.doc.transact(() => {
        for (const txn of trace.txns.slice(i, i + TXNS_PER_CHUNK)) applyPatches(text, txn.patches);
      });
    }
    expect(text.toString()).toBe(trace.endContent);
    const reader = open(fixture.proposalId, fixture.viewer.memberToken);
    await synced(reader);
    await until(() => reader.doc.getText(TRACE_TEXT).length === trace.endContent.length, 'the reader has the whole paper', 60_000);
    expect(reader.doc.getText(TRACE_TEXT).toString()).toBe(trace.endContent);
    writer.destroy();
    reader.destroy();
    expect(await storedText(fixture.proposalId)).toBe(trace.endContent);
  }, 120_000);

  it('friendsforever (concurrent, two authors): one provider per author, all end with endContent exactly', async () => {
    const trace = loadTrace<ConcurrentTrace>('friendsforever');
    expect(trace.numAgents).toBe(2);
    app = await startTestApp();
    const fixture = await proposalFixture(app.server);
    const authors = [open(fixture.proposalId, fixture.owner), open(fixture.proposalId, fixture.editor.memberToken)];
    await Promise.all(authors.map(synced));
    // Consecutive transactions of one author go out as one message, like a burst of typing.
    let burst: { agent: number; updates: Uint8Array[] } | null = null;
    const flush = () => {
      if (!burst) return;
      const provider = authors[burst.agent];
      if (!provider) throw new Error(`no provider for agent ${burst.agent}`);
      Y.applyUpdate(provider.doc, Y.mergeUpdates(burst.updates));
      burst = null;
    };
    const working = await replayConcurrent(trace, async (agent, seen, own) => {
      const provider = authors[agent];
      if (!provider) throw new Error(`no provider for agent ${agent}`);
      if (burst && (burst.agent !== agent || seen.length > 0)) flush();
      // The author types on what they have seen: wait until the server brought it to them …
      if (seen.length > 0) await received(provider.doc, seen);
      // … then their transaction goes out through their provider, as typing would.
      burst ??= { agent, updates: [] };
      burst.updates.push(own);
      if (burst.updates.length >= 200) flush();
    });
    flush();
    // The offline replay itself already agrees with the trace once both histories are merged.
    const merged = new Y.Doc();
    for (const doc of working) Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc));
    expect(merged.getText(TRACE_TEXT).toString()).toBe(trace.endContent);
    await until(() => authors.every((p) => p.doc.getText(TRACE_TEXT).toString() === trace.endContent), 'both authors converge', 60_000);
    const third = open(fixture.proposalId, fixture.viewer.memberToken);
    await synced(third);
    expect(third.doc.getText(TRACE_TEXT).toString()).toBe(trace.endContent);
    for (const provider of providers.splice(0)) provider.destroy();
    expect(await storedText(fixture.proposalId)).toBe(trace.endContent);
  }, 120_000);
});
