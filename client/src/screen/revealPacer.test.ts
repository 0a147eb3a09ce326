import { describe, expect, it } from 'vitest';
import type { IdeaPublic } from '@ideasphere/shared';
import { RevealPacer } from './revealPacer';

function idea(n: number): IdeaPublic {
  return {
    id: `idea${String(n).padStart(6, '0')}`,
    clientId: `client${n}x`,
    title: `Idea ${n}`,
    detail: '',
    category: null,
    status: 'visible',
    pinned: false,
    clusterId: null,
    authors: null,
    votes: 0,
    reactions: {},
    createdAt: new Date(Date.UTC(2025, 0, 1, 9, 0, 0) + n * 1000).toISOString(),
  };
}

const board = (...ns: number[]) => new Map(ns.map((n) => [idea(n).id, idea(n)]));
const ids = (...ns: number[]) => ns.map((n) => idea(n).id);

describe('RevealPacer', () => {
  it('shows what the snapshot had at once, newest first, up to its capacity', () => {
    const pacer = new RevealPacer(3, 10);
    expect(pacer.sync(board(1, 2, 3, 4, 5), true)).toBe(true);
    expect(pacer.shown).toEqual(ids(5, 4, 3));
    expect(pacer.waiting).toBe(0);
  });

  it('merges pages that load later by creation time', () => {
    const pacer = new RevealPacer(3, 10);
    pacer.sync(board(4, 5), true);
    pacer.sync(board(1, 2, 3, 4, 5, 6), true);
    expect(pacer.shown).toEqual(ids(6, 5, 4));
  });

  it('queues live arrivals and reveals one per tick, oldest first, at the front', () => {
    const pacer = new RevealPacer(4, 10);
    pacer.sync(board(1), true);
    expect(pacer.sync(board(1, 2, 3), false)).toBe(false);
    expect(pacer.shown).toEqual(ids(1));
    expect(pacer.waiting).toBe(2);
    expect(pacer.next()).toBe(true);
    expect(pacer.shown).toEqual(ids(2, 1));
    pacer.next();
    expect(pacer.shown).toEqual(ids(3, 2, 1));
    expect(pacer.next()).toBe(false);
  });

  it('drops removed ideas from what is shown and from the queue', () => {
    const pacer = new RevealPacer(4, 10);
    pacer.sync(board(1, 2), true);
    pacer.sync(board(1, 2, 3), false);
    expect(pacer.sync(board(2), false)).toBe(true);
    expect(pacer.shown).toEqual(ids(2));
    expect(pacer.waiting).toBe(0);
  });

  it('files a burst beyond the backlog silently behind the shown ideas', () => {
    const pacer = new RevealPacer(6, 2);
    pacer.sync(board(1), true);
    pacer.sync(board(1, 2, 3, 4, 5, 6), false);
    // 5 and 6 wait for their turn; 2–4 went straight behind idea 1.
    expect(pacer.waiting).toBe(2);
    expect(pacer.shown).toEqual(ids(1, 4, 3, 2));
    pacer.next();
    expect(pacer.shown.slice(0, 2)).toEqual(ids(5, 1));
  });

  it('keeps up with 2,000 ideas without re-revealing known ones', () => {
    const pacer = new RevealPacer(60, 30);
    const all = board(...Array.from({ length: 2_000 }, (_, i) => i));
    pacer.sync(all, true);
    expect(pacer.shown).toHaveLength(60);
    const more = new Map(all);
    more.set(idea(5_000).id, idea(5_000));
    pacer.sync(more, false);
    expect(pacer.waiting).toBe(1);
    pacer.next();
    expect(pacer.shown[0]).toBe(idea(5_000).id);
    expect(pacer.shown).toHaveLength(60);
  });
});
