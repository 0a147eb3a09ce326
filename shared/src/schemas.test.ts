import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from './limits.js';
import {
  charCount,
  createSessionBodySchema,
  displayNameSchema,
  issuesToFields,
  sessionUpdateRequestSchema,
  socketAuthSchema,
} from './schemas.js';

describe('display names', () => {
  it('trim, collapse spaces and normalise to NFC', () => {
    expect(displayNameSchema.parse('  Ann \t  Lee ')).toBe('Ann Lee');
    expect(displayNameSchema.parse('Cafe\u0301')).toBe('Café');
  });

  it('strip control characters and bidi overrides', () => {
    expect(displayNameSchema.parse('Ann\u202Egnp.exe')).toBe('Anngnp.exe');
    expect(displayNameSchema.parse('A\u0000B\u0007')).toBe('AB');
  });

  it('count characters, not UTF-16 units', () => {
    expect(charCount('😀😀')).toBe(2);
    expect(displayNameSchema.safeParse('😀'.repeat(40)).success).toBe(true);
    expect(displayNameSchema.safeParse('😀'.repeat(41)).success).toBe(false);
  });

  it('refuse names that are empty after cleaning', () => {
    expect(displayNameSchema.safeParse(' \u200E ').success).toBe(false);
  });
});

describe('session bodies', () => {
  it('default description and language', () => {
    expect(createSessionBodySchema.parse({ title: 'T' })).toEqual({ title: 'T', description: '', language: 'zh' });
  });

  it('keep line breaks in descriptions', () => {
    expect(createSessionBodySchema.parse({ title: 'T', description: 'a\r\nb' }).description).toBe('a\nb');
  });

  it('report problems per field', () => {
    const result = createSessionBodySchema.safeParse({ title: '', language: 'fr', x: 1 });
    expect(result.success).toBe(false);
    if (!result.success) expect(Object.keys(issuesToFields(result.error)).sort()).toEqual(['(root)', 'language', 'title']);
  });

  it('refuse an empty update', () => {
    expect(sessionUpdateRequestSchema.safeParse({}).success).toBe(false);
    expect(sessionUpdateRequestSchema.safeParse({ language: 'en' }).success).toBe(true);
  });
});

describe('socket handshake', () => {
  const valid = { protocolVersion: PROTOCOL_VERSION, role: 'participant', code: 'k7m2qx', token: 'a'.repeat(43) };

  it('accepts a well-formed handshake and normalises the code', () => {
    expect(socketAuthSchema.parse(valid).code).toBe('K7M2QX');
  });

  it("accepts socket.io-client's recovery fields (pid, offset)", () => {
    expect(socketAuthSchema.safeParse({ ...valid, pid: 'a1b2', offset: '1700000000000-0' }).success).toBe(true);
  });

  it.each([
    ['role', { ...valid, role: 'admin' }],
    ['token', { ...valid, token: 'has spaces in it, not base64url' }],
    ['protocolVersion', { ...valid, protocolVersion: PROTOCOL_VERSION + 1 }],
    ['code', { ...valid, code: 'nope' }],
  ])('refuses a bad %s', (_field, auth) => {
    expect(socketAuthSchema.safeParse(auth).success).toBe(false);
  });
});
