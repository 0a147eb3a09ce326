import { ADMIN_FAILURES_PER_IP, SESSIONS_PER_IP_PER_HOUR } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../testing/harness.js';

const ADMIN = 'the-real-admin-token-2026';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ adminToken: ADMIN });
});
afterAll(() => app.dispose());

const create = (authorization?: string) =>
  api<{ error?: { code: string } }>(app.server.url, 'POST', '/api/sessions', { title: 'Hall A', language: 'en' }, authorization ? { authorization } : {});

describe('the admin token', () => {
  it('keeps wrong tokens from spending the admin budget, throttles them, and always lets the admin in', async () => {
    // More wrong attempts from the admin's own address than the whole session budget holds.
    let throttled = 0;
    for (let i = 0; i < SESSIONS_PER_IP_PER_HOUR + 10; i++) {
      const wrong = await create(`Bearer guess-${i}-xxxxxxxxxxxx`);
      expect([401, 429]).toContain(wrong.status);
      if (wrong.status === 429) throttled++;
    }
    expect(throttled).toBe(SESSIONS_PER_IP_PER_HOUR + 10 - ADMIN_FAILURES_PER_IP);
    const missing = await create();
    expect(missing.status).toBe(429);
    // The admin, from the same address, still creates sessions.
    const ok = await create(`Bearer ${ADMIN}`);
    expect(ok.status).toBe(201);
    const again = await create(`bearer ${ADMIN}`);
    expect(again.status).toBe(201);
  });
});
