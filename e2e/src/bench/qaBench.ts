import { randomUUID } from 'node:crypto';
import type { CreatedSession, JoinedSession, QaDelta, QaSnapshot, UpvoteResult } from '@ideasphere/shared';
import { BOARD_BROADCAST_INTERVAL_MS, PROTOCOL_VERSION } from '@ideasphere/shared';
import type { Socket } from 'socket.io-client';
import { AppProcess } from '../support/appProcess.js';
import { connect, sleep, startBare, summary } from './benchClients.js';
import { pool, saveResults } from './measure.js';

/** Requests in flight while joining (a hall of phones, not one queue). */
const JOIN_CONCURRENCY = 100;
/** Every this many upvotes one is sent twice (a resend after a lost ack): it must count once. */
const RESEND_EVERY = 10;
/** Phones that come back on a new connection and send all their upvotes again at the end. */
const RECONNECTING_PHONES = 50;

interface Figures {
  phones: number;
  screens: number;
  questions: number;
  upvotes: number;
  upvotesPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** Bare relay, upvotes batched into one frame per BOARD_BROADCAST_INTERVAL_MS, as the server does. */
  baselineLatencyMs: { p50: number; p99: number; max: number };
  p99VsBaseline: number;
  /** Bare relay, every upvote its own frame to every client. */
  unbatchedRelayLatencyMs: { p50: number; p99: number; max: number };
  p99VsUnbatchedRelay: number;
  resends: number;
  expectedCount: number;
  counted: number;
  lostVotes: number;
  doubleCounted: number;
  screensMissingAVote: number;
}

export async function steady(count: number, perSecond: number, send: (k: number) => void): Promise<void> {
  const start = performance.now();
  for (let k = 0; k < count; k++) {
    const wait = start + (k * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    send(k);
  }
}

export async function api<T>(url: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Upvote k: phone k % phones upvotes question (k * 7 + phone) % questions, each pair at most once. */
export function plan(phones: number, questions: number, upvotes: number): { phone: number; question: number }[] {
  const seen = new Set<string>();
  const votes: { phone: number; question: number }[] = [];
  for (let k = 0; votes.length < upvotes; k++) {
    const phone = k % phones;
    const question = (Math.floor(k / phones) * 37 + phone * 7) % questions;
    const key = `${phone}:${question}`;
    if (seen.has(key)) continue;
    seen.add(key);
    votes.push({ phone, question });
  }
  return votes;
}

/**
 * The same clients and upvote rate against a bare Socket.IO relay: latency from an upvote's send
 * until every "screen" has it. With `batchMs` 0 every upvote is its own frame to every client
 * (what a relay without batching does); with `batchMs` > 0 the sender gathers upvotes and sends
 * one frame per interval, as the server's broadcaster does: the same frames, minus the store.
 */
export async function baseline(phones: number, screens: number, upvotes: number, perSecond: number, batchMs: number) {
  const bare = await startBare();
  try {
    const clients = await pool(Array.from({ length: phones + screens }), JOIN_CONCURRENCY, () => connect(bare.url));
    const watchers = clients.slice(phones).map((socket) => {
      const seen = new Map<number, number>();
      socket.on('relay', (payload: { ks: number[] }) => {
        const now = performance.now();
        for (const k of payload.ks) seen.set(k, now);
      });
      return seen;
    });
    const sentAt = new Map<number, number>();
    let batch: number[] = [];
    const flush = () => {
      if (batch.length === 0) return;
      clients[(batch[0] ?? 0) % phones]?.emit('relay', { ks: batch, counts: batch.map((k) => ({ questionId: 'q'.repeat(16), upvotes: k })) });
      batch = [];
    };
    const timer = batchMs > 0 ? setInterval(flush, batchMs) : null;
    await steady(upvotes, perSecond, (k) => {
      sentAt.set(k, performance.now());
      batch.push(k);
      if (batchMs === 0) flush();
    });
    if (timer) clearInterval(timer);
    flush();
    await sleep(1_000);
    const latencies: number[] = [];
    for (const [k, t0] of sentAt) {
      const at = watchers.map((w) => w.get(k));
      if (at.every((t) => t !== undefined)) latencies.push(Math.max(...(at as number[])) - t0);
    }
    for (const c of clients) c.close();
    return summary(latencies);
  } finally {
    bare.stop();
  }
}

/**
 * N phones upvote Q questions at a steady rate (some upvotes resent, some phones reconnecting and
 * sending all theirs again) while S big screens follow the Q&A. Latency of an upvote: from its
 * send until every screen shows the question's count at least at the value its ack reported.
 * Then the counts on the server are checked against the distinct (phone, question) pairs sent.
 */
export async function qaBench(phones: number, screens: number, questions: number, upvotes: number, perSecond: number): Promise<Figures> {
  const base = await baseline(phones, screens, upvotes, perSecond, BOARD_BROADCAST_INTERVAL_MS);
  const unbatched = await baseline(phones, screens, upvotes, perSecond, 0);
  const app = await AppProcess.start();
  try {
    const created = await api<CreatedSession>(app.url, '/api/sessions', { title: 'Q&A bench', language: 'en' });
    const facilitator = await connect(app.url, { protocolVersion: PROTOCOL_VERSION, role: 'facilitator', code: created.code, token: created.facilitatorToken });
    const tokens: string[] = [];
    const sockets: Socket[] = await pool(Array.from({ length: phones }), JOIN_CONCURRENCY, async (_, i) => {
      const joined = await api<JoinedSession>(app.url, `/api/sessions/${created.code}/participants`, { name: `Guest ${i}` });
      tokens[i] = joined.participantToken;
      const socket = await connect(app.url, { protocolVersion: PROTOCOL_VERSION, role: 'participant', code: created.code, token: joined.participantToken });
      const ack = (await socket.timeout(60_000).emitWithAck('qa:snapshot', {})) as { ok: boolean };
      if (!ack.ok) throw new Error('Q&A snapshot refused');
      return socket;
    });
    // Questions come from phones (a phone may ask 5 a minute: one each from the first phones).
    const questionIds: string[] = await pool(Array.from({ length: questions }), 50, async (_, q) => {
      const ack = (await (sockets[q % phones] as Socket)
        .timeout(30_000)
        .emitWithAck('question:ask', { clientId: randomUUID(), trackId: 'main', text: `Question ${q}: what about ${'x'.repeat(40)}?` })) as {
        ok: boolean;
        data?: { id: string };
      };
      if (!ack.ok || !ack.data) throw new Error(`question ${q} refused`);
      return ack.data.id;
    });

    // Screens: each keeps the counts it was shown, and when each count first reached a value.
    const screenViews = await Promise.all(
      Array.from({ length: screens }, async () => {
        const socket = await connect(app.url, { protocolVersion: PROTOCOL_VERSION, role: 'screen', code: created.code, token: created.screenToken });
        const reached = new Map<string, Map<number, number>>();
        const see = (id: string, count: number) => {
          const at = reached.get(id) ?? new Map<number, number>();
          if (!at.has(count)) at.set(count, performance.now());
          reached.set(id, at);
        };
        socket.on('qa:delta', (delta: QaDelta) => {
          for (const q of delta.questions) see(q.id, q.upvotes);
          for (const [id, count] of Object.entries(delta.upvotes)) see(id, count);
        });
        const snap = (await socket.emitWithAck('qa:snapshot', {})) as { ok: true; data: QaSnapshot };
        if (snap.data.questions.length !== questions) throw new Error(`screen sees ${snap.data.questions.length} questions`);
        return { socket, reached };
      }),
    );
    /** When a screen first showed `id` with at least `count` upvotes. */
    const shownAt = (reached: Map<string, Map<number, number>>, id: string, count: number): number | undefined => {
      let first: number | undefined;
      for (const [c, t] of reached.get(id) ?? []) if (c >= count && (first === undefined || t < first)) first = t;
      return first;
    };

    const votes = plan(phones, questions, upvotes);
    const sent: { questionId: string; t0: number; count: number | null }[] = [];
    const acks: Promise<unknown>[] = [];
    let resends = 0;
    const upvote = (socket: Socket, questionId: string) =>
      socket.timeout(30_000).emitWithAck('question:upvote', { questionId, up: true }) as Promise<{ ok: boolean; data?: UpvoteResult }>;
    await steady(votes.length, perSecond, (k) => {
      const { phone, question } = votes[k] as { phone: number; question: number };
      const questionId = questionIds[question] as string;
      const record = { questionId, t0: performance.now(), count: null as number | null };
      sent.push(record);
      const socket = sockets[phone] as Socket;
      acks.push(
        upvote(socket, questionId).then((ack) => {
          if (ack.ok && ack.data) record.count = ack.data.upvotes;
          if (k % RESEND_EVERY === 0) {
            resends++;
            return upvote(socket, questionId);
          }
          return undefined;
        }),
      );
    });
    await Promise.all(acks);

    // Phones back on a new connection send every upvote they made again.
    const comeback = await Promise.all(
      Array.from({ length: Math.min(RECONNECTING_PHONES, phones) }, async (_, i) => {
        (sockets[i] as Socket).close();
        const socket = await connect(app.url, { protocolVersion: PROTOCOL_VERSION, role: 'participant', code: created.code, token: tokens[i] as string });
        sockets[i] = socket;
        const mine = votes.filter((v) => v.phone === i);
        for (const v of mine) await upvote(socket, questionIds[v.question] as string);
        return mine.length;
      }),
    );
    resends += comeback.reduce((a, b) => a + b, 0);
    await sleep(1_000);

    const latencies: number[] = [];
    let screensMissingAVote = 0;
    for (const { questionId, t0, count } of sent) {
      if (count === null) continue;
      const at = screenViews.map((s) => shownAt(s.reached, questionId, count));
      if (at.some((t) => t === undefined)) {
        screensMissingAVote++;
        continue;
      }
      latencies.push(Math.max(...(at as number[])) - t0);
    }
    const snapshot = (await facilitator.emitWithAck('qa:snapshot', {})) as { ok: true; data: QaSnapshot };
    const expected = new Map<string, number>();
    for (const v of votes) expected.set(questionIds[v.question] as string, (expected.get(questionIds[v.question] as string) ?? 0) + 1);
    let lostVotes = 0;
    let doubleCounted = 0;
    let counted = 0;
    for (const q of snapshot.data.questions) {
      const want = expected.get(q.id) ?? 0;
      counted += q.upvotes;
      if (q.upvotes < want) lostVotes += want - q.upvotes;
      else doubleCounted += q.upvotes - want;
    }
    for (const s of [...sockets, ...screenViews.map((v) => v.socket), facilitator]) s.close();
    const latency = summary(latencies);
    return {
      phones,
      screens,
      questions,
      upvotes: votes.length,
      upvotesPerSecond: perSecond,
      latencyMs: latency,
      baselineLatencyMs: base,
      p99VsBaseline: Number((latency.p99 / Math.max(base.p99, 0.1)).toFixed(2)),
      unbatchedRelayLatencyMs: unbatched,
      p99VsUnbatchedRelay: Number((latency.p99 / Math.max(unbatched.p99, 0.1)).toFixed(3)),
      resends,
      expectedCount: votes.length,
      counted,
      lostVotes,
      doubleCounted,
      screensMissingAVote,
    };
  } finally {
    await app.dispose();
  }
}

export async function runQaBench(): Promise<void> {
  const phones = Number(process.env.BENCH_PARTICIPANTS ?? 1000);
  const screens = Number(process.env.BENCH_SCREENS ?? 10);
  const questions = Number(process.env.BENCH_QUESTIONS ?? 200);
  const upvotes = Number(process.env.BENCH_UPVOTES ?? 5000);
  const perSecond = Number(process.env.BENCH_UPVOTES_PER_SECOND ?? 200);
  const f = await qaBench(phones, screens, questions, upvotes, perSecond);
  console.log(`\nQ&A benchmark: ${phones} phones upvoting ${questions} questions (${f.upvotes} upvotes at ${perSecond}/s), ${screens} big screens`);
  console.table({
    'IdeaSphere (store, then batched qa:delta)': f.latencyMs,
    [`bare Socket.IO relay, one frame per ${BOARD_BROADCAST_INTERVAL_MS} ms (baseline)`]: f.baselineLatencyMs,
    'bare Socket.IO relay, one frame per upvote': f.unbatchedRelayLatencyMs,
  });
  console.log(`p99 upvote→every screen ${f.latencyMs.p99} ms = ${f.p99VsBaseline}× the batched relay, ${f.p99VsUnbatchedRelay}× the unbatched one`);
  console.log(`resent ${f.resends} · expected ${f.expectedCount}, counted ${f.counted} · lost ${f.lostVotes} · double-counted ${f.doubleCounted} · upvotes a screen never showed ${f.screensMissingAVote}`);
  console.log(`written: ${await saveResults('qa', { ...f })}`);
}
