import {
  ADMIN_FAILURE_WINDOW_SECONDS,
  ADMIN_FAILURES_PER_IP,
  JOINS_PER_IP_PER_MINUTE,
  SESSIONS_PER_IP_PER_HOUR,
} from '@ideasphere/shared';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { type LimiterSpec, type MakeLimiter, memoryLimiters } from '../scale/rateLimiters.js';
import { errors } from '../errors.js';
import { sameSecret } from '../ids.js';

/** Joins per address, over HTTP and in the socket handshake alike (one budget: `oneLimiterPerName`). */
export const JOINS_PER_ADDRESS: LimiterSpec = { name: 'joins-ip', points: JOINS_PER_IP_PER_MINUTE, durationSeconds: 60 };

/**
 * Per-IP limits of the HTTP API (in Redis when the server runs as several processes, so every
 * process spends one budget).
 */
export function createHttpRateLimits(makeLimiter: MakeLimiter = memoryLimiters): { joins: RequestHandler; sessions: RequestHandler } {
  const joins = makeLimiter(JOINS_PER_ADDRESS);
  const sessions = makeLimiter({ name: 'sessions-ip', points: SESSIONS_PER_IP_PER_HOUR, durationSeconds: 3_600 });
  return { joins: limitBy(joins), sessions: limitBy(sessions) };
}

function limitBy(limiter: RateLimiterAbstract): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    limiter.consume(clientKey(req)).then(
      () => next(),
      (rejection: unknown) => next(refusal(res, rejection)),
    );
  };
}

/**
 * Requires `Authorization: Bearer <adminToken>` (compared in constant time). Wrong tokens are
 * counted per IP apart from any other budget: they never spend the admin's own, and the right
 * token always passes, so nobody sharing the admin's address (a venue's NAT, a proxy) can lock
 * the admin out. Beyond ADMIN_FAILURES_PER_IP wrong tokens in ADMIN_FAILURE_WINDOW_SECONDS an
 * address gets 429 for each further one; guessing is kept out of reach by the token's length
 * (ADMIN_TOKEN_MIN_CHARS, checked at start).
 */
export function requireAdminToken(adminToken: string, makeLimiter: MakeLimiter = memoryLimiters): RequestHandler {
  const failures = makeLimiter({ name: 'admin-failures-ip', points: ADMIN_FAILURES_PER_IP, durationSeconds: ADMIN_FAILURE_WINDOW_SECONDS });
  return (req: Request, res: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (match?.[1] !== undefined && sameSecret(match[1], adminToken)) {
      next();
      return;
    }
    failures.consume(clientKey(req)).then(
      () => next(errors.adminTokenRequired()),
      (rejection: unknown) => next(refusal(res, rejection)),
    );
  };
}

function clientKey(req: Request): string {
  return req.ip ?? 'unknown';
}

/** A limiter's refusal as `rate_limited` with Retry-After; anything else passes through. */
function refusal(res: Response, rejection: unknown): unknown {
  if (!(rejection instanceof RateLimiterRes)) return rejection;
  res.setHeader('Retry-After', String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))));
  return errors.rateLimited();
}
