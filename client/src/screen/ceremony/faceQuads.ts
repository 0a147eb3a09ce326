import { BufferAttribute, BufferGeometry, type Matrix4 } from 'three';

/** Corners of one face's square: every per-face value is stored once per corner. */
const CORNERS = 4;
/** Two triangles per face, like `PlaneGeometry(1, 1)` (counter-clockwise, facing +z). */
const TRIANGLE_CORNERS = [0, 2, 1, 2, 3, 1] as const;
const CORNER_XY = [-0.5, 0.5, 0.5, 0.5, -0.5, -0.5, 0.5, -0.5] as const;
const CORNER_UV = [0, 1, 1, 1, 0, 0, 1, 0] as const;
/** Depth classes for the front-to-back order (an approximate order is all early-z needs). */
const DEPTH_BUCKETS = 48;

/**
 * One atlas page's faces as plain quads in one geometry (four vertices a face, one draw call),
 * not as instances: a software renderer such as SwiftShader runs an instanced draw as one
 * internal draw per instance, which cost about 20 µs a face per frame there. A GPU draws both
 * the same. The index buffer can be reordered front to back, so the depth test rejects the
 * hidden pixels of the faces behind before they are shaded.
 */
export class FaceQuads {
  readonly geometry = new BufferGeometry();
  /** Where each face lives on the unit sphere (eased on the CPU). */
  readonly home: BufferAttribute;
  /** Flight start (xyz, in ball radii around the ball's centre in the view) and start time (w). */
  readonly fly: BufferAttribute;
  /** Atlas cell index. */
  readonly cell: BufferAttribute;
  private readonly index: BufferAttribute;
  private count = 0;
  private sortKeys: Float32Array;
  private sortBuckets: Uint16Array;
  private readonly bucketStarts = new Uint32Array(DEPTH_BUCKETS + 1);

  constructor(readonly capacity: number) {
    const vertices = capacity * CORNERS;
    const position = new Float32Array(vertices * 3);
    const uv = new Float32Array(vertices * 2);
    for (let v = 0; v < vertices; v++) {
      const corner = v % CORNERS;
      position[v * 3] = CORNER_XY[corner * 2] ?? 0;
      position[v * 3 + 1] = CORNER_XY[corner * 2 + 1] ?? 0;
      uv[v * 2] = CORNER_UV[corner * 2] ?? 0;
      uv[v * 2 + 1] = CORNER_UV[corner * 2 + 1] ?? 0;
    }
    const indices = vertices <= 0xffff ? new Uint16Array(capacity * 6) : new Uint32Array(capacity * 6);
    this.index = new BufferAttribute(indices, 1);
    for (let slot = 0; slot < capacity; slot++) this.writeQuad(slot, slot);
    this.home = new BufferAttribute(new Float32Array(vertices * 3), 3);
    this.fly = new BufferAttribute(new Float32Array(vertices * 4), 4);
    this.cell = new BufferAttribute(new Float32Array(vertices), 1);
    this.geometry.setAttribute('position', new BufferAttribute(position, 3));
    this.geometry.setAttribute('uv', new BufferAttribute(uv, 2));
    this.geometry.setAttribute('aHome', this.home);
    this.geometry.setAttribute('aFly', this.fly);
    this.geometry.setAttribute('aCell', this.cell);
    this.geometry.setIndex(this.index);
    this.sortKeys = new Float32Array(0);
    this.sortBuckets = new Uint16Array(0);
    this.setCount(0);
  }

  /**
   * Faces drawn: slots 0..count-1 (new slots drawn last, or all in slot order after a removal)
   * until the next `sortFrontToBack`.
   */
  setCount(count: number): void {
    // Growing keeps the sorted order of the faces already drawn: O(new faces), not O(all).
    const from = count > this.count ? this.count : 0;
    this.count = count;
    for (let slot = from; slot < count; slot++) this.writeQuad(slot, slot);
    this.index.needsUpdate = true;
    this.geometry.setDrawRange(0, count * 6);
  }

  setHome(slot: number, x: number, y: number, z: number): void {
    const array = this.home.array as Float32Array;
    for (let v = slot * CORNERS; v < (slot + 1) * CORNERS; v++) {
      array[v * 3] = x;
      array[v * 3 + 1] = y;
      array[v * 3 + 2] = z;
    }
    this.home.needsUpdate = true;
  }

  /** The home the face is drawn at now (its first corner's). */
  homeAt(slot: number, axis: number): number {
    return (this.home.array as Float32Array)[slot * CORNERS * 3 + axis] ?? 0;
  }

  setFly(slot: number, x: number, y: number, z: number, startsAt: number): void {
    const array = this.fly.array as Float32Array;
    for (let v = slot * CORNERS; v < (slot + 1) * CORNERS; v++) array.set([x, y, z, startsAt], v * 4);
    this.fly.needsUpdate = true;
  }

  /** When the face's flight started (seconds, the scene's clock). */
  flightStart(slot: number): number {
    return (this.fly.array as Float32Array)[slot * CORNERS * 4 + 3] ?? 0;
  }

  setCell(slot: number, cell: number): void {
    (this.cell.array as Float32Array).fill(cell, slot * CORNERS, (slot + 1) * CORNERS);
    this.cell.needsUpdate = true;
  }

  /** Moves face `from`'s values into slot `to` (removal keeps the slots packed). */
  copy(from: number, to: number): void {
    for (const attribute of [this.home, this.fly, this.cell]) {
      const size = attribute.itemSize * CORNERS;
      (attribute.array as Float32Array).copyWithin(to * size, from * size, from * size + size);
      attribute.needsUpdate = true;
    }
  }

  /**
   * Orders the faces nearest first (by their home's depth under `modelView`; faces still flying
   * in, which pass in front of the ball, before all), so the depth test rejects what the near
   * side hides before it is shaded. Any order draws the same picture; this one is cheaper.
   */
  sortFrontToBack(modelView: Matrix4, now: number, flightSeconds: number): void {
    const count = this.count;
    if (count === 0) return;
    if (this.sortKeys.length < count) {
      this.sortKeys = new Float32Array(this.capacity);
      this.sortBuckets = new Uint16Array(this.capacity);
    }
    const m = modelView.elements;
    const zx = m[2] ?? 0;
    const zy = m[6] ?? 0;
    const zz = m[10] ?? 0;
    const home = this.home.array as Float32Array;
    const fly = this.fly.array as Float32Array;
    const landedBefore = now - flightSeconds;
    const starts = this.bucketStarts;
    starts.fill(0);
    for (let slot = 0; slot < count; slot++) {
      const at = slot * CORNERS * 3;
      // View depth of the unit home: +1 faces the camera, -1 is the far pole.
      const depth = zx * (home[at] ?? 0) + zy * (home[at + 1] ?? 0) + zz * (home[at + 2] ?? 0);
      const flying = (fly[slot * CORNERS * 4 + 3] ?? 0) > landedBefore;
      const bucket = flying ? 0 : Math.min(DEPTH_BUCKETS - 1, Math.max(0, Math.floor(((1 - depth) / 2) * DEPTH_BUCKETS)));
      this.sortBuckets[slot] = bucket;
      starts[bucket + 1] = (starts[bucket + 1] ?? 0) + 1;
    }
    for (let b = 1; b <= DEPTH_BUCKETS; b++) starts[b] = (starts[b] ?? 0) + (starts[b - 1] ?? 0);
    for (let slot = 0; slot < count; slot++) {
      const bucket = this.sortBuckets[slot] ?? 0;
      const rank = starts[bucket] ?? 0;
      starts[bucket] = rank + 1;
      this.writeQuad(rank, slot);
    }
    this.index.needsUpdate = true;
  }

  dispose(): void {
    this.geometry.dispose();
  }

  private writeQuad(rank: number, slot: number): void {
    const indices = this.index.array as Uint16Array | Uint32Array;
    for (let k = 0; k < 6; k++) indices[rank * 6 + k] = slot * CORNERS + (TRIANGLE_CORNERS[k] ?? 0);
  }
}
