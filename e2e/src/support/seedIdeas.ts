import { randomUUID } from 'node:crypto';
import { type CreatedSession, IDEAS_PER_PARTICIPANT_PER_MINUTE, type JoinedSession, PROTOCOL_VERSION } from '@ideasphere/shared';
import { type Socket, io } from 'socket.io-client';

const WORDS = ['green', 'hydrogen', 'slag', 'heat', 'sensor', 'coil', 'furnace', 'recycle', 'digital', 'twin', '降低成本', '智能制造', '绿色', '质量'];

function connect(url: string, auth: Record<string, unknown>): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/**
 * Fills a session's board with `count` ideas through the real protocol: enough participants
 * join so that none exceeds the per-participant rate limit, and each submits its share.
 */
export async function seedIdeas(url: string, session: CreatedSession, count: number): Promise<void> {
  const perParticipant = IDEAS_PER_PARTICIPANT_PER_MINUTE;
  const participants = Math.ceil(count / perParticipant);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const p = next++;
      if (p >= participants) return;
      const res = await fetch(`${url}/api/sessions/${session.code}/participants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Seeder ${p}` }),
      });
      const joined = (await res.json()) as JoinedSession;
      const socket = await connect(url, { protocolVersion: PROTOCOL_VERSION, role: 'participant', code: session.code, token: joined.participantToken });
      for (let k = 0; k < perParticipant && p * perParticipant + k < count; k++) {
        const n = p * perParticipant + k;
        const title = `Idea ${n}: ${WORDS[n % WORDS.length]} ${WORDS[(n * 7) % WORDS.length]}`;
        const ack = (await socket.timeout(30_000).emitWithAck('idea:submit', { clientId: randomUUID(), title })) as { ok: boolean };
        if (!ack.ok) throw new Error(`seeding idea ${n} was refused`);
      }
      socket.close();
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/**
 * Puts every big screen of the session on the idea board, as the facilitator does when the join
 * ceremony is over (screens open on the ceremony).
 */
export async function showBoardOnScreens(url: string, session: CreatedSession): Promise<void> {
  const socket = await connect(url, { protocolVersion: PROTOCOL_VERSION, role: 'facilitator', code: session.code, token: session.facilitatorToken });
  try {
    const ack = (await socket.timeout(10_000).emitWithAck('screen:switch', { view: 'board' })) as { ok: boolean };
    if (!ack.ok) throw new Error('switching the screens to the board was refused');
  } finally {
    socket.close();
  }
}
