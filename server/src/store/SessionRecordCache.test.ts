import { describe, expect, it } from 'vitest';
import { makeSession } from './contract.fixtures.js';
import { SessionRecordCache } from './SessionRecordCache.js';

describe('SessionRecordCache', () => {
  it('keeps a record read with no change since, and forgets it on a change', () => {
    const cache = new SessionRecordCache(10);
    const session = makeSession();
    cache.remember(session, cache.generation());
    expect(cache.get(session.id)?.title).toBe(session.title);
    expect(cache.idOf(session.code)).toBe(session.id);
    cache.forget(session.id);
    expect(cache.get(session.id)).toBeUndefined();
  });

  it('never keeps a read that began before a change and ended after it', () => {
    const cache = new SessionRecordCache(10);
    const session = makeSession();
    const generation = cache.generation();
    // The write commits and forgets while the read is still under way.
    cache.forget(session.id);
    const handedOut = cache.remember(session, generation);
    expect(handedOut).toBe(session);
    expect(cache.get(session.id)).toBeUndefined();
  });

  it('holds at most its limit, dropping the least recently used', () => {
    const cache = new SessionRecordCache(2);
    const [a, b, c] = [makeSession(), makeSession(), makeSession()];
    cache.remember(a, cache.generation());
    cache.remember(b, cache.generation());
    cache.get(a.id);
    cache.remember(c, cache.generation());
    expect(cache.get(b.id)).toBeUndefined();
    expect(cache.get(a.id)?.id).toBe(a.id);
    expect(cache.get(c.id)?.id).toBe(c.id);
  });

  it('keeps nothing with a limit of 0', () => {
    const cache = new SessionRecordCache(0);
    const session = makeSession();
    expect(cache.remember(session, cache.generation())).toBe(session);
    expect(cache.get(session.id)).toBeUndefined();
    expect(Object.isFrozen(session)).toBe(false);
  });
});
