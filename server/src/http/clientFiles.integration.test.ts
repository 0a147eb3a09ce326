import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/harness.js';

let app: TestApp;
let clientDist: string;

/** Big enough to be worth compressing, like a real chunk. */
const script = `export function hello(name) { return 'hello ' + name; }\n`.repeat(200);
const page = `<!doctype html><html><head><title>IdeaSphere</title></head><body><div id="root"></div>${'<!-- pad -->'.repeat(100)}</body></html>`;
/** A file the build left uncompressed: the server must send it as it is, never compress it itself. */
const unprecompressed = `.rule { color: red; }\n`.repeat(200);

beforeAll(async () => {
  // A stand-in for the Vite build with the copies its precompress plugin writes.
  clientDist = await mkdtemp(path.join(tmpdir(), 'ideasphere-client-'));
  await mkdir(path.join(clientDist, 'assets'));
  const withCopies = async (file: string, text: string) => {
    await writeFile(path.join(clientDist, file), text);
    await writeFile(path.join(clientDist, `${file}.br`), brotliCompressSync(text));
    await writeFile(path.join(clientDist, `${file}.gz`), gzipSync(text));
  };
  for (const name of ['index.html', 'join.html', 'screen.html', 'proposal.html']) await withCopies(name, page);
  await withCopies('assets/join-abc123.js', script);
  await withCopies('sw.js', script);
  await writeFile(path.join(clientDist, 'assets', 'tiny-abc123.js'), 'x');
  await writeFile(path.join(clientDist, 'assets', 'plain-abc123.css'), unprecompressed);
  app = await startTestApp({ clientDist });
});

afterAll(async () => {
  await app.dispose();
  await rm(clientDist, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they came over the wire, not decoded. */
  body: Buffer;
}

/** A request through node:http, which neither adds Accept-Encoding nor decodes the body (fetch does both). */
function raw(pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${app.server.url}${pathname}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Chromium's own header: gzip comes first in it, yet brotli is smaller. */
const CHROMIUM = 'gzip, deflate, br, zstd';

describe('precompressed client files', () => {
  it('sends brotli to a browser that accepts it, with the headers a cache needs', async () => {
    const res = await raw('/assets/join-abc123.js', { 'accept-encoding': CHROMIUM });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers.vary).toContain('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // Security headers still on every file.
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends gzip when brotli is not accepted or refused with q=0', async () => {
    for (const accept of ['gzip', 'gzip, deflate', 'br;q=0, gzip', 'gzip;q=1, br;q=0.5', 'deflate, gzip;q=0.4']) {
      const res = await raw('/assets/join-abc123.js', { 'accept-encoding': accept });
      expect(res.headers['content-encoding'], accept).toBe('gzip');
      expect(Number(res.headers['content-length']), accept).toBe(res.body.length);
      expect(gunzipSync(res.body).toString(), accept).toBe(script);
    }
  });

  it('sends the file as it is for identity, no header, or every compression refused', async () => {
    const variants: Record<string, string>[] = [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }, { 'accept-encoding': 'deflate' }, { 'accept-encoding': '*;q=0' }];
    for (const headers of variants) {
      const label = JSON.stringify(headers);
      const res = await raw('/assets/join-abc123.js', headers);
      expect(res.status, label).toBe(200);
      expect(res.headers['content-encoding'], label).toBeUndefined();
      expect(res.headers.vary, label).toContain('Accept-Encoding');
      expect(res.headers['content-type'], label).toBe('text/javascript; charset=utf-8');
      expect(Number(res.headers['content-length']), label).toBe(Buffer.byteLength(script));
      expect(res.body.toString(), label).toBe(script);
    }
  });

  it('gives each encoding its own ETag and answers 304 only for the one the browser holds', async () => {
    const etags = new Map<string, string>();
    for (const accept of ['br', 'gzip', 'identity']) {
      const res = await raw('/assets/join-abc123.js', { 'accept-encoding': accept });
      etags.set(accept, String(res.headers.etag));
    }
    expect(new Set(etags.values()).size).toBe(3);
    const cached = await raw('/assets/join-abc123.js', { 'accept-encoding': CHROMIUM, 'if-none-match': etags.get('br') ?? '' });
    expect(cached.status).toBe(304);
    expect(cached.body.length).toBe(0);
    // A gzip copy held by a proxy is not the brotli one this request gets.
    const other = await raw('/assets/join-abc123.js', { 'accept-encoding': CHROMIUM, 'if-none-match': etags.get('gzip') ?? '' });
    expect(other.status).toBe(200);
    expect(other.headers['content-encoding']).toBe('br');
  });

  it('serves the pages precompressed too, revalidated on every load', async () => {
    for (const target of ['/j/ABCDEF', '/j', '/', '/s/ABCDEF', '/p/abc', '/join.html']) {
      const res = await raw(target, { 'accept-encoding': CHROMIUM });
      expect(res.status, target).toBe(200);
      expect(res.headers['content-encoding'], target).toBe('br');
      expect(res.headers['content-type'], target).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control'], target).toBe('no-cache');
      expect(String(res.headers['content-security-policy']), target).toContain("script-src 'self'");
      expect(brotliDecompressSync(res.body).toString(), target).toBe(page);
    }
    const plain = await raw('/j/ABCDEF');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(page);
  });

  it('revalidates the service worker script on every load, so a new build reaches phones', async () => {
    const res = await raw('/sw.js', { 'accept-encoding': CHROMIUM });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('answers HEAD with the length of what GET would send, and no body', async () => {
    const head = await raw('/assets/join-abc123.js', { 'accept-encoding': 'gzip' }, 'HEAD');
    const get = await raw('/assets/join-abc123.js', { 'accept-encoding': 'gzip' });
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers['content-length']).toBe(String(get.body.length));
    expect(head.body.length).toBe(0);
  });

  it('never compresses per request: a file without copies goes out as it is, with no Vary', async () => {
    for (const file of ['/assets/plain-abc123.css', '/assets/tiny-abc123.js']) {
      const res = await raw(file, { 'accept-encoding': CHROMIUM });
      expect(res.status, file).toBe(200);
      expect(res.headers['content-encoding'], file).toBeUndefined();
      expect(res.headers.vary, file).toBeUndefined();
    }
    expect((await raw('/assets/plain-abc123.css')).body.toString()).toBe(unprecompressed);
  });

  it('does not serve the compressed copies under their own names', async () => {
    for (const target of ['/assets/join-abc123.js.br', '/assets/join-abc123.js.gz', '/join.html.br']) {
      const res = await raw(target, { 'accept-encoding': CHROMIUM });
      expect(res.status, target).toBe(404);
      expect(res.headers['content-type'], target).toContain('application/json');
      expect(JSON.parse(res.body.toString()), target).toMatchObject({ error: { code: 'not_found' } });
    }
  });
});
