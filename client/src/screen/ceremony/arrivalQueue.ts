import { CEREMONY_ARRIVALS_PER_SECOND } from '@ideasphere/shared/limits.js';

/** A long backlog speeds up so nobody waits more than this for their face to fly in. */
export const MAX_BACKLOG_SECONDS = 30;

/**
 * Paces arrivals: faces that join in a burst wait here and leave at a steady rate, so 300
 * joins in two seconds become 25 seconds of fly-ins instead of one frozen frame.
 * Pure and clock-free: the caller passes elapsed time, which makes it easy to test.
 */
export class ArrivalQueue<T extends { id: string }> {
  private items: T[] = [];
  private head = 0;
  private budget = 0;
  /** The pace of the current backlog: it only rises until the queue is empty again. */
  private rate = 0;

  constructor(private readonly perSecond = CEREMONY_ARRIVALS_PER_SECOND) {}

  get size(): number {
    return this.items.length - this.head;
  }

  has(id: string): boolean {
    return this.find(id) !== -1;
  }

  /** Ids of the waiting items, first to leave first. */
  ids(): string[] {
    return this.items.slice(this.head).map((item) => item.id);
  }

  push(item: T): void {
    // The first face after a quiet spell leaves at once; the rest of a burst is paced.
    if (this.size === 0) this.budget = Math.max(this.budget, 1);
    this.items.push(item);
  }

  /** Replaces a waiting item (e.g. the person changed their photo before flying in). */
  replace(item: T): boolean {
    const at = this.find(item.id);
    if (at === -1) return false;
    this.items[at] = item;
    return true;
  }

  /** Drops a waiting item (a hidden face must never fly in). */
  remove(id: string): boolean {
    const at = this.find(id);
    if (at === -1) return false;
    this.items.splice(at, 1);
    return true;
  }

  /** Items due after `elapsedSeconds` more seconds. The rate rises with a very long backlog. */
  take(elapsedSeconds: number): T[] {
    const waiting = this.size;
    if (waiting === 0) {
      this.rate = 0;
      return [];
    }
    // Sticky: a backlog that shrinks keeps its pace, so it really ends within the cap.
    this.rate = Math.max(this.rate, this.perSecond, waiting / MAX_BACKLOG_SECONDS);
    const rate = this.rate;
    // A stalled tab (background, debugger) must not release the whole backlog at once.
    this.budget = Math.min(this.budget + rate * Math.min(elapsedSeconds, 0.25), Math.max(1, rate / 4));
    const count = Math.min(waiting, Math.floor(this.budget));
    this.budget -= count;
    const out = this.items.slice(this.head, this.head + count);
    this.head += count;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return out;
  }

  private find(id: string): number {
    for (let i = this.head; i < this.items.length; i++) if (this.items[i]?.id === id) return i;
    return -1;
  }
}
