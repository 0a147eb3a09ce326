import { createHash } from 'node:crypto';
import { ACCOUNT_SESSION_ABSOLUTE_MS, CSRF_HEADER } from '@ideasphere/shared';
import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';
import { errors } from '../errors.js';
import { sameHash } from '../ids.js';
import { fromAnotherSite } from '../http/fetchMetadata.js';

/** The signed-in browser's session token: httpOnly, SameSite=Lax, sent only to the API. */
export const ACCOUNT_COOKIE = 'ideasphere_account';
const COOKIE_PATH = '/api';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The session token the browser presented, or null (absent or not of our shape). */
export function sessionTokenOf(req: Request): string | null {
  const presented = parse(req.get('cookie') ?? '')[ACCOUNT_COOKIE];
  return presented !== undefined && TOKEN_SHAPE.test(presented) ? presented : null;
}

/**
 * Secure whenever the browser reached us over HTTPS (directly, or through a trusted proxy) or
 * the public URL is HTTPS; plain on a venue's HTTP LAN, where a Secure cookie would never be sent.
 */
export function setSessionCookie(req: Request, res: Response, token: string, publicUrl: string): void {
  res.append(
    'Set-Cookie',
    serialize(ACCOUNT_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure || publicUrl.startsWith('https:'),
      path: COOKIE_PATH,
      maxAge: Math.floor(ACCOUNT_SESSION_ABSOLUTE_MS / 1000),
    }),
  );
}

export function clearSessionCookie(req: Request, res: Response, publicUrl: string): void {
  res.append(
    'Set-Cookie',
    serialize(ACCOUNT_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: req.secure || publicUrl.startsWith('https:'), path: COOKIE_PATH, maxAge: 0 }),
  );
}

/**
 * The session's CSRF token: derived from the session token (a hash with its own label), so it
 * is the same for the session's whole life, needs nothing stored, and cannot be made without
 * the httpOnly cookie. The page reads it from `GET /api/account/me` and sends it as
 * `x-csrf-token` with every change.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`ideasphere csrf\0${sessionToken}`).digest('base64url');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses (`csrf_failed`) a change that another site could have made the browser send: one
 * whose Fetch Metadata says it came from another origin, and, when `sessionToken` is given (a
 * cookie-authenticated change), one without the session's CSRF token. Reads pass.
 */
export function checkCsrf(req: Request, sessionToken: string | null): void {
  if (SAFE_METHODS.has(req.method)) return;
  if (fromAnotherSite(req.get('sec-fetch-site'))) throw errors.csrfFailed();
  if (sessionToken === null) return;
  const presented = req.get(CSRF_HEADER) ?? '';
  if (!sameHash(presented, csrfTokenFor(sessionToken))) throw errors.csrfFailed();
}
