import { describe, expect, it } from 'vitest';
import { FACE_VERTEX_SHADER, GLIDE_START, flightAt } from './sphereShader';

describe('flightAt', () => {
  it('pops a face up, holds it still, then glides it onto the ball', () => {
    expect(flightAt(0)).toEqual({ pop: 0, move: 0 });
    expect(flightAt(0.16)).toEqual({ pop: 1, move: 0 });
    expect(flightAt(GLIDE_START)).toEqual({ pop: 1, move: 0 });
    expect(flightAt(1)).toEqual({ pop: 1, move: 1 });
    expect(flightAt(2)).toEqual({ pop: 1, move: 1 });
    let last = 0;
    for (let t = 0; t <= 1; t += 0.01) {
      const { move } = flightAt(t);
      expect(move).toBeGreaterThanOrEqual(last);
      last = move;
    }
  });

  it('is what the vertex shader computes (the names follow their faces on the CPU)', () => {
    expect(FACE_VERTEX_SHADER).toContain('smoothstep(0.0, 0.160, t)');
    expect(FACE_VERTEX_SHADER).toContain(`(t - ${GLIDE_START.toFixed(3)}) / ${(1 - GLIDE_START).toFixed(3)}`);
  });
});
