import { CODE_MISSES_PER_IP_PER_MINUTE } from '@ideasphere/shared';
import { type MakeLimiter, memoryLimiters } from '../scale/rateLimiters.js';
import { AppError } from '../errors.js';

const WINDOW_SECONDS = 60;

/**
 * Counts, per client address, lookups of join codes that no session has. Once an address has
 * missed CODE_MISSES_PER_IP_PER_MINUTE times in a minute, every further join-code lookup from it
 * is refused (`rate_limited`) before the store is read, hits included: a script walking the code
 * space learns nothing more. Addresses that only hit existing sessions are never counted.
 */
export class CodeGuesses {
  private readonly misses;

  constructor(makeLimiter: MakeLimiter = memoryLimiters) {
    this.misses = makeLimiter({ name: 'code-misses', points: CODE_MISSES_PER_IP_PER_MINUTE, durationSeconds: WINDOW_SECONDS });
  }

  /** Seconds until `address` may look codes up again; 0 when it may now. */
  async blockedFor(address: string): Promise<number> {
    const state = await this.misses.get(address);
    if (state === null || state.consumedPoints < CODE_MISSES_PER_IP_PER_MINUTE) return 0;
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  }

  /** Records the lookup's outcome: a `session_not_found` error counts as a miss. */
  async record(address: string, error: unknown): Promise<void> {
    if (error instanceof AppError && error.reason === 'session_not_found') await this.misses.penalty(address, 1);
  }
}
