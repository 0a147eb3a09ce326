import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PollDelta, PollPublic, PollSnapshot } from '../polls/pollModel.js';
import { PollSync } from './PollSync.js';
import { poll, startFollower } from './testing.js';

const snapshot = (...polls: PollPublic[]): PollSnapshot => ({ polls, results: [], mine: {}, present: 0 });
const delta = (...polls: PollPublic[]): PollDelta => ({ polls, removedPollIds: [], results: [], answered: {} });

/** Lets every pending promise callback run (a few microtask turns, so fake timers do not stall it). */
const flush = async () => {
  for (let turn = 0; turn < 20; turn++) await Promise.resolve();
};

function started() {
  const { socket, follower: polls } = startFollower((live) => new PollSync(live));
  return { socket, polls };
}

/** Started, connected, and with a first snapshot of `a` applied. */
async function loaded() {
  const { socket, polls } = started();
  socket.connect();
  socket.answer('poll:snapshot', { ok: true, data: snapshot(poll('a')) });
  await flush();
  return { socket, polls };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('PollSync', () => {
  it('holds a delta that arrives while the snapshot is read, and applies it after', async () => {
    const { socket, polls } = started();
    socket.connect();
    expect(socket.pending('poll:snapshot')).toBeDefined();
    // The launch's frame overtakes the snapshot's answer, which was read before it.
    socket.emit('poll:delta', delta(poll('a', { status: 'open' })));
    expect(polls.getState().polls.loaded).toBe(false);
    socket.answer('poll:snapshot', { ok: true, data: snapshot(poll('a')) });
    await flush();
    expect(polls.getState()).toMatchObject({ synced: true, failure: null });
    expect(polls.getState().polls.polls.get('a')?.status).toBe('open');
    socket.emit('poll:delta', delta(poll('a', { status: 'closed' })));
    expect(polls.getState().polls.polls.get('a')?.status).toBe('closed');
  });

  it('keeps its state on a recovered connection and reads the snapshot again on a fresh one', async () => {
    const { socket, polls } = await loaded();
    socket.disconnect();
    expect(polls.getState().synced).toBe(false);
    socket.recovered = true;
    socket.connect();
    expect(socket.pending('poll:snapshot')).toBeUndefined();
    expect(polls.getState().synced).toBe(true);
    socket.disconnect();
    socket.recovered = false;
    socket.connect();
    socket.answer('poll:snapshot', { ok: true, data: snapshot(poll('b')) });
    await flush();
    expect([...polls.getState().polls.polls.keys()]).toEqual(['b']);
    expect(polls.getState().synced).toBe(true);
  });

  it('asks again after a refusal that may change, and stops after five attempts', async () => {
    vi.useFakeTimers();
    const { socket, polls } = started();
    socket.connect();
    socket.answer('poll:snapshot', { ok: false, error: { code: 'unavailable', message: '' } });
    await flush();
    expect(socket.pending('poll:snapshot')).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_000);
    socket.answer('poll:snapshot', { ok: true, data: snapshot(poll('a')) });
    await flush();
    expect(polls.getState()).toMatchObject({ synced: true, failure: null });

    const refreshing = polls.refresh();
    for (let attempt = 0; attempt < 5; attempt++) {
      await vi.advanceTimersByTimeAsync(30_000);
      socket.answer('poll:snapshot', { ok: false, error: { code: 'rate_limited', message: '' } });
    }
    await vi.advanceTimersByTimeAsync(30_000);
    await refreshing;
    expect(socket.pending('poll:snapshot')).toBeUndefined();
    expect(polls.getState().failure).toBeNull();
  });

  it('stops on a refusal that will not change, and applies deltas at once again', async () => {
    const { socket, polls } = started();
    socket.connect();
    socket.answer('poll:snapshot', { ok: false, error: { code: 'forbidden', message: 'no' } });
    await flush();
    expect(polls.getState()).toMatchObject({ synced: false, failure: { code: 'forbidden' } });
    expect(socket.pending('poll:snapshot')).toBeUndefined();
    socket.emit('poll:delta', delta(poll('a', { status: 'open' })));
    expect(polls.getState().polls.polls.get('a')?.status).toBe('open');
  });

  it('stops listening once disposed, and follows again, once, when started again', async () => {
    const { socket, polls } = await loaded();
    polls.dispose();
    socket.emit('poll:delta', delta(poll('a', { status: 'open' })));
    socket.disconnect();
    expect(polls.getState()).toMatchObject({ synced: true });
    expect(polls.getState().polls.polls.get('a')?.status).toBe('draft');
    polls.applyAck({ type: 'answered', pollId: 'a', answer: { kind: 'choice', optionIds: ['o0'] } });
    expect(polls.getState().polls.mine.size).toBe(0);
    polls.start();
    socket.connect();
    expect(socket.asked.filter((a) => a.event === 'poll:snapshot')).toHaveLength(1);
    socket.answer('poll:snapshot', { ok: true, data: snapshot(poll('a', { status: 'closed' })) });
    await flush();
    expect(polls.getState().polls.polls.get('a')?.status).toBe('closed');
  });
});
