import {
  JSON_BODY_MAX_BYTES,
  challengeParamsSchema,
  createResponseBodySchema,
  promoteIdeasBodySchema,
  responseMemberBodySchema,
  responseMemberParamsSchema,
  responseParamsSchema,
  responsePatchBodySchema,
  submissionParamsSchema,
} from '@ideasphere/shared';
import express, { type Request, type RequestHandler, Router } from 'express';
import { checkCsrf, sessionTokenOf } from '../accounts/accountCookie.js';
import type { Actor } from '../accounts/accountPolicy.js';
import type { AccountService } from '../accounts/AccountService.js';
import { parse } from '../http/validate.js';
import type { IdeaPromotionService } from './IdeaPromotionService.js';
import type { ResponseService } from './ResponseService.js';

export interface ResponseRouteDeps {
  accounts: AccountService;
  responses: ResponseService;
  promotions: IdeaPromotionService;
}

/** Who may read a response depends on who asks: no shared cache may keep it. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * Responses' HTTP API. Every route needs a signed-in session; a change also its CSRF token
 * and this origin; then params and body parsed once, then the service, which asks the policy
 * before anything else.
 */
export function responseRoutes(deps: ResponseRouteDeps): Router {
  const { accounts, responses, promotions } = deps;
  const json = express.json({ limit: JSON_BODY_MAX_BYTES, strict: true });
  const router = Router();
  router.use(['/responses', '/challenges/:challengeId/responses', '/challenges/:challengeId/promotable-ideas', '/challenges/:challengeId/promotions'], noStore);

  async function reader(req: Request): Promise<Actor> {
    return accounts.authenticate(sessionTokenOf(req));
  }
  async function signedIn(req: Request): Promise<Actor> {
    const token = sessionTokenOf(req);
    const actor = await accounts.authenticate(token);
    checkCsrf(req, token);
    return actor;
  }
  const responseId = (req: Request) => parse(responseParamsSchema, req.params, 'response id').responseId;

  router.get('/challenges/:challengeId/responses', async (req, res) => {
    const actor = await reader(req);
    const { challengeId } = parse(challengeParamsSchema, req.params, 'challenge id');
    res.json(await responses.listForChallenge(actor, challengeId));
  });
  router.post('/challenges/:challengeId/responses', json, async (req, res) => {
    const actor = await signedIn(req);
    const { challengeId } = parse(challengeParamsSchema, req.params, 'challenge id');
    res.status(201).json(await responses.create(actor, challengeId, parse(createResponseBodySchema, req.body ?? {}, 'response')));
  });
  router.get('/challenges/:challengeId/promotable-ideas', async (req, res) => {
    const actor = await reader(req);
    const { challengeId } = parse(challengeParamsSchema, req.params, 'challenge id');
    res.json(await promotions.promotable(actor, challengeId));
  });
  router.post('/challenges/:challengeId/promotions', json, async (req, res) => {
    const actor = await signedIn(req);
    const { challengeId } = parse(challengeParamsSchema, req.params, 'challenge id');
    const { created, response } = await promotions.promote(actor, challengeId, parse(promoteIdeasBodySchema, req.body ?? {}, 'promotion'));
    res.status(created ? 201 : 200).json(response);
  });
  router.get('/responses', async (req, res) => {
    const actor = await reader(req);
    res.json(await responses.listMine(actor));
  });
  router.get('/responses/:responseId', async (req, res) => {
    const actor = await reader(req);
    res.json(await responses.view(actor, responseId(req)));
  });
  router.patch('/responses/:responseId', json, async (req, res) => {
    const actor = await signedIn(req);
    const id = responseId(req);
    res.json(await responses.rename(actor, id, parse(responsePatchBodySchema, req.body, 'team').teamName));
  });
  router.post('/responses/:responseId/members', json, async (req, res) => {
    const actor = await signedIn(req);
    const id = responseId(req);
    res.json(await responses.addMember(actor, id, parse(responseMemberBodySchema, req.body, 'team member').email));
  });
  router.delete('/responses/:responseId/members/:accountId', async (req, res) => {
    const actor = await signedIn(req);
    const { responseId: id, accountId } = parse(responseMemberParamsSchema, req.params, 'team member');
    await responses.removeMember(actor, id, accountId);
    res.status(204).end();
  });
  router.post('/responses/:responseId/editor-link', async (req, res) => {
    const actor = await signedIn(req);
    res.json(await responses.editorLink(actor, responseId(req)));
  });
  router.post('/responses/:responseId/submit', async (req, res) => {
    const actor = await signedIn(req);
    res.json(await responses.submit(actor, responseId(req)));
  });
  router.post('/responses/:responseId/withdraw', async (req, res) => {
    const actor = await signedIn(req);
    res.json(await responses.withdraw(actor, responseId(req)));
  });
  router.get('/responses/:responseId/submissions/:versionId', async (req, res) => {
    const actor = await reader(req);
    const { responseId: id, versionId } = parse(submissionParamsSchema, req.params, 'submission');
    res.json(await responses.frozen(actor, id, versionId));
  });
  return router;
}
