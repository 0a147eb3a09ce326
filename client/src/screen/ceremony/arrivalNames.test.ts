import { describe, expect, it } from 'vitest';
import { ArrivalNames } from './arrivalNames';

/** A seeded generator (mulberry32), so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SECTOR = Math.PI / 4;
const sectorOf = (angle: number) => (Math.round(angle / SECTOR) + 8) % 8;

describe('ArrivalNames', () => {
  it('names a lone arrival, for as long as its name is meant to stay', () => {
    const names = new ArrivalNames(3, 2.4);
    expect(names.arrive('ann', 10).named).toBe(true);
    expect(names.showing(12.3)).toEqual(['ann']);
    expect(names.showing(12.4)).toEqual([]);
  });

  it('names a few arrivals of a burst at a time and lets the others fly in unnamed', () => {
    const random = seeded(7);
    const names = new ArrivalNames(3, 2.4);
    const named: string[] = [];
    // 300 guests at 12 a second, for 25 seconds.
    for (let i = 0; i < 300; i++) {
      const now = i / 12;
      if (names.arrive(`g${i}`, now, random).named) named.push(`g${i}`);
      expect(names.showing(now).length).toBeLessThanOrEqual(3);
    }
    // Up to three names every 2.4 s (fewer when the free sectors do not allow a third): 20 to
    // 31 in 25 s, spread over the whole burst.
    expect(named.length).toBeGreaterThanOrEqual(20);
    expect(named.length).toBeLessThanOrEqual(34);
    expect(named[0]).toBe('g0');
    expect(Number(named.at(-1)?.slice(1))).toBeGreaterThan(270);
  });

  it('puts every shown name in a sector of its own with free ones beside it, never at the top where the title is, and no stranger’s face in it', () => {
    const random = seeded(42);
    const names = new ArrivalNames(3, 2.4);
    const sectors = new Map<string, number>();
    for (let i = 0; i < 500; i++) {
      const now = i / 12;
      const id = `g${i}`;
      const arrival = names.arrive(id, now, random);
      const sector = sectorOf(arrival.angle);
      const shownSectors = names
        .showing(now)
        .filter((other) => other !== id)
        .map((other) => sectors.get(other));
      // Neither a name nor an unnamed face lands in a sector where a name is showing.
      expect(shownSectors).not.toContain(sector);
      if (arrival.named) {
        expect([2, 3]).not.toContain(sector);
        // Nor a name next to another name.
        for (const other of shownSectors) expect([(sector + 1) % 8, (sector + 7) % 8]).not.toContain(other);
        sectors.set(id, sector);
      }
    }
  });

  it('frees a name’s sector when its face leaves early', () => {
    const names = new ArrivalNames(1, 2.4);
    expect(names.arrive('ann', 0).named).toBe(true);
    expect(names.arrive('bo', 0.1).named).toBe(false);
    names.release('ann');
    expect(names.arrive('chen', 0.2).named).toBe(true);
  });
});
