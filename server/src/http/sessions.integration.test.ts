import {
  type ApiError,
  type CreatedSession,
  DISPLAY_NAME_MAX_CHARS,
  JOIN_CODE_PATTERN,
  JSON_BODY_MAX_BYTES,
  PHOTO_MAX_BYTES,
  PHOTO_MAX_PX,
  type ParticipantPublic,
  type SessionInfo,
} from '@ideasphere/shared';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, api, createSession, join, startTestApp } from '../testing/harness.js';

type ErrorBody = { error: ApiError };

/** A real PNG of about the given size (a QR code is as good an image as any). */
function pngOf(size: number): Promise<Buffer> {
  // A QR code is at least 21 modules wide; below that, draw one pixel per module (21 px).
  return QRCode.toBuffer('photo', size < 21 ? { scale: 1, margin: 0, type: 'png' } : { width: size, margin: 0, type: 'png' });
}

describe('HTTP API', () => {
  let app: TestApp;
  let base: string;
  beforeAll(async () => {
    app = await startTestApp();
    base = app.server.url;
  });
  afterAll(() => app.dispose());

  it('creates a session with a join code, join URL, QR links and secrets', async () => {
    const created = await createSession(base, '  Cost   reduction ideas ');
    expect(created.code).toMatch(JOIN_CODE_PATTERN);
    expect(created.title).toBe('Cost reduction ideas');
    expect(created.joinUrl).toBe(`${app.server.publicUrl}/j/${created.code}`);
    expect(created.facilitatorToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.facilitatorUrl).toContain(`/f/${created.code}#token=`);
    expect(created.screenUrl).toContain(`/s/${created.code}#key=`);
    const info = await api<SessionInfo>(base, 'GET', `/api/sessions/${created.code}`);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ code: created.code, title: 'Cost reduction ideas', participantCount: 0 });
    expect(JSON.stringify(info.body)).not.toContain(created.facilitatorToken);
  });

  it('accepts a lower-case code with spaces', async () => {
    const created = await createSession(base);
    const sloppy = `${created.code.slice(0, 3).toLowerCase()} ${created.code.slice(3).toLowerCase()}`;
    const info = await api<SessionInfo>(base, 'GET', `/api/sessions/${encodeURIComponent(sloppy)}`);
    expect(info.body.code).toBe(created.code);
  });

  it.each([
    ['no title', { language: 'en' }, 'title'],
    ['empty title', { title: '   ' }, 'title'],
    ['title too long', { title: 'x'.repeat(121) }, 'title'],
    ['wrong type', { title: 42 }, 'title'],
    ['unknown language', { title: 'ok', language: 'fr' }, 'language'],
    ['unknown field', { title: 'ok', admin: true }, '(root)'],
  ])('refuses a session body with %s', async (_label, body, field) => {
    const res = await api<ErrorBody>(base, 'POST', '/api/sessions', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(Object.keys(res.body.error.fields ?? {})).toContain(field);
  });

  it('refuses malformed JSON and oversized bodies with clear errors', async () => {
    const malformed = await api<ErrorBody>(base, 'POST', '/api/sessions', '{"title": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/JSON/);
    const huge = await api<ErrorBody>(base, 'POST', '/api/sessions', { title: 'x', description: 'y'.repeat(JSON_BODY_MAX_BYTES) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });

  it('answers unknown and malformed codes and unknown routes clearly', async () => {
    const unknown = await api<ErrorBody>(base, 'GET', '/api/sessions/ZZZZZZ');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const malformed = await api<ErrorBody>(base, 'GET', '/api/sessions/0O1IL!');
    expect(malformed.status).toBe(400);
    const route = await api<ErrorBody>(base, 'GET', '/api/nothing-here');
    expect(route.status).toBe(404);
    expect(route.body.error.code).toBe('not_found');
  });

  it('serves the QR code as PNG and SVG with caching', async () => {
    const { code } = await createSession(base);
    const png = await fetch(`${base}/api/sessions/${code}/qr.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('cache-control')).toContain('max-age');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    const svg = await fetch(`${base}/api/sessions/${code}/qr.svg`);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg/);
    expect((await fetch(`${base}/api/sessions/ZZZZZZ/qr.png`)).status).toBe(404);
  });

  it('joins participants and counts them; refuses bad names without storing anything', async () => {
    const { code } = await createSession(base);
    const joined = await join(base, code, '  王 小明  ');
    expect(joined.participant.name).toBe('王 小明');
    expect(joined.participantToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const body of [{ name: '' }, { name: 'n'.repeat(DISPLAY_NAME_MAX_CHARS + 1) }, { name: 7 }, {}, { name: 'a', role: 'facilitator' }]) {
      const res = await api<ErrorBody>(base, 'POST', `/api/sessions/${code}/participants`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
    // A 40-character Chinese name is fine: limits count characters, not bytes.
    await join(base, code, '创'.repeat(DISPLAY_NAME_MAX_CHARS));
    const info = await api<SessionInfo>(base, 'GET', `/api/sessions/${code}`);
    expect(info.body.participantCount).toBe(2);
    const me = await api<ParticipantPublic>(base, 'GET', `/api/sessions/${code}/participants/me`, undefined, {
      authorization: `Bearer ${joined.participantToken}`,
    });
    expect(me.body.id).toBe(joined.participant.id);
    expect((await api(base, 'POST', '/api/sessions/ZZZZZZ/participants', { name: 'x' })).status).toBe(404);
  });

  it('requires the admin token to create sessions when one is configured', async () => {
    const guarded = await startTestApp({ adminToken: 's3cret-admin-token' });
    try {
      const refused = await api<ErrorBody>(guarded.server.url, 'POST', '/api/sessions', { title: 'x' });
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('unauthorized');
      const wrong = await api(guarded.server.url, 'POST', '/api/sessions', { title: 'x' }, { authorization: 'Bearer nope-nope' });
      expect(wrong.status).toBe(401);
      const ok = await api<CreatedSession>(guarded.server.url, 'POST', '/api/sessions', { title: 'x' }, { authorization: 'Bearer s3cret-admin-token' });
      expect(ok.status).toBe(201);
    } finally {
      await guarded.dispose();
    }
  });

  describe('photos', () => {
    async function putPhoto(code: string, token: string | null, type: string, body: Uint8Array, consent: string | null = 'yes') {
      const headers: Record<string, string> = { 'content-type': type };
      if (token) headers.authorization = `Bearer ${token}`;
      const query = consent === null ? '' : `?consent=${consent}`;
      const res = await fetch(`${base}/api/sessions/${code}/participants/me/photo${query}`, { method: 'PUT', headers, body });
      return { status: res.status, body: (await res.json()) as ParticipantPublic & ErrorBody };
    }

    it('stores a photo only with consent=yes; without it answers consent_required and stores nothing', async () => {
      const { code } = await createSession(base);
      const { participant, participantToken } = await join(base, code, 'Dee');
      const photoUrl = `${base}/api/sessions/${code}/participants/${participant.id}/photo`;
      for (const consent of [null, 'no', 'YES', '1', '']) {
        const refused = await putPhoto(code, participantToken, 'image/png', await pngOf(64), consent);
        expect(refused.status).toBe(400);
        expect(refused.body.error.code).toBe('consent_required');
      }
      expect((await fetch(photoUrl)).status).toBe(404);
      const me = await api<ParticipantPublic>(base, 'GET', `/api/sessions/${code}/participants/me`, undefined, {
        authorization: `Bearer ${participantToken}`,
      });
      expect(me.body.photoVersion).toBeNull();
      // Authentication still comes first: a stranger learns nothing about consent.
      expect((await putPhoto(code, null, 'image/png', await pngOf(64), null)).status).toBe(401);

      const stored = await putPhoto(code, participantToken, 'image/png', await pngOf(64));
      expect(stored.status).toBe(200);
      expect(stored.body.photoVersion).not.toBeNull();
      expect((await fetch(photoUrl)).status).toBe(200);
      // Without consent a replacement is refused and the consented photo stays.
      expect((await putPhoto(code, participantToken, 'image/png', await pngOf(96), null)).status).toBe(400);
      expect((await fetch(`${photoUrl}?v=${stored.body.photoVersion}`)).status).toBe(200);
    });

    it('stores a valid photo, serves it cached by version, and deletes it', async () => {
      const { code } = await createSession(base);
      const { participant, participantToken } = await join(base, code, 'Ann');
      const png = await pngOf(128);
      const put = await putPhoto(code, participantToken, 'image/png', png);
      expect(put.status).toBe(200);
      expect(put.body.photoVersion).toMatch(/^[A-Za-z0-9_-]{16}$/);
      const url = `${base}/api/sessions/${code}/participants/${participant.id}/photo?v=${put.body.photoVersion}`;
      const got = await fetch(url);
      expect(got.headers.get('content-type')).toBe('image/png');
      expect(got.headers.get('cache-control')).toContain('immutable');
      // A fresh encoding of the same pixels: the same size and the same picture.
      const served = Buffer.from(await got.arrayBuffer());
      expect(await sharp(served).metadata()).toMatchObject({ format: 'png', width: 128, height: 128 });
      expect(await sharp(served).raw().toBuffer()).toEqual(await sharp(png).raw().toBuffer());
      const etag = got.headers.get('etag') ?? '';
      expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
      const removed = await fetch(`${base}/api/sessions/${code}/participants/me/photo`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${participantToken}` },
      });
      expect(((await removed.json()) as ParticipantPublic).photoVersion).toBeNull();
      expect((await fetch(url)).status).toBe(404);
    });

    it('refuses missing tokens, wrong types, fake images, bad sizes; keeps the old photo', async () => {
      const { code } = await createSession(base);
      const { participant, participantToken } = await join(base, code, 'Bo');
      const good = await putPhoto(code, participantToken, 'image/png', await pngOf(64));
      expect(good.status).toBe(200);

      expect((await putPhoto(code, null, 'image/png', await pngOf(64))).body.error.code).toBe('unauthorized');
      expect((await putPhoto(code, 'x'.repeat(43), 'image/png', await pngOf(64))).status).toBe(401);
      expect((await putPhoto(code, participantToken, 'image/gif', await pngOf(64))).status).toBe(415);
      expect((await putPhoto(code, participantToken, 'image/jpeg', await pngOf(64))).status).toBe(415);
      expect((await putPhoto(code, participantToken, 'image/png', Buffer.from('<svg onload=alert(1)>'))).status).toBe(415);
      expect((await putPhoto(code, participantToken, 'image/png', await pngOf(16))).status).toBe(400);
      expect((await putPhoto(code, participantToken, 'image/png', await pngOf(PHOTO_MAX_PX + 1))).status).toBe(400);
      expect((await putPhoto(code, participantToken, 'image/png', Buffer.alloc(0))).status).toBe(400);
      const oversize = await putPhoto(code, participantToken, 'image/png', Buffer.alloc(PHOTO_MAX_BYTES + 1, 1));
      expect(oversize.status).toBe(413);

      const me = await api<ParticipantPublic>(base, 'GET', `/api/sessions/${code}/participants/me`, undefined, {
        authorization: `Bearer ${participantToken}`,
      });
      expect(me.body.photoVersion).toBe(good.body.photoVersion);
      expect((await fetch(`${base}/api/sessions/${code}/participants/${participant.id}/photo`)).status).toBe(200);
    });

    it("never accepts one session's participant token in another session", async () => {
      const a = await createSession(base);
      const b = await createSession(base);
      const { participantToken } = await join(base, a.code, 'Cy');
      const res = await putPhoto(b.code, participantToken, 'image/png', await pngOf(64));
      expect(res.status).toBe(401);
      const me = await api<ErrorBody>(base, 'GET', `/api/sessions/${b.code}/participants/me`, undefined, {
        authorization: `Bearer ${participantToken}`,
      });
      expect(me.body.error.code).toBe('unauthorized');
    });
  });

  it('reports health with the store kind', async () => {
    const res = await api<{ ok: boolean; store: string }>(base, 'GET', '/healthz');
    expect(res).toMatchObject({ status: 200, body: { ok: true, store: 'lmdb' } });
  });
});
