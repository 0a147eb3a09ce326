import { randomUUID } from 'node:crypto';
import { LiveSync, PROTOCOL_VERSION, QaSync, type QuestionPublic } from '@ideasphere/shared';
import { io as connect } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, connectClient, createSession, expectOk, join, openRoom, request, startTestApp, type TestApp, type TestClient } from '../testing/harness.js';

/** A client as the real pages run it: LiveSync and QaSync on one socket that reconnects by itself. */
interface Viewer {
  socket: TestClient;
  qa: QaSync;
  /** Resolves once `test` holds for the viewer's Q&A state. */
  until(test: (questions: ReadonlyMap<string, QuestionPublic>) => boolean): Promise<void>;
}

describe('audience Q&A', () => {
  let app: TestApp;
  const syncs: { dispose(): void }[] = [];
  const sockets: TestClient[] = [];
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterEach(() => {
    for (const s of syncs.splice(0)) s.dispose();
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(() => app.dispose());
  const url = () => app.server.url;

  async function viewer(code: string, token: string, role: 'participant' | 'screen' | 'facilitator' | 'moderator'): Promise<Viewer> {
    const socket: TestClient = connect(url(), {
      auth: { protocolVersion: PROTOCOL_VERSION, role, code, token },
      transports: ['websocket'],
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      forceNew: true,
    });
    sockets.push(socket);
    const live = new LiveSync(socket, { loadAllParticipants: false });
    const qa = new QaSync(live);
    syncs.push(qa, live);
    live.start();
    qa.start();
    const until = (test: (questions: ReadonlyMap<string, QuestionPublic>) => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => qa.getState().synced && test(qa.getState().qa.questions);
        if (check()) return resolve();
        const stop = qa.subscribe(() => {
          if (!check()) return;
          stop();
          resolve();
        });
      });
    await until(() => true);
    return { socket, qa, until };
  }

  /** A session with a console, a screen and `n` phones, each following the Q&A. */
  async function room(n: number) {
    const { created, facilitator, screen, people } = await openRoom(url(), 'Q&A test', n, (role, token, code) => viewer(code, token, role));
    const act = async <E extends Parameters<typeof request>[1]>(event: E, payload: unknown) => expectOk(await request(facilitator.socket, event, payload));
    return { created, facilitator, screen, people, act };
  }

  const ask = (socket: TestClient, text: string, extra: Record<string, unknown> = {}) =>
    request(socket, 'question:ask', { clientId: randomUUID(), trackId: 'main', text, ...extra });
  const pick = <T>(list: readonly T[], i: number): T => list[i] as T;

  it('streams an asked question to every client, the asker included, and marks it as the asker’s own', async () => {
    const { facilitator, screen, people } = await room(2);
    const [ann, bob] = [pick(people, 0), pick(people, 1)];
    const asked = expectOk(await ask(ann.socket, 'How will this scale? 如何扩展？'));
    expect(asked).toMatchObject({ status: 'visible', upvotes: 0, author: { name: 'P0' } });
    for (const v of [facilitator, screen, ann, bob]) await v.until((qs) => qs.get(asked.id)?.text === 'How will this scale? 如何扩展？');
    // The asker's phone learns it is its own from the snapshot too, after a reload.
    await ann.qa.refresh();
    expect(ann.qa.getState().qa.mine.has(asked.id)).toBe(true);
    expect(bob.qa.getState().qa.mine.has(asked.id)).toBe(false);

    const anonymous = expectOk(await ask(bob.socket, 'A question without my name', { anonymous: true }));
    await ann.until((qs) => qs.has(anonymous.id));
    await facilitator.until((qs) => qs.has(anonymous.id));
    expect(ann.qa.getState().qa.questions.get(anonymous.id)?.author).toBeNull();
    expect(screen.qa.getState().qa.questions.get(anonymous.id)?.author ?? null).toBeNull();
    expect(facilitator.qa.getState().qa.questions.get(anonymous.id)?.author).toEqual({ id: bob.joined.participant.id, name: 'P1' });
  });

  it('makes a resent question idempotent: same clientId, one question', async () => {
    const { facilitator, people } = await room(1);
    const clientId = randomUUID();
    const first = expectOk(await request(pick(people, 0).socket, 'question:ask', { clientId, trackId: 'main', text: 'Once' }));
    const again = expectOk(await request(pick(people, 0).socket, 'question:ask', { clientId, trackId: 'main', text: 'Once' }));
    expect(again.id).toBe(first.id);
    await facilitator.qa.refresh();
    expect(facilitator.qa.getState().qa.questions.size).toBe(1);
  });

  it('counts an upvote once across resends, a second phone of the same person and a reconnection', async () => {
    const { created, facilitator, screen, people } = await room(2);
    const [ann, bob] = [pick(people, 0), pick(people, 1)];
    const q = expectOk(await ask(ann.socket, 'Upvote me'));
    await bob.until((qs) => qs.has(q.id));
    const acks = await Promise.all([0, 1, 2].map(() => request(bob.socket, 'question:upvote', { questionId: q.id, up: true })));
    for (const ack of acks) expect(expectOk(ack)).toMatchObject({ upvoted: true, upvotes: 1 });
    // Bob's second tab, and Bob back on a new connection: still one upvote.
    const bobTab = await connectClient(url(), { role: 'participant', code: created.code, token: bob.joined.participantToken });
    sockets.push(bobTab);
    expect(expectOk(await request(bobTab, 'question:upvote', { questionId: q.id, up: true })).upvotes).toBe(1);
    bob.socket.disconnect();
    bob.socket.connect();
    await bob.until(() => bob.socket.connected);
    expect(expectOk(await request(bob.socket, 'question:upvote', { questionId: q.id, up: true })).upvotes).toBe(1);
    expect(expectOk(await request(ann.socket, 'question:upvote', { questionId: q.id, up: true })).upvotes).toBe(2);
    for (const v of [facilitator, screen, ann, bob]) await v.until((qs) => qs.get(q.id)?.upvotes === 2);
    await bob.qa.refresh();
    expect(bob.qa.getState().qa.upvoted.has(q.id)).toBe(true);

    expect(expectOk(await request(bob.socket, 'question:upvote', { questionId: q.id, up: false })).upvotes).toBe(1);
    expect(expectOk(await request(bob.socket, 'question:upvote', { questionId: q.id, up: false })).upvotes).toBe(1);
    for (const v of [facilitator, screen, ann]) await v.until((qs) => qs.get(q.id)?.upvotes === 1);
  });

  it('lets each role send only its own events, and a refusal changes nothing', async () => {
    const { created, facilitator, screen, people } = await room(1);
    const ann = pick(people, 0);
    const q = expectOk(await ask(ann.socket, 'Roles'));
    const before = expectOk(await request(facilitator.socket, 'qa:snapshot', {}));
    const refusals = await Promise.all([
      request(ann.socket, 'question:moderate', { questionId: q.id, action: 'hide' }),
      request(ann.socket, 'question:highlight', { trackId: 'main', questionId: q.id }),
      request(ann.socket, 'track:create', { name: 'Mine' }),
      request(ann.socket, 'qa:configure', { open: false }),
      request(screen.socket, 'question:ask', { clientId: randomUUID(), trackId: 'main', text: 'Screen asks' }),
      request(screen.socket, 'question:upvote', { questionId: q.id, up: true }),
      request(facilitator.socket, 'question:ask', { clientId: randomUUID(), trackId: 'main', text: 'Console asks' }),
      request(facilitator.socket, 'question:upvote', { questionId: q.id, up: true }),
    ]);
    for (const r of refusals) expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'role_forbidden' } });
    const invalid = await Promise.all([
      request(ann.socket, 'question:ask', { clientId: randomUUID(), trackId: 'main', text: '   ' }),
      request(ann.socket, 'question:ask', { clientId: randomUUID(), trackId: 'main', text: 'x'.repeat(281) }),
      request(ann.socket, 'question:upvote', { questionId: q.id, up: 'yes' }),
      request(facilitator.socket, 'question:merge', { sourceId: q.id, targetId: q.id }),
    ]);
    expect(invalid.map((r) => !r.ok && r.error.reason)).toEqual(['text_blank', 'text_too_long', 'invalid_input', 'invalid_input']);
    expect(await request(ann.socket, 'question:ask', { clientId: randomUUID(), trackId: 'nosuchtrack1', text: 'Where?' })).toMatchObject({
      ok: false,
      error: { reason: 'track_not_found' },
    });
    const after = expectOk(await request(facilitator.socket, 'qa:snapshot', {}));
    expect(after).toEqual(before);
    expect(created.code).toBeTruthy();
  });

  it('holds questions for approval, banned words for review, and refuses when closed or anonymous is off', async () => {
    const { facilitator, screen, people, act } = await room(2);
    const [ann, bob] = [pick(people, 0), pick(people, 1)];
    await act('qa:configure', { preModeration: true, anonymousAllowed: false });
    await ann.until(() => ann.qa.getState().qa.settings.preModeration);
    const pending = expectOk(await ask(ann.socket, 'Waiting for approval'));
    expect(pending.status).toBe('pending');
    await facilitator.until((qs) => qs.get(pending.id)?.status === 'pending');
    await ann.until((qs) => qs.get(pending.id)?.status === 'pending');
    expect(await ask(ann.socket, 'No name', { anonymous: true })).toMatchObject({ ok: false, error: { reason: 'anonymous_questions_off' } });
    await act('question:moderate', { questionId: pending.id, action: 'approve' });
    for (const v of [screen, bob, ann]) await v.until((qs) => qs.get(pending.id)?.status === 'visible');

    expectOk(await request(facilitator.socket, 'board:configure', { bannedWords: ['spam'] }));
    const held = expectOk(await ask(bob.socket, 'buy SPAM now'));
    expect(held.status).toBe('held');
    await facilitator.until((qs) => qs.get(held.id)?.status === 'held');
    // Removal: hidden from everyone but the asker (shown as hidden) and the console.
    await act('question:moderate', { questionId: pending.id, action: 'hide' });
    await screen.until((qs) => !qs.has(pending.id));
    await ann.until((qs) => qs.get(pending.id)?.status === 'hidden');
    expect(screen.qa.getState().qa.questions.has(held.id)).toBe(false);

    await act('qa:configure', { open: false });
    expect(await ask(ann.socket, 'Too late')).toMatchObject({ ok: false, error: { reason: 'qa_closed' } });
    expect(await request(bob.socket, 'question:upvote', { questionId: pending.id, up: true })).toMatchObject({ ok: false, error: { reason: 'qa_closed' } });
  });

  it('merges duplicates with combined upvotes counted once, and keeps one highlight per track', async () => {
    const { facilitator, screen, people, act } = await room(3);
    const [ann, bob, cat] = [pick(people, 0), pick(people, 1), pick(people, 2)];
    const source = expectOk(await ask(ann.socket, 'Is it open source?'));
    const target = expectOk(await ask(bob.socket, 'Is the code open?'));
    await cat.until((qs) => qs.has(source.id) && qs.has(target.id));
    for (const [who, id] of [[ann, source.id], [cat, source.id], [bob, target.id], [cat, target.id]] as const) {
      expectOk(await request(who.socket, 'question:upvote', { questionId: id, up: true }));
    }
    await act('question:highlight', { trackId: 'main', questionId: source.id });
    await screen.until(() => screen.qa.getState().qa.tracks[0]?.highlightedId === source.id);

    const merged = await act('question:merge', { sourceId: source.id, targetId: target.id });
    expect(merged.upvotes).toBe(3);
    for (const v of [screen, ann, bob, cat]) await v.until((qs) => !qs.has(source.id) && qs.get(target.id)?.upvotes === 3);
    // The highlight followed the duplicate into the merged question.
    await screen.until(() => screen.qa.getState().qa.tracks[0]?.highlightedId === target.id);
    await cat.qa.refresh();
    expect([...cat.qa.getState().qa.upvoted]).toEqual([target.id]);

    const other = expectOk(await ask(cat.socket, 'Second question'));
    await act('question:highlight', { trackId: 'main', questionId: other.id });
    await screen.until(() => screen.qa.getState().qa.tracks[0]?.highlightedId === other.id);
    await act('question:moderate', { questionId: other.id, action: 'answered' });
    await act('question:edit', { questionId: other.id, text: 'Second question, fixed' });
    await screen.until((qs) => qs.get(other.id)?.answered === true && qs.get(other.id)?.edited === true);
    await act('question:moderate', { questionId: other.id, action: 'archive' });
    await screen.until(() => screen.qa.getState().qa.tracks[0]?.highlightedId === null);
    expect(screen.qa.getState().qa.questions.has(other.id)).toBe(false);
    expect(await request(facilitator.socket, 'question:highlight', { trackId: 'main', questionId: other.id })).toMatchObject({
      ok: false,
      error: { reason: 'question_not_visible' },
    });
    expect(await request(facilitator.socket, 'question:merge', { sourceId: target.id, targetId: other.id })).toMatchObject({
      ok: false,
      error: { reason: 'question_not_visible' },
    });
  });

  it('keeps each track’s questions and highlight apart', async () => {
    const { created, facilitator, screen, people, act } = await room(1);
    const ann = pick(people, 0);
    const venueId = created.venues[0]?.id ?? null;
    const hall = await act('track:create', { name: 'Hall B 分会场', venueId });
    expect(hall).toMatchObject({ name: 'Hall B 分会场', venueId, highlightedId: null });
    await ann.until(() => ann.qa.getState().qa.tracks.some((t) => t.id === hall.id));
    const inHall = expectOk(await ask(ann.socket, 'For hall B', { trackId: hall.id }));
    const inMain = expectOk(await ask(ann.socket, 'For the keynote'));
    expect(await request(ann.socket, 'question:ask', { clientId: randomUUID(), trackId: hall.id, text: 'x' })).toMatchObject({ ok: true });
    // A question of another track cannot be a track's highlight.
    expect(await request(facilitator.socket, 'question:highlight', { trackId: hall.id, questionId: inMain.id })).toMatchObject({
      ok: false,
      error: { reason: 'question_not_found' },
    });
    await act('question:highlight', { trackId: hall.id, questionId: inHall.id });
    const renamed = await act('track:rename', { trackId: 'main', name: 'Keynote' });
    expect(renamed.name).toBe('Keynote');
    await screen.until(() => {
      const tracks = screen.qa.getState().qa.tracks;
      return tracks[0]?.name === 'Keynote' && tracks.find((t) => t.id === hall.id)?.highlightedId === inHall.id && tracks[0]?.highlightedId === null;
    });
    expect(screen.qa.getState().qa.questions.get(inMain.id)?.trackId).toBe('main');
  });

  it('puts the Q&A into the CSV and JSON exports, without removed questions or anonymous names', async () => {
    const { created, people, act } = await room(2);
    const [ann, bob] = [pick(people, 0), pick(people, 1)];
    const named = expectOk(await ask(ann.socket, 'Named, with a comma'));
    const hidden = expectOk(await ask(ann.socket, 'Removed question'));
    expectOk(await ask(bob.socket, 'Asked without a name', { anonymous: true }));
    expectOk(await request(bob.socket, 'question:upvote', { questionId: named.id, up: true }));
    await act('question:moderate', { questionId: hidden.id, action: 'hide' });
    await act('question:moderate', { questionId: named.id, action: 'answered' });
    const auth = { authorization: `Bearer ${created.facilitatorToken}` };
    const csv = await (await fetch(`${url()}/api/sessions/${created.code}/export.csv`, { headers: auth })).text();
    const qaTable = csv.split('\r\n\r\n')[1] ?? '';
    expect(qaTable.split('\r\n')[0]).toBe('question_rank,id,track,question,status,answered,upvotes,asked_by,anonymous,edited,created_at');
    expect(qaTable).toContain(`1,${named.id},Main stage,"Named, with a comma",visible,true,1,P0,false`);
    expect(qaTable).toContain('Asked without a name,visible,false,0,,true');
    expect(qaTable).not.toContain('Removed question');
    const json = await api<{ qa: { questions: QuestionPublic[]; tracks: unknown[]; settings: unknown } }>(url(), 'GET', `/api/sessions/${created.code}/export.json`, undefined, auth);
    expect(json.body.qa.questions.map((q) => [q.text, q.upvotes, q.author?.name ?? null]).sort()).toEqual([
      ['Asked without a name', 0, null],
      ['Named, with a comma', 1, 'P0'],
    ]);
    expect(json.body.qa.settings).toEqual({ open: true, anonymousAllowed: true, preModeration: false });
  });

  it('lets a moderator invited by link run the Q&A and nothing else; a new link closes the old one', async () => {
    const { created, facilitator, people, act } = await room(1);
    const ann = pick(people, 0);
    expect(await connectClient(url(), { role: 'moderator', code: created.code, token: 'x'.repeat(43) }).catch((e: unknown) => e)).toMatchObject({ code: 'unauthorized' });
    const link = await act('qa:rotateModeratorLink', {});
    expect(link.moderatorUrl.endsWith(`/m/${created.code}#token=${link.moderatorToken}`)).toBe(true);
    const moderator = await viewer(created.code, link.moderatorToken, 'moderator');
    await act('qa:configure', { preModeration: true });
    const pending = expectOk(await ask(ann.socket, 'For the moderator'));
    await moderator.until((qs) => qs.get(pending.id)?.status === 'pending');
    expect(moderator.qa.getState().qa.questions.get(pending.id)?.author?.name).toBe('P0');
    expect(expectOk(await request(moderator.socket, 'question:moderate', { questionId: pending.id, action: 'approve' })).status).toBe('visible');
    expectOk(await request(moderator.socket, 'question:highlight', { trackId: 'main', questionId: pending.id }));
    await ann.until((qs) => qs.get(pending.id)?.status === 'visible');
    // Nothing of the board, the roster or the session.
    const refused = await Promise.all([
      request(moderator.socket, 'board:snapshot', {}),
      request(moderator.socket, 'phase:set', { phase: 'vote' }),
      request(moderator.socket, 'participants:page', {}),
      request(moderator.socket, 'session:update', { title: 'Taken over' }),
      request(moderator.socket, 'qa:rotateModeratorLink', {}),
      request(moderator.socket, 'question:ask', { clientId: randomUUID(), trackId: 'main', text: 'Mine' }),
    ]);
    for (const r of refused) expect(r).toMatchObject({ ok: false, error: { reason: 'role_forbidden' } });
    const snapshot = expectOk(await request(moderator.socket, 'session:snapshot', {}));
    expect(snapshot.firstPage.participants).toEqual([]);

    const kicked = new Promise((resolve) => moderator.socket.once('session:kicked', resolve));
    const next = await act('qa:rotateModeratorLink', {});
    expect(await kicked).toEqual({ reason: 'token_revoked' });
    expect(await connectClient(url(), { role: 'moderator', code: created.code, token: link.moderatorToken }).catch((e: unknown) => e)).toMatchObject({ code: 'unauthorized' });
    const again = await connectClient(url(), { role: 'moderator', code: created.code, token: next.moderatorToken });
    sockets.push(again);
    expect(await request(again, 'qa:snapshot', {})).toMatchObject({ ok: true });
    expect(facilitator.socket.connected).toBe(true);
  });

  it('catches a phone up after a restart with only what changed', async () => {
    const created = await createSession(url(), 'Catch-up');
    const ann = await join(url(), created.code, 'Ann');
    const bob = await join(url(), created.code, 'Bob');
    const phone = await viewer(created.code, ann.participantToken, 'participant');
    const bobSocket = await connectClient(url(), { role: 'participant', code: created.code, token: bob.participantToken });
    sockets.push(bobSocket);
    const first = expectOk(await ask(bobSocket, 'Before the restart'));
    await phone.until((qs) => qs.has(first.id));
    const version = phone.qa.getState().version ?? -1;
    expect(version).toBeGreaterThan(0);

    const since = expectOk(await request(bobSocket, 'qa:snapshot', {})).version;
    const second = expectOk(await ask(bobSocket, 'While Ann was away'));
    expectOk(await request(bobSocket, 'question:upvote', { questionId: first.id, up: true }));
    const changes = expectOk(await request(bobSocket, 'qa:catchUp', { since }));
    expect(changes).toMatchObject({ kind: 'changes', mine: [first.id, second.id].sort(), myUpvotes: [first.id] });
    if (changes.kind !== 'changes') throw new Error('expected changes');
    expect(changes.delta.questions.map((q) => q.id)).toEqual([second.id]);
    expect(changes.delta.upvotes).toEqual({ [first.id]: 1 });

    bobSocket.close();
    await app.restart();
    const bobAgain = await connectClient(url(), { role: 'participant', code: created.code, token: bob.participantToken });
    sockets.push(bobAgain);
    const third = expectOk(await ask(bobAgain, 'After the restart'));
    await phone.until((qs) => qs.has(third.id) && qs.has(second.id) && qs.get(first.id)?.upvotes === 1);
  });
});
