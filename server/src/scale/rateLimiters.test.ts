import { describe, expect, it } from 'vitest';
import { memoryLimiters, oneLimiterPerName } from './rateLimiters.js';

describe('oneLimiterPerName', () => {
  it('hands every asker of a budget the same limiter, so they spend one budget', async () => {
    const make = oneLimiterPerName(memoryLimiters);
    const http = make({ name: 'joins-ip', points: 2, durationSeconds: 60 });
    const handshake = make({ name: 'joins-ip', points: 2, durationSeconds: 60 });
    expect(handshake).toBe(http);
    await http.consume('10.0.0.1');
    await handshake.consume('10.0.0.1');
    await expect(http.consume('10.0.0.1')).rejects.toMatchObject({ remainingPoints: 0 });
    // Another budget and another address are apart.
    await expect(make({ name: 'other', points: 1, durationSeconds: 60 }).consume('10.0.0.1')).resolves.toMatchObject({ remainingPoints: 0 });
    await expect(handshake.consume('10.0.0.2')).resolves.toMatchObject({ remainingPoints: 1 });
  });

  it('refuses one name asked for with another budget (a mistake, not a second budget)', () => {
    const make = oneLimiterPerName(memoryLimiters);
    make({ name: 'joins-ip', points: 2, durationSeconds: 60 });
    expect(() => make({ name: 'joins-ip', points: 3, durationSeconds: 60 })).toThrow(/two different budgets/);
  });
});
