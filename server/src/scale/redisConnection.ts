import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Log } from '../logger.js';
import { maskUri } from '../store/maskUri.js';

/** How long the server waits for Redis at start before it refuses to start. */
export const REDIS_CONNECT_TIMEOUT_MS = 10_000;

/**
 * What several server processes share through Redis (REDIS_URL): the Socket.IO adapter's
 * streams, the rate limits' counters, and the cluster bus. Absent, the server is one process.
 */
export interface ScaleOut {
  /** Commands and publishing. Blocking reads and subscriptions use duplicates of it. */
  redis: Redis;
  /** Prefix of every key and channel this deployment uses, so deployments may share one Redis. */
  keyPrefix: string;
  /** This process, as the others know it (random per start). */
  nodeId: string;
  close(): Promise<void>;
}

/**
 * Connects to Redis, or throws with what is wrong: a server asked to share its state must not
 * start alone and silently split the hall in two. After start, a lost connection is retried
 * for ever (ioredis's default) and logged; the process keeps serving its own clients.
 */
export async function connectScaleOut(url: string, log: Log, keyPrefix = 'ideasphere:'): Promise<ScaleOut> {
  // Auto-pipelining: the commands of one event-loop turn (rate limits, broadcasts, presence of a
  // burst of joins) go out in one write instead of one system call each.
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: REDIS_CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 3, enableAutoPipelining: true });
  watchConnection(redis, log, 'commands');
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${maskUri(url)} (REDIS_URL): ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    redis,
    keyPrefix,
    nodeId: randomUUID(),
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Logs a connection's losses and returns (an `error` listener also keeps ioredis from printing them). */
export function watchConnection(redis: Redis, log: Log, role: string): void {
  let lost = false;
  redis.on('error', (error: unknown) => {
    if (lost) return;
    lost = true;
    log.error({ component: 'redis', role, err: error }, 'Redis connection lost; retrying');
  });
  redis.on('ready', () => {
    if (!lost) return;
    lost = false;
    log.info({ component: 'redis', role }, 'Redis connection back');
  });
}
