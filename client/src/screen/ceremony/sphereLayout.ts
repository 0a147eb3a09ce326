/**
 * Where faces sit on the ball: a Fibonacci sphere, so any number of faces spreads evenly and
 * one more face moves every other face only a little (the ball "densifies" instead of jumping).
 */

/** The golden angle in radians: successive points turn by it around the axis. */
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** Largest face, as a fraction of the sphere radius (a handful of faces stay a sensible size). */
export const FACE_SIZE_MAX = 0.42;
/** Faces fill this share of the spacing between neighbours, leaving a thin gap. */
const FACE_FILL = 0.94;

/**
 * Writes the unit-sphere position of point `index` of `count` into `out` at `offset`.
 * Index 0 sits at the south pole and the newest point at the north pole, which the tilted ball
 * shows the hall, so each newcomer lands where people are looking.
 */
export function fibonacciPoint(index: number, count: number, out: Float32Array | number[], offset = 0): void {
  const y = count <= 1 ? 1 : -1 + (2 * (index + 0.5)) / count;
  const ring = Math.sqrt(Math.max(0, 1 - y * y));
  const theta = index * GOLDEN_ANGLE;
  out[offset] = Math.cos(theta) * ring;
  out[offset + 1] = y;
  out[offset + 2] = Math.sin(theta) * ring;
}

/**
 * The side of one face (a square billboard) on a sphere of radius 1 holding `count` faces:
 * each face owns about 4π/count of the surface.
 */
export function faceSizeFor(count: number): number {
  if (count <= 0) return FACE_SIZE_MAX;
  return Math.min(FACE_SIZE_MAX, FACE_FILL * Math.sqrt((4 * Math.PI) / count));
}

/** The ball grows a little as the hall fills: 80 % of full size when empty, full at 600 faces. */
export function sphereRadiusFor(count: number): number {
  return 0.8 + 0.2 * Math.min(1, count / 600);
}
