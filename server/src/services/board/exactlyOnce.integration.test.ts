import { randomUUID } from 'node:crypto';
import type { BoardDelta } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardObserver } from '../../testing/boardObserver.js';
import { type TestApp, type TestClient, connectClient, createSession, expectOk, join, request, startTestApp } from '../../testing/harness.js';

/** Ideas streamed from many phones at once, as a hall sends them. */
const IDEAS = 120;
const PHONES = 12;

describe('board frames', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.dispose());

  it('deliver each new idea to a screen exactly once while ideas stream in', async () => {
    const url = app.server.url;
    const created = await createSession(url, 'Exactly once');
    const screen: TestClient = await connectClient(url, { role: 'screen', code: created.code, token: created.screenToken });
    const board = await BoardObserver.attach(screen);
    const deliveries = new Map<string, number>();
    screen.on('board:delta', (delta: BoardDelta) => {
      for (const idea of delta.ideas) deliveries.set(idea.id, (deliveries.get(idea.id) ?? 0) + 1);
    });
    const phones: TestClient[] = [];
    for (let i = 0; i < PHONES; i++) {
      const joined = await join(url, created.code, `Phone ${i}`);
      phones.push(await connectClient(url, { role: 'participant', code: created.code, token: joined.participantToken }));
    }
    // Every phone sends its share at once: writes, log appends and frames interleave.
    const ids = (
      await Promise.all(
        phones.map(async (phone, p) => {
          const sent: string[] = [];
          for (let k = p; k < IDEAS; k += PHONES) {
            const ack = await request(phone, 'idea:submit', { clientId: randomUUID(), title: `Idea ${k}` });
            if (ack.ok) sent.push(ack.data.id);
          }
          return sent;
        }),
      )
    ).flat();
    await board.until((ideas) => ids.every((id) => ideas.has(id)));
    // One more change after the last frame: any late duplicate would have arrived before it.
    const last = expectOk(await request(phones[0] as TestClient, 'idea:submit', { clientId: randomUUID(), title: 'Last' }));
    await board.until((ideas) => ideas.has(last.id));
    for (const socket of [screen, ...phones]) socket.close();
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => deliveries.get(id) !== 1)).toEqual([]);
  });
});
