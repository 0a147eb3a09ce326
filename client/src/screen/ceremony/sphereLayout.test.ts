import { describe, expect, it } from 'vitest';
import { FACE_SIZE_MAX, faceSizeFor, fibonacciPoint, sphereRadiusFor } from './sphereLayout';

function points(count: number): number[][] {
  return Array.from({ length: count }, (_, i) => {
    const p = [0, 0, 0];
    fibonacciPoint(i, count, p);
    return p;
  });
}

describe('sphere layout', () => {
  it('puts every point on the unit sphere, newest at the top', () => {
    const all = points(500);
    for (const [x, y, z] of all) expect(Math.hypot(x ?? 0, y ?? 0, z ?? 0)).toBeCloseTo(1, 6);
    expect(all[499]?.[1]).toBeGreaterThan(0.99);
    expect(all[0]?.[1]).toBeLessThan(-0.99);
  });

  it('spreads points evenly: no two closer than about half the average spacing', () => {
    const all = points(400);
    const spacing = Math.sqrt((4 * Math.PI) / 400);
    let nearest = Infinity;
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const a = all[i] as number[];
        const b = all[j] as number[];
        nearest = Math.min(nearest, Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0), (a[2] ?? 0) - (b[2] ?? 0)));
      }
    }
    expect(nearest).toBeGreaterThan(spacing * 0.5);
  });

  it('moves existing points only a fraction of a face when one more face arrives', () => {
    const before = points(1000);
    const after = points(1001);
    let largest = 0;
    for (let i = 0; i < 1000; i++) {
      const a = before[i] as number[];
      const b = after[i] as number[];
      largest = Math.max(largest, Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0), (a[2] ?? 0) - (b[2] ?? 0)));
    }
    // At most a third of the distance between neighbours (the poles move most).
    expect(largest).toBeLessThan(Math.sqrt((4 * Math.PI) / 1000) / 3);
  });

  it('shrinks faces as the ball fills, capped for a handful of faces', () => {
    expect(faceSizeFor(0)).toBe(FACE_SIZE_MAX);
    expect(faceSizeFor(3)).toBe(FACE_SIZE_MAX);
    expect(faceSizeFor(1000)).toBeLessThan(faceSizeFor(100));
    expect(faceSizeFor(5000)).toBeGreaterThan(0.03);
    expect(sphereRadiusFor(0)).toBeLessThan(sphereRadiusFor(600));
    expect(sphereRadiusFor(5000)).toBe(sphereRadiusFor(600));
  });
});
