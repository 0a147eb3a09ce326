import { type KickNotice, PROTOCOL_VERSION } from '@ideasphere/shared';
import { io as connect } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LmdbStore } from '../store/LmdbStore.js';
import { type TestApp, type TestClient, connectClient, createSession, expectOk, join, request, startTestApp } from '../testing/harness.js';

/**
 * A credential revoked while a socket's handshake is under way (after the handshake read the
 * store, before the socket is in its rooms) must still close that socket. The store below runs
 * the revocation at exactly that moment, once, when a test arms it.
 */
let app: TestApp;
let revokeAfterNextRead: { method: 'getParticipantByTokenHash' | 'getSessionByCode'; revoke: () => Promise<void> } | null = null;
const open: TestClient[] = [];

function holdReads(store: LmdbStore): void {
  for (const method of ['getParticipantByTokenHash', 'getSessionByCode'] as const) {
    const read = store[method].bind(store) as (...args: string[]) => Promise<unknown>;
    (store as unknown as Record<string, unknown>)[method] = async (...args: string[]) => {
      const found = await read(...args);
      const armed = revokeAfterNextRead;
      if (armed?.method === method) {
        revokeAfterNextRead = null;
        await armed.revoke();
      }
      return found;
    };
  }
}

beforeAll(async () => {
  app = await startTestApp({ onStore: holdReads });
});
afterEach(() => {
  revokeAfterNextRead = null;
  for (const client of open.splice(0)) client.close();
});
afterAll(() => app.dispose());

const url = () => app.server.url;

/** Connects with listeners in place from the start; resolves once connected, with the kick to come. */
function connectWatched(auth: { role: 'participant' | 'facilitator'; code: string; token: string }) {
  const socket: TestClient = connect(url(), { auth: { protocolVersion: PROTOCOL_VERSION, ...auth }, transports: ['websocket'], reconnection: false, forceNew: true });
  open.push(socket);
  const kicked = new Promise<KickNotice['reason']>((resolve) => socket.once('session:kicked', (notice) => resolve(notice.reason)));
  const closed = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { connected, kicked, closed };
}

describe('a credential revoked during a handshake', () => {
  it('closes a phone whose handshake read its participant just before the removal', async () => {
    const s = await createSession(url());
    const ann = await join(url(), s.code, 'Ann');
    const facilitator = await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken });
    open.push(facilitator);
    revokeAfterNextRead = {
      method: 'getParticipantByTokenHash',
      revoke: async () => {
        expectOk(await request(facilitator, 'participant:remove', { participantId: ann.participant.id }));
      },
    };
    const phone = connectWatched({ role: 'participant', code: s.code, token: ann.participantToken });
    await phone.connected;
    expect(await phone.kicked).toBe('removed');
    await phone.closed;
  });

  it('closes a console whose handshake read the session just before its link was replaced', async () => {
    const s = await createSession(url());
    const asking = await connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken });
    open.push(asking);
    // Read once, so the handshake below is served the session this process keeps.
    expectOk(await request(asking, 'session:snapshot', {}));
    revokeAfterNextRead = {
      method: 'getSessionByCode',
      revoke: async () => {
        expectOk(await request(asking, 'session:rotateFacilitatorLink', {}));
      },
    };
    const console2 = connectWatched({ role: 'facilitator', code: s.code, token: s.facilitatorToken });
    await console2.connected;
    expect(await console2.kicked).toBe('token_revoked');
    await console2.closed;
    // And from then on the old link is refused at the handshake.
    await expect(connectClient(url(), { role: 'facilitator', code: s.code, token: s.facilitatorToken })).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
