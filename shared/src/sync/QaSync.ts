import type { ClientError } from '../errors.js';
import type { QaDelta, QaSettings } from '../qa/qaModel.js';
import { LiveFollower, type Listen } from './LiveFollower.js';
import type { LiveSync } from './LiveSync.js';
import { initialQaState, type QaAction, qaReducer, type QaState } from './qaState.js';

/** How far before its version a client asks to catch up from (as LiveSync). */
const CATCH_UP_OVERLAP = 64;

export interface QaSyncState {
  qa: QaState;
  /** Connected, with this connection's Q&A snapshot or catch-up applied. */
  synced: boolean;
  /** The snapshot was refused for good. */
  failure: ClientError | null;
  /** The session version the state holds every Q&A change up to (null before the first sync). */
  version: number | null;
}

/**
 * Follows a session's Q&A over the socket a LiveSync already runs (one connection per page):
 * after a fresh connection it loads `qa:snapshot`; after one Socket.IO could not recover, only
 * what changed since its version (`qa:catchUp`); a recovered one keeps its state. `qa:delta`
 * broadcasts arriving while a read is in flight are held and applied after it, so a read never
 * erases a newer change. Framework-free: the React hook and the integration tests drive it alike.
 */
export class QaSync extends LiveFollower<QaSyncState> {
  /** Broadcasts held while a read is in flight (null: apply at once). */
  private held: QaAction[] | null = null;
  /** Set while the state may lack something (before the first snapshot, or after a read cut short). */
  private needsResync = true;

  constructor(live: LiveSync) {
    super(live, { qa: initialQaState, synced: false, failure: null, version: null });
  }

  /** Applies what an ack returned, before the broadcast that confirms it arrives. */
  applyAck(action: QaAction): void {
    this.set({ qa: qaReducer(this.state.qa, action) });
  }

  /** Loads a fresh snapshot on the current connection; resolves once done. */
  async refresh(): Promise<void> {
    if (this.socket.connected) await this.loadSnapshot(this.epoch);
  }

  protected override listen(on: Listen): void {
    on('disconnect', () => {
      this.epoch++;
      if (this.held) this.needsResync = true;
      this.held = null;
      this.set({ synced: false });
    });
    on('qa:delta', (delta: QaDelta) => {
      const { version } = delta;
      if (version !== undefined && this.state.version !== null && version > this.state.version && !this.needsResync && !this.held) {
        this.state = { ...this.state, version };
      }
      this.apply({ type: 'delta', delta });
    });
    on('qa:settings', (settings: QaSettings) => this.apply({ type: 'settings', settings }));
  }

  protected override onConnect(): void {
    const epoch = ++this.epoch;
    if (this.socket.recovered && !this.needsResync && this.state.qa.loaded) {
      this.set({ synced: true });
      return;
    }
    const { version } = this.state;
    if (version !== null && !this.needsResync) void this.catchUp(epoch, version);
    else void this.loadSnapshot(epoch);
  }

  private async loadSnapshot(epoch: number): Promise<void> {
    this.needsResync = true;
    const result = await this.readWithRetry(epoch, 'qa:snapshot', {}, () => {
      this.held ??= [];
    });
    if (result === null) return;
    if (!result.ok) {
      this.held = null;
      this.set({ failure: result.error });
      return;
    }
    this.needsResync = false;
    this.release({ type: 'snapshot', snapshot: result.data }, result.data.version);
  }

  private async catchUp(epoch: number, version: number): Promise<void> {
    this.held ??= [];
    const result = await this.live.request('qa:catchUp', { since: Math.max(0, version - CATCH_UP_OVERLAP) });
    if (!this.current(epoch)) return;
    if (!result.ok || result.data.kind === 'reload') {
      this.held = null;
      await this.loadSnapshot(epoch);
      return;
    }
    this.release({ type: 'catchUp', changes: result.data }, result.data.version);
  }

  /** Applies a read's answer, then every broadcast held while it was in flight, in order. */
  private release(action: QaAction, version: number): void {
    let qa = qaReducer(this.state.qa, action);
    let latest = version;
    for (const held of this.held ?? []) {
      qa = qaReducer(qa, held);
      if (held.type === 'delta' && held.delta.version !== undefined) latest = Math.max(latest, held.delta.version);
    }
    this.held = null;
    this.set({ qa, synced: true, failure: null, version: latest });
  }

  private apply(action: QaAction): void {
    if (this.held) this.held.push(action);
    else this.set({ qa: qaReducer(this.state.qa, action) });
  }
}
