import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BoardDelta, IDEAS_PER_PARTICIPANT_PER_MINUTE, type Me, PROTOCOL_VERSION, type PresenceChange, type SearchResponse } from '@ideasphere/shared';
import { io as ioClient } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountClient, PASSWORD } from '../testing/accountClients.js';
import { BoardObserver } from '../testing/boardObserver.js';
import { type TestClient, api, connectClient, createSession, expectOk, join, nextEvent, request } from '../testing/harness.js';
import { type TestRedis, startTestRedis } from '../testing/redisServer.js';
import { type ServerProcess, startServerProcess } from '../testing/serverProcess.js';
import { PRESENCE_NODE_TIMEOUT_MS } from './ClusterPresence.js';

/**
 * Two real server processes (`main.ts`, as `pnpm start` runs it) on one embedded store and one
 * real Redis: what a client sees must not depend on which process it reached.
 */
describe('two server processes on Redis', () => {
  let redis: TestRedis;
  let dataDir: string;
  let a: ServerProcess;
  let b: ServerProcess;
  const open: TestClient[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    dataDir = await mkdtemp(path.join(tmpdir(), 'ideasphere-scale-'));
    const env = { DATA_DIR: dataDir, REDIS_URL: redis.url };
    // One after the other: the first start checks and marks the new data directory.
    a = await startServerProcess(env);
    b = await startServerProcess(env);
  }, 120_000);
  afterEach(() => {
    for (const socket of open.splice(0)) socket.close();
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function connect(url: string, role: 'facilitator' | 'screen' | 'participant', code: string, token: string): Promise<TestClient> {
    const socket = await connectClient(url, { role, code, token });
    open.push(socket);
    return socket;
  }

  it('streams an idea sent through B to a phone and a screen on A, each change once', async () => {
    const created = await createSession(a.url, 'Two processes');
    const ann = await join(b.url, created.code, 'Ann');
    const bob = await join(a.url, created.code, 'Bob');
    const screenOnA = await connect(a.url, 'screen', created.code, created.screenToken);
    const phoneOnA = await connect(a.url, 'participant', created.code, bob.participantToken);
    const phoneOnB = await connect(b.url, 'participant', created.code, ann.participantToken);
    const [screenBoard, phoneBoard, senderBoard] = await Promise.all([BoardObserver.attach(screenOnA), BoardObserver.attach(phoneOnA), BoardObserver.attach(phoneOnB)]);
    const deltasWith = (socket: TestClient) => {
      const seen: number[] = [];
      socket.on('board:delta', (delta: BoardDelta) => {
        if (delta.ideas.some((idea) => idea.title === 'Heat from slag')) seen.push(delta.version ?? -1);
      });
      return seen;
    };
    const onScreen = deltasWith(screenOnA);
    const onPhone = deltasWith(phoneOnA);

    const idea = expectOk(await request(phoneOnB, 'idea:submit', { clientId: randomUUID(), title: 'Heat from slag' }));
    for (const board of [screenBoard, phoneBoard, senderBoard]) await board.until((ideas) => ideas.get(idea.id)?.title === 'Heat from slag');
    // A later change from A passes the same way: by then any duplicate of the first would have arrived.
    const later = expectOk(await request(phoneOnA, 'idea:submit', { clientId: randomUUID(), title: 'Later one' }));
    for (const board of [screenBoard, phoneBoard, senderBoard]) await board.until((ideas) => ideas.has(later.id));
    expect(onScreen).toHaveLength(1);
    expect(onPhone).toHaveLength(1);
  });

  it('moves screens on B when the facilitator on A changes the phase', async () => {
    const created = await createSession(a.url, 'Phases');
    const facilitator = await connect(a.url, 'facilitator', created.code, created.facilitatorToken);
    const screenOnB = await connect(b.url, 'screen', created.code, created.screenToken);
    const changed = nextEvent(screenOnB, 'phase:changed');
    expectOk(await request(facilitator, 'phase:set', { phase: 'vote', timerSeconds: null }));
    const [phase] = await changed;
    expect(phase.phase).toBe('vote');
  });

  it('keeps a retried idea idempotent when the retry reaches the other process', async () => {
    const created = await createSession(a.url, 'Retries');
    const joined = await join(a.url, created.code, 'Cleo');
    const onA = await connect(a.url, 'participant', created.code, joined.participantToken);
    const onB = await connect(b.url, 'participant', created.code, joined.participantToken);
    const clientId = randomUUID();
    const first = expectOk(await request(onA, 'idea:submit', { clientId, title: 'Only once' }));
    const retry = expectOk(await request(onB, 'idea:submit', { clientId, title: 'Only once' }));
    expect(retry.id).toBe(first.id);
    const board = await BoardObserver.attach(onB);
    expect(board.titles()).toEqual(['Only once']);
  });

  it('counts each vote once and one budget when a phone votes through both processes', async () => {
    const created = await createSession(a.url, 'Votes');
    const facilitator = await connect(a.url, 'facilitator', created.code, created.facilitatorToken);
    const joined = await join(a.url, created.code, 'Vera');
    const author = await connect(a.url, 'participant', created.code, (await join(b.url, created.code, 'Author')).participantToken);
    const ideaA = expectOk(await request(author, 'idea:submit', { clientId: randomUUID(), title: 'Vote A' }));
    const ideaB = expectOk(await request(author, 'idea:submit', { clientId: randomUUID(), title: 'Vote B' }));
    expectOk(await request(facilitator, 'board:configure', { voteBudget: 3, maxVotesPerIdea: 2 }));
    expectOk(await request(facilitator, 'phase:set', { phase: 'vote', timerSeconds: null }));
    const onA = await connect(a.url, 'participant', created.code, joined.participantToken);
    const onB = await connect(b.url, 'participant', created.code, joined.participantToken);
    const screen = await BoardObserver.attach(await connect(b.url, 'screen', created.code, created.screenToken));
    expect(expectOk(await request(onA, 'vote:cast', { ideaId: ideaA.id, count: 2 })).remaining).toBe(1);
    expect(expectOk(await request(onB, 'vote:cast', { ideaId: ideaB.id, count: 1 })).remaining).toBe(0);
    // The budget spent on A counts on B.
    expect(await request(onB, 'vote:cast', { ideaId: ideaB.id, count: 2 })).toMatchObject({ ok: false });
    await screen.until((ideas) => ideas.get(ideaA.id)?.votes === 2 && ideas.get(ideaB.id)?.votes === 1);
    await screen.resync();
    expect([screen.ideas.get(ideaA.id)?.votes, screen.ideas.get(ideaB.id)?.votes]).toEqual([2, 1]);
  });

  it('shares one idea budget between the processes', async () => {
    const created = await createSession(a.url, 'Budgets');
    const joined = await join(a.url, created.code, 'Dan');
    const onA = await connect(a.url, 'participant', created.code, joined.participantToken);
    const onB = await connect(b.url, 'participant', created.code, joined.participantToken);
    const outcomes: string[] = [];
    for (let i = 0; i < IDEAS_PER_PARTICIPANT_PER_MINUTE + 2; i++) {
      const ack = await request(i % 2 === 0 ? onA : onB, 'idea:submit', { clientId: randomUUID(), title: `Idea ${i}` });
      outcomes.push(ack.ok ? 'ok' : ack.error.code);
    }
    // One budget: what passed on A counts on B. Per process, every one of these would pass.
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(IDEAS_PER_PARTICIPANT_PER_MINUTE);
    expect(outcomes.slice(-2)).toEqual(['rate_limited', 'rate_limited']);
  });

  it('counts presence across processes', async () => {
    const created = await createSession(a.url, 'Presence');
    const facilitator = await connect(a.url, 'facilitator', created.code, created.facilitatorToken);
    const eve = await join(b.url, created.code, 'Eve');
    const online = nextEvent(facilitator, 'participant:presence');
    const phone = await connect(b.url, 'participant', created.code, eve.participantToken);
    const [change] = (await online) as [PresenceChange];
    expect(change).toEqual({ id: eve.participant.id, online: true, onlineCount: 1 });
    // A second phone of another participant on A: the count is the hall's, not A's alone.
    const finn = await join(a.url, created.code, 'Finn');
    const second = nextEvent(facilitator, 'participant:presence');
    await connect(a.url, 'participant', created.code, finn.participantToken);
    expect((await second)[0]).toEqual({ id: finn.participant.id, online: true, onlineCount: 2 });
    const offline = nextEvent(facilitator, 'participant:presence');
    phone.close();
    expect((await offline)[0]).toEqual({ id: eve.participant.id, online: false, onlineCount: 1 });
  });

  it('replays to a recovered phone on A what B broadcast while it was away', async () => {
    const created = await createSession(a.url, 'Recovery');
    const hana = await join(a.url, created.code, 'Hana');
    const ivan = await join(b.url, created.code, 'Ivan');
    const phone: TestClient = ioClient(a.url, {
      auth: { protocolVersion: PROTOCOL_VERSION, role: 'participant', code: created.code, token: hana.participantToken },
      transports: ['websocket'],
      // Long enough for the broadcast below to go out while the phone is away.
      reconnectionDelay: 1_000,
      randomizationFactor: 0,
      forceNew: true,
    });
    open.push(phone);
    await new Promise<void>((resolve) => phone.once('connect', () => resolve()));
    const writer = await connect(b.url, 'participant', created.code, ivan.participantToken);
    const screen = await BoardObserver.attach(await connect(a.url, 'screen', created.code, created.screenToken));
    // Recovery needs one broadcast received before the drop.
    const first = nextEvent(phone, 'board:delta');
    expectOk(await request(writer, 'idea:submit', { clientId: randomUUID(), title: 'Before the drop' }));
    await first;
    const titles: string[] = [];
    phone.on('board:delta', (delta: BoardDelta) => titles.push(...delta.ideas.map((idea) => idea.title)));
    const back = new Promise<boolean>((resolve) => phone.once('connect', () => resolve(phone.recovered)));
    const gone = new Promise<void>((resolve) => phone.once('disconnect', () => resolve()));
    phone.io.engine.close();
    await gone;
    const away = expectOk(await request(writer, 'idea:submit', { clientId: randomUUID(), title: 'While away' }));
    await screen.until((ideas) => ideas.has(away.id));
    expect(phone.connected).toBe(false);
    expect(await back).toBe(true);
    await expect.poll(() => titles).toContain('While away');
  });

  it('finds through B a profile made public through A', async () => {
    const person = new AccountClient(a.url);
    const me = await person.call<Me>('POST', '/api/account/signup', { email: 'lin@example.cn', name: 'Lin', password: PASSWORD });
    expect(me.status).toBe(201);
    const profile = { headline: 'Ceramics', bio: '', fields: [], skills: [], keywords: ['zirconia'], visibility: 'public' };
    expect((await person.call('PUT', `/api/profiles/person/${me.body.account.id}`, profile)).status).toBe(200);
    await expect
      .poll(async () => (await api<SearchResponse>(b.url, 'GET', '/api/search?q=zirconia')).body.hits.map((hit) => hit.id), { timeout: 15_000 })
      .toContain(`person:${me.body.account.id}`);
  });

  // Last: it kills B.
  it('loses nothing acknowledged when B is killed: its phones move to A and the hall sees them leave', async () => {
    const created = await createSession(a.url, 'Failover');
    const facilitator = await connect(a.url, 'facilitator', created.code, created.facilitatorToken);
    const gus = await join(b.url, created.code, 'Gus');
    const online = nextEvent(facilitator, 'participant:presence');
    const onB = await connect(b.url, 'participant', created.code, gus.participantToken);
    expect((await online)[0]).toMatchObject({ id: gus.participant.id, online: true });
    const acknowledged: string[] = [];
    for (let i = 0; i < 5; i++) acknowledged.push(expectOk(await request(onB, 'idea:submit', { clientId: randomUUID(), title: `Kept ${i}` })).id);
    const offline = nextEvent(facilitator, 'participant:presence');
    await b.stop('SIGKILL');
    // Nobody closed the phone's socket: the hall learns it left once B stops beating.
    expect((await offline)[0]).toEqual({ id: gus.participant.id, online: false, onlineCount: 0 });
    const onA = await connect(a.url, 'participant', created.code, gus.participantToken);
    const board = await BoardObserver.attach(onA);
    for (const id of acknowledged) expect(board.ideas.has(id)).toBe(true);
    expect(onA.connected).toBe(true);
  }, PRESENCE_NODE_TIMEOUT_MS + 30_000);
});
