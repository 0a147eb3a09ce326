import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

/** One budget: `points` per `durationSeconds`, named so its keys stay apart from every other's. */
export interface LimiterSpec {
  /** Unique per budget (`ideas`, `login-ip`…): the key prefix of its counters in Redis. */
  name: string;
  points: number;
  durationSeconds: number;
}

/** Makes the limiter of one budget; every rate limit in the server is made through one of these. */
export type MakeLimiter = (spec: LimiterSpec) => RateLimiterAbstract;

/** One process: counters in this process's memory (the default, with no REDIS_URL). */
export const memoryLimiters: MakeLimiter = ({ points, durationSeconds }) => new RateLimiterMemory({ points, duration: durationSeconds });

/**
 * Several processes: counters in Redis, so a client that reconnects to another process (or
 * spreads its requests over all of them) spends the one budget. While Redis cannot be reached
 * each process falls back to its own memory counters (rate-limiter-flexible's insurance
 * limiter): budgets loosen to one per process for that time instead of refusing everyone.
 */
export function redisLimiters(redis: Redis, keyPrefix: string): MakeLimiter {
  return ({ name, points, durationSeconds }) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}rl:${name}`,
      points,
      duration: durationSeconds,
      // A command queued while Redis is away would hold the request until it returns.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points, duration: durationSeconds }),
    });
}

/**
 * One limiter per budget name, whoever asks for it: the HTTP join and the handshake join spend
 * one per-address budget in this process too (in Redis a name is one set of keys already).
 */
export function oneLimiterPerName(make: MakeLimiter): MakeLimiter {
  const made = new Map<string, { spec: LimiterSpec; limiter: RateLimiterAbstract }>();
  return (spec) => {
    const known = made.get(spec.name);
    if (!known) {
      const limiter = make(spec);
      made.set(spec.name, { spec, limiter });
      return limiter;
    }
    // Two budgets under one name would silently spend one: a mistake in the code, said at start.
    if (known.spec.points !== spec.points || known.spec.durationSeconds !== spec.durationSeconds) {
      throw new Error(`rate limit "${spec.name}" asked for with two different budgets`);
    }
    return known.limiter;
  };
}
