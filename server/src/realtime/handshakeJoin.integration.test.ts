import { randomBytes } from 'node:crypto';
import type { ApiError, ParticipantPublic } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import {
  type TestClient,
  api,
  connectClient,
  createSession,
  expectOk,
  nextEvent,
  request,
  appForTests,
} from '../testing/harness.js';

/** A token as the phone makes it: 32 random bytes, base64url. */
const phoneToken = () => randomBytes(32).toString('base64url');
const deviceCookie = () => `ideasphere_device=${randomBytes(32).toString('base64url')}`;

describe('joining in the socket handshake', () => {
  const live = appForTests();
  const { url, track } = live;
  /** The handshake's refusal; `connected` when there was none. */
  const refusal = (attempt: Promise<TestClient>): Promise<Partial<Pick<ApiError, 'reason' | 'fields'>> & { code: string }> =>
    attempt.then(
      (socket) => {
        socket.close();
        return { code: 'connected' };
      },
      (error: ApiError) => error,
    );

  it('makes the participant with the phone’s token on one connection, and the console hears of it', async () => {
    const s = await createSession(url());
    const console = track(await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken }));
    const heard = nextEvent(console, 'participant:joined');
    const token = phoneToken();
    const ann = track(await connectClient(url(), { role: 'participant', code: s.code, token, join: { name: '  Ann  Lee ' } }));
    const [participant, count] = await heard;
    expect(participant).toMatchObject({ name: 'Ann Lee', venueId: s.venues[0]?.id });
    expect(count).toBe(1);
    const snapshot = expectOk(await request(ann, 'session:snapshot', {}));
    expect(snapshot.me).toMatchObject({ id: participant.id, name: 'Ann Lee', online: true });
    // The token is the participant's over HTTP too (the photo upload uses it).
    const me = await api<ParticipantPublic>(url(), 'GET', `/api/sessions/${s.code}/participants/me`, undefined, { authorization: `Bearer ${token}` });
    expect(me).toMatchObject({ status: 200, body: { id: participant.id } });
  });

  it('gives a join tried again (its answer lost) the same participant, and plain token connections after it', async () => {
    const s = await createSession(url());
    const token = phoneToken();
    const auth = { role: 'participant' as const, code: s.code, token, join: { name: 'Bo', venueId: s.venues[0]?.id ?? '' } };
    const first = await connectClient(url(), auth);
    const id = expectOk(await request(first, 'session:snapshot', {})).me?.id;
    first.close();
    // Both at once as well: one is written first, the other finds it.
    const again = await Promise.all([connectClient(url(), auth), connectClient(url(), { ...auth, join: { name: 'Another name' } })]);
    for (const socket of again) {
      track(socket);
      expect(expectOk(await request(socket, 'session:snapshot', {}))).toMatchObject({ me: { id, name: 'Bo' }, participantCount: 1 });
    }
    const plain = track(await connectClient(url(), { role: 'participant', code: s.code, token }));
    expect(expectOk(await request(plain, 'session:snapshot', {})).me?.id).toBe(id);
  });

  it('refuses a bad join with the reason the HTTP join gives, and stores nothing', async () => {
    const s = await createSession(url());
    const console = track(await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken }));
    const phone = (join: { name: string; venueId?: string }, extra: { role?: 'facilitator'; code?: string; token?: string } = {}) =>
      refusal(connectClient(url(), { role: 'participant', code: s.code, token: phoneToken(), join, ...extra }));
    // The name's problem is told as the field `join.name` (the phone shows it under its name field).
    expect(await phone({ name: '\u200b\u200b' })).toMatchObject({ code: 'bad_request', reason: 'text_blank', fields: { 'join.name': expect.any(String) } });
    expect(await phone({ name: 'x'.repeat(41) })).toMatchObject({ code: 'bad_request', reason: 'text_too_long' });
    expect(await phone({ name: 'Ann', venueId: 'not-a-venue-1' })).toMatchObject({ reason: 'unknown_venue' });
    expect(await phone({ name: 'Ann' }, { code: 'ZZZZZZ' })).toMatchObject({ code: 'not_found' });
    // A facilitator does not join; a token the phone made is 43 characters, not a short guessable one.
    expect(await phone({ name: 'Ann' }, { role: 'facilitator', token: s.facilitatorToken })).toMatchObject({ code: 'bad_request' });
    expect(await phone({ name: 'Ann' }, { token: 'a'.repeat(20) })).toMatchObject({ code: 'bad_request' });
    expectOk(await request(console, 'board:configure', { joiningOpen: false }));
    expect(await phone({ name: 'Late' })).toMatchObject({ code: 'forbidden', reason: 'joining_closed' });
    expect(expectOk(await request(console, 'session:snapshot', {})).participantCount).toBe(0);
  });

  it('keeps a removed guest’s browser out by its device cookie, whatever token and name it tries', async () => {
    const s = await createSession(url());
    const console = track(await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken }));
    const cookie = deviceCookie();
    const token = phoneToken();
    const ann = await connectClient(url(), { role: 'participant', code: s.code, token, join: { name: 'Ann' } }, { cookie });
    const id = expectOk(await request(ann, 'session:snapshot', {})).me?.id ?? '';
    expectOk(await request(console, 'participant:remove', { participantId: id }));
    ann.close();
    const again = (auth: { token: string; name: string }, headers: Record<string, string>) =>
      refusal(connectClient(url(), { role: 'participant', code: s.code, token: auth.token, join: { name: auth.name } }, headers));
    expect(await again({ token: phoneToken(), name: 'Not Ann' }, { cookie })).toMatchObject({ reason: 'removed_from_session' });
    // Its own token, even with another cookie, is dead: it is never made into a new participant.
    expect(await again({ token, name: 'Ann' }, { cookie: deviceCookie() })).toMatchObject({ code: 'unauthorized' });
    expect(expectOk(await request(console, 'session:snapshot', {})).participantCount).toBe(0);
    // The same browser was removed by an HTTP join too: one cookie for both ways in.
    const viaHttp = await fetch(`${url()}/api/sessions/${s.code}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: 'Over HTTP' }),
    });
    expect(viaHttp.status).toBe(403);
    // Another browser still joins.
    track(await connectClient(url(), { role: 'participant', code: s.code, token: phoneToken(), join: { name: 'Bob' } }, { cookie: deviceCookie() }));
  });

  it('gives a browser without one its device cookie on the response that opens the connection, for the whole site', async () => {
    const opened = await fetch(`${url()}/socket.io/?EIO=4&transport=polling`);
    expect(opened.status).toBe(200);
    const set = opened.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/^ideasphere_device=[A-Za-z0-9_-]{43}; /);
    expect(set).toContain('Path=/;');
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Lax');
    const cookie = set.split(';')[0] ?? '';
    const known = await fetch(`${url()}/socket.io/?EIO=4&transport=polling`, { headers: { cookie } });
    expect(known.headers.get('set-cookie')).toBeNull();
    // The HTTP join gives the same cookie, for the whole site as well.
    const s = await createSession(url());
    const joined = await fetch(`${url()}/api/sessions/${s.code}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Cy' }),
    });
    expect(joined.headers.get('set-cookie')).toContain('Path=/;');
  });

  it('gives the join page its device cookie with the session, and moves an older version’s to the whole site', async () => {
    const s = await createSession(url());
    const fresh = await fetch(`${url()}/api/sessions/${s.code}`);
    expect(fresh.headers.get('cache-control')).toBe('no-store');
    const [given, expired] = fresh.headers.getSetCookie();
    expect(given).toMatch(/^ideasphere_device=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(expired).toBe('ideasphere_device=; Max-Age=0; Path=/api/sessions; HttpOnly; SameSite=Lax');
    // A browser of the earlier version holds one for /api/sessions, sent before the site-wide one: that one is kept.
    const older = deviceCookie();
    const both = await fetch(`${url()}/api/sessions/${s.code}`, { headers: { cookie: `${older}; ${deviceCookie()}` } });
    expect(both.headers.getSetCookie()[0]).toMatch(new RegExp(`^${older}; .*Path=/;`));
    // Nothing for a code no session has.
    expect((await fetch(`${url()}/api/sessions/ZZZZZZ`)).headers.getSetCookie()).toEqual([]);
  });

  it('refuses a join another site’s page opened (Fetch Metadata), and takes the same from this site', async () => {
    const s = await createSession(url());
    const auth = { role: 'participant' as const, code: s.code, token: phoneToken(), join: { name: 'Lured' } };
    expect(await refusal(connectClient(url(), auth, { 'sec-fetch-site': 'cross-site' }))).toMatchObject({ code: 'forbidden', reason: 'csrf_failed' });
    expect(await refusal(connectClient(url(), auth, { 'sec-fetch-site': 'same-site' }))).toMatchObject({ reason: 'csrf_failed' });
    const info = (await api<{ participantCount: number }>(url(), 'GET', `/api/sessions/${s.code}`)).body;
    expect(info.participantCount).toBe(0);
    track(await connectClient(url(), auth, { 'sec-fetch-site': 'same-origin' }));
  });
});
