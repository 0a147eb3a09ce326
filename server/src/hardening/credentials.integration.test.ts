import { type ApiError, EVENT_BUDGETS, PROTOCOL_VERSION, RATE_LIMIT_STRIKES_BURST, SOCKETS_PER_PRINCIPAL } from '@ideasphere/shared';
import { io as connect } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import {
  type TestClient,
  connectClient,
  createSession,
  expectOk,
  join,
  nextEvent,
  request,
  appForTests,
  startTestApp,
} from '../testing/harness.js';

const live = appForTests();
const { url, track } = live;

/** A phone that can drop its connection and come back with Socket.IO's recovery (pid + offset). */
function recoverablePhone(code: string, token: string, server = url()): Promise<TestClient> {
  const socket: TestClient = connect(server, {
    auth: { protocolVersion: PROTOCOL_VERSION, role: 'participant', code, token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  track(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Drops the transport (as a phone leaving Wi-Fi does) and waits until the client noticed. */
async function dropTransport(socket: TestClient): Promise<void> {
  const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
  socket.io.engine.close();
  await gone;
}

/** Reconnects a dropped socket; resolves with `recovered`, or the refusal. */
function reconnect(socket: TestClient): Promise<{ recovered: boolean } | { refused: ApiError }> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ recovered: socket.recovered }));
    socket.once('connect_error', (error: Error & { data?: ApiError }) => resolve({ refused: error.data ?? { code: 'internal', reason: 'internal', message: error.message } }));
    socket.connect();
  });
}

/** The phone hears one broadcast, so it holds an offset to recover from. */
async function hearOneBroadcast(facilitator: TestClient, phone: TestClient): Promise<void> {
  const heard = nextEvent(phone, 'phase:changed');
  expectOk(await request(facilitator, 'phase:set', { phase: 'collect', timerSeconds: null }));
  await heard;
}

describe('credentials on recovered connections', () => {
  it('lets a phone that dropped for a moment recover its connection', async () => {
    const s = await createSession(url());
    const ann = await join(url(), s.code, 'Ann');
    const facilitator = track(await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken }));
    const phone = await recoverablePhone(s.code, ann.participantToken);
    await hearOneBroadcast(facilitator, phone);
    await dropTransport(phone);
    expect(await reconnect(phone)).toEqual({ recovered: true });
  });

  it('refuses a removed participant that comes back through recovery', async () => {
    const s = await createSession(url());
    const ann = await join(url(), s.code, 'Ann');
    const facilitator = track(await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken }));
    const phone = await recoverablePhone(s.code, ann.participantToken);
    await hearOneBroadcast(facilitator, phone);
    await dropTransport(phone);
    expectOk(await request(facilitator, 'participant:remove', { participantId: ann.participant.id }));
    const outcome = await reconnect(phone);
    expect(outcome).toMatchObject({ refused: { code: 'unauthorized' } });
    const snapshot = expectOk(await request(facilitator, 'session:snapshot', {}));
    expect(snapshot.onlineCount).toBe(0);
  });
});

describe('taking over another socket by its recovery id', () => {
  it('refuses a recovery whose token is not the one the dropped socket had', async () => {
    const s = await createSession(url());
    const other = await createSession(url());
    const ann = await join(url(), s.code, 'Ann');
    const bob = await join(url(), s.code, 'Bob');
    const mallory = await join(url(), other.code, 'Mallory');
    const facilitator = track(await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken }));
    const victim = await recoverablePhone(s.code, ann.participantToken);
    await hearOneBroadcast(facilitator, victim);
    const { _pid: pid, _lastOffset: offset } = victim as unknown as { _pid: string; _lastOffset: string };
    expect(pid).toBeTruthy();
    await dropTransport(victim);
    // Another phone of the session, a phone of another session, the screen: none gets Ann's rooms.
    for (const [code, role, token] of [
      [s.code, 'participant', bob.participantToken],
      [other.code, 'participant', mallory.participantToken],
      [s.code, 'screen', s.screenToken],
    ] as const) {
      await expect(connectClient(url(), { role, code, token, pid, offset } as never)).rejects.toMatchObject({ code: 'unauthorized' });
    }
    // Ann herself still recovers.
    expect(await reconnect(victim)).toEqual({ recovered: true });
  });
});

describe('replacing the console and big-screen links', () => {
  it('closes every other socket of the old console link, keeps the asking console, and refuses the old link', async () => {
    const s = await createSession(url());
    const console1 = track(await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken }));
    const console2 = track(await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken }));
    const preview = track(await connectClient(url(), { role: 'screen', code: s.code, token: s.facilitatorToken }));
    const screen = track(await connectClient(url(), { role: 'screen', code: s.code, token: s.screenToken }));
    const kicked = [console2, preview].map((c) => nextEvent(c, 'session:kicked'));
    const link = expectOk(await request(console1, 'session:rotateFacilitatorLink', {}));
    expect(link.facilitatorToken).not.toBe(s.facilitatorToken);
    expect(link.facilitatorUrl).toContain(`/f/${s.code}#token=${link.facilitatorToken}`);
    for (const [notice] of await Promise.all(kicked)) expect(notice).toEqual({ reason: 'token_revoked' });
    // The asking console still works; the session-wide screen link was not touched.
    expectOk(await request(console1, 'session:snapshot', {}));
    expectOk(await request(screen, 'session:snapshot', {}));
    await expect(connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken })).rejects.toMatchObject({ code: 'unauthorized' });
    const fresh = track(await connectClient(url(), { role: 'facilitator', code: s.code, token: link.facilitatorToken }));
    expectOk(await request(fresh, 'session:snapshot', {}));
  });

  it('closes the screens of the old session-wide screen link and refuses it from then on', async () => {
    const s = await createSession(url());
    const facilitator = track(await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken }));
    const screen = track(await connectClient(url(), { role: 'screen', code: s.code, token: s.screenToken }));
    const kicked = nextEvent(screen, 'session:kicked');
    const link = expectOk(await request(facilitator, 'session:rotateScreenLink', {}));
    expect((await kicked)[0]).toEqual({ reason: 'token_revoked' });
    await expect(connectClient(url(), { role: 'screen', code: s.code, token: s.screenToken })).rejects.toMatchObject({ code: 'unauthorized' });
    const fresh = track(await connectClient(url(), { role: 'screen', code: s.code, token: link.screenToken }));
    expectOk(await request(fresh, 'session:snapshot', {}));
    expectOk(await request(facilitator, 'session:snapshot', {}));
  });

  it('lets only the facilitator replace links', async () => {
    const s = await createSession(url());
    const ann = await join(url(), s.code, 'Ann');
    const phone = track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken }));
    const screen = track(await connectClient(url(), { role: 'screen', code: s.code, token: s.screenToken }));
    for (const client of [phone, screen]) {
      for (const event of ['session:rotateFacilitatorLink', 'session:rotateScreenLink'] as const) {
        expect(await request(client, event, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
    // Nothing was replaced: the original links still open the console and the screen.
    const facilitator = track(await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken }));
    expectOk(await request(facilitator, 'session:snapshot', {}));
    track(await connectClient(url(), { role: 'screen', code: s.code, token: s.screenToken }));
  });
});

describe('one phone, many sockets', () => {
  it('closes the oldest socket beyond the cap, telling it why', async () => {
    const s = await createSession(url());
    const ann = await join(url(), s.code, 'Ann');
    const cap = SOCKETS_PER_PRINCIPAL.participant;
    const sockets: TestClient[] = [];
    for (let i = 0; i < cap; i++) sockets.push(track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken })));
    const oldest = sockets[0] as TestClient;
    const kicked = nextEvent(oldest, 'session:kicked');
    const newest = track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken }));
    expect((await kicked)[0]).toEqual({ reason: 'too_many_connections' });
    expectOk(await request(newest, 'board:snapshot', {}));
    // The others were left alone.
    for (const socket of sockets.slice(1)) expect(await request(socket, 'board:snapshot', {})).toMatchObject({ ok: true });
    expect(oldest.connected).toBe(false);
  });

  it('shares one event budget across all sockets of a phone', async () => {
    const s = await createSession(url());
    const ann = await join(url(), s.code, 'Ann');
    const sockets: TestClient[] = [];
    for (let i = 0; i < SOCKETS_PER_PRINCIPAL.participant; i++) {
      sockets.push(track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken })));
    }
    // Cheap events (cost 1): the burst is spent across the sockets, not once per socket.
    const burst = EVENT_BUDGETS.participant.burst;
    const acks = await Promise.all(
      Array.from({ length: burst * 2 }, (_, i) => request(sockets[i % sockets.length] as TestClient, 'reaction:toggle', { ideaId: 'none', emoji: '👍' })),
    );
    const limited = acks.filter((a) => !a.ok && a.error.code === 'rate_limited').length;
    // Refill during the burst may admit a few more than `burst`, never a socket's worth more.
    expect(limited).toBeGreaterThan(burst * 2 - burst - EVENT_BUDGETS.participant.perSecond);
    // Another phone in the same session is not affected.
    const bob = await join(url(), s.code, 'Bob');
    const bobSocket = track(await connectClient(url(), { role: 'participant', code: s.code, token: bob.participantToken }));
    expectOk(await request(bobSocket, 'board:snapshot', {}));
  });
});

describe('a socket that keeps sending into an empty budget', () => {
  it('is closed after RATE_LIMIT_STRIKES_BURST refusals, and the phone may connect again', async () => {
    const s = await createSession(url());
    const ann = await join(url(), s.code, 'Ann');
    const flooder = track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken }));
    const closed = new Promise<string>((resolve) => flooder.once('disconnect', (reason) => resolve(reason)));
    const flood = EVENT_BUDGETS.participant.burst + RATE_LIMIT_STRIKES_BURST + 20;
    const acks = await Promise.allSettled(Array.from({ length: flood }, () => request(flooder, 'reaction:toggle', { ideaId: 'none', emoji: '👍' })));
    expect(await closed).toBe('io server disconnect');
    const limited = acks.filter((a) => a.status === 'fulfilled' && !a.value.ok && a.value.error.code === 'rate_limited').length;
    expect(limited).toBeLessThanOrEqual(RATE_LIMIT_STRIKES_BURST + 1);
    expect(acks.some((a) => a.status === 'rejected')).toBe(true);
    // Not a ban: once its budget refills, the phone comes back like any other.
    const again = track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken }));
    expect(again.connected).toBe(true);
  });
});

describe('memory held for recovery', () => {
  it('remembers a bounded number of dropped sockets: the oldest resync, the newest recover', async () => {
    const small = await startTestApp({ recoverySessionsMax: 3 });
    try {
      const s = await createSession(small.server.url);
      const facilitator = track(await connectClient(small.server.url, { role: 'facilitator', code: s.code, token: s.facilitatorToken }));
      const phones: TestClient[] = [];
      for (let i = 0; i < 5; i++) {
        const joined = await join(small.server.url, s.code, `Guest ${i}`);
        phones.push(await recoverablePhone(s.code, joined.participantToken, small.server.url));
      }
      const heard = phones.map((phone) => nextEvent(phone, 'phase:changed'));
      expectOk(await request(facilitator, 'phase:set', { phase: 'collect', timerSeconds: null }));
      await Promise.all(heard);
      // One at a time, each seen by the server (the phone goes offline) before the next drops.
      for (const phone of phones) {
        const offline = nextEvent(facilitator, 'participant:presence');
        await dropTransport(phone);
        expect((await offline)[0].online).toBe(false);
      }
      const outcomes = [];
      for (const phone of phones) outcomes.push(await reconnect(phone));
      // Five dropped, three remembered: the two oldest come back as fresh connections.
      expect(outcomes).toEqual([false, false, true, true, true].map((recovered) => ({ recovered })));
    } finally {
      await small.dispose();
    }
  });
});


describe('messages that are not events of ours', () => {
  it('spend the budget too, unknown or without an ack, and a socket that keeps sending them is closed', async () => {
    const s = await createSession(url());
    const ann = await join(url(), s.code, 'Ann');
    for (const send of [
      (socket: TestClient) => (socket as unknown as { emit(e: string, p: unknown, ack: () => void): void }).emit('zz:zz', {}, () => undefined),
      (socket: TestClient) => (socket as unknown as { emit(e: string, p: unknown): void }).emit('board:snapshot', {}),
    ]) {
      const flooder = track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken }));
      const closed = new Promise<string>((resolve) => flooder.once('disconnect', (reason) => resolve(reason)));
      for (let i = 0; i < 2_000 && flooder.connected; i++) send(flooder);
      expect(await closed).toBe('io server disconnect');
    }
  });
});
