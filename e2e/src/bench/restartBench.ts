import { readFile } from 'node:fs/promises';
import type { CreatedSession, JoinedSession } from '@ideasphere/shared';
import { LiveSync, PROTOCOL_VERSION, RECONNECT_DELAY_MAX_MS, RECONNECT_DELAY_MS } from '@ideasphere/shared';
import { io, type Socket } from 'socket.io-client';
import { AppProcess } from '../support/appProcess.js';
import { seedIdeas } from '../support/seedIdeas.js';
import { sleep } from './benchClients.js';
import { pool, saveResults } from './measure.js';

/** Joins in flight while the hall fills. */
const JOIN_CONCURRENCY = 100;
/** Give up on a round after this long (the target is 5 s). */
const ROUND_LIMIT_MS = 120_000;

/** Bytes a process has written so far (sockets included), from /proc (Linux). */
async function bytesWritten(pid: number): Promise<number> {
  const io = await readFile(`/proc/${pid}/io`, 'utf8');
  return Number(/wchar:\s+(\d+)/.exec(io)?.[1] ?? Number.NaN);
}

interface Phone {
  socket: Socket;
  sync: LiveSync;
}

/** A phone as the real one behaves: LiveSync on a socket that reconnects with full jitter. */
function phoneOf(url: string, code: string, token: string, sync?: LiveSync): Phone {
  const socket: Socket = io(url, {
    auth: { protocolVersion: PROTOCOL_VERSION, role: 'participant', code, token },
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: RECONNECT_DELAY_MS,
    reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
    randomizationFactor: 1,
  });
  const engine = sync ?? new LiveSync(socket as never, { loadAllParticipants: false });
  engine.start();
  return { socket, sync: engine };
}

/** Every phone connected and holding the whole board at (at least) `version`. */
function allWhole(phones: Phone[], ideas: number): boolean {
  return phones.every(({ sync }) => {
    const state = sync.getState();
    return state.connection === 'connected' && state.boardSynced && state.board.ideas.size === ideas && state.board.nextCursor === null;
  });
}

async function untilAllWhole(phones: Phone[], ideas: number): Promise<{ ms: number; whole: boolean }> {
  const started = performance.now();
  while (performance.now() - started < ROUND_LIMIT_MS) {
    if (allWhole(phones, ideas)) return { ms: Math.round(performance.now() - started), whole: true };
    await sleep(50);
  }
  return { ms: ROUND_LIMIT_MS, whole: false };
}

function missing(phones: Phone[], ideas: number): number {
  return phones.reduce((sum, { sync }) => sum + Math.max(0, ideas - sync.getState().board.ideas.size), 0);
}

async function round(app: AppProcess, phones: Phone[], ideas: number, restart: () => Promise<void>) {
  // Wait for every phone to see the server gone, so none is mid-read when it comes back.
  const dropped = Promise.all(phones.map(({ socket }) => (socket.connected ? new Promise((resolve) => socket.once('disconnect', resolve)) : null)));
  await restart();
  await dropped;
  const pid = app.pid ?? 0;
  const before = await bytesWritten(pid);
  const { ms, whole } = await untilAllWhole(phones, ideas);
  const bytes = (await bytesWritten(pid)) - before;
  return { ms, whole, missing: missing(phones, ideas), megabytesSent: Math.round((bytes / 1024 / 1024) * 10) / 10 };
}

export async function runRestartBench(): Promise<void> {
  const phonesWanted = Number(process.env.BENCH_RESTART_PHONES ?? 1_000);
  const ideas = Number(process.env.BENCH_RESTART_IDEAS ?? 2_000);
  const app = await AppProcess.start({ LOG_LEVEL: 'warn' });
  try {
    const session = (await (
      await fetch(`${app.url}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Restart bench', language: 'en' }),
      })
    ).json()) as CreatedSession;
    await seedIdeas(app.url, session, ideas);
    const tokens = await pool(Array.from({ length: phonesWanted }), JOIN_CONCURRENCY, async (_, i) => {
      const res = await fetch(`${app.url}/api/sessions/${session.code}/participants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Phone ${i}` }),
      });
      return ((await res.json()) as JoinedSession).participantToken;
    });
    const phones: Phone[] = [];
    for (let i = 0; i < tokens.length; i += JOIN_CONCURRENCY) {
      phones.push(...tokens.slice(i, i + JOIN_CONCURRENCY).map((token) => phoneOf(app.url, session.code, token)));
      await sleep(200);
    }
    const first = await untilAllWhole(phones, ideas);
    if (!first.whole) throw new Error('the phones never held the whole board to begin with');

    // Catch-up: each phone holds its board and version; the server is killed, then SIGTERMed.
    const afterKill = await round(app, phones, ideas, () => app.crashAndRestart());
    const afterTerm = await round(app, phones, ideas, () => app.restart());

    // The baseline, same run: phones that hold nothing re-read the whole board (as before catch-up).
    const fresh = phones.map(({ socket, sync }) => {
      sync.dispose();
      const engine = new LiveSync(socket as never, { loadAllParticipants: false });
      return { socket, sync: engine };
    });
    const fullReread = await round(app, fresh, ideas, async () => {
      await app.restart();
      for (const phone of fresh) phone.sync.start();
    });

    const figures = {
      phones: phones.length,
      ideas,
      catchUpAfterKill9: afterKill,
      catchUpAfterSigterm: afterTerm,
      fullReread,
      bytesRatioKill9: Number((fullReread.megabytesSent / Math.max(afterKill.megabytesSent, 0.1)).toFixed(1)),
      bytesRatioSigterm: Number((fullReread.megabytesSent / Math.max(afterTerm.megabytesSent, 0.1)).toFixed(1)),
    };
    console.log(`\nrestart benchmark: ${phones.length} phones holding a ${ideas}-idea board; the server restarts`);
    console.table({
      'catch-up after kill -9': afterKill,
      'catch-up after SIGTERM': afterTerm,
      'full re-read (baseline)': fullReread,
    });
    console.log(
      `every phone whole again ${afterKill.ms} ms after kill -9, ${afterTerm.ms} ms after SIGTERM (target ≤ 5,000) · ` +
        `${figures.bytesRatioKill9}× / ${figures.bytesRatioSigterm}× fewer bytes than a full re-read (target ≥ 10×)`,
    );
    console.log(`written: ${await saveResults('restart', figures)}`);
    for (const { socket, sync } of fresh) {
      sync.dispose();
      socket.close();
    }
  } finally {
    await app.dispose();
  }
}
