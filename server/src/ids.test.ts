import { describe, expect, it } from 'vitest';
import { newId, newToken } from './ids.js';

describe('ids and tokens', () => {
  it('mints distinct tokens of 32 random bytes, across refills of the random pool', () => {
    // 4 KiB a pool: 1,000 tokens of 32 bytes take eight refills.
    const tokens = Array.from({ length: 1_000 }, () => newToken());
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(tokens[0] ?? '', 'base64url')).toHaveLength(32);
  });

  it('mints ids that sort by time and differ within one millisecond', () => {
    const ids = Array.from({ length: 1_000 }, () => newId(1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    expect(newId(1_700_000_000_001) > (ids[0] ?? '')).toBe(true);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{10}[A-Za-z0-9_-]{8}$/);
  });
});
