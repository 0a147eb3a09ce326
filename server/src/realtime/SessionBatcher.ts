import type { Log } from '../logger.js';

/**
 * What the broadcasters (board, Q&A, polls) share: changes queued per session and sent in frames,
 * at once after a quiet spell and at most every `intervalMs` in a burst, one frame after another
 * (a frame never overlaps the previous one). A session whose frame fails is logged and skipped;
 * the others still go out.
 */
export class SessionBatcher<Changes> {
  private readonly pending = new Map<string, Changes>();
  private timer: NodeJS.Timeout | null = null;
  private lastFlushAt = 0;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly intervalMs: number,
    /** A session's empty set of changes. */
    private readonly empty: () => Changes,
    /** Sends one session's frame. */
    private readonly flushSession: (sessionId: string, changes: Changes) => Promise<void>,
    private readonly log: Log,
    /** Names the broadcast in the log line of a failed frame. */
    private readonly what: string,
  ) {}

  /** The session's queued changes, to add to (synchronously); the next frame is scheduled. */
  changes(sessionId: string): Changes {
    let changes = this.pending.get(sessionId);
    if (!changes) {
      changes = this.empty();
      this.pending.set(sessionId, changes);
    }
    if (!this.timer) {
      const wait = Math.max(0, this.lastFlushAt + this.intervalMs - Date.now());
      this.timer = setTimeout(() => void this.flushNow(), wait);
    }
    return changes;
  }

  /** Sends whatever is pending now (used at shutdown and by tests). */
  flushNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing = this.flushing.then(() => this.flush());
    return this.flushing;
  }

  private async flush(): Promise<void> {
    this.lastFlushAt = Date.now();
    const batch = [...this.pending.entries()];
    this.pending.clear();
    for (const [sessionId, changes] of batch) {
      try {
        await this.flushSession(sessionId, changes);
      } catch (error) {
        this.log.error({ err: error, session: sessionId }, `${this.what} broadcast failed`);
      }
    }
  }
}
