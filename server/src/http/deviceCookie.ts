import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';
import { hashToken, newToken } from '../ids.js';

/** The cookie that tells one browser from another: random, httpOnly, sent only to this site. */
const DEVICE_COOKIE = 'ideasphere_device';
/** Chromium keeps a cookie at most 400 days. */
const DEVICE_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;
const DEVICE_ID = /^[A-Za-z0-9_-]{43}$/;
/** Where versions before the handshake join kept the cookie. */
const LEGACY_PATH = '/api/sessions';
/** Cookie pairs read when looking for every device id (a header holds a few; this bounds the work). */
const COOKIE_PAIRS_READ = 50;

/**
 * The hash of this browser's device id, set as a cookie on first use. It is not an account
 * and names nobody: it only lets a removal hold (a removed guest's browser cannot join the
 * same session again under another name). Clearing cookies gets round it, as in every tool
 * without accounts; the facilitator's "close joining" switch is the door that holds for all.
 */
export function deviceHashOf(req: Request, res: Response): string {
  const device = deviceOf(req.get('cookie'), req.secure);
  if (device.setCookie !== null) res.append('Set-Cookie', device.setCookie);
  return device.hash;
}

/**
 * The device of a request from its Cookie header: its hash, and the Set-Cookie header that
 * gives a browser without one its id (null when it has one). The path is the whole site: a
 * phone joins over its socket (`/socket.io/`) as well as over the API.
 */
export function deviceOf(cookieHeader: string | undefined, secure: boolean): { hash: string; setCookie: string | null } {
  const presented = parse(cookieHeader ?? '')[DEVICE_COOKIE];
  if (presented !== undefined && DEVICE_ID.test(presented)) return { hash: hashToken(presented), setCookie: null };
  const deviceId = newToken();
  const setCookie = serialize(DEVICE_COOKIE, deviceId, { ...cookieOptions(secure), maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS });
  return { hash: hashToken(deviceId), setCookie };
}

function cookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/' } as const;
}

/**
 * Gives the browser its device cookie for the whole site on the join page's first request
 * (`GET /api/sessions/:code`), before its socket opens, and moves one an earlier version kept
 * for `/api/sessions` alone to the whole site: the socket (`/socket.io/`) never saw that one,
 * and a browser holding both would be two devices. With both, the older one is sent first (the
 * longer path is) and is the one kept: a removal may know it.
 */
export function carryDeviceCookie(req: Request, res: Response): void {
  const id = presentedIds(req.get('cookie'))[0] ?? newToken();
  res.append('Set-Cookie', serialize(DEVICE_COOKIE, id, { ...cookieOptions(req.secure), maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS }));
  res.append('Set-Cookie', serialize(DEVICE_COOKIE, '', { ...cookieOptions(req.secure), path: LEGACY_PATH, maxAge: 0 }));
}

/** Every well-formed device id in a Cookie header, in its order (at most two are expected). */
function presentedIds(cookieHeader: string | undefined): string[] {
  const ids: string[] = [];
  for (const pair of (cookieHeader ?? '').split(';', COOKIE_PAIRS_READ)) {
    const [name, value] = pair.trim().split('=', 2);
    if (name === DEVICE_COOKIE && value !== undefined && DEVICE_ID.test(value)) ids.push(value);
  }
  return ids;
}

/**
 * Whether a raw request came over HTTPS, as Express's `req.secure` decides it: TLS to this
 * server, or `X-Forwarded-Proto: https` from a proxy it trusts (`trustProxy` hops).
 */
export function isSecureRequest(req: IncomingMessage, trustProxy: number): boolean {
  if ((req.socket as Partial<TLSSocket>).encrypted === true) return true;
  if (trustProxy < 1) return false;
  const header = req.headers['x-forwarded-proto'];
  const proto = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
  return proto === 'https';
}
