import type { AwardRevealState } from '../awards/awardModel.js';
import { LiveFollower, type Listen } from './LiveFollower.js';
import type { LiveSync } from './LiveSync.js';

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
export class AwardRevealSync extends LiveFollower<AwardRevealSyncState> {
  constructor(live: LiveSync) {
    super(live, { reveal: null });
  }

  /** Takes a state from an ack (the console's own reveal) or a broadcast. */
  offer(reveal: AwardRevealState): void {
    const current = this.state.reveal;
    if (current !== null && reveal.revealed.length < current.revealed.length) return;
    this.publish({ reveal });
  }

  /** Reads the state again on the current connection. */
  async refresh(): Promise<void> {
    const epoch = this.epoch;
    const result = await this.live.request('award:state', {});
    if (result.ok && epoch === this.epoch) this.offer(result.data);
  }

  protected override listen(on: Listen): void {
    on('award:revealed', (reveal: AwardRevealState) => this.offer(reveal));
  }

  protected override onConnect(): void {
    this.epoch++;
    if (this.socket.recovered && this.state.reveal !== null) return;
    void this.refresh();
  }
}
