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
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { errors } from '../errors.js';

/**
 * The budgets of sign-in, sign-up and of one-time links (rate-limiter-flexible; its Redis store has the
 * same API for scale-out): attempts per address, and failures in a row per email, after which
 * that email is locked for LOGIN_LOCKOUT_SECONDS. Emails no account has are counted and locked
 * alike, so neither the answer nor the lockout tells whether an account exists.
 */
export class LoginLimiter {
  private readonly perAddress = new RateLimiterMemory({ points: LOGIN_ATTEMPTS_PER_IP, duration: LOGIN_IP_WINDOW_SECONDS });
  private readonly failures = new RateLimiterMemory({ points: LOGIN_FAILURES_BEFORE_LOCKOUT, duration: LOGIN_LOCKOUT_SECONDS });
  private readonly links = new RateLimiterMemory({ points: LINK_ATTEMPTS_PER_IP, duration: LINK_ATTEMPTS_WINDOW_SECONDS });
  private readonly signups = new RateLimiterMemory({ points: SIGNUPS_PER_IP, duration: SIGNUP_WINDOW_SECONDS });

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

async function consumeOrRefuse(limiter: RateLimiterMemory, key: string): Promise<void> {
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
