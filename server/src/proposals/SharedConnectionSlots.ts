import type { Log } from '../logger.js';
import type { ScaleOut } from '../scale/redisConnection.js';

/** A document's connection counts expire this long after the last reservation (garbage of crashed deployments). */
const COUNTS_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Takes a slot when the live processes together hold fewer than `max` connections. KEYS[1]: the
 * document's hash, node id → connections; ARGV: node id, max, node key prefix, ttl. Counts of a
 * process whose alive key expired are deleted on the way (it died without giving them back).
 */
const RESERVE = `
local counts = redis.call('HGETALL', KEYS[1])
local total = 0
for i = 1, #counts, 2 do
  local node = counts[i]
  if node == ARGV[1] or redis.call('EXISTS', ARGV[3] .. node) == 1 then
    total = total + tonumber(counts[i + 1])
  else
    redis.call('HDEL', KEYS[1], node)
  end
end
if total >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`;

/** Gives a slot back. KEYS[1]: the document's hash; ARGV[1]: node id. */
const RELEASE = `
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1`;

/**
 * The per-document connection cap across processes: one Redis hash per document
 * (`<keyPrefix>yjs:conns:<proposalId>`) counts each process's connections, and a reservation is
 * one atomic script that sums the counts of the processes still alive (see YjsCluster's
 * heartbeat). A process killed with SIGKILL stops counting once its alive key expires
 * (YJS_NODE_TTL_MS): until then its dead connections still take slots. When Redis cannot be
 * reached a reservation is granted (logged): the per-process cap still holds, and editing goes on.
 */
export class SharedConnectionSlots {
  constructor(
    private readonly scale: ScaleOut,
    private readonly nodeKeyPrefix: string,
    private readonly log: Log,
  ) {}

  async reserve(proposalId: string, max: number): Promise<boolean> {
    try {
      const taken = await this.scale.redis.eval(RESERVE, 1, this.key(proposalId), this.scale.nodeId, max, this.nodeKeyPrefix, COUNTS_TTL_MS);
      return taken === 1;
    } catch (error) {
      this.log.warn({ component: 'yjs-cluster', proposal: proposalId, err: error }, 'shared connection count unavailable; only this process is counted');
      return true;
    }
  }

  release(proposalId: string): void {
    this.scale.redis.eval(RELEASE, 1, this.key(proposalId), this.scale.nodeId).catch((error: unknown) => {
      this.log.warn({ component: 'yjs-cluster', proposal: proposalId, err: error }, 'shared connection slot not given back');
    });
  }

  private key(proposalId: string): string {
    return `${this.scale.keyPrefix}yjs:conns:${proposalId}`;
  }
}
