import { describe, expect, it } from 'vitest';
import type { QaSnapshot, QuestionPublic } from '../qa/qaModel.js';
import { QaSync } from './QaSync.js';
import { startFollower } from './testing.js';

const question = (id: string, upvotes = 0): QuestionPublic => ({
  id,
  trackId: 'main',
  text: id,
  author: null,
  anonymous: false,
  status: 'visible',
  answered: false,
  upvotes,
  edited: false,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const snapshot = (version: number, questions: QuestionPublic[]): QaSnapshot => ({
  version,
  settings: { open: true, anonymousAllowed: true, preModeration: false },
  tracks: [{ id: 'main', name: '', venueId: null, highlightedId: null }],
  questions,
  mine: [],
  myUpvotes: [],
});

/** Shared code has no DOM or Node timer types: the runtime's timer, as LiveSync takes it. */
const clock = globalThis as unknown as { setTimeout(run: () => void, ms: number): unknown };
const flush = () => new Promise<void>((resolve) => clock.setTimeout(resolve, 0));

function started() {
  const { socket, follower: qa } = startFollower((live) => new QaSync(live));
  return { socket, qa };
}

describe('QaSync', () => {
  it('holds a delta that arrives while the snapshot is read, and applies it after', async () => {
    const { socket, qa } = started();
    socket.connect();
    expect(socket.pending('qa:snapshot')).toBeDefined();
    // The upvote's frame overtakes the snapshot's answer, which was read before it.
    socket.emit('qa:delta', { version: 8, questions: [], removedQuestionIds: [], upvotes: { a: 3 }, tracks: [] });
    expect(qa.getState().qa.loaded).toBe(false);
    socket.answer('qa:snapshot', { ok: true, data: snapshot(7, [question('a', 2)]) });
    await flush();
    expect(qa.getState()).toMatchObject({ synced: true, version: 8 });
    expect(qa.getState().qa.questions.get('a')?.upvotes).toBe(3);
  });

  it('catches up from its version after a connection it could not recover, and reloads when told to', async () => {
    const { socket, qa } = started();
    socket.connect();
    socket.answer('qa:snapshot', { ok: true, data: snapshot(100, [question('a')]) });
    await flush();
    socket.disconnect();
    expect(qa.getState().synced).toBe(false);
    socket.connect();
    expect(socket.pending('qa:catchUp')?.payload).toEqual({ since: 36 });
    socket.answer('qa:catchUp', {
      ok: true,
      data: {
        kind: 'changes',
        version: 104,
        settings: { open: false, anonymousAllowed: true, preModeration: false },
        delta: { version: 104, questions: [question('b')], removedQuestionIds: ['a'], upvotes: {}, tracks: [] },
        mine: ['b'],
        myUpvotes: [],
      },
    });
    await flush();
    expect(qa.getState()).toMatchObject({ synced: true, version: 104 });
    expect([...qa.getState().qa.questions.keys()]).toEqual(['b']);
    expect(qa.getState().qa.settings.open).toBe(false);
    expect(qa.getState().qa.mine.has('b')).toBe(true);

    socket.disconnect();
    socket.connect();
    socket.answer('qa:catchUp', { ok: true, data: { kind: 'reload' } });
    await flush();
    expect(socket.pending('qa:snapshot')).toBeDefined();
    socket.answer('qa:snapshot', { ok: true, data: snapshot(300, [question('c')]) });
    await flush();
    expect([...qa.getState().qa.questions.keys()]).toEqual(['c']);
    expect(qa.getState().version).toBe(300);
  });

  it('keeps its state when Socket.IO recovered the connection', async () => {
    const { socket, qa } = started();
    socket.connect();
    socket.answer('qa:snapshot', { ok: true, data: snapshot(5, [question('a')]) });
    await flush();
    socket.disconnect();
    socket.recovered = true;
    socket.connect();
    expect(socket.pending('qa:catchUp')).toBeUndefined();
    expect(socket.pending('qa:snapshot')).toBeUndefined();
    expect(qa.getState().synced).toBe(true);
  });
});
