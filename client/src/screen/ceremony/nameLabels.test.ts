import { describe, expect, it } from 'vitest';
import { keepApart, type LabelBox } from './nameLabels';

const overlap = (a: LabelBox, b: LabelBox) =>
  Math.min(a.x + a.width / 2, b.x + b.width / 2) - Math.max(a.x - a.width / 2, b.x - b.width / 2) > 0 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0;

describe('keepApart', () => {
  it('leaves boxes that are apart and inside where they are, in the order given', () => {
    const boxes = [
      { x: 300, y: 500, width: 200, height: 40 },
      { x: 900, y: 100, width: 260, height: 40 },
    ];
    expect(keepApart(boxes, 1400, 1080)).toEqual(boxes);
  });

  it('moves an overlapping box below the one above it, and boxes off the edges back in', () => {
    const [a, b, c] = keepApart(
      [
        { x: 500, y: 300, width: 300, height: 60 },
        { x: 560, y: 320, width: 300, height: 60 },
        { x: 1390, y: 1075, width: 300, height: 60 },
      ],
      1400,
      1080,
    );
    expect(a).toEqual({ x: 500, y: 300, width: 300, height: 60 });
    expect(b?.y).toBeGreaterThanOrEqual(370);
    expect(c).toEqual({ x: 1400 - 150 - 10, y: 1080 - 60 - 10, width: 300, height: 60 });
  });

  it('never leaves two of a handful of boxes overlapping, wherever they want to be (seeded)', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let round = 0; round < 2000; round++) {
      const boxes = Array.from({ length: 3 }, () => ({ x: random() * 1400, y: random() * 1080, width: 120 + random() * 340, height: 40 + random() * 40 }));
      const placed = keepApart(boxes, 1400, 1080);
      for (const box of placed) {
        expect(box.x - box.width / 2).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width / 2).toBeLessThanOrEqual(1400);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height).toBeLessThanOrEqual(1080);
      }
      const pairs = [placed.slice(0, 2), [placed[0], placed[2]], placed.slice(1, 3)] as [LabelBox, LabelBox][];
      expect(pairs.map(([a, b]) => overlap(a, b))).toEqual([false, false, false]);
    }
  });
});
