import { describe, expect, it } from 'vitest';
import { JOIN_CODE_PATTERN, generateJoinCode, normalizeJoinCode } from './joinCode.js';
import { JOIN_CODE_ALPHABET } from './limits.js';

describe('join codes', () => {
  it('are six characters without look-alikes', () => {
    for (const c of ['0', 'O', '1', 'I', 'L']) expect(JOIN_CODE_ALPHABET).not.toContain(c);
    const codes = Array.from({ length: 2_000 }, generateJoinCode);
    for (const code of codes) expect(code).toMatch(JOIN_CODE_PATTERN);
    // 2,000 draws from 887 million codes: a repeat would mean the generator is broken.
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('use every character of the alphabet', () => {
    const seen = new Set(Array.from({ length: 500 }, generateJoinCode).join(''));
    expect([...seen].sort().join('')).toBe([...JOIN_CODE_ALPHABET].sort().join(''));
  });

  it('normalise what people type', () => {
    expect(normalizeJoinCode(' k7m-2qx ')).toBe('K7M2QX');
    expect(normalizeJoinCode('K7M 2QX')).toBe('K7M2QX');
    expect(normalizeJoinCode('K7M2Q')).toBeNull();
    expect(normalizeJoinCode('K7M2Q0')).toBeNull();
  });
});
