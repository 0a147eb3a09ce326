/**
 * Proposal co-authoring benchmark: the real `automerge-paper` editing trace (259,778 edits)
 * replayed through real y-websocket providers into our server (persistence on, LMDB, built
 * server as a child process) and, in the same run, into the reference y-websocket server
 * (y-websocket@2.1.0 `setupWSConnection`, no persistence) as the baseline. Then one keystroke
 * to 50 co-editors on one document, on both.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { CreatedProposal, CreatedSession, IdeaPublic, JoinedSession } from '@ideasphere/shared';
import { PROTOCOL_VERSION } from '@ideasphere/shared';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { LmdbStore } from '../../../server/src/store/LmdbStore.js';
import { AppProcess } from '../support/appProcess.js';
import { connect, summary } from './benchClients.js';
import { rssOf, saveResults } from './measure.js';

// e2e has no ws typings: the provider only needs the constructor.
const NodeWebSocket = createRequire(import.meta.url)('ws') as typeof globalThis.WebSocket;

const TXNS = Number(process.env['BENCH_PROPOSAL_TXNS'] ?? Number.POSITIVE_INFINITY);
const EDITORS = Number(process.env['BENCH_PROPOSAL_EDITORS'] ?? 50);
const KEYSTROKES = Number(process.env['BENCH_PROPOSAL_KEYSTROKES'] ?? 200);
const KEYSTROKES_PER_SECOND = 20;
/** Trace transactions per Yjs transaction: one provider message per burst of typing. */
const TXNS_PER_CHUNK = 500;
/** The proposal's title: plain text, a root every proposal has (the server refuses roots its template does not use). */
const TEXT = 'title';

interface Trace {
  startContent: string;
  endContent: string;
  txns: { patches: [number, number, string][] }[];
}

interface ServerFigures {
  /** From the first edit until a second, already connected client has the whole document. */
  replayUntilSecondClientMs: number;
  /** A client joining afterwards: connect until synced with the whole document. */
  lateJoinSyncMs: number;
  stateBytes: number;
  storedBytes: number | null;
  /** Reading the stored document (one snapshot read + one range read) and applying it. */
  storeLoadMs: number | null;
  /** After a restart: a client's sync, which includes the server loading the document. */
  coldLoadSyncMs: number | null;
  rssBeforeMB: number;
  rssAfterMB: number;
  rssDeltaMB: number;
  keystrokeLatencyMs: { p50: number; p99: number; max: number };
}

interface Target {
  url: string;
  pid: number;
  room: string;
  token: string | null;
}

const round = (n: number) => Math.round(n * 10) / 10;
const mb = (bytes: number) => round(bytes / 1024 / 1024);

function loadTrace(): Trace {
  const file = fileURLToPath(new URL('../../../server/src/testing/traces/automerge-paper.json.gz', import.meta.url));
  const trace = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Trace;
  if (!Number.isFinite(TXNS)) return trace;
  // A shortened run: the end content is what the first TXNS transactions give.
  const txns = trace.txns.slice(0, TXNS);
  const doc = new Y.Doc();
  const text = doc.getText();
  text.insert(0, trace.startContent);
  for (const txn of txns) applyPatches(text, txn.patches);
  return { startContent: trace.startContent, endContent: text.toString(), txns };
}

function applyPatches(text: Y.Text, patches: readonly [number, number, string][]): void {
  for (const [position, deleted, inserted] of patches) {
    if (deleted > 0) text.delete(position, deleted);
    if (inserted !== '') text.insert(position, inserted);
  }
}

function provider(target: Target, room = target.room): WebsocketProvider {
  return new WebsocketProvider(`${target.url.replace(/^http/, 'ws')}/yjs`, room, new Y.Doc(), {
    params: target.token ? { token: target.token } : {},
    WebSocketPolyfill: NodeWebSocket,
    disableBc: true,
  });
}

function synced(p: WebsocketProvider): Promise<void> {
  if (p.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const on = (state: boolean) => {
      if (!state) return;
      p.off('sync', on);
      resolve();
    };
    p.on('sync', on);
  });
}

/** Resolves when `check` holds after one of the doc's transactions. */
function whenDoc(doc: Y.Doc, check: () => boolean): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve) => {
    const on = () => {
      if (!check()) return;
      doc.off('afterTransaction', on);
      resolve();
    };
    doc.on('afterTransaction', on);
  });
}

/** Replays the trace into one provider while a second one watches. */
async function replay(target: Target, trace: Trace): Promise<{ untilSecondMs: number; stateBytes: number }> {
  const writer = provider(target);
  const watcher = provider(target);
  await Promise.all([synced(writer), synced(watcher)]);
  const text = writer.doc.getText(TEXT);
  const watched = watcher.doc.getText(TEXT);
  const done = whenDoc(watcher.doc, () => watched.length === trace.endContent.length && watched.toString() === trace.endContent);
  const started = performance.now();
  // The seeded proposal's title gives way to the trace's start, in the same first transaction.
  writer.doc.transact(() => {
    text.delete(0, text.length);
    text.insert(0, trace.startContent);
  });
  for (let i = 0; i < trace.txns.length; i += TXNS_PER_CHUNK) {
    writer.doc.transact(() => {
      for (const txn of trace.txns.slice(i, i + TXNS_PER_CHUNK)) applyPatches(text, txn.patches);
    });
    // Yield now and then, as a typing client's event loop does.
    if ((i / TXNS_PER_CHUNK) % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await done;
  const untilSecondMs = performance.now() - started;
  const stateBytes = Y.encodeStateAsUpdate(watcher.doc).byteLength;
  writer.destroy();
  watcher.destroy();
  return { untilSecondMs: round(untilSecondMs), stateBytes };
}

async function lateJoin(target: Target, trace: Trace): Promise<number> {
  const started = performance.now();
  const reader = provider(target);
  await synced(reader);
  await whenDoc(reader.doc, () => reader.doc.getText(TEXT).length === trace.endContent.length);
  const ms = performance.now() - started;
  reader.destroy();
  return round(ms);
}

/** One writer types; each keystroke's latency is until the last of the co-editors has it. */
async function keystrokes(target: Target, room: string): Promise<{ p50: number; p99: number; max: number }> {
  const editors = Array.from({ length: EDITORS }, () => provider(target, room));
  await Promise.all(editors.map(synced));
  const [writer, ...readers] = editors;
  if (!writer) throw new Error('no editors');
  const latencies: number[] = [];
  for (let k = 0; k < KEYSTROKES; k++) {
    const length = k + 1;
    const arrivals = readers.map((r) => whenDoc(r.doc, () => r.doc.getText(TEXT).length >= length));
    const sent = performance.now();
    writer.doc.getText(TEXT).insert(k, String.fromCharCode(97 + (k % 26)));
    await Promise.all(arrivals);
    latencies.push(performance.now() - sent);
    await new Promise((resolve) => setTimeout(resolve, 1000 / KEYSTROKES_PER_SECOND));
  }
  for (const e of editors) e.destroy();
  return summary(latencies);
}

/** A session, one idea, and a proposal made from it; the facilitator's token opens it as owner. */
async function makeProposal(app: AppProcess): Promise<{ id: string; token: string }> {
  const post = async <T>(path: string, body: unknown, token?: string): Promise<T> => {
    const res = await fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const session = await post<CreatedSession>('/api/sessions', { title: 'Proposal bench', language: 'en' });
  const person = await post<JoinedSession>(`/api/sessions/${session.code}/participants`, { name: 'Bench' });
  const socket = await connect(app.url, { protocolVersion: PROTOCOL_VERSION, role: 'participant', code: session.code, token: person.participantToken });
  const ack = (await socket.timeout(5_000).emitWithAck('idea:submit', { clientId: randomUUID(), title: 'Bench idea' })) as { ok: boolean; data: IdeaPublic };
  socket.close();
  const created = await post<CreatedProposal>(`/api/sessions/${session.code}/proposals`, { ideaIds: [ack.data.id] }, session.facilitatorToken);
  return { id: created.proposal.id, token: session.facilitatorToken };
}

async function runOurs(trace: Trace): Promise<ServerFigures> {
  const app = await AppProcess.start();
  try {
    const pid = () => app.pid ?? 0;
    const paper = await makeProposal(app);
    const room = await makeProposal(app);
    const target: Target = { url: app.url, pid: pid(), room: paper.id, token: paper.token };
    const rssBefore = await rssOf(pid());
    const { untilSecondMs, stateBytes } = await replay(target, trace);
    const rssAfter = await rssOf(pid());
    const lateJoinSyncMs = await lateJoin(target, trace);
    const keystrokeLatencyMs = await keystrokes({ ...target, token: room.token }, room.id);
    // A graceful restart writes everything; LMDB lets this process read beside the server.
    await app.restart();
    const store = await LmdbStore.open(app.dataDir);
    let storedBytes: number;
    let storeLoadMs: number;
    try {
      const started = performance.now();
      const stored = await store.proposals.loadDoc(paper.id);
      const doc = new Y.Doc();
      Y.transact(doc, () => {
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
        for (const { update } of stored.updates) Y.applyUpdate(doc, update);
      });
      storeLoadMs = round(performance.now() - started);
      if (doc.getText(TEXT).toString() !== trace.endContent) throw new Error('stored document differs from the trace');
      storedBytes = (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((sum, u) => sum + u.update.byteLength, 0);
    } finally {
      await store.close();
    }
    const coldLoadSyncMs = await lateJoin({ ...target, pid: pid() }, trace);
    return {
      replayUntilSecondClientMs: untilSecondMs,
      lateJoinSyncMs,
      stateBytes,
      storedBytes,
      storeLoadMs,
      coldLoadSyncMs,
      rssBeforeMB: mb(rssBefore),
      rssAfterMB: mb(rssAfter),
      rssDeltaMB: mb(rssAfter - rssBefore),
      keystrokeLatencyMs,
    };
  } finally {
    await app.dispose();
  }
}

async function runBaseline(trace: Trace): Promise<ServerFigures> {
  const script = fileURLToPath(new URL('./yjsBaselineServer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const match = /listening (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', () => reject(new Error('baseline server exited')));
    });
    const target: Target = { url: `http://127.0.0.1:${port}`, pid: child.pid ?? 0, room: 'paper', token: null };
    const rssBefore = await rssOf(target.pid);
    const { untilSecondMs, stateBytes } = await replay(target, trace);
    const rssAfter = await rssOf(target.pid);
    const lateJoinSyncMs = await lateJoin(target, trace);
    const keystrokeLatencyMs = await keystrokes(target, 'keys');
    return {
      replayUntilSecondClientMs: untilSecondMs,
      lateJoinSyncMs,
      stateBytes,
      storedBytes: null,
      storeLoadMs: null,
      coldLoadSyncMs: null,
      rssBeforeMB: mb(rssBefore),
      rssAfterMB: mb(rssAfter),
      rssDeltaMB: mb(rssAfter - rssBefore),
      keystrokeLatencyMs,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

export async function runProposalBench(): Promise<void> {
  const trace = loadTrace();
  // Every Node provider registers a process 'exit' listener.
  process.setMaxListeners(EDITORS + 20);
  console.log(`\nproposal bench: automerge-paper, ${trace.txns.length} edits, ${EDITORS} co-editors, ${KEYSTROKES} keystrokes`);
  const baseline = await runBaseline(trace);
  const ours = await runOurs(trace);
  const ratio = round((ours.replayUntilSecondClientMs / baseline.replayUntilSecondClientMs) * 100) / 100;
  const figures = {
    edits: trace.txns.length,
    coEditors: EDITORS,
    keystrokes: KEYSTROKES,
    ours,
    baseline,
    replayRatioToBaseline: ratio,
    targetRatio: 1.5,
    withinTarget: ratio <= 1.5,
    keystrokeP99Ratio: round((ours.keystrokeLatencyMs.p99 / baseline.keystrokeLatencyMs.p99) * 100) / 100,
  };
  console.table({
    'until 2nd client has all (ms)': { ours: ours.replayUntilSecondClientMs, baseline: baseline.replayUntilSecondClientMs },
    'late join sync (ms)': { ours: ours.lateJoinSyncMs, baseline: baseline.lateJoinSyncMs },
    'state (bytes)': { ours: ours.stateBytes, baseline: baseline.stateBytes },
    'stored (bytes)': { ours: ours.storedBytes, baseline: '—' },
    'store load (ms)': { ours: ours.storeLoadMs, baseline: '—' },
    'cold load sync (ms)': { ours: ours.coldLoadSyncMs, baseline: '—' },
    'RSS Δ (MB)': { ours: ours.rssDeltaMB, baseline: baseline.rssDeltaMB },
    'keystroke p50 (ms)': { ours: ours.keystrokeLatencyMs.p50, baseline: baseline.keystrokeLatencyMs.p50 },
    'keystroke p99 (ms)': { ours: ours.keystrokeLatencyMs.p99, baseline: baseline.keystrokeLatencyMs.p99 },
  });
  console.log(`ratio to baseline: ${ratio.toFixed(2)}× (target ≤ 1.5×) ${figures.withinTarget ? 'OK' : 'OVER TARGET'}`);
  console.log(`saved ${await saveResults('proposal', figures)}`);
}
