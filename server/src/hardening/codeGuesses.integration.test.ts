import { CODE_MISSES_PER_IP_PER_MINUTE, PROTOCOL_VERSION, type ApiError } from '@ideasphere/shared';
import { connect } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientAddress } from '../realtime/clientAddress.js';
import { createSession, join, startTestApp, type TestApp } from '../testing/harness.js';

let app: TestApp;

beforeEach(async () => {
  // One proxy hop believed: X-Forwarded-For names the client, so one test plays many addresses.
  app = await startTestApp({ trustProxy: 1 });
});

afterEach(async () => {
  await app.dispose();
});

const from = (address: string) => ({ 'x-forwarded-for': address });
const getFrom = (address: string, pathname: string) => fetch(`${app.server.url}${pathname}`, { headers: from(address) });

/** A socket handshake from `address`: null when admitted, else the refusal's code. */
async function handshakeFrom(address: string, code: string, token: string): Promise<string | null> {
  const socket = connect(app.server.url, {
    auth: { protocolVersion: PROTOCOL_VERSION, role: 'participant', code, token },
    extraHeaders: from(address),
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  try {
    return await new Promise((resolve) => {
      socket.once('connect', () => resolve(null));
      socket.once('connect_error', (error: Error & { data?: ApiError }) => resolve(error.data?.code ?? error.message));
    });
  } finally {
    socket.close();
  }
}

/** A join code that is well formed but (almost surely) no session's. */
const unknownCode = (i: number) => `ZZZ${String(i).padStart(3, '2').replace(/[01]/g, '9')}`;

describe('guessing join codes', () => {
  it('refuses an address that keeps missing, over HTTP and handshakes alike, and leaves other addresses alone', async () => {
    const s = await createSession(app.server.url);
    const ann = await join(app.server.url, s.code, 'Ann');
    const guesser = '203.0.113.7';
    // Misses over HTTP and over the socket handshake count together.
    for (let i = 0; i < CODE_MISSES_PER_IP_PER_MINUTE - 1; i++) {
      expect((await getFrom(guesser, `/api/sessions/${unknownCode(i)}`)).status).toBe(404);
    }
    expect(await handshakeFrom(guesser, unknownCode(999), 'x'.repeat(32))).toBe('not_found');
    // Now every code lookup from that address is refused, a real session's too, with Retry-After.
    const refused = await getFrom(guesser, `/api/sessions/${s.code}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await getFrom(guesser, `/api/sessions/${s.code}/qr.png`)).status).toBe(429);
    expect(await handshakeFrom(guesser, s.code, ann.participantToken)).toBe('rate_limited');
    // Another address of the same hall is not touched, and hits never count as misses.
    for (let i = 0; i < CODE_MISSES_PER_IP_PER_MINUTE + 5; i++) {
      expect((await getFrom('198.51.100.20', `/api/sessions/${s.code}`)).status).toBe(200);
    }
    expect(await handshakeFrom('198.51.100.20', s.code, ann.participantToken)).toBeNull();
  });
});

describe('the client address of a handshake', () => {
  it('is the peer, or the X-Forwarded-For entry as many hops away as are trusted', () => {
    expect(clientAddress('10.0.0.1', undefined, 1)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '1.2.3.4', 0)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '1.2.3.4', 1)).toBe('1.2.3.4');
    // A client may forge the leftmost entries; only the hops we trust are believed.
    expect(clientAddress('10.0.0.1', 'forged, 1.2.3.4', 1)).toBe('1.2.3.4');
    expect(clientAddress('10.0.0.1', 'forged, 1.2.3.4, 10.0.0.2', 2)).toBe('1.2.3.4');
    expect(clientAddress('10.0.0.1', '1.2.3.4', 5)).toBe('1.2.3.4');
  });
});
