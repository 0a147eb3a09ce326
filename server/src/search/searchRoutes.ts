import { challengeParamsSchema, profileParamsSchema, searchQuerySchema } from '@ideasphere/shared';
import { type Request, type RequestHandler, Router } from 'express';
import type { AccountService } from '../accounts/AccountService.js';
import { signedInActor, viewerOfRequest } from '../accounts/requestActor.js';
import type { ProfileService } from '../accounts/ProfileService.js';
import { parse } from '../http/validate.js';
import type { SearchService } from './SearchService.js';

export interface SearchRouteDeps {
  accounts: AccountService;
  search: SearchService;
  profiles: ProfileService;
}

/** Answers depend on who asks: no shared cache may keep them. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * Search and matching: `/api/search` for anyone (each sees what they may), the matches of a
 * challenge for its organisation, the open challenges that fit a profile for its owner.
 */
export function searchRoutes(deps: SearchRouteDeps): Router {
  const { accounts, search, profiles } = deps;
  const router = Router();
  const viewerOf = (req: Request) => viewerOfRequest(accounts, req);

  router.get('/search', noStore, async (req, res) => {
    res.json(search.search(await viewerOf(req), parse(searchQuerySchema, req.query, 'search')));
  });
  router.get('/challenges/:challengeId/matches', noStore, async (req, res) => {
    const { challengeId } = parse(challengeParamsSchema, req.params, 'challenge id');
    res.json(await search.matchesForChallenge(await viewerOf(req), challengeId));
  });
  router.get('/profiles/:kind/:id/matches', noStore, async (req, res) => {
    const actor = await signedInActor(accounts, req);
    const { kind, id } = parse(profileParamsSchema, req.params, 'profile');
    await profiles.authorizeEdit(actor, kind, id);
    res.json(await search.challengesForProfile(actor, kind, id));
  });
  return router;
}
