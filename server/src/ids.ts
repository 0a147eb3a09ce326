import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A unique id that sorts by creation time: 10 characters of milliseconds (base 36, zero
 * padded) then 8 random base64url characters. Sorting by id gives join order, which lets the
 * stores page participants with one range scan.
 */
export function newId(now = Date.now()): string {
  return now.toString(36).padStart(10, '0') + randomChars(6);
}

/** A bearer secret: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomChars(32);
}

/**
 * Random bytes are drawn from the system's generator 4 KiB at a time (as Node's randomUUID
 * does), not one call per id: a hall joining at once mints three ids and tokens per phone.
 * Every byte is handed out once.
 */
const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

function randomChars(bytes: number): string {
  if (randomOffset + bytes > randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_BYTES);
    randomOffset = 0;
  }
  const chars = randomPool.toString('base64url', randomOffset, randomOffset + bytes);
  randomOffset += bytes;
  return chars;
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
