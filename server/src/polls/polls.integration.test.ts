import { randomUUID } from 'node:crypto';
import { LiveSync, PollSync, PROTOCOL_VERSION, type PollDelta, type PollState } from '@ideasphere/shared';
import { io as connect } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, expectOk, openRoom, request, startTestApp, type TestApp, type TestClient } from '../testing/harness.js';

/** A client as the real pages run it: LiveSync and PollSync on one socket, and every poll:delta it got. */
interface Viewer {
  socket: TestClient;
  polls: PollSync;
  deltas: PollDelta[];
  until(test: (state: PollState) => boolean): Promise<void>;
}

describe('live polls', () => {
  let app: TestApp;
  const syncs: { dispose(): void }[] = [];
  const sockets: TestClient[] = [];
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterEach(() => {
    app.clock.offsetMs = 0;
    for (const s of syncs.splice(0)) s.dispose();
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(() => app.dispose());
  const url = () => app.server.url;

  async function viewer(code: string, token: string, role: 'participant' | 'screen' | 'facilitator'): Promise<Viewer> {
    const socket: TestClient = connect(url(), {
      auth: { protocolVersion: PROTOCOL_VERSION, role, code, token },
      transports: ['websocket'],
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      forceNew: true,
    });
    sockets.push(socket);
    const deltas: PollDelta[] = [];
    socket.on('poll:delta', (delta) => deltas.push(delta));
    const live = new LiveSync(socket, { loadAllParticipants: false });
    const polls = new PollSync(live);
    syncs.push(polls, live);
    live.start();
    polls.start();
    const until = (test: (state: PollState) => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => polls.getState().synced && test(polls.getState().polls);
        if (check()) return resolve();
        const stop = polls.subscribe(() => {
          if (!check()) return;
          stop();
          resolve();
        });
      });
    await until(() => true);
    return { socket, polls, deltas, until };
  }

  async function room(n: number) {
    const { created, facilitator, screen, people } = await openRoom(url(), 'Poll test', n, (role, token, code) => viewer(code, token, role));
    const act = async <E extends Parameters<typeof request>[1]>(event: E, payload: unknown) => expectOk(await request(facilitator.socket, event, payload));
    return { created, facilitator, screen, people, act };
  }
  const pick = <T>(list: readonly T[], i: number): T => list[i] as T;
  const choose = (pollId: string, optionIds: string[], clientId: string = randomUUID()) => ({ pollId, clientId, answer: { kind: 'choice', optionIds } });

  it('counts one answer per participant: changed while open, resent, and from a second socket of the same phone', async () => {
    const { created, facilitator, screen, people, act } = await room(2);
    const [ann, bob] = [pick(people, 0), pick(people, 1)];
    const poll = await act('poll:create', { draft: { kind: 'choice', question: 'Lunch? 午饭？', options: ['Noodles', 'Rice', 'Salad'] } });
    expect(poll).toMatchObject({ status: 'draft', options: [{ id: 'o0' }, { id: 'o1' }, { id: 'o2' }] });
    // A prepared poll stays on the console.
    await facilitator.until((s) => s.polls.has(poll.id));
    expect(expectOk(await request(screen.socket, 'poll:snapshot', {})).polls).toEqual([]);
    expect(await request(ann.socket, 'poll:answer', choose(poll.id, ['o0']))).toMatchObject({ ok: false, error: { reason: 'poll_not_open' } });
    await act('poll:launch', { pollId: poll.id });
    await act('poll:showResults', { pollId: poll.id, shown: true });

    const first = randomUUID();
    expectOk(await request(ann.socket, 'poll:answer', choose(poll.id, ['o0'], first)));
    expectOk(await request(bob.socket, 'poll:answer', choose(poll.id, ['o0'])));
    // Ann changes her mind, then a late resend of her first answer changes nothing.
    expectOk(await request(ann.socket, 'poll:answer', choose(poll.id, ['o2'])));
    const again = expectOk(await request(ann.socket, 'poll:answer', choose(poll.id, ['o2'], randomUUID())));
    expect(again.answer).toEqual({ kind: 'choice', optionIds: ['o2'] });
    // A second socket of Ann's phone (another tab, or a reconnection) is still Ann.
    const annAgain = await connectClient(url(), { role: 'participant', code: created.code, token: ann.joined.participantToken });
    sockets.push(annAgain);
    expectOk(await request(annAgain, 'poll:answer', choose(poll.id, ['o1'])));
    const resend = expectOk(await request(bob.socket, 'poll:answer', choose(poll.id, ['o0'], first)));
    expect(resend.answer.kind).toBe('choice');

    for (const v of [facilitator, screen, ann, bob]) {
      await v.until((s) => s.results.get(poll.id)?.answered === 2 && s.results.get(poll.id)?.counts['o1'] === 1);
      expect(v.polls.getState().polls.results.get(poll.id)?.counts).toEqual({ o0: 1, o1: 1, o2: 0 });
    }
    const snapshot = expectOk(await request(annAgain, 'poll:snapshot', {}));
    expect(snapshot.mine[poll.id]).toEqual({ kind: 'choice', optionIds: ['o1'] });
    await facilitator.until((s) => s.answered.get(poll.id) === 2);
  });

  it('keeps results hidden until close from phones and screens, while the console follows them', async () => {
    const { facilitator, screen, people, act } = await room(2);
    const poll = await act('poll:create', { draft: { kind: 'choice', question: 'Best talk?', options: ['A', 'B'], multiple: true, resultMode: 'afterClose' } });
    await act('poll:launch', { pollId: poll.id });
    await act('poll:showResults', { pollId: poll.id, shown: true });
    for (const [i, p] of people.entries()) expectOk(await request(p.socket, 'poll:answer', choose(poll.id, i === 0 ? ['o0', 'o1'] : ['o1'])));
    await facilitator.until((s) => s.results.get(poll.id)?.answered === 2);
    // A round trip after the console saw every answer: nothing of the results reached the others.
    for (const v of [screen, ...people]) {
      const snap = expectOk(await request(v.socket, 'poll:snapshot', {}));
      expect(snap.results).toEqual([]);
      expect(snap.polls.map((p) => p.id)).toEqual([poll.id]);
      expect(v.deltas.flatMap((d) => d.results)).toEqual([]);
      expect(v.deltas.flatMap((d) => Object.keys(d.answered))).toEqual([]);
    }
    await act('poll:close', { pollId: poll.id });
    for (const v of [screen, ...people]) await v.until((s) => s.results.get(poll.id)?.counts['o1'] === 2 && s.polls.get(poll.id)?.status === 'closed');
    const late = await request(pick(people, 0).socket, 'poll:answer', choose(poll.id, ['o0']));
    expect(late).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'poll_not_open' } });
  });

  it('runs a quiz: the correct option stays on the console until close, late answers are refused, the leaderboard ranks the fast', async () => {
    const { screen, people, act } = await room(3);
    const quiz = await act('poll:create', { draft: { kind: 'quiz', question: '2 + 2?', options: ['3', '4', '5'], correctIndex: 1, durationSeconds: 30 } });
    expect(quiz.correctOptionId).toBe('o1');
    const launched = await act('poll:launch', { pollId: quiz.id });
    expect(Date.parse(launched.closesAt ?? '') - Date.parse(launched.openedAt ?? '')).toBe(30_000);
    await screen.until((s) => s.polls.get(quiz.id)?.status === 'open');
    expect(screen.polls.getState().polls.polls.get(quiz.id)?.correctOptionId).toBeNull();

    const [ann, bob, cy] = [pick(people, 0), pick(people, 1), pick(people, 2)];
    expectOk(await request(ann.socket, 'poll:answer', { pollId: quiz.id, clientId: randomUUID(), answer: { kind: 'quiz', optionId: 'o1' } }));
    app.clock.offsetMs = 15_000;
    expectOk(await request(bob.socket, 'poll:answer', { pollId: quiz.id, clientId: randomUUID(), answer: { kind: 'quiz', optionId: 'o1' } }));
    app.clock.offsetMs = 31_000;
    const late = await request(cy.socket, 'poll:answer', { pollId: quiz.id, clientId: randomUUID(), answer: { kind: 'quiz', optionId: 'o1' } });
    expect(late).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'poll_deadline_passed' } });
    // Reading the polls after the deadline closes the quiz (the server's clock decides).
    const snap = expectOk(await request(screen.socket, 'poll:snapshot', {}));
    expect(snap.polls[0]).toMatchObject({ status: 'closed', correctOptionId: 'o1' });

    await act('poll:showResults', { pollId: quiz.id, shown: true });
    await screen.until((s) => (s.results.get(quiz.id)?.leaderboard.length ?? 0) === 2);
    const board = screen.polls.getState().polls.results.get(quiz.id)?.leaderboard ?? [];
    expect(board.map((e) => e.name)).toEqual(['P0', 'P1']);
    expect(pick(board, 0).points).toBeGreaterThan(pick(board, 1).points);
    expect(pick(board, 1).points).toBeGreaterThanOrEqual(500);
  });

  it('refuses what does not fit, storing nothing: wrong options, other roles, edits of a launched poll, a bad order', async () => {
    const { screen, people, act, facilitator } = await room(1);
    const ann = pick(people, 0);
    const poll = await act('poll:create', { draft: { kind: 'rating', question: 'How was it?', scaleMax: 5 } });
    const other = await act('poll:create', { draft: { kind: 'words', question: 'One word?' } });
    await act('poll:launch', { pollId: poll.id });
    const tooHigh = await request(ann.socket, 'poll:answer', { pollId: poll.id, clientId: randomUUID(), answer: { kind: 'rating', rating: 6 } });
    expect(tooHigh).toMatchObject({ ok: false, error: { reason: 'poll_answer_invalid' } });
    const wrongKind = await request(ann.socket, 'poll:answer', choose(poll.id, ['o0']));
    expect(wrongKind).toMatchObject({ ok: false, error: { reason: 'poll_answer_invalid' } });
    const badSchema = await request(ann.socket, 'poll:answer', { pollId: poll.id, clientId: randomUUID(), answer: { kind: 'rating', rating: 'five' } });
    expect(badSchema).toMatchObject({ ok: false, error: { reason: 'invalid_input' } });
    expect(await request(ann.socket, 'poll:create', { draft: { kind: 'words', question: 'Mine?' } })).toMatchObject({ ok: false, error: { reason: 'role_forbidden' } });
    expect(await request(screen.socket, 'poll:launch', { pollId: other.id })).toMatchObject({ ok: false, error: { reason: 'role_forbidden' } });
    const edit = await request(facilitator.socket, 'poll:edit', { pollId: poll.id, draft: { kind: 'rating', question: 'Changed' } });
    expect(edit).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'poll_not_editable' } });
    expect(await request(facilitator.socket, 'poll:delete', { pollId: poll.id })).toMatchObject({ ok: false, error: { reason: 'poll_not_editable' } });
    expect(await request(facilitator.socket, 'poll:reorder', { pollIds: [other.id] })).toMatchObject({ ok: false, error: { reason: 'poll_order_invalid' } });
    const badDraft = await request(facilitator.socket, 'poll:create', { draft: { kind: 'quiz', question: 'No answer', options: ['a', 'b'] } });
    expect(badDraft).toMatchObject({ ok: false, error: { reason: 'invalid_input' } });

    const snap = expectOk(await request(facilitator.socket, 'poll:snapshot', {}));
    expect(snap.polls.map((p) => [p.id, p.question])).toEqual([[poll.id, 'How was it?'], [other.id, 'One word?']]);
    expect(snap.results.find((r) => r.pollId === poll.id)?.answered).toBe(0);

    const ordered = await act('poll:reorder', { pollIds: [other.id, poll.id] });
    expect(ordered.map((p) => p.id)).toEqual([other.id, poll.id]);
    // Launching another poll closes the live one: one at a time.
    await act('poll:launch', { pollId: other.id });
    await facilitator.until((s) => s.polls.get(poll.id)?.status === 'closed' && s.polls.get(other.id)?.status === 'open');
    expectOk(await request(ann.socket, 'poll:answer', { pollId: other.id, clientId: randomUUID(), answer: { kind: 'words', text: 'coffee break' } }));
    await act('poll:close', { pollId: other.id });
    await act('poll:showResults', { pollId: other.id, shown: true });
    await ann.until((s) => s.results.get(other.id)?.words.some((w) => w.word === 'coffee') ?? false);
  });

  it('puts every launched poll in the CSV and JSON exports', async () => {
    const { created, people, act } = await room(1);
    const poll = await act('poll:create', { draft: { kind: 'choice', question: 'Export me', options: ['Yes', 'No'] } });
    await act('poll:create', { draft: { kind: 'words', question: 'Never launched' } });
    await act('poll:launch', { pollId: poll.id });
    expectOk(await request(pick(people, 0).socket, 'poll:answer', choose(poll.id, ['o0'])));
    const headers = { authorization: `Bearer ${created.facilitatorToken}` };
    const json = (await (await fetch(`${url()}/api/sessions/${created.code}/export.json`, { headers })).json()) as {
      polls: { polls: { question: string }[]; results: { counts: Record<string, number> }[] };
    };
    expect(json.polls.polls.map((p) => p.question)).toEqual(['Export me']);
    expect(json.polls.results[0]?.counts).toEqual({ o0: 1, o1: 0 });
    const csv = await (await fetch(`${url()}/api/sessions/${created.code}/export.csv`, { headers })).text();
    expect(csv).toContain('poll,poll_id,kind,question,status,answered,row,item,value,correct');
    expect(csv).toContain(`1,${poll.id},choice,Export me,open,1,option,Yes,1,`);
    expect(csv).not.toContain('Never launched');
  });

  it('keeps one answer across a server restart: the phone resyncs its answer, a resend after it counts once', async () => {
    const { facilitator, people, act } = await room(1);
    const ann = pick(people, 0);
    const poll = await act('poll:create', { draft: { kind: 'ranking', question: 'Order these', options: ['A', 'B', 'C'] } });
    await act('poll:launch', { pollId: poll.id });
    const clientId = randomUUID();
    const answer = { pollId: poll.id, clientId, answer: { kind: 'ranking', optionIds: ['o2', 'o0', 'o1'] } };
    const first = expectOk(await request(ann.socket, 'poll:answer', answer));
    await app.restart();
    // Both clients reconnect by themselves and load a fresh snapshot (nothing to recover).
    await ann.until((s) => s.mine.get(poll.id)?.kind === 'ranking');
    expect(ann.polls.getState().polls.mine.get(poll.id)).toEqual({ kind: 'ranking', optionIds: ['o2', 'o0', 'o1'] });
    const again = expectOk(await request(ann.socket, 'poll:answer', answer));
    expect(again.answeredAt).toBe(first.answeredAt);
    await facilitator.until((s) => s.results.get(poll.id)?.answered === 1);
    const snap = expectOk(await request(facilitator.socket, 'poll:snapshot', {}));
    expect(snap.results.find((r) => r.pollId === poll.id)?.ranking).toEqual([
      { optionId: 'o2', score: 3 },
      { optionId: 'o0', score: 2 },
      { optionId: 'o1', score: 1 },
    ]);
  });
});
