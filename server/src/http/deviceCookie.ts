import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';
import { hashToken, newToken } from '../ids.js';

/** The cookie that tells one browser from another: random, httpOnly, sent only to the session API. */
const DEVICE_COOKIE = 'ideasphere_device';
/** Chromium keeps a cookie at most 400 days. */
const DEVICE_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;
const DEVICE_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * The hash of this browser's device id, set as a cookie on first use. It is not an account
 * and names nobody: it only lets a removal hold (a removed guest's browser cannot join the
 * same session again under another name). Clearing cookies gets round it, as in every tool
 * without accounts; the facilitator's "close joining" switch is the door that holds for all.
 */
export function deviceHashOf(req: Request, res: Response): string {
  const presented = parse(req.get('cookie') ?? '')[DEVICE_COOKIE];
  if (presented !== undefined && DEVICE_ID.test(presented)) return hashToken(presented);
  const deviceId = newToken();
  res.append(
    'Set-Cookie',
    serialize(DEVICE_COOKIE, deviceId, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/api/sessions',
      maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
    }),
  );
  return hashToken(deviceId);
}
