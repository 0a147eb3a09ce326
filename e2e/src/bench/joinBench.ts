import { readFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import type { CreatedSession } from '@ideasphere/shared';
import { PROTOCOL_VERSION } from '@ideasphere/shared';
import { AppProcess } from '../support/appProcess.js';
import { connect, phoneToken, readSnapshots, sleep, startBare } from './benchClients.js';
import { median, pool, rssOf, saveResults } from './measure.js';

/** Phones joining at once (a hall scanning the QR code, not one queue). */
const JOIN_CONCURRENCY = 100;
/**
 * A hall arrives from several addresses (a venue's NAT pools, mobile carriers): the phones are
 * spread over this many loopback addresses, each within the server's per-address limits.
 */
const ADDRESSES = 20;

export const addressOf = (i: number) => `127.0.0.${2 + (i % ADDRESSES)}`;

/** One keep-alive HTTP agent per source address, as each phone's browser keeps its connection. */
const agents = new Map<string, Agent>();
function agentFor(localAddress: string): Agent {
  let agent = agents.get(localAddress);
  if (!agent) {
    agent = new Agent({ keepAlive: true, localAddress });
    agents.set(localAddress, agent);
  }
  return agent;
}

/**
 * POSTs JSON over the address's keep-alive agent. A request sent on a kept connection just as
 * the server closes it for idling (its keep-alive timeout, reached when a loaded machine stalls
 * the bench) fails with ECONNRESET before the server read it; it is sent once more, as Node's
 * documentation advises for `reusedSocket`.
 */
export function postJson<T>(url: string, body: unknown, localAddress: string, retried = false): Promise<T> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: agentFor(localAddress), headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if ((res.statusCode ?? 500) >= 300) reject(new Error(`${url}: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text) as T);
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!retried && req.reusedSocket && error.code === 'ECONNRESET') postJson<T>(url, body, localAddress, true).then(resolve, reject);
      else reject(error);
    });
    req.end(payload);
  });
}

/** CPU seconds a process has used so far (user + system), from /proc (Linux). */
export async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

interface Steps {
  join: number;
  sessionSnapshot: number;
  boardSnapshot: number;
}

/** The bare Socket.IO server accepting the same phones from the same addresses. */
async function bare(phones: number) {
  const server = await startBare();
  try {
    const before = await rssOf(server.child.pid ?? 0);
    const cpuBefore = await cpuSeconds(server.child.pid ?? 0);
    const started = performance.now();
    const sockets = await pool(Array.from({ length: phones }), JOIN_CONCURRENCY, (_, i) => connect(server.url, undefined, addressOf(i)));
    const ms = performance.now() - started;
    await sleep(500);
    const rssKB = ((await rssOf(server.child.pid ?? 0)) - before) / phones / 1024;
    const cpu = (await cpuSeconds(server.child.pid ?? 0)) - cpuBefore;
    for (const socket of sockets) socket.close();
    return { ms: Math.round(ms), rssPerPhoneKB: Math.round(rssKB), serverCpuSeconds: round1(cpu) };
  } finally {
    server.stop();
  }
}

/** Phones joining as a real phone does: the join in the socket handshake, then the session and board snapshots. */
async function app(phones: number) {
  // BENCH_SERVER_NODE_OPTIONS: for the server alone (e.g. `--import` a profiler).
  const options = process.env.BENCH_SERVER_NODE_OPTIONS;
  const server = await AppProcess.start({ LOG_LEVEL: 'warn', ...(options ? { NODE_OPTIONS: options } : {}) });
  try {
    const session = await postJson<CreatedSession>(`${server.url}/api/sessions`, { title: 'Join bench', language: 'en', venues: ['Main hall', 'Sub-venue'] }, '127.0.0.1');
    const pid = server.pid ?? 0;
    const before = await rssOf(pid);
    const cpuBefore = await cpuSeconds(pid);
    const spent = { join: 0, snapshots: 0 };
    const started = performance.now();
    const sockets = await pool(Array.from({ length: phones }), JOIN_CONCURRENCY, async (_, i) => {
      const from = addressOf(i);
      let t = performance.now();
      const lap = (step: keyof typeof spent) => {
        const now = performance.now();
        spent[step] += now - t;
        t = now;
      };
      const join = { name: `Guest ${i}`, venueId: session.venues[i % 2]?.id };
      const socket = await connect(server.url, { protocolVersion: PROTOCOL_VERSION, role: 'participant', code: session.code, token: phoneToken(), join }, from);
      lap('join');
      await readSnapshots(socket);
      lap('snapshots');
      return socket;
    });
    const ms = performance.now() - started;
    await sleep(500);
    const rssKB = ((await rssOf(pid)) - before) / phones / 1024;
    const cpu = (await cpuSeconds(pid)) - cpuBefore;
    for (const socket of sockets) socket.close();
    const perPhone = Object.fromEntries(Object.entries(spent).map(([step, total]) => [step, round1(total / phones)]));
    return { ms: Math.round(ms), rssPerPhoneKB: Math.round(rssKB), serverCpuSeconds: round1(cpu), perPhoneMs: perPhone };
  } finally {
    await server.dispose();
  }
}

/** A server the phones join step by step: where, and the handshake `auth` with which phone `i` joins. */
interface StepTarget {
  url: string;
  pid: number;
  auth(i: number): Record<string, unknown>;
}

/**
 * The server's CPU per phone in each step: the same phones, but each step done by all of them
 * (100 in flight) before the next begins, so the server's CPU over a step is that step's own.
 */
async function cpuPerStep(target: StepTarget, phones: number): Promise<Steps & { total: number }> {
  const step = async <R>(run: () => Promise<R>): Promise<[R, number]> => {
    const cpuBefore = await cpuSeconds(target.pid);
    const result = await run();
    await sleep(500);
    return [result, round2((((await cpuSeconds(target.pid)) - cpuBefore) * 1000) / phones)];
  };
  const [sockets, join] = await step(() => pool(Array.from({ length: phones }), JOIN_CONCURRENCY, (_, i) => connect(target.url, target.auth(i), addressOf(i))));
  const ask = (event: 'session:snapshot' | 'board:snapshot') =>
    step(() =>
      pool(sockets, JOIN_CONCURRENCY, async (socket) => {
        const ack = (await socket.timeout(60_000).emitWithAck(event, {})) as { ok: boolean };
        if (!ack.ok) throw new Error(`${event} was refused`);
      }),
    );
  const [, sessionSnapshot] = await ask('session:snapshot');
  const [, boardSnapshot] = await ask('board:snapshot');
  for (const socket of sockets) socket.close();
  return { join, sessionSnapshot, boardSnapshot, total: round2(join + sessionSnapshot + boardSnapshot) };
}

/**
 * Where the server's CPU goes in a join, step by step: IdeaSphere against the same protocol on
 * a bare server (bareJoinServer.ts: a join in the handshake kept in memory, two fixed replies), so each step's ratio is what IdeaSphere adds to what the protocol costs anyway.
 */
async function cpuBreakdown(phones: number): Promise<Record<string, Record<string, number>>> {
  const bareServer = await startBare('./bareJoinServer.ts');
  let bareSteps: Steps & { total: number };
  try {
    bareSteps = await cpuPerStep(
      {
        url: bareServer.url,
        pid: bareServer.child.pid ?? 0,
        auth: (i) => ({ token: phoneToken(), join: { name: `Guest ${i}` } }),
      },
      phones,
    );
  } finally {
    bareServer.stop();
  }
  const options = process.env.BENCH_SERVER_NODE_OPTIONS;
  const server = await AppProcess.start({ LOG_LEVEL: 'warn', ...(options ? { NODE_OPTIONS: options } : {}) });
  try {
    const session = await postJson<CreatedSession>(`${server.url}/api/sessions`, { title: 'Join bench', language: 'en', venues: ['Main hall', 'Sub-venue'] }, '127.0.0.1');
    const appSteps = await cpuPerStep(
      {
        url: server.url,
        pid: server.pid ?? 0,
        auth: (i) => ({ protocolVersion: PROTOCOL_VERSION, role: 'participant', code: session.code, token: phoneToken(), join: { name: `Guest ${i}`, venueId: session.venues[i % 2]?.id } }),
      },
      phones,
    );
    const ratio = Object.fromEntries(Object.entries(appSteps).map(([name, ms]) => [name, round2(ms / Math.max(bareSteps[name as keyof typeof bareSteps], 0.01))]));
    return { 'IdeaSphere, CPU ms/phone': { ...appSteps }, 'bare join protocol, CPU ms/phone': { ...bareSteps }, ratio };
  } finally {
    await server.dispose();
  }
}

/** Runs per size: the machine's noise moves one run by ±10%, so each size is measured this many times. */
const RUNS = Number(process.env.BENCH_JOIN_RUNS ?? 3);
/** Phones of the unmeasured warm-up of the bench's clients. */
const WARM_UP_PHONES = 500;

/**
 * A hall joining at once: N phones (1,000 and 5,000 by default) each join in their socket's
 * handshake and read the session and board snapshots, 100 at a time, against a bare Socket.IO
 * server accepting the same N sockets in the same run; each size RUNS times (bare, then
 * IdeaSphere, each on a fresh process), reported as the median with every run's ratio. Prints
 * the wall time, the ratio, server CPU and memory per phone, and where a join spends its time
 * (mean ms per step); then, for the smallest size, the server's CPU per phone in each step
 * against the bare join protocol (cpuBreakdown).
 */
export async function runJoinBench(): Promise<void> {
  const sizes = (process.env.BENCH_JOIN_PHONES ?? '1000,5000').split(',').map(Number);
  const rows: Record<string, unknown> = {};
  const figures: Record<string, unknown>[] = [];
  // Unmeasured: the bench's own clients are warmed up first (a cold client made the first
  // baseline slow, and so the first ratio flattering).
  await bare(WARM_UP_PHONES);
  await app(WARM_UP_PHONES);
  for (const phones of sizes) {
    const runs: { baseline: Awaited<ReturnType<typeof bare>>; app: Awaited<ReturnType<typeof app>>; ratio: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const baseline = await bare(phones);
      const joined = await app(phones);
      runs.push({ baseline, app: joined, ratio: round2(joined.ms / Math.max(baseline.ms, 1)) });
      console.log(`${phones} phones, run ${run + 1}: ${joined.ms} ms against ${baseline.ms} ms bare (${runs.at(-1)?.ratio}×); mean ms per step ${JSON.stringify(joined.perPhoneMs)}`);
    }
    const ratios = runs.map((r) => r.ratio);
    figures.push({ phones, runs, medianRatio: median(ratios) });
    const of = (pick: (r: (typeof runs)[number]) => number) => median(runs.map(pick));
    rows[`bare Socket.IO, ${phones} sockets (baseline)`] = { ms: of((r) => r.baseline.ms), 'KB/phone': of((r) => r.baseline.rssPerPhoneKB), 'server CPU s': of((r) => r.baseline.serverCpuSeconds), ratio: 1, runs: '' };
    rows[`IdeaSphere, ${phones} phones join`] = {
      ms: of((r) => r.app.ms),
      'KB/phone': of((r) => r.app.rssPerPhoneKB),
      'server CPU s': of((r) => r.app.serverCpuSeconds),
      ratio: median(ratios),
      runs: ratios.join(' / '),
    };
  }
  // The smallest size again, one step at a time, for the server's CPU per step.
  const stepPhones = Math.min(...sizes);
  const cpuSteps = await cpuBreakdown(stepPhones);
  for (const agent of agents.values()) agent.destroy();
  console.log(`\njoin benchmark: phones join at once, 100 in flight; median of ${RUNS} runs, ratio per run (target: 5,000 under 8 s and within 2.5× the bare server)`);
  console.table(rows);
  console.log(`\nserver CPU per phone, step by step (${stepPhones} phones, each step done by all before the next)`);
  console.table(cpuSteps);
  console.log(`written: ${await saveResults('join', { concurrency: JOIN_CONCURRENCY, addresses: ADDRESSES, runs: figures, cpuSteps: { phones: stepPhones, ...cpuSteps } })}`);
}
