import type { Redis } from 'ioredis';
import type { Log } from '../logger.js';
import { type ScaleOut, watchConnection } from '../scale/redisConnection.js';
import { type ClusterEnvelope, type ClusterMessage, decodeClusterMessage, encodeClusterMessage } from './clusterMessages.js';
import { SharedConnectionSlots } from './SharedConnectionSlots.js';
import { SharedLogLock } from './SharedLogLock.js';

/** How often a process renews the key that says it is alive (its connection counts are believed while it exists). */
export const YJS_NODE_BEAT_MS = 5_000;
/** A process silent for this long is gone: its connections no longer count against any document's cap. */
export const YJS_NODE_TTL_MS = 15_000;
/** Largest channel message read (a sync reply carries at most a whole document). */
const CHANNEL_MESSAGE_MAX_BYTES = 32 * 1024 * 1024;

/** A loaded document's end of its Redis channel. */
export interface DocumentChannel {
  /** This process, as the others know it. */
  readonly nodeId: string;
  /** Sends to every other process holding the document; best effort (pub/sub), failures are logged. */
  publish(message: ClusterMessage): void;
  /** Runs one write of the document's update log alone across processes (see SharedLogLock). */
  exclusiveWrite(work: (lastSeq: number) => Promise<number>): Promise<void>;
  /** Starts delivering: first what arrived since the subscription, then live messages. */
  attach(receive: (envelope: ClusterEnvelope) => void): void;
  /** Unsubscribes (the document unloaded); nothing is delivered afterwards. */
  leave(): void;
}

interface Subscription {
  /** Resolves once Redis confirmed the SUBSCRIBE. */
  ready: Promise<unknown>;
  receivers: Set<(bytes: Uint8Array) => void>;
}

/**
 * The Yjs side of scale-out, one per process (in the manner of Hocuspocus's Redis extension).
 * Every process holding a proposal document loaded subscribes to `<keyPrefix>yjs:<proposalId>`
 * on a subscriber connection of its own and publishes there, tagged with its node id, what its
 * own clients change (updates, awareness); it applies what the others publish and ignores its
 * own messages. What it shares through Redis besides: the per-document connection cap
 * (SharedConnectionSlots) and a lock serialising writes of a document's update log
 * (SharedLogLock). Everything else of a document (peers, send buffers, rate buckets, the
 * persistence debounce, automatic versions) stays per process.
 */
export class YjsCluster {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly reconnectListeners = new Set<() => void>();
  private beat: NodeJS.Timeout | null = null;
  readonly slots: SharedConnectionSlots;
  private readonly locks: SharedLogLock;

  private constructor(
    private readonly scale: ScaleOut,
    private readonly subscriber: Redis,
    private readonly log: Log,
  ) {
    this.slots = new SharedConnectionSlots(scale, this.nodeKeyPrefix, log);
    this.locks = new SharedLogLock(scale);
    subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      if (message.byteLength > CHANNEL_MESSAGE_MAX_BYTES) return;
      const subscription = this.subscriptions.get(channel.toString());
      if (!subscription) return;
      const bytes = new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
      for (const receive of subscription.receivers) receive(bytes);
    });
    // Pub/sub keeps nothing for a subscriber that was away: after a lost connection every
    // loaded document asks the others again for what it missed.
    let lost = false;
    subscriber.on('close', () => (lost = true));
    subscriber.on('ready', () => {
      if (!lost) return;
      lost = false;
      for (const listener of this.reconnectListeners) listener();
    });
  }

  /**
   * Opens the subscriber (it connects by itself; the first join waits for it) and starts saying
   * this process is alive (a process always counts its own connections, so the first beat
   * need not be awaited).
   */
  static start(scale: ScaleOut, log: Log): YjsCluster {
    // Named, so CLIENT LIST tells which process a subscriber belongs to.
    const subscriber = scale.redis.duplicate({ connectionName: `${scale.keyPrefix}yjs:${scale.nodeId}` });
    watchConnection(subscriber, log, 'yjs');
    const cluster = new YjsCluster(scale, subscriber, log);
    const beat = () => {
      cluster.renewNode().catch((error: unknown) => log.warn({ component: 'yjs-cluster', err: error }, 'node heartbeat not written'));
    };
    beat();
    cluster.beat = setInterval(beat, YJS_NODE_BEAT_MS);
    cluster.beat.unref();
    return cluster;
  }

  get nodeId(): string {
    return this.scale.nodeId;
  }

  private get nodeKeyPrefix(): string {
    return `${this.scale.keyPrefix}yjs:node:`;
  }

  /** Called after the subscriber came back from a lost connection. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /** Subscribes to a document's channel; messages are held until the channel is attached. */
  async join(proposalId: string): Promise<DocumentChannel> {
    const name = this.channelName(proposalId);
    let held: Uint8Array[] | null = [];
    let deliver: ((envelope: ClusterEnvelope) => void) | null = null;
    let left = false;
    const receive = (bytes: Uint8Array) => {
      if (held) held.push(bytes);
      else this.dispatch(proposalId, bytes, deliver);
    };
    let subscription = this.subscriptions.get(name);
    if (!subscription) {
      subscription = { ready: this.subscriber.subscribe(name), receivers: new Set() };
      this.subscriptions.set(name, subscription);
    }
    subscription.receivers.add(receive);
    const joined = subscription;
    const leave = () => {
      if (left) return;
      left = true;
      held = null;
      joined.receivers.delete(receive);
      if (joined.receivers.size > 0 || this.subscriptions.get(name) !== joined) return;
      this.subscriptions.delete(name);
      this.subscriber.unsubscribe(name).catch((error: unknown) => this.log.warn({ component: 'yjs-cluster', proposal: proposalId, err: error }, 'unsubscribe failed'));
    };
    try {
      await joined.ready;
    } catch (error) {
      leave();
      throw error;
    }
    return {
      nodeId: this.nodeId,
      publish: (message) => this.publish(proposalId, message),
      exclusiveWrite: (work) => this.locks.exclusive(proposalId, work),
      attach: (receiver) => {
        if (left || !held) return;
        deliver = receiver;
        const backlog = held;
        held = null;
        for (const bytes of backlog) this.dispatch(proposalId, bytes, deliver);
      },
      leave,
    };
  }

  /** Publishes to a document's channel, whether or not this process holds the document. */
  publish(proposalId: string, message: ClusterMessage): void {
    const bytes = encodeClusterMessage(this.nodeId, message);
    this.scale.redis.publish(this.channelName(proposalId), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch((error: unknown) => {
      this.log.warn({ component: 'yjs-cluster', proposal: proposalId, kind: message.kind, err: error }, 'document message not published');
    });
  }

  /** Stops the heartbeat and the subscriber, and says at once that this process is gone. */
  async close(): Promise<void> {
    if (this.beat) clearInterval(this.beat);
    this.beat = null;
    this.subscriptions.clear();
    await this.scale.redis.del(`${this.nodeKeyPrefix}${this.nodeId}`).catch(() => undefined);
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  private dispatch(proposalId: string, bytes: Uint8Array, deliver: ((envelope: ClusterEnvelope) => void) | null): void {
    const envelope = decodeClusterMessage(bytes);
    if (!envelope) {
      this.log.warn({ component: 'yjs-cluster', proposal: proposalId }, 'unreadable document message dropped');
      return;
    }
    if (envelope.from === this.nodeId || !deliver) return;
    try {
      deliver(envelope);
    } catch (error) {
      this.log.error({ component: 'yjs-cluster', proposal: proposalId, kind: envelope.message.kind, err: error }, 'document message handler failed');
    }
  }

  private channelName(proposalId: string): string {
    return `${this.scale.keyPrefix}yjs:${proposalId}`;
  }

  private async renewNode(): Promise<void> {
    await this.scale.redis.set(`${this.nodeKeyPrefix}${this.nodeId}`, '1', 'PX', YJS_NODE_TTL_MS);
  }
}
