import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLog } from './logger.js';
import { type TestApp, api, connectClient, createSession, expectOk, join, request, startTestApp } from './testing/harness.js';

const { log, records } = capturedLog('debug');
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ log });
});
afterAll(() => app.dispose());

describe('the server log', () => {
  it('writes one structured line per request and per event, and never a secret', async () => {
    const s = await createSession(app.server.url);
    const ann = await join(app.server.url, s.code, 'Ann');
    await api(app.server.url, 'GET', `/api/sessions/${s.code}/participants/me?token=${ann.participantToken}`, undefined, {
      authorization: `Bearer ${ann.participantToken}`,
    });
    const phone = await connectClient(app.server.url, { role: 'participant', code: s.code, token: ann.participantToken });
    expectOk(await request(phone, 'board:snapshot', {}));
    expect((await request(phone, 'phase:set', { phase: 'vote' })).ok).toBe(false);
    phone.close();

    const requests = records.filter((r) => r.msg === 'request');
    expect(requests).toContainEqual(expect.objectContaining({ req: expect.objectContaining({ method: 'POST', path: '/api/sessions' }), res: { status: 201 } }));
    // The path is logged without its query string.
    expect(requests).toContainEqual(
      expect.objectContaining({ req: expect.objectContaining({ method: 'GET', path: `/api/sessions/${s.code}/participants/me` }), res: { status: 200 } }),
    );
    const events = records.filter((r) => r.msg === 'event' || r.msg === 'event refused');
    expect(events).toContainEqual(expect.objectContaining({ event: 'board:snapshot', role: 'participant', ms: expect.any(Number) }));
    const sessionId = events[0]?.session;
    expect(typeof sessionId).toBe('string');
    expect(events).toContainEqual(expect.objectContaining({ event: 'phase:set', msg: 'event refused' }));
    const everything = JSON.stringify(records);
    for (const secret of [ann.participantToken, s.facilitatorToken, s.screenToken]) expect(everything).not.toContain(secret);
  });
});
