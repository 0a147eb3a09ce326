import type { Redis } from 'ioredis';
import type { Log } from '../logger.js';
import type { SearchChange } from '../search/SearchService.js';
import { type ScaleOut, watchConnection } from './redisConnection.js';

/** Largest bus message read (a presence snapshot of a full hall is far below it). */
export const CLUSTER_BUS_MESSAGE_MAX_BYTES = 4 * 1024 * 1024;

/** What the processes of one deployment tell each other, by topic. */
export interface BusTopics {
  /** A participant's first socket on the sender opened (`up`) or its last one closed (`down`). */
  'presence:up': { sessionId: string; participantId: string };
  'presence:down': { sessionId: string; participantId: string };
  /** The sender is alive; `hello` also asks every other process for its presence `state`. */
  'presence:beat': { hello: boolean };
  /** The sender's whole presence: session id → participants with a socket open on it. */
  'presence:state': { sessions: [string, string[]][] };
  /** The sender changed a session's board: what others derived from it (results) is out of date. */
  'board:changed': { sessionId: string };
  /** Something the search index holds changed through the sender: read that item again. */
  'search:changed': SearchChange;
}

export type BusTopic = keyof BusTopics;
type Handler<T extends BusTopic> = (payload: BusTopics[T], from: string) => void;

interface Envelope {
  from: string;
  topic: string;
  payload: unknown;
}

/**
 * Messages between the server processes of one deployment, on one Redis pub/sub channel. Pub/sub
 * keeps each sender's messages in order and delivers nothing sent while a process was away, so
 * what must survive a process (presence) is rebuilt by asking (`presence:beat` with `hello`).
 * A process never hears its own messages.
 */
export class ClusterBus {
  private readonly handlers = new Map<string, Handler<never>[]>();
  /** Messages not sent since the last one that was (Redis away): logged once per outage, not per message. */
  private unsent = 0;
  private readonly reconnectListeners: (() => void)[] = [];

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
    readonly nodeId: string,
    private readonly log: Log,
  ) {
    subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      if (channel.toString() === this.channel) this.deliver(message);
    });
    // ioredis subscribes again by itself after a lost connection; what was sent meanwhile is gone.
    let connected = true;
    subscriber.on('close', () => (connected = false));
    subscriber.on('ready', () => {
      if (connected) return;
      connected = true;
      for (const listener of this.reconnectListeners) listener();
    });
  }

  /** Told when this process hears the bus again after a lost connection (messages were missed: resync). */
  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  static async open(scale: ScaleOut, log: Log): Promise<ClusterBus> {
    const subscriber = scale.redis.duplicate();
    watchConnection(subscriber, log, 'bus');
    const channel = `${scale.keyPrefix}bus`;
    await subscriber.subscribe(channel);
    return new ClusterBus(scale.redis, subscriber, channel, scale.nodeId, log);
  }

  on<T extends BusTopic>(topic: T, handler: Handler<T>): void {
    const list = this.handlers.get(topic) ?? [];
    list.push(handler as Handler<never>);
    this.handlers.set(topic, list);
  }

  /**
   * Sends to every other process. Best effort, like pub/sub: while Redis is away messages are
   * dropped (listeners of `onReconnect` resync once it is back), and the outage is logged once,
   * with the count when it ends.
   */
  publish<T extends BusTopic>(topic: T, payload: BusTopics[T]): void {
    const envelope: Envelope = { from: this.nodeId, topic, payload };
    this.publisher.publish(this.channel, JSON.stringify(envelope)).then(
      () => {
        if (this.unsent === 0) return;
        this.log.warn({ component: 'bus', unsent: this.unsent }, 'cluster messages flow again');
        this.unsent = 0;
      },
      (error: unknown) => {
        if (this.unsent++ === 0) this.log.warn({ component: 'bus', topic, err: error }, 'cluster messages not sent while Redis is away');
      },
    );
  }

  async close(): Promise<void> {
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  private deliver(message: Buffer): void {
    if (message.length > CLUSTER_BUS_MESSAGE_MAX_BYTES) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message.toString('utf8')) as Envelope;
    } catch {
      this.log.warn({ component: 'bus' }, 'unreadable cluster message dropped');
      return;
    }
    if (envelope.from === this.nodeId) return;
    for (const handler of this.handlers.get(envelope.topic) ?? []) {
      try {
        (handler as Handler<BusTopic>)(envelope.payload as BusTopics[BusTopic], envelope.from);
      } catch (error) {
        this.log.error({ component: 'bus', topic: envelope.topic, err: error }, 'cluster message handler failed');
      }
    }
  }
}
