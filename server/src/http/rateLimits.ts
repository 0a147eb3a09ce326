import { JOINS_PER_IP_PER_MINUTE, SESSIONS_PER_IP_PER_HOUR } from '@ideasphere/shared';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { errors } from '../errors.js';

/**
 * Per-IP limits of the HTTP API. rate-limiter-flexible has a Redis store with the same
 * interface, which the scale-out issue swaps in so every instance shares one budget.
 */
export function createHttpRateLimits(): { joins: RequestHandler; sessions: RequestHandler } {
  const joins = new RateLimiterMemory({ points: JOINS_PER_IP_PER_MINUTE, duration: 60 });
  const sessions = new RateLimiterMemory({ points: SESSIONS_PER_IP_PER_HOUR, duration: 3_600 });
  return { joins: limitBy(joins), sessions: limitBy(sessions) };
}

function limitBy(limiter: RateLimiterMemory): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    limiter.consume(req.ip ?? 'unknown').then(
      () => next(),
      (rejection: unknown) => {
        if (rejection instanceof RateLimiterRes) {
          res.setHeader('Retry-After', String(Math.ceil(rejection.msBeforeNext / 1000)));
          next(errors.rateLimited());
        } else {
          next(rejection);
        }
      },
    );
  };
}
