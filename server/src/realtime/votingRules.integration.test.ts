import { randomUUID } from 'node:crypto';
import { type BoardDelta, type BoardResults, HIDDEN_WORDS_MAX, type IdeaPublic } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import type { LmdbStore } from '../store/LmdbStore.js';
import { BoardObserver } from '../testing/boardObserver.js';
import { api, appForTests, connectClient, expectOk, openRoom, request, type TestClient } from '../testing/harness.js';

/** Hiding vote counts until the results, refusing votes for one's own ideas, hiding words. */
describe('session voting rules', () => {
  let store: LmdbStore | null = null;
  const live = appForTests({ onStore: (opened) => (store = opened) });
  const { url, track } = live;
  const theStore = () => {
    if (!store) throw new Error('no store');
    return store;
  };

  /** Every `board:delta` a socket receives, as sent. */
  function recordDeltas(socket: TestClient): BoardDelta[] {
    const deltas: BoardDelta[] = [];
    socket.on('board:delta', (delta) => deltas.push(delta));
    return deltas;
  }

  /** A session with a facilitator, a screen and `n` participants, each following the board. */
  async function room(n: number) {
    const { created, facilitator, screen, people } = await openRoom(url(), 'Voting rules', n, async (role, token, code) => {
      const socket = await connectClient(url(), { role, code, token });
      track(socket);
      const deltas = recordDeltas(socket);
      return { socket, deltas, board: await BoardObserver.attach(socket) };
    });
    const configure = async (settings: Record<string, unknown>) => expectOk(await request(facilitator.socket, 'board:configure', settings));
    const phase = async (p: 'collect' | 'vote' | 'results') => expectOk(await request(facilitator.socket, 'phase:set', { phase: p, timerSeconds: null }));
    const sessionId = (await theStore().getSessionByCode(created.code))?.id ?? '';
    return { created, sessionId, facilitator, screen, people, configure, phase };
  }

  const submit = (socket: TestClient, title: string, detail = '') =>
    request(socket, 'idea:submit', { clientId: randomUUID(), title, detail }).then(expectOk);

  /** Every vote count a message holds, wherever it sits. */
  function countsIn(value: unknown): unknown[] {
    if (Array.isArray(value)) return value.flatMap(countsIn);
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([key, inner]) => (key === 'votes' || key === 'ideaVotes' ? [inner] : countsIn(inner)));
  }

  it('keeps vote counts from phones and screens until the results phase, while the facilitator sees them', async () => {
    const { created, facilitator, screen, people, configure, phase } = await room(2);
    const [ann, bob] = people as [(typeof people)[number], (typeof people)[number]];
    const first = await submit(ann.socket, 'Solar roof');
    const second = await submit(bob.socket, 'Bike sheds');
    await configure({ hideVotesUntilResults: true });
    await phase('vote');
    // Hiding counts sends every idea's tally again (votes: null): wait for that frame before
    // listening, or it lands among the deltas this test inspects.
    for (const client of [screen, ann, bob]) await client.board.until((all) => all.get(first.id)?.votes === null && all.get(second.id)?.votes === null);
    for (const phone of [ann, bob]) phone.deltas.length = 0;
    screen.deltas.length = 0;

    const annVote = expectOk(await request(ann.socket, 'vote:cast', { ideaId: second.id, count: 2 }));
    expect(annVote).toMatchObject({ ballot: { [second.id]: 2 }, ideaVotes: null });
    expectOk(await request(bob.socket, 'vote:cast', { ideaId: first.id, count: 1 }));
    await facilitator.board.until((all) => all.get(second.id)?.votes === 2 && all.get(first.id)?.votes === 1);
    // A reaction after the votes: once it arrives, every frame sent before it has too.
    expectOk(await request(bob.socket, 'reaction:toggle', { ideaId: first.id, emoji: '💡' }));
    for (const client of [screen, ann, bob]) {
      await client.board.until((all) => all.get(first.id)?.reactions['💡'] === 1);
      expect(countsIn(client.deltas).every((votes) => votes === null)).toBe(true);
      // Not even which idea got a vote: only the reacted one's tally came.
      // (A change may reach a client in two frames when it is stored just as a batch goes out:
      // deltas are idempotent, so only which ideas they name matters.)
      expect([...new Set(client.deltas.flatMap((d) => Object.keys(d.tallies)))]).toEqual([first.id]);
      expect([...client.board.ideas.values()].map((i) => i.votes)).toEqual([null, null]);
    }

    // Nor in anything a phone or screen may ask for.
    for (const client of [screen, ann]) {
      const snapshot = expectOk(await request(client.socket, 'board:snapshot', {}));
      expect(countsIn([snapshot.firstPage, snapshot.mine])).toEqual([null, null, ...snapshot.mine.map(() => null)]);
      expect(countsIn(expectOk(await request(client.socket, 'board:page', {})))).toEqual([null, null]);
      const results = expectOk(await request(client.socket, 'results:get', {}));
      expect(countsIn(results.ranking).concat(countsIn(results.clusters)).every((v) => v === null)).toBe(true);
      // Submission order, not the vote's: the order gives nothing away either.
      expect(results.ranking.map((r) => r.id)).toEqual([first.id, second.id]);
      const caughtUp = expectOk(await request(client.socket, 'session:catchUp', { since: 0 }));
      if (caughtUp.kind !== 'changes') throw new Error('expected changes');
      expect(countsIn(caughtUp.board).every((v) => v === null)).toBe(true);
    }
    // The facilitator sees everything: board, results and exports.
    const staffResults = expectOk(await request(facilitator.socket, 'results:get', {}));
    expect(staffResults.ranking.map((r) => [r.id, r.votes])).toEqual([
      [second.id, 2],
      [first.id, 1],
    ]);
    const exported = await api<{ ideas: IdeaPublic[]; results: BoardResults }>(url(), 'GET', `/api/sessions/${created.code}/export.json`, undefined, {
      authorization: `Bearer ${created.facilitatorToken}`,
    });
    expect(exported.body.ideas.map((i) => i.votes).sort()).toEqual([1, 2]);
    expect(exported.body.results.ranking.map((r) => r.votes)).toEqual([2, 1]);

    // Switched off mid-vote, counts reach phones and screens at once; on again, they go.
    await configure({ hideVotesUntilResults: false });
    for (const client of [screen, ann]) await client.board.until((all) => all.get(second.id)?.votes === 2 && all.get(first.id)?.votes === 1);
    await configure({ hideVotesUntilResults: true });
    for (const client of [screen, ann]) await client.board.until((all) => [...all.values()].every((i) => i.votes === null));
    expectOk(await request(ann.socket, 'vote:cast', { ideaId: first.id, count: 1 }));

    // Voting closes: the counts appear everywhere, live.
    await phase('results');
    for (const client of [screen, ann, bob]) {
      await client.board.until((all) => all.get(second.id)?.votes === 2 && all.get(first.id)?.votes === 2);
    }
    const revealed = expectOk(await request(screen.socket, 'results:get', {}));
    expect(revealed.ranking.map((r) => r.votes)).toEqual([2, 2]);
    expect(revealed.clusters).toEqual([{ id: null, name: null, ideas: 2, votes: 4 }]);
  });

  it('refuses a vote for your own idea, as its submitter or as a co-author by a merge, and stores nothing', async () => {
    const { sessionId, facilitator, people, configure, phase } = await room(2);
    const [ann, bob] = people as [(typeof people)[number], (typeof people)[number]];
    const annsIdea = await submit(ann.socket, 'Solar roof');
    const bobsIdea = await submit(bob.socket, 'Bike sheds');
    const bobsDuplicate = await submit(bob.socket, 'Solar panels on the roof');
    await configure({ forbidOwnVotes: true });
    await phase('vote');

    const version = await theStore().sessionVersion(sessionId);
    const refused = await request(ann.socket, 'vote:cast', { ideaId: annsIdea.id, count: 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'own_idea_vote' } });
    expect(await theStore().sessionVersion(sessionId)).toBe(version);
    expect(await theStore().board.getBallot(sessionId, ann.joined.participant.id)).toEqual({});
    expect(await theStore().board.voteStats(sessionId)).toEqual({ voters: 0, votes: 0 });
    expect(expectOk(await request(ann.socket, 'vote:cast', { ideaId: bobsIdea.id, count: 1 })).ballot).toEqual({ [bobsIdea.id]: 1 });

    // Bob's duplicate merged into Ann's idea makes him one of its authors.
    expectOk(await request(facilitator.socket, 'idea:merge', { sourceId: bobsDuplicate.id, targetId: annsIdea.id }));
    expect(await request(bob.socket, 'vote:cast', { ideaId: annsIdea.id, count: 1 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', reason: 'own_idea_vote' },
    });
    expect(await theStore().board.voteTotals(sessionId)).toEqual({ [bobsIdea.id]: 1 });

    // Allowed again, the same vote goes through.
    await configure({ forbidOwnVotes: false });
    expect(expectOk(await request(ann.socket, 'vote:cast', { ideaId: annsIdea.id, count: 1 })).ideaVotes).toBe(1);
  });

  it('hides a word from the word cloud for every audience, keeps it hidden, and shows it again', async () => {
    const { created, sessionId, facilitator, screen, people } = await room(2);
    const [ann, bob] = people as [(typeof people)[number], (typeof people)[number]];
    await submit(ann.socket, 'Solar canteen', 'Solar panels over the canteen');
    await submit(bob.socket, 'Solar parking');
    await submit(bob.socket, 'Canteen menus');
    const words = async (socket: TestClient) => expectOk(await request(socket, 'results:get', {})).wordCloud.map((w) => w.word);
    expect(await words(facilitator.socket)).toEqual(['canteen', 'solar', 'menus', 'panels', 'parking']);

    const settings = expectOk(await request(facilitator.socket, 'word:hide', { word: ' Solar ', hidden: true }));
    expect(settings.hiddenWords).toEqual(['solar']);
    for (const client of [facilitator, screen, ann, bob]) {
      expect(await words(client.socket)).toEqual(['canteen', 'menus', 'panels', 'parking']);
    }
    await screen.board.untilState((state) => state.settings.hiddenWords.includes('solar'));
    const exported = await api<{ results: BoardResults }>(url(), 'GET', `/api/sessions/${created.code}/export.json`, undefined, {
      authorization: `Bearer ${created.facilitatorToken}`,
    });
    expect(exported.body.results.wordCloud.map((w) => w.word)).not.toContain('solar');

    // Nobody but the facilitator may, and a refused request changes nothing.
    const version = await theStore().sessionVersion(sessionId);
    for (const socket of [ann.socket, screen.socket]) {
      expect(await request(socket, 'word:hide', { word: 'canteen', hidden: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    for (const payload of [{ word: '', hidden: true }, { word: 'x'.repeat(41), hidden: true }, { word: 'canteen' }, { word: 'canteen', hidden: 'yes' }]) {
      // (An empty or over-long word is refused as `text_blank` or `text_too_long`, the rest `invalid_input`.)
      expect(await request(facilitator.socket, 'word:hide', payload)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(await theStore().sessionVersion(sessionId)).toBe(version);

    // Kept across a restart.
    await live.app.restart();
    const again = await connectClient(url(), { role: 'screen', code: created.code, token: created.screenToken });
    track(again);
    expect(expectOk(await request(again, 'board:snapshot', {})).settings.hiddenWords).toEqual(['solar']);
    expect(await words(again)).not.toContain('solar');

    // Shown again.
    const console2 = await connectClient(url(), { role: 'facilitator', code: created.code, token: created.facilitatorToken });
    track(console2);
    expect(expectOk(await request(console2, 'word:hide', { word: 'solar', hidden: false })).hiddenWords).toEqual([]);
    expect(await words(again)).toContain('solar');
  });

  it('refuses hiding more words than the limit, and changes nothing', async () => {
    const { sessionId, facilitator } = await room(0);
    const session = await theStore().getSession(sessionId);
    if (!session) throw new Error('no session');
    const full = Array.from({ length: HIDDEN_WORDS_MAX }, (_, i) => `word${i}`);
    await theStore().updateSession(sessionId, { settings: { ...session.settings, hiddenWords: full } });
    expect(await request(facilitator.socket, 'word:hide', { word: 'one-more', hidden: true })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', reason: 'hidden_word_limit' },
    });
    expect((await theStore().getSession(sessionId))?.settings.hiddenWords).toEqual(full);
    // Hiding one already hidden, or showing one, still works at the limit.
    expect(expectOk(await request(facilitator.socket, 'word:hide', { word: 'word0', hidden: true })).hiddenWords).toHaveLength(HIDDEN_WORDS_MAX);
    expect(expectOk(await request(facilitator.socket, 'word:hide', { word: 'word0', hidden: false })).hiddenWords).toHaveLength(HIDDEN_WORDS_MAX - 1);
  });
});
