import type { JoinedSession, SessionInfo } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, connectClient, createSession, expectOk, request, startTestApp } from '../testing/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.dispose());

/** One phone's browser: it keeps the cookies the server sets, as a browser does. */
function browser() {
  let cookie = '';
  return {
    async join(code: string, name: string): Promise<{ status: number; body: JoinedSession & { error?: { code: string; message: string } } }> {
      const res = await fetch(`${app.server.url}/api/sessions/${code}/participants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ name }),
      });
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0] ?? '';
      return { status: res.status, body: (await res.json()) as JoinedSession & { error?: { code: string; message: string } } };
    },
    get cookie() {
      return cookie;
    },
  };
}

describe('a removal that holds', () => {
  it('keeps a removed guest out of the session from the same browser, under any name', async () => {
    const s = await createSession(app.server.url);
    const facilitator = await connectClient(app.server.url, { role: 'facilitator', code: s.code, token: s.facilitatorToken });
    const phone = browser();
    const ann = await phone.join(s.code, 'Ann');
    expect(ann.status).toBe(201);
    expect(phone.cookie).toMatch(/^ideasphere_device=/);
    expectOk(await request(facilitator, 'participant:remove', { participantId: ann.body.participant.id }));
    const again = await phone.join(s.code, 'Definitely not Ann');
    expect(again.status).toBe(403);
    expect(again.body.error).toMatchObject({ code: 'forbidden', message: 'The facilitator removed you from this session.' });
    // Nothing was stored for the refused join.
    expect(expectOk(await request(facilitator, 'session:snapshot', {})).participantCount).toBe(0);
    // Another browser joins; the removed one may still join another session.
    expect((await browser().join(s.code, 'Bob')).status).toBe(201);
    const other = await createSession(app.server.url);
    expect((await phone.join(other.code, 'Ann')).status).toBe(201);
    facilitator.close();
  });

  it('closes and reopens joining; guests already in keep their place', async () => {
    const s = await createSession(app.server.url);
    const facilitator = await connectClient(app.server.url, { role: 'facilitator', code: s.code, token: s.facilitatorToken });
    const inside = await browser().join(s.code, 'Early');
    expect(expectOk(await request(facilitator, 'board:configure', { joiningOpen: false })).joiningOpen).toBe(false);
    const info = (await (await fetch(`${app.server.url}/api/sessions/${s.code}`)).json()) as SessionInfo;
    expect(info.joiningOpen).toBe(false);
    const late = await browser().join(s.code, 'Late');
    expect(late.status).toBe(403);
    expect(late.body.error?.message).toBe('The facilitator has closed joining for this session.');
    const early = await connectClient(app.server.url, { role: 'participant', code: s.code, token: inside.body.participantToken });
    expectOk(await request(early, 'board:snapshot', {}));
    expectOk(await request(facilitator, 'board:configure', { joiningOpen: true }));
    expect((await browser().join(s.code, 'Late')).status).toBe(201);
    for (const socket of [early, facilitator]) socket.close();
  });
});
