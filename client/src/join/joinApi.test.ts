import { joinTokenSchema } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import { newJoinToken } from './joinApi';

describe('newJoinToken', () => {
  it('makes a token the handshake takes: 43 base64url characters, a new one each time', () => {
    const tokens = Array.from({ length: 200 }, () => newJoinToken());
    for (const token of tokens) expect(joinTokenSchema.safeParse(token).success).toBe(true);
    expect(new Set(tokens).size).toBe(tokens.length);
    // All 64 characters turn up (the +/ of base64 become -_), none of the padding.
    const seen = new Set(tokens.join(''));
    expect(seen.has('-') && seen.has('_')).toBe(true);
    expect(seen.has('=') || seen.has('+') || seen.has('/')).toBe(false);
  });
});
