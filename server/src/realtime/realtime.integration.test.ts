import { type ApiError, EVENT_BUDGETS, HEAVY_READ_COST, PARTICIPANT_PAGE_SIZE, PROTOCOL_VERSION } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import {
  connectClient,
  createSession,
  expectOk,
  join,
  nextEvent,
  request,
  appForTests,
} from '../testing/harness.js';

describe('realtime sessions', () => {
  const live = appForTests();
  const { url, track } = live;

  it('streams joins and presence to the facilitator and the screen, never to phones', async () => {
    const s = await createSession(url());
    const facilitator = track(await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken }));
    const screen = track(await connectClient(url(), { role: 'screen', code: s.code, token: s.screenToken }));
    const ann = await join(url(), s.code, 'Ann');
    const annSocket = track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken }));
    const annSnapshot = expectOk(await request(annSocket, 'session:snapshot', {}));
    expect(annSnapshot.role).toBe('participant');
    expect(annSnapshot.me?.id).toBe(ann.participant.id);
    expect(annSnapshot.session.title).toBe(s.title);

    const heardByAnn: string[] = [];
    annSocket.on('participant:joined', (p) => heardByAnn.push(p.name));
    annSocket.on('participant:presence', (p) => heardByAnn.push(p.id));
    expect(annSnapshot.firstPage.participants).toEqual([]);
    expect(await request(annSocket, 'participants:page', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const seenBy = [facilitator, screen].map((c) => nextEvent(c, 'participant:joined'));
    const bob = await join(url(), s.code, 'Bob');
    for (const [participant, count] of await Promise.all(seenBy)) {
      expect(participant).toMatchObject({ id: bob.participant.id, name: 'Bob', online: false });
      expect(count).toBe(2);
    }
    const online = [facilitator, screen].map((c) => nextEvent(c, 'participant:presence'));
    const bobSocket = track(await connectClient(url(), { role: 'participant', code: s.code, token: bob.participantToken }));
    for (const [change] of await Promise.all(online)) expect(change).toEqual({ id: bob.participant.id, online: true, onlineCount: 2 });

    const snapshot = expectOk(await request(facilitator, 'session:snapshot', {}));
    expect(snapshot).toMatchObject({ role: 'facilitator', me: null, participantCount: 2, onlineCount: 2 });
    expect(snapshot.firstPage.participants.map((p) => p.name)).toEqual(['Ann', 'Bob']);

    const offline = nextEvent(facilitator, 'participant:presence');
    bobSocket.close();
    expect((await offline)[0]).toEqual({ id: bob.participant.id, online: false, onlineCount: 1 });
    // A round trip on Ann's socket after those broadcasts: none of them reached her.
    expectOk(await request(annSocket, 'session:snapshot', {}));
    expect(heardByAnn).toEqual([]);
  });

  it('keeps the same participant when a phone reconnects with its token', async () => {
    const s = await createSession(url());
    const ann = await join(url(), s.code, 'Ann');
    const first = await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken });
    const before = expectOk(await request(first, 'session:snapshot', {}));
    first.close();
    const again = track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken }));
    const after = expectOk(await request(again, 'session:snapshot', {}));
    expect(after.me?.id).toBe(before.me?.id);
    expect(after.participantCount).toBe(1);
  });

  it('refuses bad handshakes with clear errors', async () => {
    const a = await createSession(url());
    const b = await createSession(url());
    const ann = await join(url(), a.code, 'Ann');
    const attempts: [string, Parameters<typeof connectClient>[1], ApiError['code']][] = [
      ['old protocol', { role: 'facilitator', code: a.code, token: a.facilitatorToken, protocolVersion: PROTOCOL_VERSION + 1 }, 'protocol_mismatch'],
      ['unknown code', { role: 'facilitator', code: 'ZZZZZZ', token: a.facilitatorToken }, 'not_found'],
      ['forged token', { role: 'facilitator', code: a.code, token: 'A'.repeat(43) }, 'unauthorized'],
      ['token of another session', { role: 'facilitator', code: b.code, token: a.facilitatorToken }, 'unauthorized'],
      ['participant token as facilitator', { role: 'facilitator', code: a.code, token: ann.participantToken }, 'unauthorized'],
      ['screen token as facilitator', { role: 'facilitator', code: a.code, token: a.screenToken }, 'unauthorized'],
      ['malformed token', { role: 'participant', code: a.code, token: 'short' }, 'bad_request'],
    ];
    for (const [label, auth, code] of attempts) {
      const error = await connectClient(url(), auth).then(
        () => ({ code: 'connected', message: label }),
        (e: ApiError) => e,
      );
      expect({ label, code: error.code }).toEqual({ label, code });
      expect(error.message.length).toBeGreaterThan(0);
    }
  });

  it('lets only the facilitator edit the session, and tells everyone', async () => {
    const s = await createSession(url());
    const ann = await join(url(), s.code, 'Ann');
    const annSocket = track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken }));
    const screen = track(await connectClient(url(), { role: 'screen', code: s.code, token: s.screenToken }));
    const facilitator = track(await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken }));

    for (const client of [annSocket, screen]) {
      const refused = await request(client, 'session:update', { title: 'Hijacked' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const invalid = await request(facilitator, 'session:update', { title: 'x'.repeat(500) });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(expectOk(await request(annSocket, 'session:snapshot', {})).session.title).toBe(s.title);

    const seen = [annSocket, screen].map((c) => nextEvent(c, 'session:updated'));
    const updated = expectOk(await request(facilitator, 'session:update', { title: 'Green manufacturing', language: 'zh' }));
    expect(updated).toMatchObject({ title: 'Green manufacturing', language: 'zh' });
    for (const [session] of await Promise.all(seen)) expect(session.title).toBe('Green manufacturing');
  });

  it('validates renames and ignores nothing silently', async () => {
    const s = await createSession(url());
    const ann = await join(url(), s.code, 'Ann');
    const annSocket = track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken }));
    const facilitator = track(await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken }));
    for (const payload of [{ name: 'n'.repeat(41) }, { name: '' }, { name: 5 }, null, 'Ann2', { name: 'ok', extra: 1 }]) {
      expect(await request(annSocket, 'participant:rename', payload)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(await request(facilitator, 'participant:rename', { name: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const unknown = await (annSocket as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<unknown> } })
      .timeout(5_000)
      .emitWithAck('idea:delete-everything', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(expectOk(await request(annSocket, 'session:snapshot', {})).me?.name).toBe('Ann');

    const seen = nextEvent(facilitator, 'participant:updated');
    expect(expectOk(await request(annSocket, 'participant:rename', { name: 'Annie' })).name).toBe('Annie');
    expect((await seen)[0].name).toBe('Annie');
  });

  it('rate-limits a socket that floods events', async () => {
    const s = await createSession(url());
    const facilitator = track(await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken }));
    // A snapshot is a heavy read: the burst affords this many of them, and no more.
    const affordable = EVENT_BUDGETS.facilitator.burst / HEAVY_READ_COST;
    const acks = await Promise.all(Array.from({ length: affordable + 20 }, () => request(facilitator, 'session:snapshot', {})));
    const limited = acks.filter((a) => !a.ok && a.error.code === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(acks.filter((a) => a.ok).length).toBeGreaterThanOrEqual(affordable);
  });

  it("keeps sessions apart: nobody hears another session's joins", async () => {
    const a = await createSession(url());
    const b = await createSession(url());
    const inB = track(await connectClient(url(), { role: 'facilitator', code: b.code, token: b.facilitatorToken }));
    const inA = track(await connectClient(url(), { role: 'facilitator', code: a.code, token: a.facilitatorToken }));
    const heardInB: string[] = [];
    inB.on('participant:joined', (p) => heardInB.push(p.name));
    const heardInA = nextEvent(inA, 'participant:joined');
    await join(url(), a.code, 'OnlyInA');
    expect((await heardInA)[0].name).toBe('OnlyInA');
    // A round trip on B's socket after A's broadcast: anything sent to B would have arrived.
    const snapshotB = expectOk(await request(inB, 'session:snapshot', {}));
    expect(heardInB).toEqual([]);
    expect(snapshotB.participantCount).toBe(0);
  });

  it('pages participants beyond the first snapshot page', async () => {
    const s = await createSession(url());
    const total = PARTICIPANT_PAGE_SIZE + 7;
    for (let i = 0; i < total; i += 25) {
      await Promise.all(Array.from({ length: Math.min(25, total - i) }, (_, k) => join(url(), s.code, `P${i + k}`)));
    }
    const screen = track(await connectClient(url(), { role: 'screen', code: s.code, token: s.screenToken }));
    const snapshot = expectOk(await request(screen, 'session:snapshot', {}));
    expect(snapshot.participantCount).toBe(total);
    expect(snapshot.firstPage.participants).toHaveLength(PARTICIPANT_PAGE_SIZE);
    expect(snapshot.firstPage.nextCursor).not.toBeNull();
    const rest = expectOk(await request(screen, 'participants:page', { after: snapshot.firstPage.nextCursor ?? undefined }));
    expect(rest.participants).toHaveLength(7);
    expect(rest.nextCursor).toBeNull();
    const ids = new Set([...snapshot.firstPage.participants, ...rest.participants].map((p) => p.id));
    expect(ids.size).toBe(total);
  });

  it('keeps sessions, participants and tokens across a server restart', async () => {
    const s = await createSession(url(), 'Survives restarts');
    const ann = await join(url(), s.code, 'Ann');
    await join(url(), s.code, 'Bob');
    await live.app.restart();
    const annSocket = track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken }));
    const snapshot = expectOk(await request(annSocket, 'session:snapshot', {}));
    expect(snapshot.session.title).toBe('Survives restarts');
    expect(snapshot.me?.id).toBe(ann.participant.id);
    expect(snapshot.participantCount).toBe(2);
    const facilitator = track(await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken }));
    expect(expectOk(await request(facilitator, 'session:snapshot', {})).firstPage.participants.map((p) => p.name)).toEqual(['Ann', 'Bob']);
  });
});
