import {
  JSON_BODY_MAX_BYTES,
  addMilestoneBodySchema,
  addPipelineItemBodySchema,
  milestoneParamsSchema,
  milestoneUpdateBodySchema,
  movePipelineItemBodySchema,
  pipelineFilterSchema,
  pipelineItemParamsSchema,
  pipelineOrgParamsSchema,
  pipelineSettingsBodySchema,
  pipelineSourceParamsSchema,
} from '@ideasphere/shared';
import express, { type Request, type RequestHandler, Router } from 'express';
import { signedInActor } from '../accounts/requestActor.js';
import { sessionTokenOf } from '../accounts/accountCookie.js';
import type { Actor } from '../accounts/accountPolicy.js';
import type { AccountService } from '../accounts/AccountService.js';
import { parse } from '../http/validate.js';
import type { PipelineService } from './PipelineService.js';

export interface PipelineRouteDeps {
  accounts: AccountService;
  pipeline: PipelineService;
}

/** What an account sees depends on who asks: no shared cache may keep it. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * The pipeline's HTTP API (`/api/pipeline/…`). Every route needs a signed-in session; a change
 * also its CSRF token and this origin; then params, query and body are parsed once, and the
 * service asks the policy before it reads anything else.
 */
export function pipelineRoutes(deps: PipelineRouteDeps): Router {
  const { accounts, pipeline } = deps;
  const json = express.json({ limit: JSON_BODY_MAX_BYTES, strict: true });
  const router = Router();
  router.use('/pipeline', noStore);

  const reader = (req: Request): Promise<Actor> => accounts.authenticate(sessionTokenOf(req));
  const changer = (req: Request): Promise<Actor> => signedInActor(accounts, req);
  const itemId = (req: Request) => parse(pipelineItemParamsSchema, req.params, 'pipeline item id').itemId;
  const filter = (req: Request) => parse(pipelineFilterSchema, req.query, 'filter');

  router.get('/pipeline', async (req, res) => {
    const actor = await reader(req);
    res.json(await pipeline.board(actor, filter(req)));
  });
  router.get('/pipeline/dashboard', async (req, res) => {
    const actor = await reader(req);
    res.json(await pipeline.dashboard(actor, filter(req)));
  });
  router.get('/pipeline/dashboard.csv', async (req, res) => {
    const actor = await reader(req);
    const csv = await pipeline.dashboardCsv(actor, filter(req));
    res.type('text/csv; charset=utf-8').set('Content-Disposition', 'attachment; filename="pipeline-dashboard.csv"').send(csv);
  });
  router.get('/pipeline/sources/:code', async (req, res) => {
    const actor = await reader(req);
    res.json(await pipeline.sources(actor, parse(pipelineSourceParamsSchema, req.params, 'session code').code));
  });
  router.post('/pipeline/items', json, async (req, res) => {
    const actor = await changer(req);
    const { detail, created } = await pipeline.add(actor, parse(addPipelineItemBodySchema, req.body ?? {}, 'pipeline item'));
    res.status(created ? 201 : 200).json(detail);
  });
  router.get('/pipeline/items/:itemId', async (req, res) => {
    const actor = await reader(req);
    res.json(await pipeline.item(actor, itemId(req)));
  });
  router.post('/pipeline/items/:itemId/move', json, async (req, res) => {
    const actor = await changer(req);
    const id = itemId(req);
    res.json(await pipeline.move(actor, id, parse(movePipelineItemBodySchema, req.body ?? {}, 'move')));
  });
  router.post('/pipeline/items/:itemId/milestones', json, async (req, res) => {
    const actor = await changer(req);
    const id = itemId(req);
    res.status(201).json(await pipeline.addMilestone(actor, id, parse(addMilestoneBodySchema, req.body ?? {}, 'milestone')));
  });
  router.post('/pipeline/items/:itemId/milestones/:milestoneId/updates', json, async (req, res) => {
    const actor = await changer(req);
    const params = parse(milestoneParamsSchema, req.params, 'milestone');
    res.status(201).json(await pipeline.updateMilestone(actor, params.itemId, params.milestoneId, parse(milestoneUpdateBodySchema, req.body ?? {}, 'status update')));
  });
  router.get('/pipeline/settings/:orgId', async (req, res) => {
    const actor = await reader(req);
    res.json(await pipeline.settings(actor, parse(pipelineOrgParamsSchema, req.params, 'organisation id').orgId));
  });
  router.put('/pipeline/settings/:orgId', json, async (req, res) => {
    const actor = await changer(req);
    const { orgId } = parse(pipelineOrgParamsSchema, req.params, 'organisation id');
    res.json(await pipeline.updateSettings(actor, orgId, parse(pipelineSettingsBodySchema, req.body ?? {}, 'pipeline settings')));
  });
  return router;
}
