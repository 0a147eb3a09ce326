/**
 * The part of negotiator 1.x that ClientFiles uses. @types/negotiator describes 0.6, which has
 * no `preferred` option: without it, "gzip, deflate, br" (Chromium's header) picks gzip.
 */
declare module 'negotiator' {
  import type { IncomingMessage } from 'node:http';

  export default class Negotiator {
    constructor(request: Pick<IncomingMessage, 'headers'>);
    /**
     * The `available` encodings the request accepts (q > 0), best first; among equal q values,
     * `preferred` decides. `identity` counts as accepted unless the request refuses it.
     */
    encodings(available: readonly string[], options?: { preferred?: readonly string[] }): string[];
  }
}
