import type { BoardResults } from '@ideasphere/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ResultsCache, type ResultsKey } from './ResultsCache.js';

const INTERVAL = 1_000;

const results = (ideas: number): BoardResults => ({
  ranking: [],
  clusters: [],
  participation: { participants: 0, contributors: 0, voters: 0, ideas, votesCast: 0 },
  wordCloud: [],
});

const key = (board: number, session = 1): ResultsKey => ({ board: String(board), session: String(session) });

describe('ResultsCache', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const newCache = () => new ResultsCache(INTERVAL, () => Date.now());

  it('computes once per session, key and audience, and shares the computation in flight', async () => {
    const cache = newCache();
    let computed = 0;
    const compute = async () => results(++computed);
    const [a, b] = await Promise.all([cache.get('s1', key(1), 'audience', compute), cache.get('s1', key(1), 'audience', compute)]);
    expect(a).toBe(b);
    expect(computed).toBe(1);
    expect(await cache.get('s1', key(1), 'audience', compute)).toBe(a);
    expect(computed).toBe(1);
    // Another audience, another session or another session state computes afresh, at once.
    await cache.get('s1', key(1), 'staff', compute);
    await cache.get('s2', key(1), 'audience', compute);
    await cache.get('s1', key(1, 2), 'audience', compute);
    expect(computed).toBe(4);
  });

  it('computes a board that keeps changing at most once per interval, however many ask', async () => {
    const cache = newCache();
    const calls: number[] = [];
    const asked = Array.from({ length: 20 }, (_, i) => {
      // Each asker brings the board as it saw it: the newest one's is what gets computed.
      const compute = async () => {
        calls.push(i);
        return results(i);
      };
      return cache.get('s1', key(i), 'audience', compute);
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([0]);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    const got = await Promise.all(asked);
    expect(calls).toEqual([0, 19]);
    expect(got[0]?.participation.ideas).toBe(0);
    // Everyone who asked after the first computation started gets one that started after them.
    expect(got.slice(1).every((r) => r.participation.ideas === 19)).toBe(true);
    // The newest state is now cached.
    expect(await cache.get('s1', key(19), 'audience', async () => results(-1))).toBe(got[19]);
  });

  it('computes a change of the session (phase, settings) at once, and hands it to those waiting', async () => {
    const cache = newCache();
    await cache.get('s1', key(1), 'audience', async () => results(1));
    const waiting = cache.get('s1', key(2), 'audience', async () => results(2));
    const revealed = await cache.get('s1', key(2, 2), 'audience', async () => results(3));
    expect(revealed.participation.ideas).toBe(3);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(await waiting).toBe(revealed);
  });

  it('never runs two computations of one session and audience at once', async () => {
    const cache = newCache();
    let finishFirst: (r: BoardResults) => void = () => undefined;
    let running = 0;
    let most = 0;
    const slow = () =>
      new Promise<BoardResults>((resolve) => {
        running++;
        most = Math.max(most, running);
        finishFirst = (r) => {
          running--;
          resolve(r);
        };
      });
    const first = cache.get('s1', key(1), 'audience', slow);
    await vi.advanceTimersByTimeAsync(5 * INTERVAL);
    const second = cache.get('s1', key(2), 'audience', async () => {
      running++;
      most = Math.max(most, running);
      running--;
      return results(2);
    });
    await vi.advanceTimersByTimeAsync(5 * INTERVAL);
    expect(most).toBe(1);
    finishFirst(results(1));
    expect((await first).participation.ideas).toBe(1);
    expect((await second).participation.ideas).toBe(2);
    expect(most).toBe(1);
  });

  it('forgets a failed computation, so the next asker tries again', async () => {
    const cache = newCache();
    await expect(cache.get('s1', key(1), 'audience', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await cache.get('s1', key(1), 'audience', async () => results(7))).toMatchObject({ participation: { ideas: 7 } });
  });

  it('drops the least recently asked sessions beyond its bound', async () => {
    const cache = newCache();
    let computed = 0;
    const compute = async () => results(++computed);
    await cache.get('first', key(1), 'audience', compute);
    for (let i = 0; i < 300; i++) await cache.get(`s${i}`, key(1), 'audience', compute);
    const before = computed;
    await cache.get('first', key(1), 'audience', compute);
    expect(computed).toBe(before + 1);
    await cache.get('s299', key(1), 'audience', compute);
    expect(computed).toBe(before + 1);
  });
});
