import * as encoding from 'lib0/encoding';
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
import { connectProvider, firstRun, proposalFixture, synced, until } from '../testing/yjsClients.js';

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

/**
 * `update` with the items it puts straight into root `from` put into root `to` instead (items
 * with an origin take their parent from it, so only the first ones name the root). The
 * concurrent replay writes the trace into its own root; the server takes only the template's
 * roots, so the authors' updates go into the title, a plain Y.Text as the trace's.
 */
function renameRoot(update: Uint8Array, from: string, to: string): Uint8Array {
  const { structs, ds } = Y.decodeUpdate(update);
  const encoder = new Y.UpdateEncoderV1();
  const byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>();
  for (const struct of structs) {
    // A decoded item names a root parent by its key (Yjs's typings only list integrated parents).
    const item = struct as unknown as { parent: unknown };
    if (struct instanceof Y.Item && item.parent === from) item.parent = to;
    byClient.set(struct.id.client, [...(byClient.get(struct.id.client) ?? []), struct]);
  }
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, (list[0] as Y.Item | Y.GC | Y.Skip).id.clock);
    for (const struct of list) struct.write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, ds.clients.size);
  for (const [client, deletes] of ds.clients) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, deletes.length);
    for (const { clock, len } of deletes) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
  return encoder.toUint8Array();
}

/** The trace text as the server stored it (after a clean stop), read by `read`. */
async function storedText(proposalId: string, read: (doc: Y.Doc) => string): Promise<string> {
  if (!app) throw new Error('no app');
  await app.server.close();
  const store = await LmdbStore.open(app.dataDir);
  try {
    const stored = await store.proposals.loadDoc(proposalId);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const { update } of stored.updates) Y.applyUpdate(doc, update);
    return read(doc);
  } finally {
    await store.close();
    await app.restart();
  }
}

describe('real editing traces through the provider and the server', () => {
  it('automerge-paper (sequential, 259,778 edits) typed into a section: a second client and the store end with endContent exactly', async () => {
    const trace = loadTrace<SequentialTrace>('automerge-paper');
    app = await startTestApp();
    const fixture = await proposalFixture(app.server);
    const writer = open(fixture.proposalId, fixture.editor.memberToken);
    await synced(writer);
    // Typed into the section's seeded paragraph, as the editor types.
    const text = firstRun(writer.doc, 'problem');
    writer.doc.transact(() => text.insert(0, trace.startContent));
    for (let i = 0; i < trace.txns.length; i += TXNS_PER_CHUNK) {
      writer.doc.transact(() => {
        for (const txn of trace.txns.slice(i, i + TXNS_PER_CHUNK)) applyPatches(text, txn.patches);
      });
    }
    expect(text.toString()).toBe(trace.endContent);
    const reader = open(fixture.proposalId, fixture.viewer.memberToken);
    await synced(reader);
    await until(() => firstRun(reader.doc, 'problem').length === trace.endContent.length, 'the reader has the whole paper', 60_000);
    expect(firstRun(reader.doc, 'problem').toString()).toBe(trace.endContent);
    writer.destroy();
    reader.destroy();
    expect(await storedText(fixture.proposalId, (doc) => firstRun(doc, 'problem').toString())).toBe(trace.endContent);
  }, 120_000);

  it('friendsforever (concurrent, two authors) in the title: one provider per author, all end with endContent exactly', async () => {
    const trace = loadTrace<ConcurrentTrace>('friendsforever');
    expect(trace.numAgents).toBe(2);
    app = await startTestApp();
    const fixture = await proposalFixture(app.server);
    const authors = [open(fixture.proposalId, fixture.owner), open(fixture.proposalId, fixture.editor.memberToken)];
    await Promise.all(authors.map(synced));
    // The trace starts empty: clear the seeded title first.
    const seeded = authors[0]?.doc.getText('title');
    seeded?.delete(0, seeded.length);
    await until(() => authors.every((p) => p.doc.getText('title').length === 0), 'the title is empty');
    const title = (provider: WebsocketProvider) => provider.doc.getText('title').toString();
    // Consecutive transactions of one author go out as one message, like a burst of typing.
    let burst: { agent: number; updates: Uint8Array[] } | null = null;
    const flush = () => {
      if (!burst) return;
      const provider = authors[burst.agent];
      if (!provider) throw new Error(`no provider for agent ${burst.agent}`);
      Y.applyUpdate(provider.doc, renameRoot(Y.mergeUpdates(burst.updates), TRACE_TEXT, 'title'));
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
    await until(() => authors.every((p) => title(p) === trace.endContent), 'both authors converge', 60_000);
    const third = open(fixture.proposalId, fixture.viewer.memberToken);
    await synced(third);
    expect(title(third)).toBe(trace.endContent);
    for (const provider of providers.splice(0)) provider.destroy();
    expect(await storedText(fixture.proposalId, (doc) => doc.getText('title').toString())).toBe(trace.endContent);
  }, 120_000);
});
