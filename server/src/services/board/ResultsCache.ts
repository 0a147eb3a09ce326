import type { BoardResults } from '@ideasphere/shared';
import type { Audience } from './visibility.js';

/** Sessions whose results are kept; the least recently asked are dropped beyond it. */
const SESSIONS_CACHED = 256;

/** What the results of a session depend on, in two parts that are throttled differently. */
export interface ResultsKey {
  /** Moves with every idea, tally or cluster change (votes stream in: throttled). */
  board: string;
  /** Moves with the session record: phase, settings, language (the facilitator's: at once). */
  session: string;
}

interface Slot {
  key: ResultsKey;
  results: Promise<BoardResults>;
  startedAt: number;
  /** A computation waiting for the interval to pass, shared by everyone who asks meanwhile. */
  next: { pending: Pending; results: Promise<BoardResults> } | null;
}

/** The newest asker's key and computation: when it starts, it reads the newest state. */
interface Pending {
  key: ResultsKey;
  compute: () => Promise<BoardResults>;
}

const sameKey = (a: ResultsKey, b: ResultsKey) => a.board === b.board && a.session === b.session;

/**
 * The results of each session, computed once per state of its board and shared by everyone
 * who asks: a results request costs a full pass over the board (about 180 ms at 2,000 ideas),
 * so a phone that asks again and again, from many sockets, must not cost it again. Concurrent
 * askers share the one computation in flight; a failed one is not kept.
 *
 * While votes stream in the board changes many times a second, and every console and screen
 * asks again after a change: a session's results for an audience are then computed at most
 * once per `minIntervalMs` (and never two at once), however many ask. An asker who finds the
 * results out of date waits for the next computation, which starts after its request, so
 * nobody is handed results older than what they asked about. A change of the session record
 * (phase, settings: the facilitator's, rare) is computed at once, so counts appear the moment
 * the results phase begins.
 */
export class ResultsCache {
  private readonly entries = new Map<string, Map<Audience, Slot>>();

  constructor(
    private readonly minIntervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The results for `key`, computed by `compute` only when this session and audience have none
   * for that key yet (and, for a board change, no sooner than the interval allows).
   */
  get(sessionId: string, key: ResultsKey, audience: Audience, compute: () => Promise<BoardResults>): Promise<BoardResults> {
    const slots = this.touch(sessionId);
    const slot = slots.get(audience);
    if (slot && sameKey(slot.key, key)) return slot.results;
    // Anyone still waiting for the next computation gets this one's results (see `schedule`).
    if (!slot || slot.key.session !== key.session) return this.start(slots, audience, key, compute);
    if (slot.next) {
      slot.next.pending.key = key;
      slot.next.pending.compute = compute;
      return slot.next.results;
    }
    return this.schedule(slots, audience, slot, key, compute);
  }

  /** Starts a computation now. */
  private start(slots: Map<Audience, Slot>, audience: Audience, key: ResultsKey, compute: () => Promise<BoardResults>): Promise<BoardResults> {
    const results = compute();
    const slot: Slot = { key, results, startedAt: this.now(), next: null };
    slots.set(audience, slot);
    results.catch(() => {
      if (slots.get(audience) === slot) slots.delete(audience);
    });
    return results;
  }

  /** A computation that starts once the last one has finished and the interval has passed. */
  private schedule(slots: Map<Audience, Slot>, audience: Audience, last: Slot, key: ResultsKey, compute: () => Promise<BoardResults>): Promise<BoardResults> {
    const run = async (pending: Pending): Promise<BoardResults> => {
      await last.results.catch(() => undefined);
      const wait = last.startedAt + this.minIntervalMs - this.now();
      if (wait > 0) await new Promise<void>((resolve) => setTimeout(resolve, wait).unref());
      const current = slots.get(audience);
      // Still the one waiting (nothing else started meanwhile): run it, with the newest asker's
      // computation, which reads the board as it is now.
      if (current?.next?.pending === pending) return this.start(slots, audience, pending.key, pending.compute);
      // A computation started meanwhile (a session change), after this was asked for: it will do.
      return current && current !== last ? current.results : pending.compute();
    };
    const pending: Pending = { key, compute };
    last.next = { pending, results: run(pending) };
    return last.next.results;
  }

  /** This session's slots, marked most recently used; the least recently used go beyond the bound. */
  private touch(sessionId: string): Map<Audience, Slot> {
    const slots = this.entries.get(sessionId) ?? new Map<Audience, Slot>();
    // Re-inserted on every use, so the Map's order is least recently used first.
    this.entries.delete(sessionId);
    this.entries.set(sessionId, slots);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= SESSIONS_CACHED) break;
      this.entries.delete(oldest);
    }
    return slots;
  }
}
