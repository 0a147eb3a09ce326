import type { Request } from 'express';
import { AppError } from '../errors.js';
import { checkCsrf, sessionTokenOf } from './accountCookie.js';
import type { Actor } from './accountPolicy.js';
import type { AccountService } from './AccountService.js';

/** The signed-in actor of a change: the session cookie, its CSRF token, this origin. */
export async function signedInActor(accounts: AccountService, req: Request): Promise<Actor> {
  const token = sessionTokenOf(req);
  const actor = await accounts.authenticate(token);
  checkCsrf(req, token);
  return actor;
}

/** Who reads a page anyone may read: the signed-in actor, or null (no cookie, or a session that has ended). */
export async function viewerOfRequest(accounts: AccountService, req: Request): Promise<Actor | null> {
  try {
    return await accounts.authenticate(sessionTokenOf(req));
  } catch (error) {
    if (error instanceof AppError && error.reason === 'sign_in_required') return null;
    throw error;
  }
}
