import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from './limits.js';

// Web Crypto is global in Node 20 and every browser; shared/ compiles without DOM or Node types.
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

/** A valid join code, e.g. `K7M2QX`. */
export const JOIN_CODE_PATTERN = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/**
 * Generates a join code with `crypto.getRandomValues` (Node 20 and every browser have it).
 * Rejection sampling keeps every character equally likely.
 */
export function generateJoinCode(): string {
  const alphabet = JOIN_CODE_ALPHABET;
  const limit = 256 - (256 % alphabet.length);
  let code = '';
  while (code.length < JOIN_CODE_LENGTH) {
    const bytes = crypto.getRandomValues(new Uint8Array(JOIN_CODE_LENGTH * 2));
    for (const byte of bytes) {
      if (byte < limit && code.length < JOIN_CODE_LENGTH) code += alphabet[byte % alphabet.length];
    }
  }
  return code;
}

/**
 * Turns what a person typed into a code: upper case, spaces and dashes dropped. Returns null
 * when the result cannot be a join code.
 */
export function normalizeJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return JOIN_CODE_PATTERN.test(code) ? code : null;
}
