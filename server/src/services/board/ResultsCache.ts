import type { BoardResults } from '@ideasphere/shared';
import type { Audience } from './visibility.js';

/** Sessions whose results are kept; the least recently asked are dropped beyond it. */
const SESSIONS_CACHED = 256;

interface Entry {
  key: string;
  byAudience: Map<Audience, Promise<BoardResults>>;
}

/**
 * The results of each session, computed once per state of its board and shared by everyone
 * who asks: a results request costs a full pass over the board (about 180 ms at 2,000 ideas),
 * so a phone that asks again and again, from many sockets, must not cost it again. Concurrent
 * askers share the one computation in flight; a failed one is not kept.
 */
export class ResultsCache {
  private readonly entries = new Map<string, Entry>();

  /**
   * The results for `key` (anything that changes whenever the results may change), computed by
   * `compute` only when this session and audience have none for that key yet.
   */
  get(sessionId: string, key: string, audience: Audience, compute: () => Promise<BoardResults>): Promise<BoardResults> {
    let entry = this.entries.get(sessionId);
    if (entry?.key !== key) entry = { key, byAudience: new Map() };
    // Re-inserted on every use, so the Map's order is least recently used first.
    this.entries.delete(sessionId);
    this.entries.set(sessionId, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= SESSIONS_CACHED) break;
      this.entries.delete(oldest);
    }
    const cached = entry.byAudience.get(audience);
    if (cached) return cached;
    const computing = compute();
    entry.byAudience.set(audience, computing);
    const current = entry;
    computing.catch(() => {
      if (current.byAudience.get(audience) === computing) current.byAudience.delete(audience);
    });
    return computing;
  }
}
