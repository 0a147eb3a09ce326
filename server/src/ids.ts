import { createHash, randomBytes } from 'node:crypto';

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
