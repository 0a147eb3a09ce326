import type { BoardResults } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import { ResultsCache } from './ResultsCache.js';

const results = (ideas: number): BoardResults => ({
  ranking: [],
  clusters: [],
  participation: { participants: 0, contributors: 0, voters: 0, ideas, votesCast: 0 },
  wordCloud: [],
});

describe('ResultsCache', () => {
  it('computes once per session, key and audience, and shares the computation in flight', async () => {
    const cache = new ResultsCache();
    let computed = 0;
    const compute = async () => results(++computed);
    const [a, b] = await Promise.all([cache.get('s1', 'k1', 'audience', compute), cache.get('s1', 'k1', 'audience', compute)]);
    expect(a).toBe(b);
    expect(computed).toBe(1);
    expect(await cache.get('s1', 'k1', 'audience', compute)).toBe(a);
    expect(computed).toBe(1);
    // Another audience, another key or another session computes afresh.
    await cache.get('s1', 'k1', 'staff', compute);
    await cache.get('s1', 'k2', 'audience', compute);
    await cache.get('s2', 'k2', 'audience', compute);
    expect(computed).toBe(4);
  });

  it('forgets a failed computation, so the next asker tries again', async () => {
    const cache = new ResultsCache();
    await expect(cache.get('s1', 'k1', 'audience', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await cache.get('s1', 'k1', 'audience', async () => results(7))).toMatchObject({ participation: { ideas: 7 } });
  });

  it('drops the least recently asked sessions beyond its bound', async () => {
    const cache = new ResultsCache();
    let computed = 0;
    const compute = async () => results(++computed);
    await cache.get('first', 'k', 'audience', compute);
    for (let i = 0; i < 300; i++) await cache.get(`s${i}`, 'k', 'audience', compute);
    const before = computed;
    await cache.get('first', 'k', 'audience', compute);
    expect(computed).toBe(before + 1);
    await cache.get('s299', 'k', 'audience', compute);
    expect(computed).toBe(before + 1);
  });
});
