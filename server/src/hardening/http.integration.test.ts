import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLog } from '../logger.js';
import { createSession, startTestApp, type TestApp } from '../testing/harness.js';
import { rawHttp, statusOf } from '../testing/rawHttp.js';

let app: TestApp;
let clientDist: string;
const { log, records } = capturedLog();

beforeAll(async () => {
  // A stand-in for the Vite build: the pages and one hashed asset with its source map.
  clientDist = await mkdtemp(path.join(tmpdir(), 'ideasphere-client-'));
  await mkdir(path.join(clientDist, 'assets'));
  for (const page of ['index.html', 'join.html', 'screen.html', 'proposal.html']) {
    await writeFile(path.join(clientDist, page), `<!doctype html><title>${page}</title><div id="root"></div>`);
  }
  await writeFile(path.join(clientDist, 'assets', 'join-abc123.js'), 'console.log(1)');
  await writeFile(path.join(clientDist, 'assets', 'join-abc123.js.map'), '{"version":3}');
  app = await startTestApp({ clientDist, log });
});

afterAll(async () => {
  await app.dispose();
  await rm(clientDist, { recursive: true, force: true });
});

const get = (pathname: string) => fetch(`${app.server.url}${pathname}`);

describe('HTTP responses', () => {
  it('sends a CSP that forbids framing and foreign scripts, nosniff and no referrer on pages', async () => {
    for (const page of ['/', '/j/ABCDEF', '/s/ABCDEF', '/p/abc']) {
      const res = await get(page);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    // An API answer is never a page: the short set an API needs, not the page's dozen headers.
    const api = await get('/api/sessions/ZZZZZZ');
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
    expect(api.headers.get('x-frame-options')).toBe('DENY');
    expect(api.headers.get('referrer-policy')).toBe('no-referrer');
    expect(api.headers.get('cross-origin-resource-policy')).toBe('same-site');
    expect(api.headers.get('x-dns-prefetch-control')).toBeNull();
  });

  it('serves assets but never their source maps', async () => {
    expect((await get('/assets/join-abc123.js')).status).toBe(200);
    const map = await get('/assets/join-abc123.js.map');
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('version');
    // However the path is spelled: an encoded slash or letter, an encoded dot, upper case.
    for (const target of ['/assets%2Fjoin-abc123.js.map', '/%61ssets/join-abc123.js.map', '/assets/join-abc123.js%2emap', '/assets/join-abc123.js.MAP']) {
      const { response } = await rawHttp(app.server.url, `GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      expect(statusOf(response), target).toBe(404);
      expect(response, target).not.toContain('"version"');
    }
  });

  it('answers paths and methods nobody serves with the JSON 404 of the API', async () => {
    for (const [method, target] of [['GET', '/nope'], ['GET', '/j/ABCDEF/extra'], ['POST', '/j/ABCDEF'], ['DELETE', '/'], ['PATCH', '/api/sessions']]) {
      const res = await fetch(`${app.server.url}${target}`, { method });
      expect(res.status, `${method} ${target}`).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(await res.json()).toMatchObject({ error: { code: 'not_found', reason: 'route_not_found' } });
    }
  });

  it('answers a missing asset 404 and a malformed percent-encoding 400, logging no stack', async () => {
    records.length = 0;
    const missing = await get('/assets/nope-000.js');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    for (const target of ['/j/%E0%A4%A', '/api/sessions/%zz', '/p/%', '/assets/%c0']) {
      const { response } = await rawHttp(app.server.url, `GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      expect([400, 404], target).toContain(statusOf(response));
    }
    const s = await createSession(app.server.url);
    expect((await get(`/api/sessions/${s.code}/participants/%E0%A4%A/photo`)).status).toBe(400);
    // Nothing logged at error level (50) or above: the client's mistakes are not the server's.
    expect(records.filter((record) => record.level >= 50)).toEqual([]);
  });
});

describe('what one address can hold', () => {
  it('closes connections beyond the per-address cap and accepts again once one closes', async () => {
    const capped = await startTestApp({ connectionsPerIpMax: 4 });
    try {
      const { hostname, port } = new URL(capped.server.url);
      const held = await Promise.all(
        Array.from({ length: 4 }, () => new Promise<Socket>((resolve) => {
          const socket = connect(Number(port), hostname, () => resolve(socket));
        })),
      );
      // Wait until the server has counted all four (a request on one of them comes back).
      const first = held[0] as Socket;
      const answered = new Promise<string>((resolve) => first.once('data', (chunk) => resolve(String(chunk))));
      first.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
      expect(statusOf(await answered)).toBe(200);
      const refused = await rawHttp(capped.server.url, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      expect(refused).toEqual({ response: '', closed: true });
      const closing = new Promise((resolve) => first.once('close', resolve));
      first.destroy();
      await closing;
      let accepted = await rawHttp(capped.server.url, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      // The server may see the close a moment after the client does.
      for (let i = 0; i < 20 && statusOf(accepted.response) === null; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        accepted = await rawHttp(capped.server.url, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      }
      expect(statusOf(accepted.response)).toBe(200);
      for (const socket of held) socket.destroy();
    } finally {
      await capped.dispose();
    }
  });

  it('cuts off a request whose body trickles in too slowly', async () => {
    const quick = await startTestApp({ httpRequestTimeoutMs: 1_000 });
    try {
      const s = await createSession(quick.server.url);
      // Headers promise 2 KB, then nothing more comes: the server answers 408 and closes.
      const { response, closed } = await rawHttp(
        quick.server.url,
        `POST /api/sessions/${s.code}/participants HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2048\r\n\r\n{"name":`,
        10_000,
      );
      expect(closed).toBe(true);
      expect(statusOf(response)).toBe(408);
    } finally {
      await quick.dispose();
    }
  });
});
