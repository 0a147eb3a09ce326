import type { AwardRevealState } from '../awards/awardModel.js';
import type { LiveSocket, LiveSync } from './LiveSync.js';

/** What a page knows of the awards' reveal in its session. */
export interface AwardRevealSyncState {
  /** Null until this connection's `award:state` answered. */
  reveal: AwardRevealState | null;
}

/**
 * Follows the awards' reveal over the socket a LiveSync already runs: `award:state` after every
 * connection Socket.IO did not recover (a screen that connects late or comes back after a
 * restart), `award:revealed` broadcasts in between. The state only grows (categories are
 * revealed, never taken back), so of two states the one with more revealed categories wins: a
 * read answered after a newer broadcast never steps back.
 */
export class AwardRevealSync {
  private state: AwardRevealSyncState = { reveal: null };
  private readonly listeners = new Set<() => void>();
  private readonly detach: (() => void)[] = [];
  private epoch = 0;

  constructor(private readonly live: LiveSync) {}

  private get socket(): LiveSocket {
    return this.live.socket;
  }

  getState = (): AwardRevealSyncState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    const on = (event: string, listener: (...args: never[]) => void) => {
      (this.socket.on as (e: string, l: unknown) => void)(event, listener);
      this.detach.push(() => (this.socket.off as (e: string, l: unknown) => void)(event, listener));
    };
    on('connect', () => this.onConnect());
    on('award:revealed', (reveal: AwardRevealState) => this.offer(reveal));
    if (this.socket.connected) this.onConnect();
  }

  dispose(): void {
    this.epoch++;
    for (const off of this.detach.splice(0)) off();
  }

  /** Takes a state from an ack (the console's own reveal) or a broadcast. */
  offer(reveal: AwardRevealState): void {
    const current = this.state.reveal;
    if (current !== null && reveal.revealed.length < current.revealed.length) return;
    this.state = { reveal };
    for (const listener of this.listeners) listener();
  }

  /** Reads the state again on the current connection. */
  async refresh(): Promise<void> {
    const epoch = this.epoch;
    const result = await this.live.request('award:state', {});
    if (result.ok && epoch === this.epoch) this.offer(result.data);
  }

  private onConnect(): void {
    this.epoch++;
    if (this.socket.recovered && this.state.reveal !== null) return;
    void this.refresh();
  }
}
