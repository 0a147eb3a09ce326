/** The timers this runs on (the browser's, or a test's). */
export interface FollowerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

const browserClock: FollowerClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (id) => window.clearTimeout(id),
};

/**
 * Keeps derived results in step with a live board by asking the server again after the board
 * changed: at most once per `minIntervalMs` (the first change after a quiet spell at once, a
 * burst as one request at the end of the interval), never two requests at once, and a change
 * that arrives while a request is in flight is never lost: it is asked for after that request.
 *
 * Why ask rather than derive from the board the client holds: results also need what the board
 * state lacks (voters, the word cloud without stop words and hidden words), and the server
 * computes a session's results once per state and at most once a second however many consoles
 * and screens ask (ResultsCache), so a hall of screens costs it no more than one.
 */
export class ResultsFollower {
  private dirty = false;
  private inFlight = false;
  private lastStart = Number.NEGATIVE_INFINITY;
  private timer: number | null = null;
  private disposed = false;

  constructor(
    private readonly fetch: () => Promise<void>,
    private readonly minIntervalMs: number,
    private readonly clock: FollowerClock = browserClock,
  ) {}

  /** The board changed: ask again, as soon as the interval allows. */
  changed(): void {
    this.dirty = true;
    this.schedule();
  }

  /** Ask now (a person pressed a button), whatever the interval says; after one in flight. */
  refresh(): void {
    this.dirty = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (!this.inFlight) void this.run();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.disposed || this.inFlight || this.timer !== null) return;
    const wait = Math.max(0, this.lastStart + this.minIntervalMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.run();
    }, wait);
  }

  private async run(): Promise<void> {
    if (this.disposed || !this.dirty) return;
    this.dirty = false;
    this.inFlight = true;
    this.lastStart = this.clock.now();
    try {
      await this.fetch();
    } finally {
      this.inFlight = false;
      // Changes that came in meanwhile are not in what was just fetched: ask again for them.
      if (this.dirty) this.schedule();
    }
  }
}
