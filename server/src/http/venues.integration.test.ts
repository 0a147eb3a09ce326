import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  type ApiError,
  type CreatedSession,
  type JoinedSession,
  type SessionInfo,
  VENUES_MAX,
  VENUE_NAME_MAX_CHARS,
} from '@ideasphere/shared';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, api, startTestApp } from '../testing/harness.js';

type ErrorBody = { error: ApiError };
const run = promisify(execFile);

/** zbarimg (zbar-tools) decodes what a phone camera would read; absent, that one test is skipped. */
const zbarAvailable = await run('zbarimg', ['--version']).then(
  () => true,
  () => false,
);

describe('venues over HTTP', () => {
  let app: TestApp;
  let base: string;
  beforeAll(async () => {
    app = await startTestApp();
    base = app.server.url;
  });
  afterAll(() => app.dispose());

  async function created(body: Record<string, unknown>): Promise<CreatedSession> {
    const res = await api<CreatedSession>(base, 'POST', '/api/sessions', body);
    expect(res.status).toBe(201);
    return res.body;
  }

  it('creates a session with its venues, each with a join link, QR codes and a screen link', async () => {
    const s = await created({ title: 'Launch', language: 'en', venues: ['  主会场 ', 'Sub-venue A'] });
    expect(s.venues.map((v) => v.name)).toEqual(['主会场', 'Sub-venue A']);
    expect(s.venueScreens.map((l) => l.venueId)).toEqual(s.venues.map((v) => v.id));
    const tokens = new Set([s.screenToken, s.facilitatorToken, ...s.venueScreens.map((l) => l.screenToken)]);
    expect(tokens.size).toBe(4);
    for (const [i, venue] of s.venues.entries()) {
      expect(venue).toEqual({
        id: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
        name: venue.name,
        view: 'ceremony',
        joinUrl: `${app.server.publicUrl}/j/${s.code}?v=${venue.id}`,
        qrPngUrl: `${app.server.publicUrl}/api/sessions/${s.code}/qr.png?v=${venue.id}`,
        qrSvgUrl: `${app.server.publicUrl}/api/sessions/${s.code}/qr.svg?v=${venue.id}`,
      });
      const link = s.venueScreens[i];
      expect(link?.screenUrl).toBe(`${app.server.publicUrl}/s/${s.code}#key=${link?.screenToken}`);
    }
    const info = await api<SessionInfo>(base, 'GET', `/api/sessions/${s.code}`);
    expect(info.body.venues).toEqual(s.venues);
    expect(info.body.venueCounts).toEqual({ [s.venues[0]?.id ?? '']: 0, [s.venues[1]?.id ?? '']: 0 });
    // Venue secrets are shown once: never in what anyone can read later.
    for (const link of s.venueScreens) expect(JSON.stringify(info.body)).not.toContain(link.screenToken);
  });

  it('names the one default venue in the session language', async () => {
    expect((await created({ title: 'x', language: 'en' })).venues.map((v) => v.name)).toEqual(['Main venue']);
    const zh = await created({ title: 'x' });
    expect(zh.venues.map((v) => v.name)).toEqual(['主会场']);
    expect(zh.venueScreens).toHaveLength(1);
  });

  it.each([
    ['no venues', []],
    ['too many venues', Array.from({ length: VENUES_MAX + 1 }, (_, i) => `Hall ${i}`)],
    ['duplicate names', ['Hall A', 'hall a']],
    ['an empty name', ['Hall A', '  ']],
    ['a name too long', ['x'.repeat(VENUE_NAME_MAX_CHARS + 1)]],
    ['a name that is not text', [7]],
    ['not a list', 'Hall A'],
  ])('refuses a venue list with %s and stores nothing', async (_label, venues) => {
    const res = await api<ErrorBody>(base, 'POST', '/api/sessions', { title: 'Refused', venues });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(Object.keys(res.body.error.fields ?? {}).some((field) => field.startsWith('venues'))).toBe(true);
  });

  it('accepts exactly VENUES_MAX venues', async () => {
    const s = await created({ title: 'Many', venues: Array.from({ length: VENUES_MAX }, (_, i) => `Hall ${i}`) });
    expect(s.venues).toHaveLength(VENUES_MAX);
  });

  it("serves each venue's QR code for its own join URL; an unknown venue is 404", async () => {
    const s = await created({ title: 'QR', venues: ['A', 'B'] });
    const options = { errorCorrectionLevel: 'H', margin: 4, type: 'svg' } as const;
    for (const venue of s.venues) {
      const svg = await fetch(venue.qrSvgUrl.replace(app.server.publicUrl, base));
      expect(svg.status).toBe(200);
      expect(svg.headers.get('content-type')).toContain('image/svg+xml');
      expect(await svg.text()).toBe(await QRCode.toString(`${s.joinUrl}?v=${venue.id}`, options));
      const png = await fetch(venue.qrPngUrl.replace(app.server.publicUrl, base));
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    }
    // Without ?v=, the plain join URL as before.
    const plain = await fetch(`${base}/api/sessions/${s.code}/qr.svg`);
    expect(await plain.text()).toBe(await QRCode.toString(s.joinUrl, options));
    for (const v of ['AAAAAAAAAAAAAAAAAA', 'not a venue!', '']) {
      const res = await fetch(`${base}/api/sessions/${s.code}/qr.png?v=${encodeURIComponent(v)}`);
      expect(res.status).toBe(404);
    }
    // Another session's venue is unknown here.
    const other = await created({ title: 'Other' });
    expect((await fetch(`${base}/api/sessions/${s.code}/qr.svg?v=${other.venues[0]?.id}`)).status).toBe(404);
  });

  it.skipIf(!zbarAvailable)('venue QR PNGs decode (zbarimg) to the venue join URL', async () => {
    const s = await created({ title: 'Scan me', venues: ['主会场', 'Sub-venue A'] });
    const dir = await mkdtemp(path.join(tmpdir(), 'ideasphere-qr-'));
    try {
      for (const venue of s.venues) {
        const file = path.join(dir, `${venue.id}.png`);
        await writeFile(file, Buffer.from(await (await fetch(venue.qrPngUrl.replace(app.server.publicUrl, base))).arrayBuffer()));
        const { stdout } = await run('zbarimg', ['--quiet', '--raw', file]);
        expect(stdout.trim()).toBe(venue.joinUrl);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('records the venue a participant joins from; unknown venues are refused and nothing is stored', async () => {
    const s = await created({ title: 'Joins', venues: ['Main', 'Sub'] });
    const [main, sub] = [s.venues[0]?.id ?? '', s.venues[1]?.id ?? ''];
    const joinAs = (body: Record<string, unknown>) => api<JoinedSession & ErrorBody>(base, 'POST', `/api/sessions/${s.code}/participants`, body);

    const inSub = await joinAs({ name: 'Ann', venueId: sub });
    expect(inSub.status).toBe(201);
    expect(inSub.body.participant).toMatchObject({ venueId: sub, faceHidden: false });
    const noVenue = await joinAs({ name: 'Bob' });
    expect(noVenue.body.participant.venueId).toBe(main);

    const other = await created({ title: 'Other' });
    for (const venueId of [other.venues[0]?.id, 'AAAAAAAAAAAAAAAAAA', 'bad id!', 42, null]) {
      const refused = await joinAs({ name: 'Cy', venueId });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('bad_request');
      expect(Object.keys(refused.body.error.fields ?? {})).toContain('venueId');
    }
    const info = await api<SessionInfo>(base, 'GET', `/api/sessions/${s.code}`);
    expect(info.body.participantCount).toBe(2);
    expect(info.body.venueCounts).toEqual({ [main]: 1, [sub]: 1 });
  });
});
