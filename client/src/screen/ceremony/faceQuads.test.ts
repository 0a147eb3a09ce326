import { Matrix4 } from 'three';
import { describe, expect, it } from 'vitest';
import { FaceQuads } from './faceQuads';

/** The face slot each drawn quad belongs to, in draw order. */
function drawOrder(quads: FaceQuads): number[] {
  const index = quads.geometry.getIndex();
  if (!index) throw new Error('no index');
  const { count } = quads.geometry.drawRange;
  const order: number[] = [];
  for (let i = 0; i < count; i += 6) {
    const corners = Array.from({ length: 6 }, (_, k) => index.getX(i + k));
    const slot = Math.floor((corners[0] ?? 0) / 4);
    // Both triangles of a quad use that face's four corners only.
    expect(corners.every((c) => Math.floor(c / 4) === slot)).toBe(true);
    order.push(slot);
  }
  return order;
}

describe('FaceQuads', () => {
  it('stores each face once per corner and moves a face into a freed slot', () => {
    const quads = new FaceQuads(8);
    quads.setCount(2);
    quads.setHome(0, 0.1, 0.2, 0.3);
    quads.setFly(1, 1, 2, 3, 42);
    quads.setCell(1, 7);
    const home = quads.home.array as Float32Array;
    expect([...home.slice(0, 12)]).toEqual(Array.from({ length: 4 }, () => [0.1, 0.2, 0.3]).flat().map(Math.fround));
    expect(quads.flightStart(1)).toBe(42);
    expect(quads.homeAt(0, 2)).toBeCloseTo(0.3);

    quads.copy(1, 0);
    quads.setCount(1);
    expect(quads.flightStart(0)).toBe(42);
    expect([...(quads.cell.array as Float32Array).slice(0, 4)]).toEqual([7, 7, 7, 7]);
    expect(drawOrder(quads)).toEqual([0]);
  });

  it('draws every face exactly once, nearest first, faces still flying before all', () => {
    const quads = new FaceQuads(16);
    quads.setCount(5);
    // Depth along the view's z (identity model-view: +z faces the camera).
    const depths = [-0.9, 0.8, 0.1, -0.2, 0.95];
    depths.forEach((z, slot) => {
      quads.setHome(slot, 0, 0, z);
      quads.setFly(slot, 0, 0, 0, 0);
    });
    quads.sortFrontToBack(new Matrix4(), 100, 2.4);
    expect(drawOrder(quads)).toEqual([4, 1, 2, 3, 0]);

    // Slot 0 (the far pole) has just started flying in: it passes in front of the ball.
    quads.setFly(0, 0, 0, 1.3, 99);
    quads.sortFrontToBack(new Matrix4(), 100, 2.4);
    expect(drawOrder(quads)).toEqual([0, 4, 1, 2, 3]);

    // A face more: drawn in slot order (all of them) until the next sort.
    quads.setCount(6);
    expect([...drawOrder(quads)].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('follows the rotation it is given', () => {
    const quads = new FaceQuads(4);
    quads.setCount(2);
    quads.setHome(0, 1, 0, 0);
    quads.setHome(1, -1, 0, 0);
    // A quarter turn about y one way brings +x to face the camera (+z); the other way, -x.
    quads.sortFrontToBack(new Matrix4().makeRotationY(-Math.PI / 2), 10, 1);
    expect(drawOrder(quads)).toEqual([0, 1]);
    quads.sortFrontToBack(new Matrix4().makeRotationY(Math.PI / 2), 10, 1);
    expect(drawOrder(quads)).toEqual([1, 0]);
  });
});
