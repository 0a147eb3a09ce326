import { describe, expect, it } from 'vitest';
import { ArrivalQueue, MAX_BACKLOG_SECONDS } from './arrivalQueue';

const face = (i: number) => ({ id: `p${i}` });

/** Runs the queue frame by frame at 60 fps; returns how many frames each item waited. */
function drain(queue: ArrivalQueue<{ id: string }>, frames: number): string[][] {
  const out: string[][] = [];
  for (let f = 0; f < frames; f++) out.push(queue.take(1 / 60).map((item) => item.id));
  return out;
}

describe('ArrivalQueue', () => {
  it('lets a lone arrival leave at once', () => {
    const queue = new ArrivalQueue(12);
    queue.push(face(1));
    expect(queue.take(1 / 60).map((f) => f.id)).toEqual(['p1']);
    expect(queue.size).toBe(0);
  });

  it('paces a burst of 300 at the configured rate, in order, never more than a few per frame', () => {
    const queue = new ArrivalQueue(12);
    for (let i = 0; i < 300; i++) queue.push(face(i));
    const frames = drain(queue, 60 * 10);
    const released = frames.flat();
    // 10 seconds at 12 per second (plus the first one at once).
    expect(released.length).toBeGreaterThanOrEqual(120);
    expect(released.length).toBeLessThanOrEqual(122);
    expect(released.slice(0, 5)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(Math.max(...frames.map((f) => f.length))).toBeLessThanOrEqual(1);
    // And it drains completely.
    drain(queue, 60 * 20);
    expect(queue.size).toBe(0);
  });

  it('speeds up a very long backlog so nobody waits more than the cap', () => {
    const queue = new ArrivalQueue(12);
    for (let i = 0; i < 3_000; i++) queue.push(face(i));
    drain(queue, 60 * (MAX_BACKLOG_SECONDS + 2));
    expect(queue.size).toBeLessThan(300);
  });

  it('does not release the whole backlog after a stalled tab', () => {
    const queue = new ArrivalQueue(12);
    for (let i = 0; i < 100; i++) queue.push(face(i));
    expect(queue.take(30).length).toBeLessThanOrEqual(3);
  });

  it('drops a hidden face and replaces a changed one while they wait', () => {
    const queue = new ArrivalQueue<{ id: string; name?: string }>(12);
    queue.push({ id: 'a' });
    queue.push({ id: 'b' });
    queue.push({ id: 'c' });
    expect(queue.remove('b')).toBe(true);
    expect(queue.replace({ id: 'c', name: 'Cee' })).toBe(true);
    expect(queue.replace({ id: 'zzz' })).toBe(false);
    expect(queue.ids()).toEqual(['a', 'c']);
    expect(queue.has('b')).toBe(false);
    const out = [...queue.take(1), ...queue.take(1)];
    expect(out).toEqual([{ id: 'a' }, { id: 'c', name: 'Cee' }]);
  });
});
