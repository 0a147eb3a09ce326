import { createFieldBodySchema, fieldParamsSchema, fieldPatchBodySchema, JSON_BODY_MAX_BYTES } from '@ideasphere/shared';
import express, { type Request, type RequestHandler, Router } from 'express';
import { checkCsrf, sessionTokenOf } from '../accounts/accountCookie.js';
import type { Actor } from '../accounts/accountPolicy.js';
import type { AccountService } from '../accounts/AccountService.js';
import { parse } from '../http/validate.js';
import type { FieldService } from './FieldService.js';

export interface ChallengeRouteDeps {
  accounts: AccountService;
  fields: FieldService;
}

/** What these routes answer depends on who asks: no shared cache may keep it. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * The challenges' HTTP API: `/api/fields` (the taxonomy). Reads are open to anonymous
 * visitors (the policy decides what each one sees); every change needs a signed-in session,
 * its CSRF token and this origin, then its params and body parsed once, then the service,
 * which asks the policy before anything else.
 */
export function challengeRoutes(deps: ChallengeRouteDeps): Router {
  const { accounts, fields } = deps;
  const json = express.json({ limit: JSON_BODY_MAX_BYTES, strict: true });
  const router = Router();
  router.use(['/fields'], noStore);

  /** The signed-in actor of a change: session cookie, CSRF token, same origin. */
  async function signedIn(req: Request): Promise<Actor> {
    const token = sessionTokenOf(req);
    const actor = await accounts.authenticate(token);
    checkCsrf(req, token);
    return actor;
  }

  router.get('/fields', async (_req, res) => {
    res.json(await fields.list());
  });
  router.post('/fields', json, async (req, res) => {
    const actor = await signedIn(req);
    res.status(201).json(await fields.create(actor, parse(createFieldBodySchema, req.body, 'field')));
  });
  router.patch('/fields/:fieldId', json, async (req, res) => {
    const actor = await signedIn(req);
    const { fieldId } = parse(fieldParamsSchema, req.params, 'field id');
    res.json(await fields.change(actor, fieldId, parse(fieldPatchBodySchema, req.body, 'field change')));
  });

  return router;
}
