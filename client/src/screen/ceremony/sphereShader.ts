/** Seconds from a face popping up to it resting on the ball. */
export const FLIGHT_SECONDS = 3;
/** Share of the flight by which a face has popped up to full size. */
const POP_END = 0.16;
/**
 * Share of the flight a face holds still where it popped up before it glides onto the ball: a
 * named arrival's name is read there (about 1.35 s).
 */
export const GLIDE_START = 0.45;

/** The flight at share `t` of it, as the vertex shader computes it: how popped, how far moved. */
export function flightAt(t: number): { pop: number; move: number } {
  const popped = Math.min(1, Math.max(0, t / POP_END));
  const glided = Math.min(1, Math.max(0, (t - GLIDE_START) / (1 - GLIDE_START)));
  const move = glided < 0.5 ? 4 * glided ** 3 : 1 - (-2 * glided + 2) ** 3 / 2;
  return { pop: popped * popped * (3 - 2 * popped), move };
}

/**
 * The face billboards. Each face (four corners of one quad, see `FaceQuads`) carries where it
 * lives on the ball (`aHome`, eased on the CPU when the ball densifies), where and when it
 * starts its flight (`aFly`) and its atlas cell; the flight, the pop-in and the shading all
 * happen here, so a frame costs the CPU nothing per face while faces fly.
 */
export const FACE_VERTEX_SHADER = /* glsl */ `
attribute vec3 aHome;
attribute vec4 aFly;
attribute float aCell;

uniform float uTime;
uniform float uRadius;
uniform float uFaceSize;
uniform float uStartSize;
uniform float uFlight;
uniform float uCells;
uniform vec3 uCenterView;
/** Settled faces deeper than this (in ball radii, -1 = far pole) are not drawn. */
uniform float uBackCull;

varying vec2 vUv;
varying vec2 vLocal;
varying float vShade;

float easeInOutCubic(float t) {
  return t < 0.5 ? 4.0 * t * t * t : 1.0 - pow(-2.0 * t + 2.0, 3.0) / 2.0;
}

void main() {
  vec4 home = modelViewMatrix * vec4(aHome * uRadius, 1.0);
  float t = clamp((uTime - aFly.w) / uFlight, 0.0, 1.0);
  // Pop in at the start point, hold a moment (the name shows), then glide onto the ball.
  float pop = smoothstep(0.0, ${POP_END.toFixed(3)}, t);
  float move = easeInOutCubic(clamp((t - ${GLIDE_START.toFixed(3)}) / ${(1 - GLIDE_START).toFixed(3)}, 0.0, 1.0));
  vec3 start = uCenterView + aFly.xyz * uRadius;
  vec3 center = mix(start, home.xyz, move);
  float size = mix(uStartSize * pop, uFaceSize, move);
  // The far side of the ball is dimmer, so it reads as round.
  float depth = clamp((home.z - uCenterView.z) / uRadius, -1.0, 1.0);
  vShade = mix(1.0, 0.34 + 0.66 * (depth * 0.5 + 0.5), move);
  // On a crowded ball the far side is hidden behind the near side: skip drawing it (half the
  // pixels, which is what a software renderer pays for).
  if (move >= 1.0 && depth < uBackCull) size = 0.0;
  gl_Position = projectionMatrix * vec4(center + vec3(position.xy * size, 0.0), 1.0);
  float col = mod(aCell, uCells);
  float row = floor(aCell / uCells);
  vUv = vec2((col + uv.x) / uCells, (row + 1.0 - uv.y) / uCells);
  vLocal = uv - 0.5;
}
`;

export const FACE_FRAGMENT_SHADER = /* glsl */ `
uniform sampler2D map;

varying vec2 vUv;
varying vec2 vLocal;
varying float vShade;

void main() {
  float r = length(vLocal);
  if (r > 0.5) discard;
  vec3 colour = texture2D(map, vUv).rgb * vShade;
  // A thin light rim keeps dark photos apart from the dark hall.
  float rim = smoothstep(0.435, 0.465, r);
  colour = mix(colour, vec3(0.55 + 0.45 * vShade), rim * 0.8);
  gl_FragColor = vec4(colour, 1.0);
}
`;
