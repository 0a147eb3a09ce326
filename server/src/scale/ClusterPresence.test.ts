import { describe, expect, it } from 'vitest';
import type { BusTopic, BusTopics } from './ClusterBus.js';
import { ClusterPresence, PRESENCE_BEAT_MS, PRESENCE_NODE_TIMEOUT_MS, type PresenceBus } from './ClusterPresence.js';

/** Pub/sub between in-memory nodes: each message reaches every other node, in order, at once. */
class FakeNetwork {
  private readonly nodes = new Map<string, Map<string, ((payload: never, from: string) => void)[]>>();
  /** Nodes whose messages are dropped (a process that died, or Redis away). */
  readonly silenced = new Set<string>();
  /** What each node does when it hears the bus again. */
  readonly reconnects: (() => void)[] = [];

  bus(nodeId: string): PresenceBus {
    const handlers = new Map<string, ((payload: never, from: string) => void)[]>();
    this.nodes.set(nodeId, handlers);
    return {
      on: <T extends BusTopic>(topic: T, handler: (payload: BusTopics[T], from: string) => void) => {
        handlers.set(topic, [...(handlers.get(topic) ?? []), handler as (payload: never, from: string) => void]);
      },
      onReconnect: (listener: () => void) => this.reconnects.push(listener),
      publish: <T extends BusTopic>(topic: T, payload: BusTopics[T]) => {
        if (this.silenced.has(nodeId)) return;
        for (const [other, theirs] of this.nodes) {
          if (other === nodeId) continue;
          for (const handler of theirs.get(topic) ?? []) handler(structuredClone(payload) as never, nodeId);
        }
      },
    } as PresenceBus;
  }
}

describe('ClusterPresence', () => {
  it('counts a participant once however many processes hold its sockets', () => {
    const net = new FakeNetwork();
    const a = new ClusterPresence(net.bus('a'));
    const b = new ClusterPresence(net.bus('b'));
    expect(a.connect('s', 'p1')).toBe(true);
    // The same participant on B: already online in the hall, so not "came online" again.
    expect(b.connect('s', 'p1')).toBe(false);
    expect(b.connect('s', 'p2')).toBe(true);
    expect([a.onlineCount('s'), b.onlineCount('s')]).toEqual([2, 2]);
    expect(new Set(a.onlineIds('s'))).toEqual(new Set(['p1', 'p2']));
    // Its last socket on A closes, but B still holds one: still online.
    expect(a.disconnect('s', 'p1')).toBe(false);
    expect(a.isOnline('s', 'p1')).toBe(true);
    expect(b.disconnect('s', 'p1')).toBe(true);
    expect([a.onlineCount('s'), b.onlineCount('s')]).toEqual([1, 1]);
    expect(a.isOnline('s', 'p1')).toBe(false);
  });

  it('gives a process that starts late everyone already online elsewhere', () => {
    const net = new FakeNetwork();
    const a = new ClusterPresence(net.bus('a'));
    a.connect('s', 'p1');
    a.connect('t', 'p9');
    const late = new ClusterPresence(net.bus('late'));
    late.start();
    late.stop();
    expect(late.onlineCount('s')).toBe(1);
    expect(late.isOnline('t', 'p9')).toBe(true);
  });

  it('forgets a process that stops beating and reports who went offline with it', () => {
    let now = 0;
    const net = new FakeNetwork();
    const lost: { sessionId: string; participantId: string }[][] = [];
    const a = new ClusterPresence(net.bus('a'), () => now, (offline) => lost.push(offline));
    const b = new ClusterPresence(net.bus('b'), () => now);
    b.connect('s', 'p1');
    b.connect('s', 'p2');
    a.connect('s', 'p2');
    net.silenced.add('b');
    now = PRESENCE_NODE_TIMEOUT_MS + PRESENCE_BEAT_MS;
    // The sweep runs on A's beat; called here as its timer would.
    (a as unknown as { forgetSilentNodes(): void }).forgetSilentNodes();
    expect(lost).toEqual([[{ sessionId: 's', participantId: 'p1' }]]);
    expect(a.onlineCount('s')).toBe(1);
    expect(a.isOnline('s', 'p2')).toBe(true);
  });
});

describe('ClusterPresence after Redis was away', () => {
  it('exchanges whole presence when the bus is back, so ups and downs missed meanwhile are not lost', () => {
    const net = new FakeNetwork();
    const a = new ClusterPresence(net.bus('a'));
    const b = new ClusterPresence(net.bus('b'));
    a.connect('s', 'p1');
    // Redis away: B's changes never reach A.
    net.silenced.add('b');
    b.connect('s', 'p2');
    a.disconnect('s', 'p1');
    net.silenced.delete('b');
    expect(a.onlineCount('s')).toBe(0);
    for (const reconnected of net.reconnects) reconnected();
    expect([a.onlineCount('s'), b.onlineCount('s')]).toEqual([1, 1]);
    expect(a.isOnline('s', 'p2')).toBe(true);
    expect(b.isOnline('s', 'p1')).toBe(false);
  });
});
