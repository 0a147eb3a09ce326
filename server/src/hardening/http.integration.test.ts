import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, startTestApp, type TestApp } from '../testing/harness.js';
import { rawHttp, statusOf } from '../testing/rawHttp.js';

let app: TestApp;
let clientDist: string;
const logged: string[] = [];

beforeAll(async () => {
  // A stand-in for the Vite build: the pages and one hashed asset with its source map.
  clientDist = await mkdtemp(path.join(tmpdir(), 'ideasphere-client-'));
  await mkdir(path.join(clientDist, 'assets'));
  for (const page of ['index.html', 'join.html', 'screen.html', 'proposal.html']) {
    await writeFile(path.join(clientDist, page), `<!doctype html><title>${page}</title><div id="root"></div>`);
  }
  await writeFile(path.join(clientDist, 'assets', 'join-abc123.js'), 'console.log(1)');
  await writeFile(path.join(clientDist, 'assets', 'join-abc123.js.map'), '{"version":3}');
  app = await startTestApp({ clientDist, log: (message) => logged.push(message) });
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
    const api = await get('/api/sessions/ZZZZZZ');
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets but never their source maps', async () => {
    expect((await get('/assets/join-abc123.js')).status).toBe(200);
    const map = await get('/assets/join-abc123.js.map');
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('version');
  });

  it('answers a missing asset 404 and a malformed percent-encoding 400, logging no stack', async () => {
    logged.length = 0;
    const missing = await get('/assets/nope-000.js');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    for (const target of ['/j/%E0%A4%A', '/api/sessions/%zz', '/p/%', '/assets/%c0']) {
      const { response } = await rawHttp(app.server.url, `GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      expect([400, 404], target).toContain(statusOf(response));
    }
    const s = await createSession(app.server.url);
    expect((await get(`/api/sessions/${s.code}/participants/%E0%A4%A/photo`)).status).toBe(400);
    expect(logged.filter((line) => line.includes('internal error'))).toEqual([]);
  });
});
