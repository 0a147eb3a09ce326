import type { ClientError } from '../errors.js';
import type { PollDelta } from '../polls/pollModel.js';
import { LiveFollower, type Listen } from './LiveFollower.js';
import type { LiveSync } from './LiveSync.js';
import { initialPollState, type PollAction, pollReducer, type PollState } from './pollState.js';

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
export class PollSync extends LiveFollower<PollSyncState> {
  /** Broadcasts held while the snapshot is read (null: apply at once). */
  private held: PollAction[] | null = null;

  constructor(live: LiveSync) {
    super(live, { polls: initialPollState, synced: false, failure: null });
  }

  /** Applies what an ack returned (a phone's own answer). */
  applyAck(action: PollAction): void {
    this.set({ polls: pollReducer(this.state.polls, action) });
  }

  /** Loads a fresh snapshot on the current connection; resolves once done. */
  async refresh(): Promise<void> {
    if (this.socket.connected) await this.loadSnapshot(this.epoch);
  }

  protected override listen(on: Listen): void {
    on('disconnect', () => {
      this.epoch++;
      this.held = null;
      this.set({ synced: false });
    });
    on('poll:delta', (delta: PollDelta) => this.apply({ type: 'delta', delta }));
  }

  protected override onConnect(): void {
    const epoch = ++this.epoch;
    if (this.socket.recovered && this.state.polls.loaded) {
      this.set({ synced: true });
      return;
    }
    void this.loadSnapshot(epoch);
  }

  private async loadSnapshot(epoch: number): Promise<void> {
    const result = await this.readWithRetry(epoch, 'poll:snapshot', {}, () => {
      this.held ??= [];
    });
    if (result === null) return;
    if (!result.ok) {
      this.held = null;
      this.set({ failure: result.error });
      return;
    }
    let polls = pollReducer(this.state.polls, { type: 'snapshot', snapshot: result.data });
    for (const held of this.held ?? []) polls = pollReducer(polls, held);
    this.held = null;
    this.set({ polls, synced: true, failure: null });
  }

  private apply(action: PollAction): void {
    if (this.held) this.held.push(action);
    else this.set({ polls: pollReducer(this.state.polls, action) });
  }
}
