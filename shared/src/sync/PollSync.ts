import type { ClientError } from '../errors.js';
import { RETRYABLE_CODES } from '../errors.js';
import type { PollDelta } from '../polls/pollModel.js';
import { backoffMs, type LiveSocket, type LiveSync } from './LiveSync.js';
import { initialPollState, type PollAction, pollReducer, type PollState } from './pollState.js';

const READ_ATTEMPTS = 5;

/** Timers from whatever runs this (see LiveSync's Clock). */
const clock = globalThis as unknown as { setTimeout(run: () => void, ms: number): unknown };

export interface PollSyncState {
  polls: PollState;
  /** Connected, with this connection's snapshot applied. */
  synced: boolean;
  failure: ClientError | null;
}

/**
 * Follows a session's polls over the socket a LiveSync already runs: a connection Socket.IO
 * recovered keeps its state; any other loads `poll:snapshot` (a session has at most
 * POLLS_PER_SESSION_MAX polls and their results are counts, so a snapshot is the catch-up).
 * `poll:delta` broadcasts arriving while the read is in flight are held and applied after it.
 * Framework-free, like QaSync: the React hook and the integration tests drive it alike.
 */
export class PollSync {
  private state: PollSyncState = { polls: initialPollState, synced: false, failure: null };
  private readonly listeners = new Set<() => void>();
  private readonly detach: (() => void)[] = [];
  private held: PollAction[] | null = null;
  private epoch = 0;
  private disposed = false;

  constructor(private readonly live: LiveSync) {}

  private get socket(): LiveSocket {
    return this.live.socket;
  }

  getState = (): PollSyncState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    this.disposed = false;
    const on = (event: string, listener: (...args: never[]) => void) => {
      (this.socket.on as (e: string, l: unknown) => void)(event, listener);
      this.detach.push(() => (this.socket.off as (e: string, l: unknown) => void)(event, listener));
    };
    on('connect', () => this.onConnect());
    on('disconnect', () => {
      this.epoch++;
      this.held = null;
      this.set({ synced: false });
    });
    on('poll:delta', (delta: PollDelta) => this.apply({ type: 'delta', delta }));
    if (this.socket.connected) this.onConnect();
  }

  dispose(): void {
    this.disposed = true;
    this.epoch++;
    for (const off of this.detach.splice(0)) off();
  }

  /** Applies what an ack returned (a phone's own answer). */
  applyAck(action: PollAction): void {
    this.set({ polls: pollReducer(this.state.polls, action) });
  }

  /** Loads a fresh snapshot on the current connection; resolves once done. */
  async refresh(): Promise<void> {
    if (this.socket.connected) await this.loadSnapshot(this.epoch);
  }

  private onConnect(): void {
    const epoch = ++this.epoch;
    if (this.socket.recovered && this.state.polls.loaded) {
      this.set({ synced: true });
      return;
    }
    void this.loadSnapshot(epoch);
  }

  private async loadSnapshot(epoch: number): Promise<void> {
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      this.held ??= [];
      const result = await this.live.request('poll:snapshot', {});
      if (!this.current(epoch)) return;
      if (result.ok) {
        let polls = pollReducer(this.state.polls, { type: 'snapshot', snapshot: result.data });
        for (const held of this.held ?? []) polls = pollReducer(polls, held);
        this.held = null;
        this.set({ polls, synced: true, failure: null });
        return;
      }
      if (!RETRYABLE_CODES.has(result.error.code)) {
        this.held = null;
        this.set({ failure: result.error });
        return;
      }
      await new Promise<void>((resolve) => clock.setTimeout(resolve, backoffMs(attempt)));
      if (!this.current(epoch)) return;
    }
  }

  private apply(action: PollAction): void {
    if (this.held) this.held.push(action);
    else this.set({ polls: pollReducer(this.state.polls, action) });
  }

  private current(epoch: number): boolean {
    return !this.disposed && epoch === this.epoch;
  }

  private set(change: Partial<PollSyncState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...change };
    for (const listener of [...this.listeners]) listener();
  }
}
