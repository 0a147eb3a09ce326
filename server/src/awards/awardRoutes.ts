import {
  JSON_BODY_MAX_BYTES,
  audienceVoteBodySchema,
  awardCategoryParamsSchema,
  awardCategoryPatchBodySchema,
  awardNominationParamsSchema,
  awardProgrammeParamsSchema,
  awardProgrammePatchBodySchema,
  awardSessionBodySchema,
  confirmWinnersBodySchema,
  createAwardCategoryBodySchema,
  createAwardProgrammeBodySchema,
  createNominationBodySchema,
  nominationDecisionBodySchema,
  nomineeCandidatesQuerySchema,
} from '@ideasphere/shared';
import express, { type Request, type RequestHandler, Router } from 'express';
import type { AccountService } from '../accounts/AccountService.js';
import { signedInActor } from '../accounts/requestActor.js';
import { sessionTokenOf } from '../accounts/accountCookie.js';
import { parse } from '../http/validate.js';
import type { AwardService } from './AwardService.js';

export interface AwardRouteDeps {
  accounts: AccountService;
  awards: AwardService;
}

/** What a programme shows depends on who asks: no shared cache may keep it. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * Award programmes' HTTP API (`/api/awards…`). Every route needs a signed-in session; a change
 * also its CSRF token and this origin; then params and body are parsed once, then the service,
 * which asks the policy before it reads or writes anything else.
 */
export function awardRoutes(deps: AwardRouteDeps): Router {
  const { accounts, awards } = deps;
  const json = express.json({ limit: JSON_BODY_MAX_BYTES, strict: true });
  const router = Router();
  router.use('/awards', noStore);

  const reader = (req: Request) => accounts.authenticate(sessionTokenOf(req));
  const signedIn = (req: Request) => signedInActor(accounts, req);
  const programmeId = (req: Request) => parse(awardProgrammeParamsSchema, req.params, 'award programme id').programmeId;
  const category = (req: Request) => parse(awardCategoryParamsSchema, req.params, 'award category');

  router.get('/awards', async (req, res) => {
    res.json(await awards.list(await reader(req)));
  });
  router.post('/awards', json, async (req, res) => {
    const actor = await signedIn(req);
    res.status(201).json(await awards.create(actor, parse(createAwardProgrammeBodySchema, req.body, 'award programme')));
  });
  router.get('/awards/:programmeId', async (req, res) => {
    const actor = await reader(req);
    res.json(await awards.view(actor, programmeId(req)));
  });
  router.patch('/awards/:programmeId', json, async (req, res) => {
    const actor = await signedIn(req);
    const id = programmeId(req);
    res.json(await awards.update(actor, id, parse(awardProgrammePatchBodySchema, req.body, 'award programme')));
  });
  router.post('/awards/:programmeId/categories', json, async (req, res) => {
    const actor = await signedIn(req);
    const id = programmeId(req);
    res.status(201).json(await awards.addCategory(actor, id, parse(createAwardCategoryBodySchema, req.body, 'award category')));
  });
  router.patch('/awards/:programmeId/categories/:categoryId', json, async (req, res) => {
    const actor = await signedIn(req);
    const { programmeId: id, categoryId } = category(req);
    res.json(await awards.updateCategory(actor, id, categoryId, parse(awardCategoryPatchBodySchema, req.body, 'award category')));
  });
  router.put('/awards/:programmeId/categories/:categoryId/session', json, async (req, res) => {
    const actor = await signedIn(req);
    const { programmeId: id, categoryId } = category(req);
    res.json(await awards.linkSession(actor, id, categoryId, parse(awardSessionBodySchema, req.body, 'live session').code));
  });
  router.post('/awards/:programmeId/categories/:categoryId/audience-vote', json, async (req, res) => {
    const actor = await signedIn(req);
    const { programmeId: id, categoryId } = category(req);
    res.json(await awards.audienceVote(actor, id, categoryId, parse(audienceVoteBodySchema, req.body, 'audience vote').action));
  });
  router.post('/awards/:programmeId/categories/:categoryId/winners', json, async (req, res) => {
    const actor = await signedIn(req);
    const { programmeId: id, categoryId } = category(req);
    res.json(await awards.confirmWinners(actor, id, categoryId, parse(confirmWinnersBodySchema, req.body, 'winners')));
  });
  router.get('/awards/:programmeId/nominee-candidates', async (req, res) => {
    const actor = await reader(req);
    const id = programmeId(req);
    res.json(await awards.nomineeCandidates(actor, id, parse(nomineeCandidatesQuerySchema, req.query, 'nominee search')));
  });
  router.post('/awards/:programmeId/nominations', json, async (req, res) => {
    const actor = await signedIn(req);
    const id = programmeId(req);
    res.status(201).json(await awards.nominate(actor, id, parse(createNominationBodySchema, req.body, 'nomination')));
  });
  router.post('/awards/:programmeId/nominations/:nominationId/decision', json, async (req, res) => {
    const actor = await signedIn(req);
    const { programmeId: id, nominationId } = parse(awardNominationParamsSchema, req.params, 'nomination');
    res.json(await awards.decide(actor, id, nominationId, parse(nominationDecisionBodySchema, req.body, 'decision').decision));
  });
  return router;
}
