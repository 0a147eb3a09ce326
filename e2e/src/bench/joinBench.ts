import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type CreatedSession, type JoinedSession, PROTOCOL_VERSION } from '@ideasphere/shared';
import { type Socket, io } from 'socket.io-client';
import { AppProcess } from '../support/appProcess.js';
import { pool, rssOf, saveResults } from './measure.js';

/** How many requests the load script keeps in flight (a hall of phones, not one queue). */
const CONCURRENCY = 100;

function connect(url: string, auth?: Record<string, unknown>): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, ...(auth ? { auth } : {}) });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function startBare(): Promise<{ child: ChildProcess; url: string }> {
  const script = fileURLToPath(new URL('./bareServer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error('bare server exited')));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

/**
 * N phones join one session (HTTP join, then an authenticated socket and a snapshot), against
 * N plain connections to a bare Socket.IO server measured in the same run.
 */
export async function joinBench(participants: number) {
  // Baseline: connections only.
  const bare = await startBare();
  const bareBefore = await rssOf(bare.child.pid ?? 0);
  const bareStart = performance.now();
  const bareSockets = await pool(Array.from({ length: participants }), CONCURRENCY, () => connect(bare.url));
  const bareMs = performance.now() - bareStart;
  const bareAfter = await rssOf(bare.child.pid ?? 0);
  for (const s of bareSockets) s.close();
  bare.child.kill('SIGTERM');

  const app = await AppProcess.start();
  try {
    const created = (await (
      await fetch(`${app.url}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Join bench', language: 'en' }),
      })
    ).json()) as CreatedSession;
    const before = await rssOf(app.pid ?? 0);
    const start = performance.now();
    const sockets = await pool(Array.from({ length: participants }), CONCURRENCY, async (_, i) => {
      const res = await fetch(`${app.url}/api/sessions/${created.code}/participants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Guest ${i}` }),
      });
      const joined = (await res.json()) as JoinedSession;
      const socket = await connect(app.url, {
        protocolVersion: PROTOCOL_VERSION,
        role: 'participant',
        code: created.code,
        token: joined.participantToken,
      });
      const ack = (await socket.timeout(30_000).emitWithAck('session:snapshot', {})) as { ok: boolean };
      if (!ack.ok) throw new Error('snapshot refused');
      return socket;
    });
    const joinMs = performance.now() - start;
    const after = await rssOf(app.pid ?? 0);
    const info = (await (await fetch(`${app.url}/api/sessions/${created.code}`)).json()) as { participantCount: number };
    for (const s of sockets) s.close();

    const figures = {
      participants,
      joinedCount: info.participantCount,
      joinAllMs: Math.round(joinMs),
      bareConnectAllMs: Math.round(bareMs),
      joinVsBareRatio: Number((joinMs / bareMs).toFixed(2)),
      serverRssPerParticipantKB: Math.round((after - before) / participants / 1024),
      bareRssPerConnectionKB: Math.round((bareAfter - bareBefore) / participants / 1024),
      serverRssMB: Math.round(after / 1024 / 1024),
    };
    return figures;
  } finally {
    await app.dispose();
  }
}

export async function runJoinBench(): Promise<void> {
  const participants = Number(process.env.BENCH_PARTICIPANTS ?? 1000);
  const figures = await joinBench(participants);
  console.log(`\njoin benchmark (N = ${participants}, ${CONCURRENCY} in flight)`);
  console.table({
    'IdeaSphere join (HTTP join + socket + snapshot)': { ms: figures.joinAllMs, 'KB/participant': figures.serverRssPerParticipantKB },
    'bare Socket.IO connect (baseline)': { ms: figures.bareConnectAllMs, 'KB/participant': figures.bareRssPerConnectionKB },
  });
  console.log(`joined: ${figures.joinedCount}/${participants}; ratio to baseline: ${figures.joinVsBareRatio}×`);
  console.log(`written: ${await saveResults('join', figures)}`);
}
