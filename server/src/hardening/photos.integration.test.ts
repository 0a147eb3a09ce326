import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, join, startTestApp, type TestApp } from '../testing/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.dispose());

const PAYLOAD = '<html><script>alert(document.cookie)</script></html>';

/** A real 96×96 photo of the given type, with extra bytes appended or EXIF attached. */
async function photo(format: 'jpeg' | 'png' | 'webp', options: { appended?: string; exif?: boolean } = {}): Promise<Buffer> {
  let image = sharp({ create: { width: 96, height: 96, channels: 3, background: { r: 200, g: 90, b: 40 } } });
  if (options.exif) image = image.withExif({ IFD0: { ImageDescription: PAYLOAD, Artist: 'GPS 31.2304N 121.4737E' } });
  const encoded = await image.toFormat(format).toBuffer();
  return options.appended ? Buffer.concat([encoded, Buffer.from(options.appended)]) : encoded;
}

async function upload(code: string, token: string, type: string, body: Buffer) {
  const res = await fetch(`${app.server.url}/api/sessions/${code}/participants/me/photo?consent=yes`, {
    method: 'PUT',
    headers: { 'content-type': type, authorization: `Bearer ${token}` },
    body,
  });
  return { status: res.status, body: (await res.json()) as { id: string; photoVersion: string } };
}

describe('stored photos', () => {
  it.each(['jpeg', 'png', 'webp'] as const)('keeps only the pixels of a %s that carries HTML after the image or in its metadata', async (format) => {
    const { code } = await createSession(app.server.url);
    const { participant, participantToken } = await join(app.server.url, code, 'Ann');
    for (const tampered of [await photo(format, { appended: PAYLOAD }), await photo(format, { exif: true })]) {
      expect(tampered.includes(Buffer.from('<script>')) || (await sharp(tampered).metadata()).exif !== undefined).toBe(true);
      const put = await upload(code, participantToken, `image/${format}`, tampered);
      expect(put.status).toBe(200);
      const served = Buffer.from(
        await (await fetch(`${app.server.url}/api/sessions/${code}/participants/${participant.id}/photo?v=${put.body.photoVersion}`)).arrayBuffer(),
      );
      expect(served.includes(Buffer.from('script'))).toBe(false);
      expect(served.includes(Buffer.from('GPS'))).toBe(false);
      const metadata = await sharp(served).metadata();
      expect(metadata).toMatchObject({ format, width: 96, height: 96 });
      expect(metadata.exif).toBeUndefined();
    }
  });

  it('refuses a file whose header says image but whose pixels do not decode', async () => {
    const { code } = await createSession(app.server.url);
    const { participantToken } = await join(app.server.url, code, 'Ann');
    const whole = await photo('png');
    // Header and size intact, image data cut short.
    const truncated = whole.subarray(0, Math.floor(whole.length / 2));
    expect((await upload(code, participantToken, 'image/png', truncated)).status).toBe(415);
  });
});
