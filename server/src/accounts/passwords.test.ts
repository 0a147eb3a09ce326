import { describe, expect, it } from 'vitest';
import { PasswordHasher } from './passwords.js';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('stores argon2id hashes with the OWASP parameters, salted per hash', async () => {
    const first = await hasher.hash('correct horse 电池 staple');
    const second = await hasher.hash('correct horse 电池 staple');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('staple');
  });

  it('accepts the password and nothing else', async () => {
    const stored = await hasher.hash('correct horse 电池 staple');
    expect(await hasher.verify(stored, 'correct horse 电池 staple')).toBe(true);
    expect(await hasher.verify(stored, 'correct horse 电池 staple ')).toBe(false);
    expect(await hasher.verify('not a hash', 'correct horse 电池 staple')).toBe(false);
    expect(await hasher.verifyUnknown('correct horse 电池 staple')).toBe(false);
  });
});
