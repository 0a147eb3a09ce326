import { RETRYABLE_CODES } from '../errors.js';
import type { ClientEventName, EventPayload } from '../events.js';
import { backoffMs, type LiveSocket, type LiveSync, type SyncResult } from './LiveSync.js';

/** Failed attempts at one read after which a follower stops asking (until the next connection). */
const READ_ATTEMPTS = 5;

/** Timers from whatever runs this (see LiveSync's Clock). */
const clock = globalThis as unknown as { setTimeout(run: () => void, ms: number): unknown };

/** Adds a listener to the socket; `dispose` removes it again. */
export type Listen = (event: Parameters<LiveSocket['on']>[0], listener: (...args: never[]) => void) => void;

/**
 * What the syncs that follow one part of a session over the socket a LiveSync already runs
 * (QaSync, PollSync, AwardRevealSync) have in common: a state that `subscribe` listeners hear
 * of, socket listeners that `start` adds and `dispose` removes, and an epoch bumped on every
 * connection (and by `dispose`), so an answer read on an older connection is dropped.
 * Framework-free, like LiveSync: the React hooks and the tests drive its subclasses alike.
 */
export abstract class LiveFollower<S extends object> {
  private readonly listeners = new Set<() => void>();
  private readonly detach: (() => void)[] = [];
  /** Bumped on every connect, and by subclasses on disconnect: results of an older connection are dropped. */
  protected epoch = 0;
  private disposed = false;

  constructor(
    protected readonly live: LiveSync,
    protected state: S,
  ) {}

  protected get socket(): LiveSocket {
    return this.live.socket;
  }

  getState = (): S => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts listening (again, after `dispose`); reads at once if the socket is already connected. */
  start(): void {
    this.disposed = false;
    const on: Listen = (event, listener) => {
      (this.socket.on as (e: string, l: unknown) => void)(event, listener);
      this.detach.push(() => (this.socket.off as (e: string, l: unknown) => void)(event, listener));
    };
    on('connect', () => this.onConnect());
    this.listen(on);
    if (this.socket.connected) this.onConnect();
  }

  /** Stops listening to the socket and drops every read in flight; the socket is LiveSync's. */
  dispose(): void {
    this.disposed = true;
    this.epoch++;
    for (const off of this.detach.splice(0)) off();
  }

  /** Adds the listeners of this sync's broadcasts (and of `disconnect`, if it cares). */
  protected abstract listen(on: Listen): void;

  /** A connection, fresh or recovered: bump the epoch, then keep the state or read it again. */
  protected abstract onConnect(): void;

  /** Whether a read begun in `epoch` may still change the state. */
  protected current(epoch: number): boolean {
    return !this.disposed && epoch === this.epoch;
  }

  /** Changes the state and tells every listener; nothing once disposed. */
  protected set(change: Partial<S>): void {
    if (this.disposed) return;
    this.publish({ ...this.state, ...change });
  }

  /** Replaces the state and tells every listener, disposed or not (`set` is the guarded way). */
  protected publish(state: S): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener();
  }

  /**
   * Asks `event` on the current connection until it answers: a refusal that may change
   * (RETRYABLE_CODES) is asked again after backoffMs, READ_ATTEMPTS times at most. `beforeEach`
   * runs before every attempt (a sync starts holding its broadcasts there). Resolves with the
   * answer or a refusal for good; null once the connection or the sync has ended, or every
   * attempt was refused.
   */
  protected async readWithRetry<E extends ClientEventName>(
    epoch: number,
    event: E,
    payload: EventPayload<E>,
    beforeEach: () => void,
  ): Promise<SyncResult<E> | null> {
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      beforeEach();
      const result = await this.live.request(event, payload);
      if (!this.current(epoch)) return null;
      if (result.ok || !RETRYABLE_CODES.has(result.error.code)) return result;
      await new Promise<void>((resolve) => clock.setTimeout(resolve, backoffMs(attempt)));
      if (!this.current(epoch)) return null;
    }
    return null;
  }
}
