import {
  type CreatedSession,
  type JoinedSession,
  type ParticipantPublic,
  type SessionSnapshot,
  type StageSnapshot,
  VENUES_MAX,
  screenViewFor,
} from '@ideasphere/shared';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import {
  type TestClient,
  api,
  connectClient,
  expectOk,
  nextEvent,
  request,
  appForTests,
} from '../testing/harness.js';

/** Every facilitator-only event of the ceremony, plus an older one, with a valid payload. */
function facilitatorEvents(s: CreatedSession, participantId: string) {
  const venueId = s.venues[0]?.id ?? '';
  return [
    ['ceremony:start', {}],
    ['ceremony:finale', { message: 'Hijacked' }],
    ['screen:switch', { view: 'board' }],
    ['screen:switch', { view: 'board', venueId }],
    ['venue:add', { name: 'Rogue hall' }],
    ['venue:rename', { venueId, name: 'Renamed' }],
    ['venue:rotateScreenLink', { venueId }],
    ['face:hide', { participantId, hidden: true }],
    ['phase:set', { phase: 'vote' }],
    ['session:rotateFacilitatorLink', {}],
    ['session:rotateScreenLink', {}],
  ] as const;
}

describe('join ceremony and venues', () => {
  const live = appForTests();
  const { url, track } = live;

  async function session(venues: string[] = ['主会场', 'Sub-venue A']): Promise<CreatedSession> {
    const res = await api<CreatedSession>(url(), 'POST', '/api/sessions', { title: 'Launch ceremony', language: 'en', venues });
    if (res.status !== 201) throw new Error(`create failed: ${res.status}`);
    return res.body;
  }

  async function joinVenue(s: CreatedSession, name: string, venueId?: string): Promise<JoinedSession> {
    const res = await api<JoinedSession>(url(), 'POST', `/api/sessions/${s.code}/participants`, venueId ? { name, venueId } : { name });
    if (res.status !== 201) throw new Error(`join failed: ${res.status}`);
    return res.body;
  }

  const facilitatorOf = async (s: CreatedSession) =>
    track(await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken }));
  const screenWith = async (s: CreatedSession, token: string) => track(await connectClient(url(), { role: 'screen', code: s.code, token }));
  const venueToken = (s: CreatedSession, i: number) => s.venueScreens[i]?.screenToken ?? '';
  const venueIdOf = (s: CreatedSession, i: number) => s.venues[i]?.id ?? '';
  const snapshot = async (c: TestClient): Promise<SessionSnapshot> => expectOk(await request(c, 'session:snapshot', {}));
  const stage = async (c: TestClient): Promise<StageSnapshot> => (await snapshot(c)).stage;

  it('gives every screen the whole stage, with its own venue as myVenueId', async () => {
    const s = await session();
    const facilitator = await facilitatorOf(s);
    const wide = await screenWith(s, s.screenToken);
    const inMain = await screenWith(s, venueToken(s, 0));
    const inSub = await screenWith(s, venueToken(s, 1));
    const ann = await joinVenue(s, 'Ann', venueIdOf(s, 1));
    const phone = track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken }));

    const expectedVenueIds = s.venues.map((v) => v.id);
    for (const [client, role, myVenueId] of [
      [facilitator, 'facilitator', null],
      [wide, 'screen', null],
      [inMain, 'screen', venueIdOf(s, 0)],
      [inSub, 'screen', venueIdOf(s, 1)],
      [phone, 'participant', venueIdOf(s, 1)],
    ] as const) {
      const snap = await snapshot(client);
      expect(snap.role).toBe(role);
      expect(snap.stage.myVenueId).toBe(myVenueId);
      expect(snap.stage.venues.map((v) => v.id)).toEqual(expectedVenueIds);
      expect(snap.stage.venueCounts).toEqual({ [venueIdOf(s, 0)]: 0, [venueIdOf(s, 1)]: 1 });
      expect(snap.stage.ceremony).toMatchObject({ stage: 'gathering', message: null, view: 'ceremony' });
      expect(snap.session.venues).toEqual(s.venues);
    }
    expect((await snapshot(phone)).me).toMatchObject({ venueId: venueIdOf(s, 1), faceHidden: false });
  });

  it('sends per-venue counts with every join and removal to the facilitator and screens', async () => {
    const s = await session();
    const [main, sub] = [venueIdOf(s, 0), venueIdOf(s, 1)];
    const facilitator = await facilitatorOf(s);
    const screen = await screenWith(s, venueToken(s, 1));
    const audience = [facilitator, screen];

    let heard = audience.map((c) => nextEvent(c, 'participant:joined'));
    const ann = await joinVenue(s, 'Ann', sub);
    for (const [participant, count, venueCounts] of await Promise.all(heard)) {
      expect(participant).toMatchObject({ id: ann.participant.id, venueId: sub, faceHidden: false });
      expect(count).toBe(1);
      expect(venueCounts).toEqual({ [main]: 0, [sub]: 1 });
    }
    heard = audience.map((c) => nextEvent(c, 'participant:joined'));
    const bob = await joinVenue(s, 'Bob');
    for (const [participant, count, venueCounts] of await Promise.all(heard)) {
      expect(participant.venueId).toBe(main);
      expect(count).toBe(2);
      expect(venueCounts).toEqual({ [main]: 1, [sub]: 1 });
    }

    const removed = audience.map((c) => nextEvent(c, 'participant:removed'));
    expectOk(await request(facilitator, 'participant:remove', { participantId: bob.participant.id }));
    for (const [change] of await Promise.all(removed)) {
      expect(change).toEqual({ id: bob.participant.id, participantCount: 1, venueCounts: { [main]: 0, [sub]: 1 } });
    }
  });

  it('adds and renames venues within the limits, and tells every socket', async () => {
    const s = await session(['Main']);
    const facilitator = await facilitatorOf(s);
    const screen = await screenWith(s, s.screenToken);
    const ann = await joinVenue(s, 'Ann');
    const phone = track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken }));

    const heard = [facilitator, screen, phone].map((c) => nextEvent(c, 'venues:changed'));
    const added = expectOk(await request(facilitator, 'venue:add', { name: '  Sub-venue   B ' }));
    expect(added.venue).toMatchObject({ name: 'Sub-venue B', view: 'ceremony', joinUrl: `${s.joinUrl}?v=${added.venue.id}` });
    expect(added.screen.venueId).toBe(added.venue.id);
    for (const [venues] of await Promise.all(heard)) expect(venues.map((v) => v.name)).toEqual(['Main', 'Sub-venue B']);
    // The new venue's screen link works at once, and its QR code encodes its join link.
    const newScreen = await screenWith(s, added.screen.screenToken);
    expect((await stage(newScreen)).myVenueId).toBe(added.venue.id);
    const svg = await (await fetch(added.venue.qrSvgUrl.replace(live.app.server.publicUrl, url()))).text();
    expect(svg).toBe(await QRCode.toString(added.venue.joinUrl, { errorCorrectionLevel: 'H', margin: 4, type: 'svg' }));

    const renamed = expectOk(await request(facilitator, 'venue:rename', { venueId: added.venue.id, name: '分会场 B' }));
    expect(renamed).toMatchObject({ id: added.venue.id, name: '分会场 B' });

    const before = await stage(facilitator);
    const refusals = [
      ['venue:add', { name: 'main' }, 'conflict'],
      ['venue:add', { name: '' }, 'bad_request'],
      ['venue:add', { name: 'x'.repeat(41) }, 'bad_request'],
      ['venue:add', { name: 'ok', extra: 1 }, 'bad_request'],
      ['venue:add', 'Hall', 'bad_request'],
      ['venue:rename', { venueId: added.venue.id, name: 'Main' }, 'conflict'],
      ['venue:rename', { venueId: 'AAAAAAAAAAAAAAAAAA', name: 'Ghost' }, 'not_found'],
      ['venue:rename', { venueId: 'bad!', name: 'Ghost' }, 'bad_request'],
      ['venue:rotateScreenLink', { venueId: 'AAAAAAAAAAAAAAAAAA' }, 'not_found'],
    ] as const;
    for (const [event, payload, code] of refusals) {
      expect(await request(facilitator, event, payload), `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code } });
    }
    expect(await stage(facilitator)).toEqual(before);

    for (let i = 2; i < VENUES_MAX; i++) expectOk(await request(facilitator, 'venue:add', { name: `Hall ${i}` }));
    const full = await request(facilitator, 'venue:add', { name: 'One too many' });
    expect(full).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect((await stage(screen)).venues).toHaveLength(VENUES_MAX);
  });

  it('keeps screens and phones read-only: every facilitator event is forbidden and changes nothing', async () => {
    const s = await session();
    const facilitator = await facilitatorOf(s);
    const ann = await joinVenue(s, 'Ann', venueIdOf(s, 1));
    const phone = track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken }));
    const wide = await screenWith(s, s.screenToken);
    const inSub = await screenWith(s, venueToken(s, 1));
    const before = await snapshot(facilitator);
    const boardBefore = expectOk(await request(facilitator, 'board:snapshot', {}));

    for (const [client, role] of [[wide, 'screen'], [inSub, 'venue screen'], [phone, 'phone']] as const) {
      for (const [event, payload] of facilitatorEvents(s, ann.participant.id)) {
        const ack = await request(client, event, payload);
        expect(ack, `${event} from the ${role}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
    const after = await snapshot(facilitator);
    expect(after.stage).toEqual(before.stage);
    expect(after.session).toEqual(before.session);
    expect(after.firstPage.participants).toEqual(before.firstPage.participants);
    expect(expectOk(await request(facilitator, 'board:snapshot', {})).phase).toEqual(boardBefore.phase);
    // No link was replaced: the venue's and the session-wide screen links and the console's still connect.
    await screenWith(s, venueToken(s, 0));
    await screenWith(s, s.screenToken);
    await facilitatorOf(s);
  });

  it("rotating a venue's screen link closes that venue's screens only; the old link stops working", async () => {
    const s = await session();
    const facilitator = await facilitatorOf(s);
    const mainScreens = [await screenWith(s, venueToken(s, 0)), await screenWith(s, venueToken(s, 0))];
    const subScreen = await screenWith(s, venueToken(s, 1));
    const wide = await screenWith(s, s.screenToken);

    const kicked = mainScreens.map((c) => nextEvent(c, 'session:kicked'));
    const gone = mainScreens.map((c) => new Promise<string>((resolve) => c.once('disconnect', resolve)));
    const link = expectOk(await request(facilitator, 'venue:rotateScreenLink', { venueId: venueIdOf(s, 0) }));
    expect(link.venueId).toBe(venueIdOf(s, 0));
    expect(link.screenToken).not.toBe(venueToken(s, 0));
    expect(link.screenUrl).toBe(`${live.app.server.publicUrl}/s/${s.code}#key=${link.screenToken}`);
    for (const [notice] of await Promise.all(kicked)) expect(notice).toEqual({ reason: 'token_revoked' });
    expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);

    // The other screens stay connected and working.
    expect((await stage(subScreen)).myVenueId).toBe(venueIdOf(s, 1));
    expect((await stage(wide)).myVenueId).toBeNull();
    expect(subScreen.connected && wide.connected).toBe(true);

    await expect(connectClient(url(), { role: 'screen', code: s.code, token: venueToken(s, 0) })).rejects.toMatchObject({ code: 'unauthorized' });
    const fresh = await screenWith(s, link.screenToken);
    expect((await stage(fresh)).myVenueId).toBe(venueIdOf(s, 0));
    // A venue link never opens the console.
    await expect(connectClient(url(), { role: 'facilitator', code: s.code, token: link.screenToken })).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });

  it('switches all screens or one venue, and each screen sees its own view', async () => {
    const s = await session();
    const [main, sub] = [venueIdOf(s, 0), venueIdOf(s, 1)];
    const facilitator = await facilitatorOf(s);
    const mainScreen = await screenWith(s, venueToken(s, 0));
    const subScreen = await screenWith(s, venueToken(s, 1));
    const wide = await screenWith(s, s.screenToken);
    const screens = [mainScreen, subScreen, wide];
    const viewOf = async (c: TestClient) => screenViewFor(await stage(c));

    // One venue: only the venue list changes; the ceremony's own view stays.
    const wideCeremony: string[] = [];
    wide.on('ceremony:changed', (state) => wideCeremony.push(state.view));
    let venuesHeard = screens.map((c) => nextEvent(c, 'venues:changed'));
    const one = expectOk(await request(facilitator, 'screen:switch', { view: 'board', venueId: sub }));
    expect(one.venues.map((v) => v.view)).toEqual(['ceremony', 'board']);
    for (const [venues] of await Promise.all(venuesHeard)) expect(venues.map((v) => [v.id, v.view])).toEqual([[main, 'ceremony'], [sub, 'board']]);
    expect(await Promise.all(screens.map(viewOf))).toEqual(['ceremony', 'board', 'ceremony']);
    expect(wideCeremony).toEqual([]);

    // All screens at once.
    const ceremonyHeard = screens.map((c) => nextEvent(c, 'ceremony:changed'));
    venuesHeard = screens.map((c) => nextEvent(c, 'venues:changed'));
    expectOk(await request(facilitator, 'screen:switch', { view: 'board' }));
    for (const [state] of await Promise.all(ceremonyHeard)) expect(state.view).toBe('board');
    for (const [venues] of await Promise.all(venuesHeard)) expect(venues.every((v) => v.view === 'board')).toBe(true);
    expect(await Promise.all(screens.map(viewOf))).toEqual(['board', 'board', 'board']);

    // Back to one venue on the ceremony, then bad requests change nothing.
    expectOk(await request(facilitator, 'screen:switch', { view: 'ceremony', venueId: main }));
    const before = await stage(facilitator);
    for (const [payload, code] of [
      [{ view: 'ceremony', venueId: 'AAAAAAAAAAAAAAAAAA' }, 'not_found'],
      [{ view: 'slides' }, 'bad_request'],
      [{}, 'bad_request'],
      [{ view: 'board', venueId: 7 }, 'bad_request'],
    ] as const) {
      expect(await request(facilitator, 'screen:switch', payload)).toMatchObject({ ok: false, error: { code } });
    }
    expect(await stage(facilitator)).toEqual(before);
    expect(await Promise.all(screens.map(viewOf))).toEqual(['ceremony', 'board', 'board']);
  });

  it('runs the finale and restarts the ceremony on every screen and phone', async () => {
    const s = await session();
    const facilitator = await facilitatorOf(s);
    const screen = await screenWith(s, venueToken(s, 1));
    const ann = await joinVenue(s, 'Ann');
    const phone = track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken }));
    expectOk(await request(facilitator, 'screen:switch', { view: 'board', venueId: venueIdOf(s, 1) }));

    let heard = [screen, phone].map((c) => nextEvent(c, 'ceremony:changed'));
    const finale = expectOk(await request(facilitator, 'ceremony:finale', { message: '  创意之球 \n Ball of creativity ' }));
    expect(finale).toMatchObject({ stage: 'finale', message: '创意之球 \n Ball of creativity', view: 'ceremony' });
    for (const [state] of await Promise.all(heard)) expect(state).toEqual(finale);

    // No message: screens show the title.
    expect(expectOk(await request(facilitator, 'ceremony:finale', {})).message).toBeNull();
    expect(expectOk(await request(facilitator, 'ceremony:finale', { message: '   ' })).message).toBeNull();
    const before = await stage(facilitator);
    for (const payload of [{ message: 'x'.repeat(121) }, { message: 5 }, { title: 'x' }]) {
      expect(await request(facilitator, 'ceremony:finale', payload)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(await request(facilitator, 'ceremony:start', { again: true })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await stage(facilitator)).toEqual(before);

    heard = [screen, phone].map((c) => nextEvent(c, 'ceremony:changed'));
    const venuesHeard = nextEvent(screen, 'venues:changed');
    const started = expectOk(await request(facilitator, 'ceremony:start', {}));
    expect(started).toMatchObject({ stage: 'gathering', message: null, view: 'ceremony' });
    for (const [state] of await Promise.all(heard)) expect(state).toEqual(started);
    expect((await venuesHeard)[0].every((v) => v.view === 'ceremony')).toBe(true);
    expect(screenViewFor(await stage(screen))).toBe('ceremony');
  });

  it('hides a face on every screen and 404s its photo until shown again; a removed photo reaches screens too', async () => {
    const s = await session();
    const facilitator = await facilitatorOf(s);
    const screens = [await screenWith(s, venueToken(s, 0)), await screenWith(s, venueToken(s, 1))];
    const ann = await joinVenue(s, 'Ann', venueIdOf(s, 1));
    const png = await QRCode.toBuffer('face', { width: 128, margin: 0, type: 'png' });
    const put = await fetch(`${url()}/api/sessions/${s.code}/participants/me/photo?consent=yes`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ann.participantToken}`, 'content-type': 'image/png' },
      body: png,
    });
    const { photoVersion } = (await put.json()) as ParticipantPublic;
    const photoUrl = `${url()}/api/sessions/${s.code}/participants/${ann.participant.id}/photo`;
    const versioned = `${photoUrl}?v=${photoVersion}`;
    expect((await fetch(versioned)).status).toBe(200);

    // Ann's own phone hears it too, so it can tell her; Bob's phone never hears about Ann.
    const annPhone = track(await connectClient(url(), { role: 'participant', code: s.code, token: ann.participantToken }));
    const bob = await joinVenue(s, 'Bob', venueIdOf(s, 0));
    const bobPhone = track(await connectClient(url(), { role: 'participant', code: s.code, token: bob.participantToken }));
    const bobHeard: unknown[] = [];
    bobPhone.on('participant:updated', (p) => bobHeard.push(p));
    let heard = [...screens, annPhone].map((c) => nextEvent(c, 'participant:updated'));
    const hidden = expectOk(await request(facilitator, 'face:hide', { participantId: ann.participant.id, hidden: true }));
    expect(hidden).toMatchObject({ id: ann.participant.id, faceHidden: true });
    for (const [participant] of await Promise.all(heard)) expect(participant).toMatchObject({ id: ann.participant.id, faceHidden: true });
    // A round trip on Bob's socket: anything broadcast before it has arrived by now.
    await snapshot(bobPhone);
    expect(bobHeard).toEqual([]);
    expect((await fetch(versioned)).status).toBe(404);
    expect((await fetch(photoUrl)).status).toBe(404);
    // Screens that connect later learn it from the roster.
    const late = await screenWith(s, s.screenToken);
    expect((await snapshot(late)).firstPage.participants.find((p) => p.id === ann.participant.id)?.faceHidden).toBe(true);

    heard = screens.map((c) => nextEvent(c, 'participant:updated'));
    expectOk(await request(facilitator, 'face:hide', { participantId: ann.participant.id, hidden: false }));
    for (const [participant] of await Promise.all(heard)) expect(participant.faceHidden).toBe(false);
    const shown = await fetch(versioned);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('cache-control')).toContain('immutable');

    for (const [payload, code] of [
      [{ participantId: 'AAAAAAAAAAAAAAAAAA', hidden: true }, 'not_found'],
      [{ participantId: ann.participant.id, hidden: 'yes' }, 'bad_request'],
      [{ participantId: ann.participant.id }, 'bad_request'],
    ] as const) {
      expect(await request(facilitator, 'face:hide', payload)).toMatchObject({ ok: false, error: { code } });
    }
    expect((await fetch(versioned)).status).toBe(200);

    heard = screens.map((c) => nextEvent(c, 'participant:updated'));
    const removed = await fetch(`${url()}/api/sessions/${s.code}/participants/me/photo`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ann.participantToken}` },
    });
    expect(removed.status).toBe(200);
    for (const [participant] of await Promise.all(heard)) expect(participant).toMatchObject({ id: ann.participant.id, photoVersion: null });
    expect((await fetch(versioned)).status).toBe(404);
  });

  it('keeps venues, views, the ceremony, hidden faces and venue screen links across a restart', async () => {
    const s = await session();
    const [main, sub] = [venueIdOf(s, 0), venueIdOf(s, 1)];
    let facilitator = await facilitatorOf(s);
    const ann = await joinVenue(s, 'Ann', sub);
    await joinVenue(s, 'Bob');
    expectOk(await request(facilitator, 'venue:rename', { venueId: sub, name: 'Sub-venue Z' }));
    expectOk(await request(facilitator, 'screen:switch', { view: 'board', venueId: sub }));
    expectOk(await request(facilitator, 'ceremony:finale', { message: 'Together' }));
    expectOk(await request(facilitator, 'face:hide', { participantId: ann.participant.id, hidden: true }));
    const rotated = expectOk(await request(facilitator, 'venue:rotateScreenLink', { venueId: main }));
    const before = await stage(facilitator);
    live.closeTracked();

    await live.app.restart();

    facilitator = await facilitatorOf(s);
    const after = await snapshot(facilitator);
    // The restarted server listens on another port, so only its links differ.
    const withoutLinks = (st: StageSnapshot) => ({ ...st, venues: st.venues.map(({ id, name, view }) => ({ id, name, view })) });
    expect(withoutLinks(after.stage)).toEqual(withoutLinks(before));
    expect(after.stage.venues.map((v) => v.name)).toEqual([s.venues[0]?.name, 'Sub-venue Z']);
    expect(after.stage.venueCounts).toEqual({ [main]: 1, [sub]: 1 });
    expect(after.stage.ceremony).toMatchObject({ stage: 'finale', message: 'Together' });
    expect(after.firstPage.participants.find((p) => p.id === ann.participant.id)?.faceHidden).toBe(true);
    const subScreen = await screenWith(s, venueToken(s, 1));
    expect(screenViewFor(await stage(subScreen))).toBe('board');
    expect((await stage(await screenWith(s, rotated.screenToken))).myVenueId).toBe(main);
    await expect(connectClient(url(), { role: 'screen', code: s.code, token: venueToken(s, 0) })).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
