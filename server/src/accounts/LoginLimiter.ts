import {
  LINK_ATTEMPTS_PER_IP,
  LINK_ATTEMPTS_WINDOW_SECONDS,
  LOGIN_ATTEMPTS_PER_IP,
  LOGIN_FAILURES_BEFORE_LOCKOUT,
  LOGIN_IP_WINDOW_SECONDS,
  LOGIN_LOCKOUT_SECONDS,
  SIGNUP_WINDOW_SECONDS,
  SIGNUPS_PER_IP,
} from '@ideasphere/shared';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { type MakeLimiter, memoryLimiters } from '../scale/rateLimiters.js';
import { errors } from '../errors.js';

/**
 * The budgets of sign-in, sign-up and of one-time links (rate-limiter-flexible; its Redis store has the
 * same API for scale-out): attempts per address, and failures in a row per email, after which
 * that email is locked for LOGIN_LOCKOUT_SECONDS. Emails no account has are counted and locked
 * alike, so neither the answer nor the lockout tells whether an account exists.
 */
export class LoginLimiter {
  private readonly perAddress: RateLimiterAbstract;
  private readonly failures: RateLimiterAbstract;
  private readonly links: RateLimiterAbstract;
  private readonly signups: RateLimiterAbstract;

  constructor(makeLimiter: MakeLimiter = memoryLimiters) {
    this.perAddress = makeLimiter({ name: 'login-ip', points: LOGIN_ATTEMPTS_PER_IP, durationSeconds: LOGIN_IP_WINDOW_SECONDS });
    this.failures = makeLimiter({ name: 'login-failures', points: LOGIN_FAILURES_BEFORE_LOCKOUT, durationSeconds: LOGIN_LOCKOUT_SECONDS });
    this.links = makeLimiter({ name: 'link-ip', points: LINK_ATTEMPTS_PER_IP, durationSeconds: LINK_ATTEMPTS_WINDOW_SECONDS });
    this.signups = makeLimiter({ name: 'signup-ip', points: SIGNUPS_PER_IP, durationSeconds: SIGNUP_WINDOW_SECONDS });
  }

  /** Spends one sign-in attempt of the address, then refuses a locked email (`login_locked`, with when it ends). */
  async admit(address: string, email: string): Promise<void> {
    await consumeOrRefuse(this.perAddress, address);
    const record = await this.failures.get(email);
    if (record && record.consumedPoints >= LOGIN_FAILURES_BEFORE_LOCKOUT) throw errors.loginLocked(seconds(record.msBeforeNext));
  }

  /** Counts a wrong password; the failure that reaches the limit locks the email and says so. */
  async failed(email: string): Promise<void> {
    const record = await this.failures.penalty(email, 1);
    if (record.consumedPoints >= LOGIN_FAILURES_BEFORE_LOCKOUT) {
      await this.failures.block(email, LOGIN_LOCKOUT_SECONDS);
      throw errors.loginLocked(LOGIN_LOCKOUT_SECONDS);
    }
  }

  /** A successful sign-in clears the email's failures. */
  async succeeded(email: string): Promise<void> {
    await this.failures.delete(email);
  }

  /** Spends one use or check of a one-time link by the address. */
  async admitLink(address: string): Promise<void> {
    await consumeOrRefuse(this.links, address);
  }

  /** Spends one sign-up of the address (so one address cannot mint accounts by the thousand). */
  async admitSignup(address: string): Promise<void> {
    await consumeOrRefuse(this.signups, address);
  }
}

async function consumeOrRefuse(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw errors.rateLimited(seconds(rejection.msBeforeNext));
    throw rejection;
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
