import type { IdeaPublic } from '@ideasphere/shared';
import { compareNewestFirst } from '@ideasphere/shared/sync/boardState.js';

/**
 * Decides which ideas the big screen shows and when a new one appears. Ideas that arrive live
 * wait in a queue and are revealed one per tick, newest at the front; ideas known from the
 * start (snapshot and pages) appear at once. A backlog beyond `backlogMax` (a burst of
 * hundreds) is not shown one by one: the oldest waiting ones are filed silently behind the
 * shown ones, so the board never reflows all at once and never lags minutes behind.
 *
 * Work per `sync` is O(number of ideas), with no per-idea scans: fine at 2,000 ideas.
 */
export class RevealPacer {
  private readonly known = new Set<string>();
  /** Waiting to be revealed, oldest first. */
  private queue: IdeaPublic[] = [];
  /** Shown ids, newest first, at most `capacity`. */
  private shownIds: string[] = [];

  constructor(
    private readonly capacity: number,
    private readonly backlogMax: number,
  ) {}

  get shown(): readonly string[] {
    return this.shownIds;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Takes the current ideas. `instant` (while the snapshot and its pages load) and the very
   * first sync show new ones at once, by creation time; otherwise they join the queue.
   * Returns whether `shown` changed.
   */
  sync(ideas: ReadonlyMap<string, IdeaPublic>, instant: boolean): boolean {
    // The first ideas this board sees were there already when it appeared.
    const immediate = instant || this.known.size === 0;
    let changed = false;
    if (this.known.size > 0) {
      const before = this.shownIds.length;
      for (const id of this.known) if (!ideas.has(id)) this.known.delete(id);
      this.shownIds = this.shownIds.filter((id) => ideas.has(id));
      this.queue = this.queue.filter((idea) => ideas.has(idea.id));
      changed = this.shownIds.length !== before;
    }

    const arrived: IdeaPublic[] = [];
    for (const idea of ideas.values()) {
      if (this.known.has(idea.id)) continue;
      this.known.add(idea.id);
      arrived.push(idea);
    }
    if (arrived.length === 0) return changed;

    if (immediate) {
      const shownIdeas = this.shownIds.flatMap((id) => ideas.get(id) ?? []);
      this.shownIds = [...shownIdeas, ...arrived]
        .sort(compareNewestFirst)
        .slice(0, this.capacity)
        .map((idea) => idea.id);
      return true;
    }

    arrived.sort((a, b) => -compareNewestFirst(a, b));
    this.queue.push(...arrived);
    if (this.queue.length > this.backlogMax) {
      const overflow = this.queue.splice(0, this.queue.length - this.backlogMax);
      const room = this.capacity - this.shownIds.length;
      if (room > 0) {
        // Filed behind what is shown, newest of them first.
        this.shownIds = [...this.shownIds, ...overflow.slice(-room).reverse().map((idea) => idea.id)];
        changed = true;
      }
    }
    return changed;
  }

  /** Reveals the oldest waiting idea at the front. Returns whether anything changed. */
  next(): boolean {
    const idea = this.queue.shift();
    if (!idea) return false;
    this.shownIds = [idea.id, ...this.shownIds].slice(0, this.capacity);
    return true;
  }
}
