import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A unique id that sorts by creation time: 10 characters of milliseconds (base 36, zero
 * padded) then 8 random base64url characters. Sorting by id gives join order, which lets the
 * stores page participants with one range scan.
 */
export function newId(now = Date.now()): string {
  return now.toString(36).padStart(10, '0') + randomBytes(6).toString('base64url');
}

/** A bearer secret: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Secrets are stored and compared only as SHA-256 hashes. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Compares two token hashes in constant time (hashes of equal length; anything else differs). */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Compares a presented secret with the expected one in constant time, through their hashes. */
export function sameSecret(presented: string, expected: string): boolean {
  return sameHash(hashToken(presented), hashToken(expected));
}
