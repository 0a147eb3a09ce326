import type { Log } from '../logger.js';
import type { SearchService } from '../search/SearchService.js';
import type { ClusterBus } from './ClusterBus.js';

/** How long a process gathers other processes' search changes before it rebuilds its index once. */
export const SEARCH_RESYNC_DELAY_MS = 1_000;

/**
 * Keeps every process's in-memory search index in step: a change made through one process is
 * announced, and the others rebuild from the store (a rebuild swaps in a new index whole and
 * replays changes made meanwhile, so searches never see half of one). Changes are gathered for
 * SEARCH_RESYNC_DELAY_MS and at most one rebuild runs at a time, so a burst of edits costs one
 * rebuild per process, not one per edit.
 */
export function shareSearchChanges(search: SearchService, bus: ClusterBus, log: Log, delayMs = SEARCH_RESYNC_DELAY_MS): { stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let again = false;
  let stopped = false;

  const rebuild = () => {
    timer = null;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = search
      .rebuild()
      .catch((error: unknown) => log.error({ component: 'search', err: error }, 'search index resync failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          schedule();
        }
      });
  };
  const schedule = () => {
    if (timer === null && !stopped) timer = setTimeout(rebuild, delayMs);
  };
  search.onChange(() => bus.publish('search:changed', {}));
  bus.on('search:changed', schedule);
  // Changes announced while Redis was away were missed.
  bus.onReconnect(schedule);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
