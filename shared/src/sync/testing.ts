import type { PollPublic } from '../polls/pollModel.js';
import { type LiveSocket, LiveSync, type LiveSyncOptions } from './LiveSync.js';

/**
 * A stand-in for socket.io-client's socket, for the unit tests of LiveSync and of the syncs that
 * run beside it on its socket: the test connects, drops and emits broadcasts, and decides when
 * each ack arrives. Used only by tests.
 */
export class ScriptedSocket {
  connected = false;
  recovered = false;
  active = true;
  private readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  readonly asked: { event: string; payload: unknown; answer: (ack: unknown) => void }[] = [];

  on(event: string, listener: (...args: unknown[]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  off(event: string, listener: (...args: unknown[]) => void): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  timeout(): { emitWithAck: (event: string, payload: unknown) => Promise<unknown> } {
    return { emitWithAck: (event, payload) => new Promise((answer) => this.asked.push({ event, payload, answer })) };
  }
  connect(): this {
    this.connected = true;
    this.emit('connect');
    return this;
  }
  /** Drops the connection; LiveSync only treats `io server disconnect` differently. */
  disconnect(reason = 'transport close'): this {
    this.connected = false;
    this.emit('disconnect', reason);
    return this;
  }
  /** The oldest request for `event` not answered yet. */
  pending(event: string): { event: string; payload: unknown } | undefined {
    return this.asked.find((a) => a.event === event);
  }
  /** Answers the oldest pending request for `event`. */
  answer(event: string, ack: unknown): void {
    const index = this.asked.findIndex((a) => a.event === event);
    // Without this check, splice(-1) would answer whatever was asked last in its place.
    if (index < 0) throw new Error(`nothing asked for ${event}`);
    const [pending] = this.asked.splice(index, 1);
    pending?.answer(ack);
  }
}

/** A LiveSync on a ScriptedSocket, neither started: a test starts them, and the syncs beside it, in its own order. */
export function scriptedLive(options: Partial<LiveSyncOptions> = {}): { socket: ScriptedSocket; live: LiveSync } {
  const socket = new ScriptedSocket();
  const live = new LiveSync(socket as unknown as LiveSocket, { loadAllParticipants: false, ...options });
  return { socket, live };
}

/** A LiveSync on a ScriptedSocket and the sync `follow` builds beside it, both started (the socket not connected yet). */
export function startFollower<F extends { start(): void }>(follow: (live: LiveSync) => F): { socket: ScriptedSocket; follower: F } {
  const { socket, live } = scriptedLive();
  const follower = follow(live);
  live.start();
  follower.start();
  return { socket, follower };
}

/** A draft poll as a client sees it; a test patches what it needs. */
export const poll = (id: string, patch: Partial<PollPublic> = {}): PollPublic => ({
  id,
  kind: 'choice',
  question: id,
  options: [],
  multiple: false,
  scaleMax: 5,
  correctOptionId: null,
  durationSeconds: 20,
  resultMode: 'live',
  resultsShown: false,
  status: 'draft',
  position: 0,
  openedAt: null,
  closesAt: null,
  ...patch,
});
