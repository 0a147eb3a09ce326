import { describe, expect, it } from 'vitest';
import { presentVenueCounts } from './presenters.js';
import { makeSession } from './store/contract.fixtures.js';

describe('presentVenueCounts', () => {
  const session = makeSession();
  const [main, sub] = session.venues.map((v) => v.id);

  it('gives every venue a count, zero when nobody joined there', () => {
    expect(presentVenueCounts(session, { [main as string]: 3 }, 3)).toEqual({ [main as string]: 3, [sub as string]: 0 });
  });

  it('counts participants without a venue (joined before venues existed) in the first venue, so the counts add up', () => {
    expect(presentVenueCounts(session, { [main as string]: 3, [sub as string]: 2 }, 255)).toEqual({
      [main as string]: 253,
      [sub as string]: 2,
    });
  });

  it('leaves out counts of venues the session no longer has', () => {
    expect(presentVenueCounts(session, { gone: 4, [sub as string]: 1 }, 1)).toEqual({ [main as string]: 0, [sub as string]: 1 });
  });
});
