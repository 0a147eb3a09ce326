import { Presence } from '../services/Presence.js';
import type { ClusterBus } from './ClusterBus.js';

/** What presence needs of the bus (tests pass an in-memory one). */
export type PresenceBus = Pick<ClusterBus, 'on' | 'publish' | 'onReconnect'>;

/** How often a process says it is alive. */
export const PRESENCE_BEAT_MS = 5_000;
/** A process not heard from for this long is gone: its participants count as offline. */
export const PRESENCE_NODE_TIMEOUT_MS = 15_000;

interface RemoteNode {
  lastHeard: number;
  /** Session id → participants with a socket open on that process. */
  sessions: Map<string, Set<string>>;
}

/**
 * Presence across the processes of a deployment. Each process counts its own sockets (the base
 * class) and tells the others when a participant's first socket on it opens or its last one
 * closes; every process keeps the others' sets, so `onlineCount` and `isOnline` answer for the
 * whole hall from memory (no Redis round trip per connection). A participant is online while any
 * process holds a socket of it. A process that stops beating is forgotten after
 * PRESENCE_NODE_TIMEOUT_MS, and `onNodeLost` reports who went offline with it.
 */
export class ClusterPresence extends Presence {
  private readonly remote = new Map<string, RemoteNode>();
  /** Session id → participant → processes other than this one where it is online. */
  private readonly elsewhere = new Map<string, Map<string, number>>();
  /** Session id → participants online on any process (kept as they change: a count per join must not cost a pass over the hall). */
  private readonly hall = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly bus: PresenceBus,
    private readonly now: () => number = Date.now,
    /** Told which participants went offline because their process was lost (to broadcast it). */
    private readonly onNodeLost: (offline: { sessionId: string; participantId: string }[]) => void = () => {},
  ) {
    super();
    bus.on('presence:up', (p, from) => this.remoteUp(from, p.sessionId, p.participantId));
    bus.on('presence:down', (p, from) => this.remoteDown(from, p.sessionId, p.participantId));
    bus.on('presence:beat', (p, from) => {
      this.nodeOf(from);
      if (p.hello) this.bus.publish('presence:state', { sessions: this.localSessions() });
    });
    bus.on('presence:state', (p, from) => this.replaceNode(from, p.sessions));
    // Ups and downs were missed both ways while Redis was away: send ours whole, ask for theirs.
    bus.onReconnect(() => {
      this.bus.publish('presence:state', { sessions: this.localSessions() });
      this.bus.publish('presence:beat', { hello: true });
    });
  }

  /** Asks the others for their presence and starts beating. */
  start(): void {
    this.bus.publish('presence:beat', { hello: true });
    this.timer = setInterval(() => {
      this.bus.publish('presence:beat', { hello: false });
      this.forgetSilentNodes();
    }, PRESENCE_BEAT_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  override connect(sessionId: string, participantId: string): boolean {
    const first = super.connect(sessionId, participantId);
    if (!first) return false;
    this.bus.publish('presence:up', { sessionId, participantId });
    if (this.countElsewhere(sessionId, participantId) > 0) return false;
    this.count(sessionId, 1);
    return true;
  }

  override disconnect(sessionId: string, participantId: string): boolean {
    const last = super.disconnect(sessionId, participantId);
    if (!last) return false;
    this.bus.publish('presence:down', { sessionId, participantId });
    if (this.countElsewhere(sessionId, participantId) > 0) return false;
    this.count(sessionId, -1);
    return true;
  }

  override isOnline(sessionId: string, participantId: string): boolean {
    return super.isOnline(sessionId, participantId) || this.countElsewhere(sessionId, participantId) > 0;
  }

  override onlineIds(sessionId: string): string[] {
    const ids = new Set(super.onlineIds(sessionId));
    for (const id of this.elsewhere.get(sessionId)?.keys() ?? []) ids.add(id);
    return [...ids];
  }

  override onlineCount(sessionId: string): number {
    return this.hall.get(sessionId) ?? 0;
  }

  private localSessions(): [string, string[]][] {
    return this.sessionIds().map((sessionId) => [sessionId, super.onlineIds(sessionId)]);
  }

  private countElsewhere(sessionId: string, participantId: string): number {
    return this.elsewhere.get(sessionId)?.get(participantId) ?? 0;
  }

  private nodeOf(from: string): RemoteNode {
    let node = this.remote.get(from);
    if (!node) {
      node = { lastHeard: this.now(), sessions: new Map() };
      this.remote.set(from, node);
    }
    node.lastHeard = this.now();
    return node;
  }

  private remoteUp(from: string, sessionId: string, participantId: string): void {
    const node = this.nodeOf(from);
    let ids = node.sessions.get(sessionId);
    if (!ids) node.sessions.set(sessionId, (ids = new Set()));
    if (ids.has(participantId)) return;
    ids.add(participantId);
    this.adjust(sessionId, participantId, 1);
  }

  private remoteDown(from: string, sessionId: string, participantId: string): void {
    const node = this.nodeOf(from);
    const ids = node.sessions.get(sessionId);
    if (!ids?.delete(participantId)) return;
    if (ids.size === 0) node.sessions.delete(sessionId);
    this.adjust(sessionId, participantId, -1);
  }

  private replaceNode(from: string, sessions: [string, string[]][]): void {
    this.dropNode(from);
    for (const [sessionId, ids] of sessions) for (const id of ids) this.remoteUp(from, sessionId, id);
  }

  /** Removes a process's participants; returns those now offline everywhere. */
  private dropNode(from: string): { sessionId: string; participantId: string }[] {
    const node = this.remote.get(from);
    if (!node) return [];
    this.remote.delete(from);
    const offline: { sessionId: string; participantId: string }[] = [];
    for (const [sessionId, ids] of node.sessions) {
      for (const participantId of ids) {
        this.adjust(sessionId, participantId, -1);
        if (!this.isOnline(sessionId, participantId)) offline.push({ sessionId, participantId });
      }
    }
    return offline;
  }

  private forgetSilentNodes(): void {
    const cutoff = this.now() - PRESENCE_NODE_TIMEOUT_MS;
    for (const [id, node] of [...this.remote]) {
      if (node.lastHeard >= cutoff) continue;
      const offline = this.dropNode(id);
      if (offline.length > 0) this.onNodeLost(offline);
    }
  }

  private adjust(sessionId: string, participantId: string, delta: 1 | -1): void {
    let counts = this.elsewhere.get(sessionId);
    if (!counts) this.elsewhere.set(sessionId, (counts = new Map()));
    const before = counts.get(participantId) ?? 0;
    const next = before + delta;
    if (next > 0) counts.set(participantId, next);
    else counts.delete(participantId);
    if (counts.size === 0) this.elsewhere.delete(sessionId);
    // Online here already: the hall's count does not move.
    if (super.isOnline(sessionId, participantId)) return;
    if (before === 0 && next > 0) this.count(sessionId, 1);
    else if (before > 0 && next === 0) this.count(sessionId, -1);
  }

  private count(sessionId: string, delta: 1 | -1): void {
    const next = (this.hall.get(sessionId) ?? 0) + delta;
    if (next > 0) this.hall.set(sessionId, next);
    else this.hall.delete(sessionId);
  }
}
