import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { BoardDelta, CreatedSession } from '@ideasphere/shared';
import { PROTOCOL_VERSION } from '@ideasphere/shared';
import type { Socket } from 'socket.io-client';
import { startTestRedis } from '../../../server/src/testing/redisServer.js';
import { AppProcess } from '../support/appProcess.js';
import { connect, phoneToken, readSnapshots, sleep, startBare, summary } from './benchClients.js';
import { everyBoardLatency, steady } from './boardBench.js';
import { addressOf, cpuSeconds, postJson } from './joinBench.js';
import { pool, rssOf, saveResults } from './measure.js';

/** Phones in the hall, ideas sent, and their rate (the figures). */
const PHONES = Number(process.env.BENCH_SCALE_PHONES ?? 5_000);
const IDEAS = Number(process.env.BENCH_SCALE_IDEAS ?? 200);
const IDEAS_PER_SECOND = 20;
/** Phones joining at once, as in the join benchmark. */
const JOIN_CONCURRENCY = 100;
/** How long after the last idea the phones may still be receiving before what is missing counts as lost. */
const DRAIN_MS = 10_000;

interface Run {
  joinMs: number;
  /** CPU seconds spent while the phones joined: by the server's processes, Redis, and this bench's clients. */
  joinCpu: { server: number; redis: number; clients: number };
  latencyMs: { p50: number; p99: number; max: number };
  lost: number;
  duplicated: number;
  rssPerPhoneKB: number;
}

/** The server's processes: the one given and its children other than tsx's esbuild helper. */
async function processTree(pid: number): Promise<number[]> {
  let children: number[] = [];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    // no children
  }
  const kept: number[] = [pid];
  for (const child of children) if ((await readFile(`/proc/${child}/comm`, 'utf8').catch(() => '')).trim() !== 'esbuild') kept.push(child);
  return kept;
}

/** CPU seconds so far of the server's processes, Redis and this process. */
async function cpuNow(serverPid: number, redisPid: number): Promise<{ server: number; redis: number; clients: number }> {
  let server = 0;
  for (const pid of await processTree(serverPid)) server += await cpuSeconds(pid).catch(() => 0);
  const usage = process.cpuUsage();
  return { server, redis: await cpuSeconds(redisPid), clients: (usage.user + usage.system) / 1e6 };
}

function cpuSpent(before: Awaited<ReturnType<typeof cpuNow>>, after: Awaited<ReturnType<typeof cpuNow>>) {
  const round = (n: number) => Math.round(n * 10) / 10;
  return { server: round(after.server - before.server), redis: round(after.redis - before.redis), clients: round(after.clients - before.clients) };
}

/** Resident memory of the server's processes. */
async function treeRss(pid: number): Promise<number> {
  let total = 0;
  for (const each of await processTree(pid)) total += await rssOf(each).catch(() => 0);
  return total;
}

/** Records, per phone, when each numbered idea first arrived and how many times. */
function follow(sockets: Socket[], event: string, numberOf: (payload: unknown) => number[]) {
  return sockets.map((socket) => {
    const first = new Map<number, number>();
    const count = new Map<number, number>();
    socket.on(event, (payload: unknown) => {
      for (const k of numberOf(payload)) {
        if (!first.has(k)) first.set(k, performance.now());
        count.set(k, (count.get(k) ?? 0) + 1);
      }
    });
    return { first, count };
  });
}

async function drain(sentAt: Map<number, number>, seen: { first: Map<number, number> }[]): Promise<void> {
  const deadline = performance.now() + DRAIN_MS;
  while (performance.now() < deadline && seen.some((phone) => phone.first.size < sentAt.size)) await sleep(100);
}

function tally(sentAt: Map<number, number>, seen: { first: Map<number, number>; count: Map<number, number> }[]) {
  const { latencies, lost } = everyBoardLatency(sentAt, seen.map((phone) => phone.first));
  const duplicated = seen.reduce((sum, phone) => sum + [...phone.count.values()].filter((n) => n > 1).length, 0);
  return { latencyMs: summary(latencies), lost, duplicated };
}

/** The bare Socket.IO relay at `processes` processes: the same phones, the same ideas, nothing stored. */
async function bareRun(processes: number, redisUrl: string, redisPid: number): Promise<Run> {
  const bare = await startBare('./bareServer.ts', processes > 1 ? { BARE_WORKERS: String(processes), REDIS_URL: redisUrl } : {});
  try {
    await sleep(500);
    const before = await treeRss(bare.child.pid ?? 0);
    const cpuBefore = await cpuNow(bare.child.pid ?? 0, redisPid);
    const started = performance.now();
    const phones = await pool(Array.from({ length: PHONES }), JOIN_CONCURRENCY, (_, i) => connect(bare.url, undefined, addressOf(i)));
    const joinMs = performance.now() - started;
    const joinCpu = cpuSpent(cpuBefore, await cpuNow(bare.child.pid ?? 0, redisPid));
    await sleep(500);
    const after = await treeRss(bare.child.pid ?? 0);
    const seen = follow(phones, 'relay', (payload) => [(payload as { k: number }).k]);
    const sentAt = new Map<number, number>();
    const senders = phones.slice(0, 50);
    await steady(IDEAS, IDEAS_PER_SECOND, (k) => {
      sentAt.set(k, performance.now());
      senders[k % senders.length]?.emit('relay', { k, title: `Idea ${k} ${'x'.repeat(60)}` });
    });
    await drain(sentAt, seen);
    for (const phone of phones) phone.close();
    return { joinMs: Math.round(joinMs), joinCpu, ...tally(sentAt, seen), rssPerPhoneKB: Math.round((after - before) / PHONES / 1024) };
  } finally {
    bare.stop();
  }
}

/** IdeaSphere at `processes` processes (WORKERS=N on Redis above 1): phones join as phones do, then follow the board. */
async function appRun(processes: number, redisUrl: string, redisPid: number): Promise<Run> {
  // BENCH_SERVER_NODE_OPTIONS: for the server's processes alone (e.g. `--import` a profiler).
  const options = process.env.BENCH_SERVER_NODE_OPTIONS;
  const app = await AppProcess.start({ LOG_LEVEL: 'warn', ...(options ? { NODE_OPTIONS: options } : {}), ...(processes > 1 ? { WORKERS: String(processes), REDIS_URL: redisUrl } : {}) });
  try {
    await sleep(processes > 1 ? 3_000 : 500);
    const session = await postJson<CreatedSession>(`${app.url}/api/sessions`, { title: 'Scale bench', language: 'en' }, '127.0.0.1');
    const pid = app.pid ?? 0;
    const before = await treeRss(pid);
    const cpuBefore = await cpuNow(pid, redisPid);
    const started = performance.now();
    const phones = await pool(Array.from({ length: PHONES }), JOIN_CONCURRENCY, async (_, i) => {
      const from = addressOf(i);
      // Joined in the socket's handshake, as a phone joins.
      const socket = await connect(app.url, { protocolVersion: PROTOCOL_VERSION, role: 'participant', code: session.code, token: phoneToken(), join: { name: `Guest ${i}` } }, from);
      await readSnapshots(socket);
      return socket;
    });
    const joinMs = performance.now() - started;
    const joinCpu = cpuSpent(cpuBefore, await cpuNow(pid, redisPid));
    await sleep(500);
    const after = await treeRss(pid);
    const seen = follow(phones, 'board:delta', (payload) =>
      (payload as BoardDelta).ideas.map((idea) => Number(/^Idea (\d+)/.exec(idea.title)?.[1])).filter((k) => Number.isInteger(k)),
    );
    const sentAt = new Map<number, number>();
    let acknowledged = 0;
    const acks: Promise<void>[] = [];
    await steady(IDEAS, IDEAS_PER_SECOND, (k) => {
      sentAt.set(k, performance.now());
      // A different phone each time: one phone's budget is 12 ideas a minute.
      const phone = phones[(k * 37) % phones.length] as Socket;
      acks.push(
        phone
          .timeout(30_000)
          .emitWithAck('idea:submit', { clientId: randomUUID(), title: `Idea ${k} ${'x'.repeat(60)}` })
          .then((ack: { ok: boolean }) => {
            if (ack.ok) acknowledged++;
          }, () => undefined),
      );
    });
    await Promise.all(acks);
    await drain(sentAt, seen);
    for (const phone of phones) phone.close();
    const figures = tally(sentAt, seen);
    return { joinMs: Math.round(joinMs), joinCpu, ...figures, lost: figures.lost + (IDEAS - acknowledged), rssPerPhoneKB: Math.round((after - before) / PHONES / 1024) };
  } finally {
    await app.dispose();
  }
}

/**
 * The scale-out curve: PHONES phones join one session and follow its board while IDEAS ideas
 * arrive at 20 a second, on one server process and on two (WORKERS=2 on a real Redis, the
 * embedded store shared), each beside the bare Socket.IO relay at the same process count in
 * the same run. Prints join time, p99 submit→every-board latency, lost and duplicated ideas,
 * memory per phone, and the ratios to the relay. The bench's own clients share the machine's
 * two cores with the servers: on this machine the curve says where the cost goes, not what
 * more cores would give.
 */
export async function runScaleBench(): Promise<void> {
  const counts = (process.env.BENCH_SCALE_PROCESSES ?? '1,2').split(',').map(Number);
  const redis = await startTestRedis();
  const rows: Record<string, Record<string, number | string>> = {};
  const runs: Record<string, unknown>[] = [];
  try {
    for (const processes of counts) {
      const bare = await bareRun(processes, redis.url, redis.pid);
      const app = await appRun(processes, redis.url, redis.pid);
      const ratio = (a: number, b: number) => Math.round((a / Math.max(b, 0.1)) * 100) / 100;
      runs.push({ processes, bare, app, joinRatio: ratio(app.joinMs, bare.joinMs), p99Ratio: ratio(app.latencyMs.p99, bare.latencyMs.p99) });
      for (const [name, run] of [[`bare relay ×${processes}`, bare], [`IdeaSphere ×${processes}`, app]] as const) {
        rows[name] = { 'join ms': run.joinMs, 'join CPU s server/redis/clients': `${run.joinCpu.server}/${run.joinCpu.redis}/${run.joinCpu.clients}`, 'p50 ms': run.latencyMs.p50, 'p99 ms': run.latencyMs.p99, lost: run.lost, duplicated: run.duplicated, 'KB/phone': run.rssPerPhoneKB };
      }
      rows[`IdeaSphere ×${processes}`] = { ...rows[`IdeaSphere ×${processes}`], 'join ×relay': ratio(app.joinMs, bare.joinMs), 'p99 ×relay': ratio(app.latencyMs.p99, bare.latencyMs.p99) };
    }
  } finally {
    await redis.stop();
  }
  console.log(`\nscale-out benchmark: ${PHONES} phones join, then ${IDEAS} ideas at ${IDEAS_PER_SECOND}/s (targets: join < 10 s, p99 within 2× the relay at the same process count, 0 lost)`);
  console.table(rows);
  console.log(`written: ${await saveResults('scale', { phones: PHONES, ideas: IDEAS, ideasPerSecond: IDEAS_PER_SECOND, runs })}`);
}
