import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../testing/harness.js';
import { rawHttp, statusOf, upgradeRequest } from '../testing/rawHttp.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.dispose();
});

/**
 * Upgrade targets that once made `new URL()` throw inside the upgrade listener, which is not
 * under Express's error handler: the process ended on the first one.
 */
const HOSTILE_TARGETS = ['//', '///', '//[', '//@', '//%', 'http://[::', '/yjs/%', '/yjs/%zz', '/yjs/a%00b', '/%E0%A4%A', '*', '/socket.ioX'];

describe('upgrade requests', () => {
  it.each(HOSTILE_TARGETS)('answers %s with a 4xx and keeps serving', async (target) => {
    const { response } = await rawHttp(app.server.url, upgradeRequest(target));
    const status = statusOf(response);
    expect(status).not.toBeNull();
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    const health = await api(app.server.url, 'GET', '/healthz');
    expect(health.status).toBe(200);
  });

  it('answers an unknown proposal path 404 and a non-/yjs path 404', async () => {
    expect(statusOf((await rawHttp(app.server.url, upgradeRequest('/yjs/nope?token=x'))).response)).toBe(404);
    expect(statusOf((await rawHttp(app.server.url, upgradeRequest('/elsewhere'))).response)).toBe(404);
  });
});
