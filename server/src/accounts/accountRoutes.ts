import {
  acceptInviteBodySchema,
  claimBodySchema,
  publicationBodySchema,
  liveSessionBodySchema,
  liveSessionParamsSchema,
  sessionFromTemplateBodySchema,
  templateCreateBodySchema,
  templateParamsSchema,
  notificationListQuerySchema,
  notificationReadBodySchema,
  profileListQuerySchema,
  profileParamsSchema,
  profilePutBodySchema,
  signupBodySchema,
  accountInviteParamsSchema,
  accountListQuerySchema,
  accountParamsSchema,
  accountPatchBodySchema,
  createInviteBodySchema,
  createOrganisationBodySchema,
  inviteListQuerySchema,
  JSON_BODY_MAX_BYTES,
  linkCheckBodySchema,
  loginBodySchema,
  memberPutBodySchema,
  orgMemberParamsSchema,
  orgParamsSchema,
  organisationPatchBodySchema,
  resetPasswordBodySchema,
  setupBodySchema,
} from '@ideasphere/shared';
import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import type { Links } from '../presenters.js';
import { createHttpRateLimits } from '../http/rateLimits.js';
import { parse } from '../http/validate.js';
import type { PublicationService } from './PublicationService.js';
import { checkCsrf, clearSessionCookie, sessionTokenOf, setSessionCookie } from './accountCookie.js';
import type { Actor } from './accountPolicy.js';
import type { AccountService, SignedIn } from './AccountService.js';
import type { LiveAccountService } from './LiveAccountService.js';
import type { NotificationService } from './NotificationService.js';
import type { ProfileService } from './ProfileService.js';
import { signedInActor, viewerOfRequest } from './requestActor.js';
import type { PlatformService } from './PlatformService.js';

export interface AccountRouteDeps {
  accounts: AccountService;
  platform: PlatformService;
  live: LiveAccountService;
  notifications: NotificationService;
  profiles: ProfileService;
  publications: PublicationService;
  links: Links;
}

/** Nothing these routes answer may be kept by a cache: it is one person's, and `me` holds the CSRF token. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * The platform's HTTP API: `/api/account` (sign-in, one-time links, the signed-in account) and
 * `/api/accounts`, `/api/invites`, `/api/orgs` (people and organisations). Every handler:
 * who is asking (the session cookie) → CSRF for a change → params and body parsed once →
 * the service, which asks the policy before anything else.
 */
export function accountRoutes(deps: AccountRouteDeps): Router {
  const { accounts, platform, live, notifications, profiles, publications } = deps;
  const json = express.json({ limit: JSON_BODY_MAX_BYTES, strict: true });
  const limits = createHttpRateLimits();
  const router = Router();
  router.use(['/account', '/accounts', '/invites', '/orgs', '/profiles'], noStore);

  /** The signed-in actor; a change must also carry the session's CSRF token and come from this origin. */
  const signedIn = (req: Request): Promise<Actor> => signedInActor(accounts, req);
  /** Who is looking, for pages anyone may read: the signed-in actor, or null (no cookie, or it ended). */
  const viewerOf = (req: Request): Promise<Actor | null> => viewerOfRequest(accounts, req);

  /** Sign-in and links take no cookie, but set one: another site may not make a browser send them. */
  const sameOrigin: RequestHandler = (req, _res, next) => {
    checkCsrf(req, null);
    next();
  };

  const address = (req: Request) => req.ip ?? 'unknown';
  const startSession = async (req: Request, res: Response, status: number, signed: SignedIn) => {
    const previous = sessionTokenOf(req);
    if (previous !== null) await accounts.endSession(previous);
    setSessionCookie(req, res, signed.sessionToken, deps.links.publicUrl());
    res.status(status).json(await accounts.me(await accounts.authenticate(signed.sessionToken)));
  };

  router.post('/account/login', sameOrigin, json, async (req, res) => {
    await startSession(req, res, 200, await accounts.login(address(req), parse(loginBodySchema, req.body, 'sign-in')));
  });
  router.post('/account/links/check', sameOrigin, json, async (req, res) => {
    res.json(await accounts.checkLink(address(req), parse(linkCheckBodySchema, req.body, 'link').token));
  });
  router.post('/account/setup', sameOrigin, json, async (req, res) => {
    await startSession(req, res, 201, await accounts.setup(address(req), parse(setupBodySchema, req.body, 'setup')));
  });
  router.post('/account/invites/accept', sameOrigin, json, async (req, res) => {
    await startSession(req, res, 201, await accounts.acceptInvite(address(req), parse(acceptInviteBodySchema, req.body, 'invite')));
  });
  router.post('/account/signup', sameOrigin, json, async (req, res) => {
    await startSession(req, res, 201, await accounts.signUp(address(req), parse(signupBodySchema, req.body, 'sign-up')));
  });
  router.post('/account/password-reset', sameOrigin, json, async (req, res) => {
    await startSession(req, res, 200, await accounts.resetPassword(address(req), parse(resetPasswordBodySchema, req.body, 'password reset')));
  });

  router.get('/account/me', async (req, res) => {
    res.json(await accounts.me(await signedIn(req)));
  });
  router.post('/account/logout', async (req, res) => {
    await accounts.logout(await signedIn(req));
    clearSessionCookie(req, res, deps.links.publicUrl());
    res.status(204).end();
  });
  router.post('/account/logout-everywhere', async (req, res) => {
    await accounts.logoutEverywhere(await signedIn(req));
    clearSessionCookie(req, res, deps.links.publicUrl());
    res.status(204).end();
  });

  // The live event, from the platform: an organiser's sessions, and the ideas a guest kept.
  router.get('/account/live-sessions', async (req, res) => {
    res.json(await live.listSessions(await signedIn(req)));
  });
  router.post('/account/live-sessions', limits.sessions, json, async (req, res) => {
    const actor = await signedIn(req);
    res.status(201).json(await live.createSession(actor, parse(liveSessionBodySchema, req.body, 'session')));
  });
  router.post('/account/live-sessions/from-template', limits.sessions, json, async (req, res) => {
    const actor = await signedIn(req);
    res.status(201).json(await live.createFromTemplate(actor, parse(sessionFromTemplateBodySchema, req.body, 'template')));
  });
  router.get('/account/templates', async (req, res) => {
    res.json(await live.listTemplates(await signedIn(req)));
  });
  router.post('/account/templates', json, async (req, res) => {
    const actor = await signedIn(req);
    res.status(201).json(await live.saveTemplate(actor, parse(templateCreateBodySchema, req.body, 'template')));
  });
  router.delete('/account/templates/:id', async (req, res) => {
    const actor = await signedIn(req);
    await live.deleteTemplate(actor, parse(templateParamsSchema, req.params, 'template id').id);
    res.status(204).end();
  });
  router.post('/account/live-sessions/:code/duplicate', limits.sessions, async (req, res) => {
    const actor = await signedIn(req);
    res.status(201).json(await live.duplicateSession(actor, parse(liveSessionParamsSchema, req.params, 'join code').code));
  });
  router.post('/account/live-sessions/:code/facilitator-link', async (req, res) => {
    const actor = await signedIn(req);
    res.status(201).json(await live.takeOverConsole(actor, parse(liveSessionParamsSchema, req.params, 'join code').code));
  });
  router.get('/account/claims', async (req, res) => {
    res.json(await live.listClaims(await signedIn(req)));
  });
  router.post('/account/claims', limits.joins, json, async (req, res) => {
    const actor = await signedIn(req);
    res.status(201).json(await live.claim(actor, parse(claimBodySchema, req.body, 'claim')));
  });
  router.put('/account/publications', json, async (req, res) => {
    const actor = await signedIn(req);
    res.json(await publications.setShown(actor, parse(publicationBodySchema, req.body, 'publication')));
  });

  // The account's own notification centre.
  router.get('/account/notifications', async (req, res) => {
    const actor = await signedIn(req);
    res.json(await notifications.list(actor, parse(notificationListQuerySchema, req.query, 'query').before));
  });
  router.get('/account/notifications/unread', async (req, res) => {
    res.json(await notifications.unread(await signedIn(req)));
  });
  router.post('/account/notifications/read', json, async (req, res) => {
    const actor = await signedIn(req);
    res.json(await notifications.markRead(actor, parse(notificationReadBodySchema, req.body, 'notifications')));
  });

  // Profiles of people and organisations: public ones for anyone.
  router.get('/profiles', async (req, res) => {
    const { after } = parse(profileListQuerySchema, req.query, 'query');
    res.json(await profiles.list(await viewerOf(req), after));
  });
  router.get('/profiles/:kind/:id', async (req, res) => {
    const { kind, id } = parse(profileParamsSchema, req.params, 'profile');
    res.json(await profiles.view(await viewerOf(req), kind, id));
  });
  router.get('/profiles/person/:id/publications', async (req, res) => {
    const { id } = parse(profileParamsSchema, { kind: 'person', id: req.params['id'] }, 'profile');
    res.json(await publications.listForProfile(await viewerOf(req), id));
  });
  router.put('/profiles/:kind/:id', json, async (req, res) => {
    const actor = await signedIn(req);
    const { kind, id } = parse(profileParamsSchema, req.params, 'profile');
    res.json(await profiles.put(actor, kind, id, parse(profilePutBodySchema, req.body, 'profile')));
  });

  router.get('/accounts', async (req, res) => {
    const actor = await signedIn(req);
    res.json(await platform.listAccounts(actor, parse(accountListQuerySchema, req.query, 'query').after));
  });
  router.patch('/accounts/:accountId', json, async (req, res) => {
    const actor = await signedIn(req);
    const { accountId } = parse(accountParamsSchema, req.params, 'account id');
    res.json(await platform.changeAccount(actor, accountId, parse(accountPatchBodySchema, req.body, 'account change')));
  });
  router.post('/accounts/:accountId/reset-links', async (req, res) => {
    const actor = await signedIn(req);
    res.status(201).json(await platform.issueResetLink(actor, parse(accountParamsSchema, req.params, 'account id').accountId));
  });

  router.post('/invites', json, async (req, res) => {
    const actor = await signedIn(req);
    res.status(201).json(await platform.createInvite(actor, parse(createInviteBodySchema, req.body, 'invite')));
  });
  router.get('/invites', async (req, res) => {
    const actor = await signedIn(req);
    res.json(await platform.listInvites(actor, parse(inviteListQuerySchema, req.query, 'query').organisationId ?? null));
  });
  router.delete('/invites/:inviteId', async (req, res) => {
    const actor = await signedIn(req);
    await platform.revokeInvite(actor, parse(accountInviteParamsSchema, req.params, 'invite id').inviteId);
    res.status(204).end();
  });

  router.get('/orgs', async (req, res) => {
    res.json(await platform.listOrganisations(await signedIn(req)));
  });
  router.post('/orgs', json, async (req, res) => {
    const actor = await signedIn(req);
    res.status(201).json(await platform.createOrganisation(actor, parse(createOrganisationBodySchema, req.body, 'organisation')));
  });
  router.get('/orgs/:orgId', async (req, res) => {
    const actor = await signedIn(req);
    res.json(await platform.viewOrganisation(actor, parse(orgParamsSchema, req.params, 'organisation id').orgId));
  });
  router.patch('/orgs/:orgId', json, async (req, res) => {
    const actor = await signedIn(req);
    const { orgId } = parse(orgParamsSchema, req.params, 'organisation id');
    res.json(await platform.renameOrganisation(actor, orgId, parse(organisationPatchBodySchema, req.body, 'organisation change').name));
  });
  router.get('/orgs/:orgId/members', async (req, res) => {
    const actor = await signedIn(req);
    res.json(await platform.listMembers(actor, parse(orgParamsSchema, req.params, 'organisation id').orgId));
  });
  router.put('/orgs/:orgId/members/:accountId', json, async (req, res) => {
    const actor = await signedIn(req);
    const { orgId, accountId } = parse(orgMemberParamsSchema, req.params, 'member');
    res.json(await platform.putMember(actor, orgId, accountId, parse(memberPutBodySchema, req.body, 'member').role));
  });
  router.delete('/orgs/:orgId/members/:accountId', async (req, res) => {
    const actor = await signedIn(req);
    const { orgId, accountId } = parse(orgMemberParamsSchema, req.params, 'member');
    await platform.removeMember(actor, orgId, accountId);
    res.status(204).end();
  });

  return router;
}
