import { randomUUID } from 'node:crypto';
import { type ApiError, IDEAS_PER_PARTICIPANT_PER_MINUTE, type IdeaPublic } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import { BoardObserver } from '../testing/boardObserver.js';
import { api, connectClient, expectOk, join, openRoom, request, appForTests, type TestClient } from '../testing/harness.js';

describe('live idea board', () => {
  const live = appForTests();
  const { url, track } = live;

  /** A session with a facilitator, a screen and `n` participants, each following the board. */
  async function room(n: number, title = 'Board test') {
    const { created, facilitator, screen, people } = await openRoom(url(), title, n, async (role, token, code) => {
      const socket = await connectClient(url(), { role, code, token });
      track(socket);
      return { socket, board: await BoardObserver.attach(socket) };
    });
    const configure = async (settings: Record<string, unknown>) => expectOk(await request(facilitator.socket, 'board:configure', settings));
    const phase = async (p: 'collect' | 'vote' | 'results', timerSeconds: number | null = null) =>
      expectOk(await request(facilitator.socket, 'phase:set', { phase: p, timerSeconds }));
    return { created, facilitator, screen, people, configure, phase };
  }

  const submit = (socket: TestClient, title: string, extra: Record<string, unknown> = {}) =>
    request(socket, 'idea:submit', { clientId: randomUUID(), title, ...extra });

  it('streams a submitted idea to every client, the sender included', async () => {
    const { facilitator, screen, people } = await room(2);
    const [ann, bob] = people as [(typeof people)[number], (typeof people)[number]];
    const ack = expectOk(await submit(ann.socket, 'Recycle slag heat', { detail: 'Use waste heat from slag' }));
    expect(ack).toMatchObject({ title: 'Recycle slag heat', status: 'visible', votes: 0 });
    for (const client of [facilitator, screen, ann, bob]) {
      await client.board.until((ideas) => ideas.get(ack.id)?.title === 'Recycle slag heat');
    }
    expect(bob.board.ideas.get(ack.id)?.authors).toEqual([{ id: ann.joined.participant.id, name: 'P0' }]);
  });

  it('makes a retried submission idempotent: same clientId, one idea', async () => {
    const { facilitator, people } = await room(1);
    const socket = people[0]?.socket as TestClient;
    const clientId = randomUUID();
    const first = expectOk(await request(socket, 'idea:submit', { clientId, title: 'Only once' }));
    const retry = expectOk(await request(socket, 'idea:submit', { clientId, title: 'Only once' }));
    expect(retry.id).toBe(first.id);
    await facilitator.board.until((ideas) => ideas.has(first.id));
    await facilitator.board.resync();
    expect(facilitator.board.titles()).toEqual(['Only once']);
  });

  it('enforces phases on the server, including the countdown', async () => {
    const { people, phase } = await room(1);
    const socket = people[0]?.socket as TestClient;
    const idea = expectOk(await submit(socket, 'Before voting'));
    expect(await request(socket, 'vote:cast', { ideaId: idea.id, count: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await phase('vote');
    expect(await submit(socket, 'Too late')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(expectOk(await request(socket, 'vote:cast', { ideaId: idea.id, count: 1 })).ideaVotes).toBe(1);
    const timed = await phase('collect', 60);
    expect(timed.remainingMs).toBe(60_000);
    expect(Date.parse(timed.endsAt ?? '')).toBeGreaterThan(Date.now());
    expectOk(await submit(socket, 'Within the countdown'));
    live.app.clock.offsetMs = 61_000;
    try {
      expect(await submit(socket, 'After the countdown')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      live.app.clock.offsetMs = 0;
    }
    await phase('results');
    expect(await request(socket, 'vote:cast', { ideaId: idea.id, count: 0 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('keeps votes within the budget and the per-idea cap, and lets people change their mind', async () => {
    const { people, configure, phase, screen } = await room(1);
    const socket = people[0]?.socket as TestClient;
    const ideas = [];
    for (const title of ['A', 'B', 'C']) ideas.push(expectOk(await submit(socket, title)));
    const [a, b, c] = ideas as [IdeaPublic, IdeaPublic, IdeaPublic];
    await configure({ voteBudget: 3, maxVotesPerIdea: 2 });
    await phase('vote');
    expect(expectOk(await request(socket, 'vote:cast', { ideaId: a.id, count: 2 })).remaining).toBe(1);
    expect(await request(socket, 'vote:cast', { ideaId: a.id, count: 3 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(expectOk(await request(socket, 'vote:cast', { ideaId: b.id, count: 1 })).remaining).toBe(0);
    expect(await request(socket, 'vote:cast', { ideaId: c.id, count: 1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const changed = expectOk(await request(socket, 'vote:cast', { ideaId: a.id, count: 0 }));
    expect(changed).toMatchObject({ ballot: { [b.id]: 1 }, remaining: 2, ideaVotes: 0 });
    expectOk(await request(socket, 'vote:cast', { ideaId: c.id, count: 2 }));
    await screen.board.until((all) => all.get(c.id)?.votes === 2 && all.get(b.id)?.votes === 1 && all.get(a.id)?.votes === 0);
    const snapshot = expectOk(await request(socket, 'board:snapshot', {}));
    expect(snapshot.ballot).toEqual({ [b.id]: 1, [c.id]: 2 });
  });

  it('never loses concurrent votes from many phones', async () => {
    const { people, configure, phase, facilitator } = await room(12);
    const ideas: IdeaPublic[] = [];
    for (const [i, p] of people.slice(0, 4).entries()) ideas.push(expectOk(await submit(p.socket, `Idea ${i}`)));
    await configure({ voteBudget: 6, maxVotesPerIdea: 3 });
    await phase('vote');
    // Every phone fires all its votes at once: 12 phones × 4 ideas.
    const acks = await Promise.all(
      people.flatMap((p, pi) => ideas.map((idea, ii) => request(p.socket, 'vote:cast', { ideaId: idea.id, count: (pi + ii) % 3 }))),
    );
    const ballots = people.map(() => new Map<string, number>());
    acks.forEach((ack, k) => {
      if (ack.ok) ballots[Math.floor(k / ideas.length)]?.set(ack.data.ideaId, ack.data.ballot[ack.data.ideaId] ?? 0);
    });
    const expected = new Map(ideas.map((idea) => [idea.id, ballots.reduce((sum, b) => sum + (b.get(idea.id) ?? 0), 0)]));
    await facilitator.board.until((all) => ideas.every((idea) => all.get(idea.id)?.votes === expected.get(idea.id)));
    await facilitator.board.resync();
    for (const idea of ideas) expect(facilitator.board.ideas.get(idea.id)?.votes).toBe(expected.get(idea.id));
    for (const p of people) {
      const { ballot } = expectOk(await request(p.socket, 'board:snapshot', {}));
      expect(Object.values(ballot).reduce((s, n) => s + n, 0)).toBeLessThanOrEqual(6);
    }
  });

  it('keeps pending, held and hidden ideas away from participants and screens', async () => {
    const { people, facilitator, screen, configure } = await room(2);
    const [ann, bob] = people as [(typeof people)[number], (typeof people)[number]];
    await configure({ preModeration: true, bannedWords: ['广告', 'spam'] });
    const pending = expectOk(await submit(ann.socket, 'Wait for me'));
    const held = expectOk(await submit(ann.socket, '免费广告 here'));
    expect(pending.status).toBe('pending');
    expect(held.status).toBe('held');
    await facilitator.board.until((all) => all.get(pending.id)?.status === 'pending' && all.get(held.id)?.status === 'held');
    // A round trip after the broadcast interval: nothing reached the audience.
    await bob.board.resync();
    expect(bob.board.ideas.size).toBe(0);
    const mine = expectOk(await request(ann.socket, 'board:snapshot', {})).mine.map((i) => i.status).sort();
    expect(mine).toEqual(['held', 'pending']);

    expectOk(await request(facilitator.socket, 'idea:moderate', { ideaId: pending.id, action: 'approve' }));
    await screen.board.until((all) => all.get(pending.id)?.status === 'visible');
    await bob.board.until((all) => all.has(pending.id));
    expectOk(await request(facilitator.socket, 'idea:moderate', { ideaId: pending.id, action: 'hide' }));
    await bob.board.until((all) => !all.has(pending.id));
    await facilitator.board.until((all) => all.get(pending.id)?.status === 'hidden');

    expectOk(await request(facilitator.socket, 'idea:moderate', { ideaId: pending.id, action: 'approve' }));
    expectOk(await request(facilitator.socket, 'idea:moderate', { ideaId: pending.id, action: 'delete' }));
    await facilitator.board.until((all) => !all.has(pending.id));
    expectOk(await request(facilitator.socket, 'idea:moderate', { ideaId: pending.id, action: 'restore' }));
    await bob.board.until((all) => all.has(pending.id));
  });

  it("tells an author, and only the author, about their idea the facilitator hid or deleted", async () => {
    const { people, facilitator, configure } = await room(2);
    const [ann, bob] = people as [(typeof people)[number], (typeof people)[number]];
    await configure({ preModeration: true });
    const heardByAnn: string[] = [];
    const annHeard = (...entries: string[]) =>
      new Promise<void>((resolve) => {
        const check = () => entries.every((entry) => heardByAnn.includes(entry)) && resolve();
        ann.socket.on('board:delta', check);
        check();
      });
    ann.socket.on('board:delta', (d) => heardByAnn.push(...d.ideas.map((i) => `${i.title}:${i.status}`)));
    const annHeardBoth = annHeard('Hidden while pending:hidden', 'Deleted while pending:hidden');
    const heardByBob: string[] = [];
    bob.socket.on('board:delta', (d) => heardByBob.push(...d.ideas.map((i) => i.title)));
    const first = expectOk(await submit(ann.socket, 'Hidden while pending'));
    const second = expectOk(await submit(ann.socket, 'Deleted while pending'));
    // Her pending ideas reach her first (moderated in the same frame, she would hear only the last state).
    await annHeard('Hidden while pending:pending', 'Deleted while pending:pending');
    expectOk(await request(facilitator.socket, 'idea:moderate', { ideaId: first.id, action: 'hide' }));
    expectOk(await request(facilitator.socket, 'idea:moderate', { ideaId: second.id, action: 'delete' }));
    await annHeardBoth;
    expect(heardByAnn).toContain('Hidden while pending:pending');
    await bob.board.resync();
    expect(heardByBob).toEqual([]);
  });

  it('never sends names to participants or screens in anonymous sessions', async () => {
    const { people, facilitator, screen, configure } = await room(2);
    const [ann, bob] = people as [(typeof people)[number], (typeof people)[number]];
    const before = expectOk(await submit(ann.socket, 'Named first'));
    await bob.board.until((all) => all.get(before.id)?.authors?.[0]?.name === 'P0');
    await configure({ anonymous: true });
    await bob.board.until((all) => all.get(before.id)?.authors === null);
    const after = expectOk(await submit(ann.socket, 'Anonymous idea'));
    await screen.board.until((all) => all.has(after.id));
    for (const observer of [bob.board, screen.board]) {
      await observer.resync();
      // The name as a whole JSON string: a random id may well contain the letters P0.
      expect(JSON.stringify([...observer.ideas.values()])).not.toContain('"P0"');
      expect([...observer.ideas.values()].map((idea) => idea.authors)).toEqual([null, null]);
    }
    await facilitator.board.until((all) => all.get(after.id)?.authors?.[0]?.name === 'P0');
  });

  it('rate-limits idea floods with a clear error', async () => {
    const { people } = await room(1);
    const socket = people[0]?.socket as TestClient;
    const acks = [];
    for (let i = 0; i < IDEAS_PER_PARTICIPANT_PER_MINUTE + 3; i++) acks.push(await submit(socket, `Flood ${i}`));
    const refused = acks.filter((a) => !a.ok);
    expect(refused.length).toBe(3);
    expect(refused.every((a) => !a.ok && a.error.code === 'rate_limited')).toBe(true);
  });

  it('refuses bad input with clear errors and changes nothing', async () => {
    const { people, facilitator } = await room(1);
    const socket = people[0]?.socket as TestClient;
    const idea = expectOk(await submit(socket, 'Keep me'));
    const bad: [Parameters<typeof request>[1], unknown, ApiError['code']][] = [
      ['idea:submit', { clientId: 'x', title: 'short client id' }, 'bad_request'],
      ['idea:submit', { clientId: randomUUID(), title: '' }, 'bad_request'],
      ['idea:submit', { clientId: randomUUID(), title: 't'.repeat(141) }, 'bad_request'],
      ['idea:submit', { clientId: randomUUID(), title: 'ok', category: 'not a theme' }, 'bad_request'],
      ['idea:submit', { clientId: randomUUID(), title: 'ok', status: 'visible' }, 'bad_request'],
      ['vote:cast', { ideaId: idea.id, count: -1 }, 'bad_request'],
      ['reaction:toggle', { ideaId: idea.id, emoji: '💩' }, 'bad_request'],
      ['idea:moderate', { ideaId: idea.id, action: 'delete' }, 'forbidden'],
      ['phase:set', { phase: 'vote' }, 'forbidden'],
      ['board:configure', { anonymous: true }, 'forbidden'],
      ['participant:remove', { participantId: 'someone1' }, 'forbidden'],
    ];
    for (const [event, payload, code] of bad) {
      const ack = await request(socket, event, payload);
      expect({ event, code: ack.ok ? 'ok' : ack.error.code }).toEqual({ event, code });
    }
    const f = facilitator.socket;
    for (const [event, payload] of [
      ['phase:set', { phase: 'brainstorm' }],
      ['board:configure', { voteBudget: 0 }],
      ['board:configure', { voteBudget: 2, maxVotesPerIdea: 3 }],
      ['idea:moderate', { ideaId: idea.id, action: 'explode' }],
      ['idea:merge', { sourceId: idea.id, targetId: idea.id }],
      ['idea:edit', { ideaId: idea.id }],
    ] as const) {
      expect(await request(f, event, payload)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    const snapshot = expectOk(await request(f, 'board:snapshot', {}));
    expect(snapshot.phase.phase).toBe('collect');
    expect(snapshot.settings).toMatchObject({ anonymous: false, voteBudget: 5, maxVotesPerIdea: 3 });
    expect(snapshot.firstPage.ideas.map((i) => [i.title, i.status])).toEqual([['Keep me', 'visible']]);
  });

  it('merges duplicates: votes combine and authors are kept', async () => {
    const { people, facilitator, phase, screen } = await room(2);
    const [ann, bob] = people as [(typeof people)[number], (typeof people)[number]];
    const a = expectOk(await submit(ann.socket, 'Hydrogen furnace'));
    const b = expectOk(await submit(bob.socket, 'H2 furnace'));
    await phase('vote');
    expectOk(await request(ann.socket, 'vote:cast', { ideaId: b.id, count: 2 }));
    expectOk(await request(bob.socket, 'vote:cast', { ideaId: a.id, count: 1 }));
    const merged = expectOk(await request(facilitator.socket, 'idea:merge', { sourceId: b.id, targetId: a.id }));
    expect(merged.votes).toBe(3);
    expect(merged.authors?.map((x) => x.name).sort()).toEqual(['P0', 'P1']);
    await screen.board.until((all) => !all.has(b.id) && all.get(a.id)?.votes === 3);
    expect(expectOk(await request(ann.socket, 'board:snapshot', {})).ballot).toEqual({ [a.id]: 2 });
  });

  it('refuses to merge into a hidden, held or pending idea, with a reason, and changes nothing', async () => {
    const { people, facilitator, screen, configure, phase } = await room(2);
    const [ann, bob] = people as [(typeof people)[number], (typeof people)[number]];
    const source = expectOk(await submit(ann.socket, 'Solar roof on the canteen'));
    const hidden = expectOk(await submit(bob.socket, 'Solar panels everywhere'));
    expectOk(await request(facilitator.socket, 'idea:moderate', { ideaId: hidden.id, action: 'hide' }));
    await configure({ preModeration: true, bannedWords: ['spam'] });
    const pending = expectOk(await submit(bob.socket, 'Solar car park'));
    const held = expectOk(await submit(bob.socket, 'Solar spam'));
    expect([pending.status, held.status]).toEqual(['pending', 'held']);
    await phase('vote');
    expectOk(await request(bob.socket, 'vote:cast', { ideaId: source.id, count: 2 }));
    await facilitator.board.until((all) => all.get(source.id)?.votes === 2 && all.has(held.id));

    for (const target of [hidden, pending, held]) {
      const ack = await request(facilitator.socket, 'idea:merge', { sourceId: source.id, targetId: target.id });
      expect(ack).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'merge_target_not_visible' } });
    }
    // Nothing moved: a fresh read of every view still has the source with its votes and author.
    for (const client of [facilitator, screen, ann]) await client.board.resync();
    expect(facilitator.board.ideas.get(source.id)).toMatchObject({ votes: 2, authors: [{ name: 'P0' }] });
    expect([hidden, pending, held].map((t) => facilitator.board.ideas.get(t.id)?.votes)).toEqual([0, 0, 0]);
    expect(screen.board.ideas.get(source.id)?.votes).toBe(2);
    expect(expectOk(await request(bob.socket, 'board:snapshot', {})).ballot).toEqual({ [source.id]: 2 });
    expect(expectOk(await request(ann.socket, 'board:snapshot', {})).mine.map((i) => [i.id, i.status])).toEqual([[source.id, 'visible']]);
    // A target shown again can take the merge.
    expectOk(await request(facilitator.socket, 'idea:moderate', { ideaId: hidden.id, action: 'approve' }));
    expect(expectOk(await request(facilitator.socket, 'idea:merge', { sourceId: source.id, targetId: hidden.id })).votes).toBe(2);
  });

  it('tells the author, live and after a reload, which idea theirs was merged into', async () => {
    const { people, facilitator, screen } = await room(2);
    const [ann, bob] = people as [(typeof people)[number], (typeof people)[number]];
    const source = expectOk(await submit(ann.socket, 'Bike racks'));
    const target = expectOk(await submit(bob.socket, 'More bike parking'));
    // The delta of the merge (a batched delta of the submission itself may still be on its way).
    const heard = new Promise<IdeaPublic>((resolve) => {
      ann.socket.on('board:delta', (delta) => {
        const own = delta.ideas.find((idea) => idea.id === source.id);
        if (own && own.status !== 'visible') resolve(own);
      });
    });
    expectOk(await request(facilitator.socket, 'idea:merge', { sourceId: source.id, targetId: target.id }));
    expect(await heard).toMatchObject({ status: 'hidden', mergedInto: { id: target.id, title: 'More bike parking' } });
    await screen.board.until((all) => !all.has(source.id));
    const mine = expectOk(await request(ann.socket, 'board:snapshot', {})).mine;
    expect(mine).toEqual([expect.objectContaining({ id: source.id, status: 'hidden', mergedInto: { id: target.id, title: 'More bike parking' } })]);
    // Only the author's copy says so: the target's author sees their own idea, live.
    expect(expectOk(await request(bob.socket, 'board:snapshot', {})).mine).toEqual([expect.not.objectContaining({ mergedInto: expect.anything() })]);
  });

  it('groups ideas into clusters and reports results', async () => {
    const { people, facilitator, phase, screen } = await room(1);
    const socket = people[0]?.socket as TestClient;
    const a = expectOk(await submit(socket, '绿色制造降低排放'));
    const b = expectOk(await submit(socket, '智能制造降低成本'));
    const cluster = expectOk(await request(facilitator.socket, 'cluster:create', { name: 'Manufacturing' }));
    expectOk(await request(facilitator.socket, 'idea:cluster', { ideaId: a.id, clusterId: cluster.id }));
    await screen.board.until((all) => all.get(a.id)?.clusterId === cluster.id);
    await phase('vote');
    expectOk(await request(socket, 'vote:cast', { ideaId: b.id, count: 2 }));
    const results = expectOk(await request(screen.socket, 'results:get', {}));
    expect(results.ranking.map((r) => [r.title, r.votes])).toEqual([
      ['智能制造降低成本', 2],
      ['绿色制造降低排放', 0],
    ]);
    expect(results.clusters).toEqual([
      { id: cluster.id, name: 'Manufacturing', ideas: 1, votes: 0 },
      { id: null, name: null, ideas: 1, votes: 2 },
    ]);
    expect(results.participation).toEqual({ participants: 1, contributors: 1, voters: 1, ideas: 2, votesCast: 2 });
    // One author wrote both ideas: a word counts once per author.
    expect(results.wordCloud.find((w) => w.word === '降低')?.weight).toBe(1);
    const deleted = expectOk(await request(facilitator.socket, 'cluster:delete', { clusterId: cluster.id }));
    expect(deleted.clusterId).toBe(cluster.id);
    await screen.board.until((all) => all.get(a.id)?.clusterId === null);
  });

  it('answers results that follow every change at once, though they are computed once per state of the board', async () => {
    const { people, facilitator, phase, configure, created } = await room(2);
    const [ann, bob] = people as [(typeof people)[number], (typeof people)[number]];
    const results = async () => expectOk(await request(facilitator.socket, 'results:get', {}));
    const a = expectOk(await submit(ann.socket, 'Slag heat'));
    // Asked twice with no change between: the same answer (and the second is served from the cache).
    expect(await results()).toEqual(await results());
    expect((await results()).ranking.map((r) => r.title)).toEqual(['Slag heat']);
    const b = expectOk(await submit(bob.socket, 'Hydrogen'));
    expect((await results()).ranking.map((r) => r.title).sort()).toEqual(['Hydrogen', 'Slag heat']);
    await phase('vote');
    expectOk(await request(ann.socket, 'vote:cast', { ideaId: b.id, count: 1 }));
    expect((await results()).ranking[0]).toMatchObject({ id: b.id, votes: 1 });
    const cluster = expectOk(await request(facilitator.socket, 'cluster:create', { name: 'Heat' }));
    expectOk(await request(facilitator.socket, 'idea:cluster', { ideaId: a.id, clusterId: cluster.id }));
    expectOk(await request(facilitator.socket, 'cluster:rename', { clusterId: cluster.id, name: 'Waste heat' }));
    expect((await results()).clusters).toContainEqual({ id: cluster.id, name: 'Waste heat', ideas: 1, votes: 0 });
    expectOk(await request(facilitator.socket, 'idea:moderate', { ideaId: a.id, action: 'hide' }));
    expect((await results()).ranking.map((r) => r.title)).toEqual(['Hydrogen']);
    expect((await results()).ranking[0]?.authors).toEqual([{ id: bob.joined.participant.id, name: 'P1' }]);
    const phoneResults = async () => expectOk(await request(ann.socket, 'results:get', {}));
    expect((await phoneResults()).ranking[0]?.authors).toEqual([{ id: bob.joined.participant.id, name: 'P1' }]);
    await configure({ anonymous: true });
    expect((await phoneResults()).ranking[0]?.authors).toBeNull();
    // A join changes the participant count, and only that.
    await join(url(), created.code, 'Late');
    expect((await results()).participation.participants).toBe(3);
  });

  it('exports CSV and JSON for the facilitator only, respecting anonymity', async () => {
    const { created, people, configure } = await room(1);
    expectOk(await submit(people[0]?.socket as TestClient, 'Exported, idea'));
    const auth = { authorization: `Bearer ${created.facilitatorToken}` };
    const csv = await fetch(`${url()}/api/sessions/${created.code}/export.csv`, { headers: auth });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain('"Exported, idea"');
    expect(text).toContain('P0');
    const json = await api<{ ideas: IdeaPublic[] }>(url(), 'GET', `/api/sessions/${created.code}/export.json`, undefined, auth);
    expect(json.body.ideas[0]?.authors?.[0]?.name).toBe('P0');
    await configure({ anonymous: true });
    const anonymous = await api<{ ideas: IdeaPublic[] }>(url(), 'GET', `/api/sessions/${created.code}/export.json`, undefined, auth);
    expect(anonymous.body.ideas[0]?.authors).toBeNull();
    const stranger = await fetch(`${url()}/api/sessions/${created.code}/export.csv`, {
      headers: { authorization: `Bearer ${people[0]?.joined.participantToken}` },
    });
    expect(stranger.status).toBe(401);
  });

  it('removes a participant: kicked at once, and the token no longer opens a socket', async () => {
    const { created, people, facilitator } = await room(2);
    const [ann] = people as [(typeof people)[number]];
    const kicked = new Promise((resolve) => ann.socket.once('session:kicked', resolve));
    const removed = expectOk(await request(facilitator.socket, 'participant:remove', { participantId: ann.joined.participant.id }));
    expect(removed.participantCount).toBe(1);
    expect(await kicked).toEqual({ reason: 'removed' });
    const again = await connectClient(url(), { role: 'participant', code: created.code, token: ann.joined.participantToken }).then(
      () => 'connected',
      (e: ApiError) => e.code,
    );
    expect(again).toBe('unauthorized');
  });

  it('lets a client that was away catch up from one snapshot', async () => {
    const { created, people, screen } = await room(2);
    const [ann, bob] = people as [(typeof people)[number], (typeof people)[number]];
    bob.socket.close();
    const missed: IdeaPublic[] = [];
    for (const title of ['While away 1', 'While away 2']) missed.push(expectOk(await submit(ann.socket, title)));
    await screen.board.until((all) => missed.every((m) => all.has(m.id)));
    const back = await connectClient(url(), { role: 'participant', code: created.code, token: bob.joined.participantToken });
    track(back);
    const view = await BoardObserver.attach(back);
    expect(view.titles()).toEqual(['While away 1', 'While away 2']);
  });
});
