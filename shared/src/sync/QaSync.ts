import type { ClientError } from '../errors.js';
import { RETRYABLE_CODES } from '../errors.js';
import type { QaDelta, QaSettings } from '../qa/qaModel.js';
import { backoffMs, type LiveSocket, type LiveSync } from './LiveSync.js';
import { initialQaState, type QaAction, qaReducer, type QaState } from './qaState.js';

/** How far before its version a client asks to catch up from (as LiveSync). */
const CATCH_UP_OVERLAP = 64;
const READ_ATTEMPTS = 5;

/** Timers from whatever runs this (see LiveSync's Clock). */
const clock = globalThis as unknown as { setTimeout(run: () => void, ms: number): unknown };

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
export class QaSync {
  private state: QaSyncState = { qa: initialQaState, synced: false, failure: null, version: null };
  private readonly listeners = new Set<() => void>();
  private readonly detach: (() => void)[] = [];
  private held: QaAction[] | null = null;
  private epoch = 0;
  private needsResync = true;
  private disposed = false;

  constructor(private readonly live: LiveSync) {}

  private get socket(): LiveSocket {
    return this.live.socket;
  }

  getState = (): QaSyncState => this.state;

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
    if (this.socket.connected) this.onConnect();
  }

  dispose(): void {
    this.disposed = true;
    this.epoch++;
    for (const off of this.detach.splice(0)) off();
  }

  /** Applies what an ack returned, before the broadcast that confirms it arrives. */
  applyAck(action: QaAction): void {
    this.set({ qa: qaReducer(this.state.qa, action) });
  }

  /** Loads a fresh snapshot on the current connection; resolves once done. */
  async refresh(): Promise<void> {
    if (this.socket.connected) await this.loadSnapshot(this.epoch);
  }

  private onConnect(): void {
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
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      this.held ??= [];
      const result = await this.live.request('qa:snapshot', {});
      if (!this.current(epoch)) return;
      if (result.ok) {
        this.needsResync = false;
        this.release({ type: 'snapshot', snapshot: result.data }, result.data.version);
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

  private current(epoch: number): boolean {
    return !this.disposed && epoch === this.epoch;
  }

  private set(change: Partial<QaSyncState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...change };
    for (const listener of [...this.listeners]) listener();
  }
}
