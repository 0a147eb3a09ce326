import { randomUUID } from 'node:crypto';
import type { BoardDelta, CreatedSession, JoinedSession } from '@ideasphere/shared';
import { PROTOCOL_VERSION } from '@ideasphere/shared';
import type { Socket } from 'socket.io-client';
import { AppProcess } from '../support/appProcess.js';
import { connect, sleep, startBare, summary } from './benchClients.js';
import { pool, rssOf, saveResults } from './measure.js';

/** Requests in flight while joining (a hall of phones, not one queue). */
const JOIN_CONCURRENCY = 100;

interface Figures {
  participants: number;
  ideas: number;
  ideasPerSecond: number;
  joinAllMs: number;
  latencyMs: { p50: number; p99: number; max: number };
  baselineLatencyMs: { p50: number; p99: number; max: number };
  p99VsBaseline: number;
  lostIdeas: number;
  duplicatedIdeas: number;
  votesCast: number;
  votesCounted: number;
  rssPerParticipantKB: number;
  baselineRssPerClientKB: number;
}

/** Sends `count` messages at `perSecond`, calling `send(k)` for each; resolves after the last. */
export async function steady(count: number, perSecond: number, send: (k: number) => void): Promise<void> {
  const start = performance.now();
  for (let k = 0; k < count; k++) {
    const due = start + (k * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    send(k);
  }
}

/** Latency until every client has message k: max over clients of (arrival − send). */
export function everyBoardLatency(sentAt: Map<number, number>, arrivals: Map<number, number>[]): { latencies: number[]; lost: number } {
  const latencies: number[] = [];
  let lost = 0;
  for (const [k, t0] of sentAt) {
    let latest = 0;
    for (const client of arrivals) {
      const t = client.get(k);
      if (t === undefined) {
        lost++;
        latest = Number.NaN;
        break;
      }
      latest = Math.max(latest, t - t0);
    }
    if (!Number.isNaN(latest)) latencies.push(latest);
  }
  return { latencies, lost };
}

async function baseline(participants: number, ideas: number, perSecond: number) {
  const bare = await startBare();
  try {
    const before = await rssOf(bare.child.pid ?? 0);
    const clients = await pool(Array.from({ length: participants }), JOIN_CONCURRENCY, () => connect(bare.url));
    const arrivals = clients.map((socket) => {
      const seen = new Map<number, number>();
      socket.on('relay', (payload: { k: number }) => seen.set(payload.k, performance.now()));
      return seen;
    });
    const after = await rssOf(bare.child.pid ?? 0);
    const sentAt = new Map<number, number>();
    const senders = clients.slice(0, Math.min(50, clients.length));
    await steady(ideas, perSecond, (k) => {
      sentAt.set(k, performance.now());
      senders[k % senders.length]?.emit('relay', { k, title: `Idea ${k} ${'x'.repeat(60)}` });
    });
    await sleep(1_000);
    const { latencies, lost } = everyBoardLatency(sentAt, arrivals);
    for (const c of clients) c.close();
    return { latency: summary(latencies), lost, rssPerClientKB: Math.round((after - before) / participants / 1024) };
  } finally {
    bare.stop();
  }
}

async function api<T>(url: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * N phones join one session, submit ideas at a steady rate and vote; every phone follows the
 * board. Measured against a bare Socket.IO relay with the same clients and message rate.
 */
export async function boardBench(participants: number, ideas: number, perSecond: number): Promise<Figures> {
  const base = await baseline(participants, ideas, perSecond);
  const app = await AppProcess.start();
  try {
    const created = await api<CreatedSession>(app.url, '/api/sessions', { title: 'Board bench', language: 'en' });
    const facilitator = await connect(app.url, { protocolVersion: PROTOCOL_VERSION, role: 'facilitator', code: created.code, token: created.facilitatorToken });
    await facilitator.emitWithAck('board:configure', { voteBudget: 5, maxVotesPerIdea: 3 });
    const before = await rssOf(app.pid ?? 0);

    const joinStart = performance.now();
    const phones: Socket[] = await pool(Array.from({ length: participants }), JOIN_CONCURRENCY, async (_, i) => {
      const joined = await api<JoinedSession>(app.url, `/api/sessions/${created.code}/participants`, { name: `Guest ${i}` });
      const socket = await connect(app.url, { protocolVersion: PROTOCOL_VERSION, role: 'participant', code: created.code, token: joined.participantToken });
      const ack = (await socket.timeout(60_000).emitWithAck('board:snapshot', {})) as { ok: boolean };
      if (!ack.ok) throw new Error('snapshot refused');
      return socket;
    });
    const joinAllMs = performance.now() - joinStart;
    const after = await rssOf(app.pid ?? 0);

    // Every phone records when each numbered idea first reaches its board, and how often.
    const idOf = new Map<number, string>();
    const arrivals = phones.map((socket) => {
      const seen = new Map<number, number>();
      socket.on('board:delta', (delta: BoardDelta) => {
        for (const idea of delta.ideas) {
          const k = Number(/^Idea (\d+)/.exec(idea.title)?.[1]);
          if (!seen.has(k)) seen.set(k, performance.now());
        }
      });
      return seen;
    });
    const sentAt = new Map<number, number>();
    const acks: Promise<unknown>[] = [];
    await steady(ideas, perSecond, (k) => {
      sentAt.set(k, performance.now());
      const phone = phones[k % phones.length] as Socket;
      acks.push(
        phone
          .timeout(30_000)
          .emitWithAck('idea:submit', { clientId: randomUUID(), title: `Idea ${k} ${'x'.repeat(60)}` })
          .then((ack: { ok: boolean; data?: { id: string } }) => {
            if (ack.ok && ack.data) idOf.set(k, ack.data.id);
          }),
      );
    });
    await Promise.all(acks);
    await sleep(1_000);
    const { latencies, lost } = everyBoardLatency(sentAt, arrivals);

    // Voting: every phone spends its budget on random ideas, all at once.
    await facilitator.emitWithAck('phase:set', { phase: 'vote', timerSeconds: null });
    const ideaIds = [...idOf.values()];
    let votesCast = 0;
    await pool(phones, 200, async (phone, i) => {
      const ideaId = ideaIds[(i * 7) % ideaIds.length] as string;
      const ack = (await phone.timeout(30_000).emitWithAck('vote:cast', { ideaId, count: 1 + (i % 3) })) as { ok: boolean };
      if (ack.ok) votesCast += 1 + (i % 3);
    });
    await sleep(500);
    // Every idea on the board, all pages (a page holds 500), to count duplicates and votes.
    type Page = { ideas: { title: string; votes: number }[]; nextCursor: string | null };
    const snapshot = (await facilitator.emitWithAck('board:snapshot', {})) as { ok: true; data: { firstPage: Page } };
    const board = [...snapshot.data.firstPage.ideas];
    for (let cursor = snapshot.data.firstPage.nextCursor; cursor !== null; ) {
      const page = (await facilitator.emitWithAck('board:page', { after: cursor })) as { ok: true; data: Page };
      board.push(...page.data.ideas);
      cursor = page.data.nextCursor;
    }
    const titles = board.map((i) => /^Idea (\d+)/.exec(i.title)?.[1]);
    const duplicatedIdeas = titles.length - new Set(titles).size;
    const votesCounted = board.reduce((sum, i) => sum + i.votes, 0);
    for (const s of [...phones, facilitator]) s.close();

    const latency = summary(latencies);
    return {
      participants,
      ideas,
      ideasPerSecond: perSecond,
      joinAllMs: Math.round(joinAllMs),
      latencyMs: latency,
      baselineLatencyMs: base.latency,
      p99VsBaseline: Number((latency.p99 / Math.max(base.latency.p99, 0.1)).toFixed(2)),
      lostIdeas: lost + (ideas - idOf.size),
      duplicatedIdeas,
      votesCast,
      votesCounted,
      rssPerParticipantKB: Math.round((after - before) / participants / 1024),
      baselineRssPerClientKB: base.rssPerClientKB,
    };
  } finally {
    await app.dispose();
  }
}

export async function runBoardBench(): Promise<void> {
  const participants = Number(process.env.BENCH_PARTICIPANTS ?? 1000);
  const ideas = Number(process.env.BENCH_IDEAS ?? 400);
  const perSecond = Number(process.env.BENCH_IDEAS_PER_SECOND ?? 20);
  const f = await boardBench(participants, ideas, perSecond);
  console.log(`\nlive board benchmark: ${participants} phones, ${ideas} ideas at ${perSecond}/s, then one vote round`);
  console.table({
    'IdeaSphere (store, then batched broadcast)': { ...f.latencyMs, 'KB/participant': f.rssPerParticipantKB },
    'bare Socket.IO relay (baseline)': { ...f.baselineLatencyMs, 'KB/participant': f.baselineRssPerClientKB },
  });
  console.log(`join ${participants}: ${f.joinAllMs} ms · p99 submit→every board ${f.latencyMs.p99} ms = ${f.p99VsBaseline}× baseline`);
  console.log(`lost ideas ${f.lostIdeas} · duplicated ${f.duplicatedIdeas} · votes cast ${f.votesCast}, counted ${f.votesCounted}`);
  console.log(`written: ${await saveResults('board', { ...f })}`);
}
