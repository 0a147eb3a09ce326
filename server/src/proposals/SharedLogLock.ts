import { randomUUID } from 'node:crypto';
import type { ScaleOut } from '../scale/redisConnection.js';

/** A lock is given up by Redis after this long, should its holder die or stall. */
export const LOG_LOCK_TTL_MS = 10_000;
/** How long a write waits for the lock before it fails (and is retried like any failed write): past the TTL, so a dead holder's lock is outlived. */
export const LOG_LOCK_WAIT_MS = LOG_LOCK_TTL_MS + 2_000;
/** The last update number of a document is forgotten after this long without writes. */
const LAST_SEQ_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** KEYS: lock, last seq; ARGV: token, ttl. The last update number once taken, -1 when the lock is held. */
const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return tonumber(redis.call('GET', KEYS[2]) or '0')
end
return -1`;

/** KEYS: lock, last seq; ARGV: token, last seq after the write, its ttl. Raises the number, frees the lock if still ours. */
const RELEASE = `
if tonumber(ARGV[2]) > tonumber(redis.call('GET', KEYS[2]) or '0') then
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
else
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

/**
 * Serialises the writes of one document's update log across processes (appends and
 * compactions), and keeps beside the lock the highest update number written, so a writer always
 * appends above every number another process took (its own count may lag).
 *
 * Why: a compaction replaces the snapshot and deletes the updates up to a number. Were an append
 * allowed to run meanwhile, one landing under that number (taken by a process that had not
 * heard of the others' appends) would be deleted without being in the snapshot — LMDB refuses
 * such an append (a conflict), but MongoDB's plain insert would accept it, where no load ever
 * reads it. Under the lock the compacting process reads the log, merges it into its document,
 * and only then writes the snapshot; appends wait, then take numbers above it.
 *
 * The lock expires after LOG_LOCK_TTL_MS: a store write stalled longer than that could overlap
 * the next writer (no fencing token reaches the store). If Redis loses the last number (a Redis
 * restart without persistence) while processes hold the document, a stale append is refused as a
 * conflict by LMDB and retried above; on MongoDB it could, together with a compaction, go unread.
 */
export class SharedLogLock {
  constructor(private readonly scale: ScaleOut) {}

  /** Runs `work` holding the document's lock; `work` gets the last number written and returns the last one after it. */
  async exclusive(proposalId: string, work: (lastSeq: number) => Promise<number>): Promise<void> {
    const keys = [`${this.scale.keyPrefix}yjs:lock:${proposalId}`, `${this.scale.keyPrefix}yjs:seq:${proposalId}`];
    const token = randomUUID();
    const lastSeq = await this.acquire(keys, token);
    let after = lastSeq;
    try {
      after = await work(lastSeq);
    } finally {
      await this.scale.redis.eval(RELEASE, 2, ...keys, token, after, LAST_SEQ_TTL_MS);
    }
  }

  private async acquire(keys: string[], token: string): Promise<number> {
    const started = Date.now();
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      const result = Number(await this.scale.redis.eval(ACQUIRE, 2, ...keys, token, LOG_LOCK_TTL_MS));
      if (result >= 0) return result;
      if (Date.now() - started > LOG_LOCK_WAIT_MS) throw new Error(`proposal log lock ${keys[0]} busy for ${LOG_LOCK_WAIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, wait * (0.5 + Math.random())));
    }
  }
}
