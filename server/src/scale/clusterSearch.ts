import type { Log } from '../logger.js';
import type { SearchService } from '../search/SearchService.js';
import type { ClusterBus } from './ClusterBus.js';

/**
 * Keeps every process's in-memory search index in step: each change made through one process is
 * announced with what changed, and the others read that one item again from the store (in the
 * order announced, one at a time, so an older read never lands after a newer one). After a lost
 * connection to Redis, whose messages are gone, a process rebuilds its index whole (a rebuild
 * swaps in a new index and replays changes made meanwhile).
 */
export function shareSearchChanges(search: SearchService, bus: ClusterBus, log: Log): { stop(): void } {
  let stopped = false;
  let queue: Promise<void> = Promise.resolve();
  const then = (work: () => Promise<unknown>, what: string) => {
    queue = queue.then(async () => {
      if (stopped) return;
      await work().catch((error: unknown) => log.error({ component: 'search', err: error }, what));
    });
  };
  search.onChange((change) => bus.publish('search:changed', change));
  bus.on('search:changed', (change) => then(() => search.refresh(change), 'search item refresh failed'));
  bus.onReconnect(() => then(() => search.rebuild(), 'search index resync failed'));
  return {
    stop() {
      stopped = true;
    },
  };
}
