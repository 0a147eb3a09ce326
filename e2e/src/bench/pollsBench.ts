import { randomUUID } from 'node:crypto';
import type { CreatedSession, JoinedSession, PollDelta, PollPublic, PollSnapshot, QaSnapshot } from '@ideasphere/shared';
import { BOARD_BROADCAST_INTERVAL_MS, PROTOCOL_VERSION } from '@ideasphere/shared';
import type { Socket } from 'socket.io-client';
import { AppProcess } from '../support/appProcess.js';
import { connect, sleep, summary } from './benchClients.js';
import { pool, saveResults } from './measure.js';
import { api, baseline, plan, steady } from './qaBench.js';

const JOIN_CONCURRENCY = 100;
/** Every this many answers one is sent again with the same client id (a lost ack): it must count once. */
const RESEND_EVERY = 10;
/** Phones that come back on a new connection and send their answer and upvotes again. */
const RECONNECTING_PHONES = 50;
const OPTIONS = ['Hydrogen', 'Scrap', 'CCS', 'Biomass'];

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; reason?: string } };

/**
 * `pnpm bench polls`: N phones answer one live poll within a window (10 s) while upvoting Q
 * questions, S screens follow the poll's results. Latency of an answer: from its send until every
 * screen shows at least as many answers as had been acknowledged when its ack came back (its
 * rank among the acks), received after the send — a count that includes it. The same number of
 * frames through a bare Socket.IO relay (batched like the server) is the baseline, measured in
 * the same run. Then answers and upvotes on the server are checked against what was sent.
 */
export async function pollsBench(phones: number, screens: number, questions: number, upvotes: number, windowMs: number) {
  const answersPerSecond = (phones * 1000) / windowMs;
  const base = await baseline(phones, screens, phones, answersPerSecond, BOARD_BROADCAST_INTERVAL_MS);
  const app = await AppProcess.start();
  try {
    const created = await api<CreatedSession>(app.url, '/api/sessions', { title: 'Polls bench', language: 'en' });
    const facilitator = await connect(app.url, { protocolVersion: PROTOCOL_VERSION, role: 'facilitator', code: created.code, token: created.facilitatorToken });
    const request = async <T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> => (await socket.timeout(60_000).emitWithAck(event, payload)) as Ack<T>;
    const tokens: string[] = [];
    const sockets: Socket[] = await pool(Array.from({ length: phones }), JOIN_CONCURRENCY, async (_, i) => {
      const joined = await api<JoinedSession>(app.url, `/api/sessions/${created.code}/participants`, { name: `Guest ${i}` });
      tokens[i] = joined.participantToken;
      return connect(app.url, { protocolVersion: PROTOCOL_VERSION, role: 'participant', code: created.code, token: joined.participantToken });
    });
    const questionIds: string[] = await pool(Array.from({ length: questions }), 50, async (_, q) => {
      const ack = await request<{ id: string }>(sockets[q % phones] as Socket, 'question:ask', { clientId: randomUUID(), trackId: 'main', text: `Question ${q}?` });
      if (!ack.ok) throw new Error(`question ${q} refused: ${ack.error.code}`);
      return ack.data.id;
    });
    const created1 = await request<PollPublic>(facilitator, 'poll:create', { draft: { kind: 'choice', question: 'Which route first?', options: OPTIONS } });
    if (!created1.ok) throw new Error('poll refused');
    const pollId = created1.data.id;
    await request(facilitator, 'poll:launch', { pollId });
    await request(facilitator, 'poll:showResults', { pollId, shown: true });

    // Screens: when each first showed each answered count.
    const screenViews = await Promise.all(
      Array.from({ length: screens }, async () => {
        const socket = await connect(app.url, { protocolVersion: PROTOCOL_VERSION, role: 'screen', code: created.code, token: created.screenToken });
        const frames: { at: number; answered: number }[] = [];
        socket.on('poll:delta', (delta: PollDelta) => {
          const r = delta.results.find((x) => x.pollId === pollId);
          if (r) frames.push({ at: performance.now(), answered: r.answered });
        });
        const snap = await request<PollSnapshot>(socket, 'poll:snapshot', {});
        if (!snap.ok || snap.data.polls.length !== 1) throw new Error('screen does not see the poll');
        return { socket, frames };
      }),
    );

    const votes = plan(phones, questions, upvotes);
    const sent: { t0: number; rank: number | null }[] = [];
    const acks: Promise<unknown>[] = [];
    let acked = 0;
    let resends = 0;
    const clientIds: string[] = [];
    const answer = (i: number) => request(sockets[i] as Socket, 'poll:answer', { pollId, clientId: clientIds[i], answer: { kind: 'choice', optionIds: [`o${i % OPTIONS.length}`] } });
    const upvote = (socket: Socket, questionId: string) => request(socket, 'question:upvote', { questionId, up: true });
    // Answers and upvotes interleaved over the same window: every phone answers once.
    const upvotesPerAnswer = votes.length / phones;
    let nextVote = 0;
    await steady(phones, answersPerSecond, (i) => {
      clientIds[i] = randomUUID();
      const record = { t0: performance.now(), rank: null as number | null };
      sent.push(record);
      acks.push(
        answer(i).then((ack) => {
          if (ack.ok) record.rank = ++acked;
          if (i % RESEND_EVERY === 0) {
            resends++;
            return answer(i);
          }
          return undefined;
        }),
      );
      for (const until = Math.round((i + 1) * upvotesPerAnswer); nextVote < until; nextVote++) {
        const v = votes[nextVote] as { phone: number; question: number };
        acks.push(upvote(sockets[v.phone] as Socket, questionIds[v.question] as string));
      }
    });
    await Promise.all(acks);

    // Phones back on a new connection send their answer (same client id) and upvotes again.
    await Promise.all(
      Array.from({ length: Math.min(RECONNECTING_PHONES, phones) }, async (_, i) => {
        (sockets[i] as Socket).close();
        sockets[i] = await connect(app.url, { protocolVersion: PROTOCOL_VERSION, role: 'participant', code: created.code, token: tokens[i] as string });
        await answer(i);
        resends++;
        for (const v of votes.filter((x) => x.phone === i)) {
          await upvote(sockets[i] as Socket, questionIds[v.question] as string);
          resends++;
        }
      }),
    );
    await sleep(1_000);

    const latencies: number[] = [];
    let screensMissingAnAnswer = 0;
    for (const { t0, rank } of sent) {
      if (rank === null) continue;
      const at = screenViews.map((s) => s.frames.find((f) => f.at >= t0 && f.answered >= rank)?.at);
      if (at.some((t) => t === undefined)) {
        screensMissingAnAnswer++;
        continue;
      }
      latencies.push(Math.max(...(at as number[])) - t0);
    }
    const polls = await request<PollSnapshot>(facilitator, 'poll:snapshot', {});
    const qa = await request<QaSnapshot>(facilitator, 'qa:snapshot', {});
    if (!polls.ok || !qa.ok) throw new Error('final snapshots refused');
    const result = polls.data.results.find((r) => r.pollId === pollId);
    const answered = result?.answered ?? 0;
    const perOption = Object.values(result?.counts ?? {}).reduce((a, b) => a + b, 0);
    const expectedVotes = new Map<string, number>();
    for (const v of votes) expectedVotes.set(questionIds[v.question] as string, (expectedVotes.get(questionIds[v.question] as string) ?? 0) + 1);
    let lostVotes = 0;
    let doubleVotes = 0;
    for (const q of qa.data.questions) {
      const want = expectedVotes.get(q.id) ?? 0;
      if (q.upvotes < want) lostVotes += want - q.upvotes;
      else doubleVotes += q.upvotes - want;
    }
    for (const s of [...sockets, ...screenViews.map((v) => v.socket), facilitator]) s.close();
    const latency = summary(latencies);
    return {
      phones,
      screens,
      windowMs,
      questions,
      upvotes: votes.length,
      latencyMs: latency,
      baselineLatencyMs: base,
      p99VsBaseline: Number((latency.p99 / Math.max(base.p99, 0.1)).toFixed(2)),
      resends,
      answersCounted: answered,
      answersPerOptionSum: perOption,
      lostAnswers: Math.max(0, phones - answered),
      doubleCountedAnswers: Math.max(0, answered - phones) + Math.max(0, perOption - phones),
      lostVotes,
      doubleCountedVotes: doubleVotes,
      screensMissingAnAnswer,
    };
  } finally {
    await app.dispose();
  }
}

export async function runPollsBench(): Promise<void> {
  const phones = Number(process.env.BENCH_PARTICIPANTS ?? 1000);
  const screens = Number(process.env.BENCH_SCREENS ?? 10);
  const questions = Number(process.env.BENCH_QUESTIONS ?? 200);
  const upvotes = Number(process.env.BENCH_UPVOTES ?? 2000);
  const windowMs = Number(process.env.BENCH_WINDOW_MS ?? 10_000);
  const f = await pollsBench(phones, screens, questions, upvotes, windowMs);
  console.log(`\nPolls benchmark: ${phones} phones answering one poll within ${windowMs / 1000} s while upvoting ${questions} questions (${f.upvotes} upvotes), ${screens} big screens`);
  console.table({
    'IdeaSphere (store, then batched poll:delta)': f.latencyMs,
    [`bare Socket.IO relay, one frame per ${BOARD_BROADCAST_INTERVAL_MS} ms (baseline)`]: f.baselineLatencyMs,
  });
  console.log(`p99 answer→every screen ${f.latencyMs.p99} ms = ${f.p99VsBaseline}× the batched relay`);
  console.log(
    `resent ${f.resends} · answers counted ${f.answersCounted} of ${phones} (lost ${f.lostAnswers}, double-counted ${f.doubleCountedAnswers}) · upvotes lost ${f.lostVotes}, double-counted ${f.doubleCountedVotes} · answers a screen never showed ${f.screensMissingAnAnswer}`,
  );
  console.log(`written: ${await saveResults('polls', { ...f })}`);
}
