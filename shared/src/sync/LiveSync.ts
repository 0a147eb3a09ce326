import type { Socket } from 'socket.io-client';
import { type Ack, type ClientError, isErrorCode, isRefusalReason, RETRYABLE_CODES } from '../errors.js';
import type { ClientEventName, ClientToServerEvents, EventAck, EventPayload, ServerToClientEvents } from '../events.js';
import type { KickNotice } from '../model.js';
import { type BoardAction, type BoardState, boardReducer, initialBoardState, localPhase } from './boardState.js';
import { initialSessionState, type SessionAction, sessionReducer, type SessionState } from './sessionState.js';

/** A socket.io-client socket speaking IdeaSphere's protocol. */
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** Everything a client knows about its live session, kept current by LiveSync. */
export interface LiveState {
  connection: ConnectionState;
  /** The server refused this token or session for good; the socket stays closed. */
  failure: ClientError | null;
  /** The server closed this socket on purpose; it does not reconnect. */
  kicked: KickNotice['reason'] | null;
  session: SessionState;
  board: BoardState;
  /** The board snapshot was refused for good (the rest of the session still works). */
  boardFailure: ClientError | null;
  /** Connected, with this connection's board snapshot applied. */
  boardSynced: boolean;
  /** Bumped each time a board snapshot or catch-up was applied, i.e. once per fresh (re)connection. */
  syncCount: number;
  /**
   * The session version this state holds every change up to (null before the first full sync):
   * after a connection Socket.IO could not recover, the client catches up from it.
   */
  version: number | null;
}

/** An ack, or `network` when the socket was closed or the ack did not come in time. */
export type SyncResult<E extends ClientEventName> = Ack<EventAck<E>> | { ok: false; error: ClientError };

export interface LiveSyncOptions {
  /** Load every page of participants (consoles and screens show the whole roster). */
  loadAllParticipants: boolean;
  /**
   * A state kept from before (the browser's storage): shown at once, then brought up to date
   * with a catch-up from its version instead of a full reload.
   */
  initial?: { version: number; session: SessionState; board: BoardState };
  /** The device's clock: phase countdowns are re-anchored on it. */
  now?: () => number;
  /** Random numbers for backoff jitter (tests pass a seeded one). */
  random?: () => number;
}

/**
 * The timers of whatever runs this (a browser, Node): shared code takes them from globalThis
 * rather than from the DOM's or Node's type declarations, which shared does not load.
 */
interface Clock {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}
const clock = globalThis as unknown as Clock;

/**
 * How far before its version a client asks to catch up from: a change whose broadcast was still
 * on its way (a join announced after a later delta) is fetched again rather than missed.
 */
const CATCH_UP_OVERLAP = 64;

/** Failed connection attempts in a row after which the state says offline, not reconnecting. */
const OFFLINE_AFTER_FAILURES = 3;
/** Pages of 500: a 20,000-person hall, and a full 10,000-idea board. */
const MAX_PARTICIPANT_PAGES = 40;
const MAX_IDEA_PAGES = 20;
/** Failed attempts at one read after which the connection starts over. */
const READ_ATTEMPTS = 5;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * How long to wait before attempt `attempt` (0-based): doubling from 1 s to 30 s, with full
 * jitter between half and the whole, so a hall of phones does not retry in step.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5));
  return base / 2 + random() * (base / 2);
}

/** A refused handshake's `err.data`, as far as it is one of ours. */
function asClientError(value: unknown): ClientError | null {
  if (typeof value !== 'object' || value === null) return null;
  const { code, reason, message } = value as { code?: unknown; reason?: unknown; message?: unknown };
  if (!isErrorCode(code)) return null;
  return { code, ...(isRefusalReason(reason) ? { reason } : {}), message: typeof message === 'string' ? message : '' };
}

/** What a client knows before its first connection. */
export const initialLiveState: LiveState = {
  connection: 'connecting',
  failure: null,
  kicked: null,
  session: initialSessionState,
  board: initialBoardState,
  boardFailure: null,
  boardSynced: false,
  syncCount: 0,
  version: null,
};

type Kind = 'session' | 'board';

/**
 * The one client sync engine, framework-free (tldraw's TLSyncClient is the model): it follows a
 * live session over one socket and keeps a LiveState that React hooks, the big screen and the
 * seeded fuzz tests all read through `subscribe`.
 *
 * After a fresh connection it loads the session and board snapshots, then every remaining page;
 * a connection Socket.IO recovered (missed broadcasts replayed) keeps its state instead. While
 * any read is in flight, broadcasts of its kind are held back and applied after it, so a read
 * never erases a newer change. A read that keeps failing starts the connection over rather
 * than leave a roster or board incomplete for good. Refusals that will not change end it.
 */
export class LiveSync {
  private state: LiveState = initialLiveState;
  private readonly listeners = new Set<() => void>();
  private readonly timers = new Set<unknown>();
  private readonly detach: (() => void)[] = [];
  /** Bumped on every connect and disconnect: results of an older connection are dropped. */
  private epoch = 0;
  /** Broadcasts held while a read of their kind is in flight (null: apply at once). */
  private readonly held: Record<Kind, (SessionAction | BoardAction)[] | null> = { session: null, board: null };
  /** Reads in flight per kind; broadcasts are held while any is. */
  private readonly reading: Record<Kind, number> = { session: 0, board: 0 };
  /** Set while the state may lack something (before the first full sync, or after a cut-short one). */
  private needsResync = true;
  private failures = 0;
  private connectedOnce = false;
  private stopped = false;
  private disposed = false;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(
    readonly socket: LiveSocket,
    private readonly options: LiveSyncOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    if (options.initial) {
      const { version, session, board } = options.initial;
      this.state = { ...this.state, version, session, board };
      this.needsResync = false;
    }
  }

  getState = (): LiveState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts listening (again, after `dispose`); loads at once if the socket is already connected. */
  start(): void {
    this.disposed = false;
    const on = <E extends Parameters<LiveSocket['on']>[0]>(event: E, listener: Parameters<LiveSocket['on']>[1]) => {
      (this.socket.on as (e: string, l: unknown) => void)(event, listener);
      this.detach.push(() => (this.socket.off as (e: string, l: unknown) => void)(event, listener));
    };
    on('connect', () => this.onConnect());
    on('connect_error', (error: Error & { data?: unknown }) => this.onConnectError(error));
    on('disconnect', (reason: string) => this.onDisconnect(reason));
    on('session:kicked', (({ reason }: KickNotice) => this.stop({ kicked: reason })) as never);
    const session = (event: keyof ServerToClientEvents, make: (...args: never[]) => SessionAction) =>
      on(event, ((...args: never[]) => this.apply('session', make(...args))) as never);
    session('participant:joined', (participant, participantCount, venueCounts) => ({ type: 'joined', participant, participantCount, venueCounts }));
    session('participant:updated', (participant) => ({ type: 'updated', participant }));
    session('participant:presence', (change) => ({ type: 'presence', change }));
    session('session:updated', (updated) => ({ type: 'session', session: updated }));
    session('participant:removed', (change) => ({ type: 'removed', change }));
    session('ceremony:changed', (ceremony) => ({ type: 'ceremony', ceremony }));
    session('venues:changed', (venues) => ({ type: 'venues', venues }));
    const board = (event: keyof ServerToClientEvents, make: (...args: never[]) => BoardAction) =>
      on(event, ((...args: never[]) => this.apply('board', make(...args))) as never);
    board('board:delta', (delta) => {
      // A delta holds every change up to its version: the state now does too.
      const { version } = delta;
      if (version !== undefined && this.state.version !== null && version > this.state.version && !this.needsResync) {
        this.state = { ...this.state, version };
      }
      return { type: 'delta', delta };
    });
    board('phase:changed', (phase) => ({ type: 'phase', phase: localPhase(phase, this.now()) }));
    board('board:settings', (settings) => ({ type: 'settings', settings }));
    if (this.socket.connected) this.onConnect();
  }

  /** Stops listening to the socket and cancels every timer; the socket is the caller's to close. */
  dispose(): void {
    this.disposed = true;
    this.epoch++;
    for (const id of this.timers) clock.clearTimeout(id);
    this.timers.clear();
    for (const off of this.detach.splice(0)) off();
  }

  /** What to keep in the browser's storage: the state and its version, once it is whole. */
  keepable(): { version: number; session: SessionState; board: BoardState } | null {
    const { version, session, board } = this.state;
    return version === null || this.needsResync ? null : { version, session, board };
  }

  /** Applies what an ack returned, before the broadcast that confirms it arrives. */
  applySession(action: SessionAction): void {
    this.set({ session: sessionReducer(this.state.session, action) });
  }

  applyBoard(action: BoardAction): void {
    this.set({ board: boardReducer(this.state.board, action) });
  }

  /** Sends an event and resolves with its ack, or `network` without a connection or answer. */
  async request<E extends ClientEventName>(event: E, payload: EventPayload<E>, timeoutMs = REQUEST_TIMEOUT_MS): Promise<SyncResult<E>> {
    if (!this.socket.connected) return { ok: false, error: { code: 'network', message: 'not connected' } };
    type Raw = { timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> } };
    try {
      return (await (this.socket as unknown as Raw).timeout(timeoutMs).emitWithAck(event, payload)) as SyncResult<E>;
    } catch {
      return { ok: false, error: { code: 'network', message: 'no answer' } };
    }
  }

  /** Loads fresh snapshots on the current connection, as after a fresh connect; resolves once done. */
  async refresh(): Promise<void> {
    if (this.socket.connected) await this.resync(this.epoch);
  }

  /** Reconnects now instead of waiting out the backoff (the network came back, the phone woke). */
  reconnectNow(): void {
    if (!this.stopped && !this.socket.connected) this.socket.disconnect().connect();
  }

  /** The device says it has no network: show it, and let the socket retry when it returns. */
  markOffline(): void {
    if (!this.stopped) this.set({ connection: 'offline' });
  }

  /** The device has a network again. */
  markOnline(): void {
    if (this.socket.connected) this.set({ connection: 'connected' });
    else if (!this.stopped) {
      this.set({ connection: 'reconnecting' });
      this.reconnectNow();
    }
  }

  // ── Connection ───────────────────────────────────────────────────────────────────────────

  private onConnect(): void {
    this.failures = 0;
    this.connectedOnce = true;
    this.epoch++;
    this.set({ connection: 'connected' });
    // Recovered: the server replayed what this socket missed, and the state it had is whole.
    if (this.socket.recovered && !this.needsResync) {
      this.set({ boardSynced: this.state.boardFailure === null && this.state.board.loaded });
      return;
    }
    // Back after a restart (or too long away to recover): only what changed since.
    const { version } = this.state;
    if (version !== null && !this.needsResync) void this.catchUp(this.epoch, version);
    else void this.resync(this.epoch);
  }

  private onConnectError(error: Error & { data?: unknown }): void {
    if (this.disposed || this.stopped) return;
    this.failures++;
    if (!this.socket.active) {
      // The server refused the handshake; socket.io-client will not retry by itself.
      const refusal = asClientError(error.data);
      if (refusal && !RETRYABLE_CODES.has(refusal.code)) return this.stop({ failure: refusal });
      this.set({ connection: this.failures >= OFFLINE_AFTER_FAILURES ? 'offline' : 'reconnecting' });
      this.later(backoffMs(this.failures, this.random), () => this.socket.connect());
      return;
    }
    this.set({ connection: this.failures >= OFFLINE_AFTER_FAILURES ? 'offline' : this.connectedOnce ? 'reconnecting' : 'connecting' });
  }

  private onDisconnect(reason: string): void {
    this.epoch++;
    // A read cut short leaves its held broadcasts undelivered: the state is no longer whole.
    if (this.reading.session + this.reading.board > 0) this.needsResync = true;
    this.reading.session = this.reading.board = 0;
    this.held.session = this.held.board = null;
    if (this.disposed || this.stopped) return;
    this.set({ connection: 'reconnecting', boardSynced: false });
    // The server hung up on purpose (a restart, a flood cut off): the client does not retry by itself.
    if (reason === 'io server disconnect') this.later(backoffMs(0, this.random), () => this.socket.connect());
  }

  private stop(change: Partial<LiveState>): void {
    this.stopped = true;
    this.socket.disconnect();
    this.set({ connection: 'offline', boardSynced: false, ...change });
  }

  /** Drops the connection and connects again at once: a fresh connection resyncs everything. */
  private restart(): void {
    this.needsResync = true;
    if (!this.stopped) this.socket.disconnect().connect();
  }

  // ── Reads ────────────────────────────────────────────────────────────────────────────────

  private async resync(epoch: number): Promise<void> {
    this.needsResync = true;
    const [session, board] = await Promise.all([this.loadSession(epoch), this.loadBoard(epoch)]);
    if (!this.current(epoch)) return;
    if (session === null || board === null) return;
    this.needsResync = false;
    // Both snapshots hold every change up to their version: the state, up to the older one.
    const version = Math.min(session, board);
    this.set({ version: Number.isSafeInteger(version) ? version : null });
  }

  /**
   * Asks for the changes since `version` (a little before it: a change whose broadcast was
   * still on its way when the connection dropped is fetched again, harmlessly) while holding
   * broadcasts of both kinds; `reload` from the server means a full resync.
   */
  private async catchUp(epoch: number, version: number): Promise<void> {
    this.needsResync = true;
    this.hold('session');
    const result = await this.read(epoch, 'board', 'session:catchUp', { since: Math.max(0, version - CATCH_UP_OVERLAP) }, (data) => {
      if (data.kind === 'reload') return;
      const changes = { ...data, phase: localPhase(data.phase, this.now()) };
      this.set({
        session: sessionReducer(this.state.session, { type: 'catchUp', changes }),
        board: boardReducer(this.state.board, { type: 'catchUp', changes }),
        version: changes.version,
        boardFailure: null,
        boardSynced: true,
        syncCount: this.state.syncCount + 1,
      });
    });
    this.release('session', epoch);
    if (!this.current(epoch) || result === null) return;
    if (!result.ok || result.data.kind === 'reload') {
      await this.resync(epoch);
      return;
    }
    this.needsResync = false;
  }

  /** The session snapshot, then every participant page: its version, or null if cut short. */
  private async loadSession(epoch: number): Promise<number | null> {
    const snapshot = await this.read(epoch, 'session', 'session:snapshot', {}, (data) => {
      this.set({ session: sessionReducer(this.state.session, { type: 'snapshot', snapshot: data }) });
    });
    if (!snapshot) return null;
    if (!snapshot.ok) {
      this.stop({ failure: snapshot.error });
      return null;
    }
    if (!this.options.loadAllParticipants) return snapshot.data.version;
    let cursor = snapshot.data.firstPage.nextCursor;
    for (let pages = 0; cursor !== null && pages < MAX_PARTICIPANT_PAGES; pages++) {
      const page = await this.read(epoch, 'session', 'participants:page', { after: cursor }, (data) => {
        this.set({ session: sessionReducer(this.state.session, { type: 'page', page: data }) });
      });
      if (!page?.ok) return null;
      cursor = page.data.nextCursor;
    }
    return snapshot.data.version;
  }

  /** The board snapshot, then every idea page: its version, or null if cut short. */
  private async loadBoard(epoch: number): Promise<number | null> {
    const snapshot = await this.read(epoch, 'board', 'board:snapshot', {}, (data) => {
      const snapshotHere = { ...data, phase: localPhase(data.phase, this.now()) };
      this.set({
        board: boardReducer(this.state.board, { type: 'snapshot', snapshot: snapshotHere }),
        boardFailure: null,
        boardSynced: true,
        syncCount: this.state.syncCount + 1,
      });
    });
    if (!snapshot) return null;
    if (!snapshot.ok) {
      // This role or session has no board (or not now): the rest of the session still works.
      this.set({ boardFailure: snapshot.error });
      return Number.MAX_SAFE_INTEGER;
    }
    let cursor = snapshot.data.firstPage.nextCursor;
    for (let pages = 0; cursor !== null && pages < MAX_IDEA_PAGES; pages++) {
      const page = await this.read(epoch, 'board', 'board:page', { after: cursor }, (data) => {
        this.set({ board: boardReducer(this.state.board, { type: 'page', page: data }) });
      });
      if (!page?.ok) return null;
      cursor = page.data.nextCursor;
    }
    return snapshot.data.version;
  }

  /**
   * One read with broadcasts of its kind held back until its answer is applied (`apply`, then
   * what was held, in order, in the same tick). Retries what is worth retrying; after
   * READ_ATTEMPTS it starts the connection over. Resolves with the answer (or a final
   * refusal), or null when this connection is gone.
   */
  private async read<E extends ClientEventName>(
    epoch: number,
    kind: Kind,
    event: E,
    payload: EventPayload<E>,
    apply: (data: EventAck<E>) => void,
  ): Promise<SyncResult<E> | null> {
    for (let attempt = 0; ; attempt++) {
      this.hold(kind);
      const result = await this.request(event, payload);
      if (!this.current(epoch)) return null;
      if (result.ok || !RETRYABLE_CODES.has(result.error.code)) {
        if (result.ok) apply(result.data);
        this.release(kind, epoch);
        return result;
      }
      this.release(kind, epoch);
      if (attempt + 1 >= READ_ATTEMPTS) {
        // Still failing: start over rather than keep a roster or board that is incomplete for good.
        this.restart();
        return null;
      }
      await new Promise<void>((resolve) => this.later(backoffMs(attempt, this.random), resolve));
      if (!this.current(epoch)) return null;
    }
  }

  private hold(kind: Kind): void {
    this.reading[kind]++;
    this.held[kind] ??= [];
  }

  /** Ends one read of this kind; the last one delivers what was held, in order. */
  private release(kind: Kind, epoch: number): void {
    if (!this.current(epoch)) return;
    this.reading[kind] = Math.max(0, this.reading[kind] - 1);
    if (this.reading[kind] > 0) return;
    const held = this.held[kind];
    this.held[kind] = null;
    if (!held || held.length === 0) return;
    if (kind === 'session') {
      let session = this.state.session;
      for (const action of held as SessionAction[]) session = sessionReducer(session, action);
      this.set({ session });
    } else {
      let board = this.state.board;
      for (const action of held as BoardAction[]) board = boardReducer(board, action);
      this.set({ board });
    }
  }

  private apply(kind: 'session', action: SessionAction): void;
  private apply(kind: 'board', action: BoardAction): void;
  private apply(kind: Kind, action: SessionAction | BoardAction): void {
    const held = this.held[kind];
    if (held) held.push(action);
    else if (kind === 'session') this.set({ session: sessionReducer(this.state.session, action as SessionAction) });
    else this.set({ board: boardReducer(this.state.board, action as BoardAction) });
  }

  // ── Plumbing ─────────────────────────────────────────────────────────────────────────────

  private current(epoch: number): boolean {
    return !this.disposed && epoch === this.epoch;
  }

  private later(ms: number, run: () => void): void {
    const id = clock.setTimeout(() => {
      this.timers.delete(id);
      if (!this.disposed) run();
    }, ms);
    this.timers.add(id);
  }

  private set(change: Partial<LiveState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...change };
    for (const listener of [...this.listeners]) listener();
  }
}
