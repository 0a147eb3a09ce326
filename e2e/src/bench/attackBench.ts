import { readFile } from 'node:fs/promises';
import type { CreatedSession, JoinedSession } from '@ideasphere/shared';
import { PROTOCOL_VERSION } from '@ideasphere/shared';
import type { Socket } from 'socket.io-client';
import { AppProcess } from '../support/appProcess.js';
import { seedIdeas } from '../support/seedIdeas.js';
import { connect, sleep, summary } from './benchClients.js';
import { saveResults } from './measure.js';

/** How long each phase (quiet, then under attack) measures the healthy phone. */
const PHASE_MS = Number(process.env.BENCH_ATTACK_MS ?? 8_000);
/** The healthy phone's pace: one cheap event every this many ms. */
const PROBE_EVERY_MS = 100;
/** Sockets the attacking phone opens with its one token (the server keeps the newest few). */
const ATTACK_SOCKETS = 20;
/** Requests each attacking socket keeps in flight. */
const IN_FLIGHT_PER_SOCKET = 20;

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
async function cpuMsOf(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name; clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function joinPhone(url: string, session: CreatedSession, name: string): Promise<JoinedSession> {
  const res = await fetch(`${url}/api/sessions/${session.code}/participants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  return (await res.json()) as JoinedSession;
}

/** The healthy phone's round trips (reaction toggles) over `ms`. */
async function probe(phone: Socket, ideaId: string, ms: number): Promise<{ rtts: number[]; failed: number }> {
  const rtts: number[] = [];
  let failed = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const started = performance.now();
    try {
      const ack = (await phone.timeout(5_000).emitWithAck('reaction:toggle', { ideaId, emoji: '👍' })) as { ok: boolean };
      if (ack.ok) rtts.push(performance.now() - started);
      else failed++;
    } catch {
      failed++;
    }
    await sleep(Math.max(0, PROBE_EVERY_MS - (performance.now() - started)));
  }
  return { rtts, failed };
}

/**
 * One phone's token, many sockets, every heavy read as fast as the acks come back, while the
 * attack lasts; counts what was served and what was refused.
 */
async function attack(url: string, session: CreatedSession, token: string, until: () => boolean) {
  const auth = { protocolVersion: PROTOCOL_VERSION, role: 'participant', code: session.code, token };
  const sockets = await Promise.all(Array.from({ length: ATTACK_SOCKETS }, () => connect(url, auth)));
  const events = ['results:get', 'board:snapshot', 'board:page', 'session:snapshot'] as const;
  let sent = 0;
  let served = 0;
  let refused = 0;
  let dropped = 0;
  const loop = async (socket: Socket, lane: number) => {
    for (let k = lane; !until(); k++) {
      if (!socket.connected) {
        // Closed by the server as one socket too many: this lane is done.
        dropped++;
        return;
      }
      sent++;
      try {
        const ack = (await socket.timeout(5_000).emitWithAck(events[k % events.length] as string, {})) as { ok: boolean };
        if (ack.ok) served++;
        else refused++;
      } catch {
        refused++;
      }
    }
  };
  await Promise.all(sockets.flatMap((socket) => Array.from({ length: IN_FLIGHT_PER_SOCKET }, (_, lane) => loop(socket, lane))));
  const open = sockets.filter((s) => s.connected).length;
  for (const socket of sockets) socket.close();
  return { sent, served, refused, lanesDropped: dropped, socketsLeftOpen: open };
}

export async function runAttackBench(): Promise<void> {
  const ideas = Number(process.env.BENCH_ATTACK_IDEAS ?? 2_000);
  const app = await AppProcess.start();
  try {
    const session = (await (
      await fetch(`${app.url}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Attack bench', language: 'en' }),
      })
    ).json()) as CreatedSession;
    await seedIdeas(app.url, session, ideas);
    const healthy = await joinPhone(app.url, session, 'Healthy phone');
    const attacker = await joinPhone(app.url, session, 'Attacking phone');
    const phone = await connect(app.url, { protocolVersion: PROTOCOL_VERSION, role: 'participant', code: session.code, token: healthy.participantToken });
    const snapshot = (await phone.emitWithAck('board:snapshot', {})) as { data: { firstPage: { ideas: { id: string }[] } } };
    const ideaId = snapshot.data.firstPage.ideas[0]?.id ?? '';
    const pid = app.pid ?? 0;

    // What one results request costs: computed cold, served from the cache, recomputed after a change.
    const facilitator = await connect(app.url, { protocolVersion: PROTOCOL_VERSION, role: 'facilitator', code: session.code, token: session.facilitatorToken });
    const timed = async () => {
      const started = performance.now();
      await facilitator.emitWithAck('results:get', {});
      return Math.round((performance.now() - started) * 10) / 10;
    };
    const resultsColdMs = await timed();
    const resultsCachedMs = await timed();
    await phone.emitWithAck('reaction:toggle', { ideaId, emoji: '💡' });
    await sleep(100);
    const resultsAfterChangeMs = await timed();
    facilitator.close();

    const quietCpu0 = await cpuMsOf(pid);
    const quiet = await probe(phone, ideaId, PHASE_MS);
    const quietCpuMs = (await cpuMsOf(pid)) - quietCpu0;

    const attackCpu0 = await cpuMsOf(pid);
    let over = false;
    const attacking = attack(app.url, session, attacker.participantToken, () => over);
    const loud = await probe(phone, ideaId, PHASE_MS);
    over = true;
    const outcome = await attacking;
    const attackCpuMs = (await cpuMsOf(pid)) - attackCpu0;
    phone.close();

    const base = summary(quiet.rtts);
    const under = summary(loud.rtts);
    const figures = {
      ideas,
      phaseMs: PHASE_MS,
      attackSockets: ATTACK_SOCKETS,
      attackRequestsSent: outcome.sent,
      attackRequestsServed: outcome.served,
      attackRequestsRefused: outcome.refused,
      attackSocketsLeftOpen: outcome.socketsLeftOpen,
      healthyQuietMs: base,
      healthyUnderAttackMs: under,
      healthyFailedQuiet: quiet.failed,
      healthyFailedUnderAttack: loud.failed,
      p99VsQuiet: Number((under.p99 / Math.max(base.p99, 0.1)).toFixed(2)),
      serverCpuQuietPct: Math.round((quietCpuMs / PHASE_MS) * 100),
      serverCpuUnderAttackPct: Math.round((attackCpuMs / PHASE_MS) * 100),
      resultsColdMs,
      resultsCachedMs,
      resultsAfterChangeMs,
    };
    console.log(`\nattack benchmark: ${ideas}-idea board; one phone opens ${ATTACK_SOCKETS} sockets and floods heavy reads for ${PHASE_MS} ms`);
    console.table({
      'healthy phone, quiet (baseline)': { ...base, failed: quiet.failed, 'server CPU %': figures.serverCpuQuietPct },
      'healthy phone, under attack': { ...under, failed: loud.failed, 'server CPU %': figures.serverCpuUnderAttackPct },
    });
    console.log(
      `attacker: ${outcome.sent} requests, ${outcome.served} served, ${outcome.refused} refused (rate_limited), ` +
        `${outcome.socketsLeftOpen} of ${ATTACK_SOCKETS} sockets left open · healthy p99 ${under.p99} ms = ${figures.p99VsQuiet}× quiet`,
    );
    console.log(`results:get on ${ideas} ideas: ${resultsColdMs} ms cold, ${resultsCachedMs} ms cached, ${resultsAfterChangeMs} ms after a change`);
    console.log(`written: ${await saveResults('attack', figures)}`);
  } finally {
    await app.dispose();
  }
}
