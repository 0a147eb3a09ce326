import {
  JSON_BODY_MAX_BYTES,
  commentCreateBodySchema,
  commentParamsSchema,
  commentPatchBodySchema,
  commentReplyBodySchema,
  createProposalBodySchema,
  joinProposalBodySchema,
  memberRoleBodySchema,
  versionCreateBodySchema,
  exportQuerySchema,
  inviteParamsSchema,
  joinCodeSchema,
  memberParamsSchema,
  proposalParamsSchema,
  versionParamsSchema,
} from '@ideasphere/shared';
import express, { type Request, Router } from 'express';
import { AppError } from '../errors.js';
import { bearerToken, parse } from './validate.js';
import type { ProposalRuntime } from '../proposals/createProposals.js';
import type { ProposalPrincipal } from '../proposals/ProposalAccess.js';
import type { Principal, SessionService } from '../services/SessionService.js';

export interface ProposalRouteDeps {
  sessions: SessionService;
  proposals: ProposalRuntime;
}

/** `POST|GET /api/sessions/:code/proposals`: the facilitator's token, or a participant's. */
export function sessionProposalRoutes(deps: ProposalRouteDeps): Router {
  const router = Router({ mergeParams: true });
  const json = express.json({ limit: JSON_BODY_MAX_BYTES, strict: true });

  async function principalOf(req: Request): Promise<Principal> {
    const code = parse(joinCodeSchema, req.params['code'], 'join code');
    const token = bearerToken(req);
    try {
      return await deps.sessions.authenticate('facilitator', code, token);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'unauthorized') throw error;
      return deps.sessions.authenticate('participant', code, token);
    }
  }

  router.post('/', json, async (req, res) => {
    const principal = await principalOf(req);
    res.status(201).json(await deps.proposals.proposals.create(principal, parse(createProposalBodySchema, req.body, 'proposal')));
  });

  router.get('/', async (req, res) => {
    res.json(await deps.proposals.proposals.list(await principalOf(req)));
  });
  return router;
}

/** Every `/api/proposals/:id…` route. Handlers: validate → authorize → service → respond. */
export function proposalRoutes(deps: ProposalRouteDeps): Router {
  const { proposals, comments, versions, access } = deps.proposals;
  const router = Router();
  const json = express.json({ limit: JSON_BODY_MAX_BYTES, strict: true });

  async function principalOf(req: Request): Promise<ProposalPrincipal> {
    const { id } = parse(proposalParamsSchema, { id: req.params['id'] }, 'proposal id');
    return access.authenticate(id, bearerToken(req));
  }

  router.post('/:id/members', json, async (req, res) => {
    const { id } = parse(proposalParamsSchema, { id: req.params['id'] }, 'proposal id');
    res.status(201).json(await proposals.join(id, parse(joinProposalBodySchema, req.body, 'invite')));
  });

  router.get('/:id', async (req, res) => {
    res.json(await proposals.view(await principalOf(req)));
  });

  router.patch('/:id/members/:memberId', json, async (req, res) => {
    const { memberId } = parse(memberParamsSchema, req.params, 'member');
    res.json(await proposals.setRole(await principalOf(req), memberId, parse(memberRoleBodySchema, req.body, 'role')));
  });

  router.delete('/:id/members/:memberId', async (req, res) => {
    const { memberId } = parse(memberParamsSchema, req.params, 'member');
    await proposals.remove(await principalOf(req), memberId);
    res.status(204).end();
  });

  router.post('/:id/invites/:role', async (req, res) => {
    const { role } = parse(inviteParamsSchema, req.params, 'invite role');
    res.json(await proposals.rotateInvite(await principalOf(req), role));
  });

  router.get('/:id/comments', async (req, res) => {
    res.json(await comments.list(await principalOf(req)));
  });

  router.post('/:id/comments', json, async (req, res) => {
    res.status(201).json(await comments.create(await principalOf(req), parse(commentCreateBodySchema, req.body, 'comment')));
  });

  router.post('/:id/comments/:cid/replies', json, async (req, res) => {
    const { cid } = parse(commentParamsSchema, req.params, 'comment');
    res.status(201).json(await comments.reply(await principalOf(req), cid, parse(commentReplyBodySchema, req.body, 'reply')));
  });

  router.patch('/:id/comments/:cid', json, async (req, res) => {
    const { cid } = parse(commentParamsSchema, req.params, 'comment');
    res.json(await comments.setResolved(await principalOf(req), cid, parse(commentPatchBodySchema, req.body, 'comment change')));
  });

  router.get('/:id/versions', async (req, res) => {
    res.json(await versions.list(await principalOf(req)));
  });

  router.post('/:id/versions', json, async (req, res) => {
    res.status(201).json(await versions.create(await principalOf(req), parse(versionCreateBodySchema, req.body, 'version')));
  });

  router.get('/:id/versions/:vid', async (req, res) => {
    const { vid } = parse(versionParamsSchema, req.params, 'version');
    res.json(await versions.get(await principalOf(req), vid));
  });

  router.post('/:id/versions/:vid/restore', async (req, res) => {
    const { vid } = parse(versionParamsSchema, req.params, 'version');
    res.json(await versions.restore(await principalOf(req), vid));
  });

  router.get('/:id/export.md', async (req, res) => {
    const { comments: withComments } = parse(exportQuerySchema, req.query, 'export options');
    const principal = await principalOf(req);
    const markdown = await versions.exportMarkdown(principal, withComments === 'yes');
    const filename = `proposal-${principal.proposal.id}.md`;
    res
      .set({ 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' })
      .type('text/markdown; charset=utf-8')
      .send(markdown);
  });

  return router;
}
