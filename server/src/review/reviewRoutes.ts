import {
  JSON_BODY_MAX_BYTES,
  addReviewerBodySchema,
  assignReviewerBodySchema,
  createReviewRoundBodySchema,
  reviewAssignmentParamsSchema,
  reviewDecisionBodySchema,
  reviewResponseParamsSchema,
  reviewReviewerParamsSchema,
  reviewRoundParamsSchema,
  reviewScopeParamsSchema,
  reviewSubjectParamsSchema,
  reviewTransitionBodySchema,
  scorecardBodySchema,
  shortlistBodySchema,
  updateReviewRoundBodySchema,
} from '@ideasphere/shared';
import express, { type Request, type RequestHandler, Router } from 'express';
import { sessionTokenOf } from '../accounts/accountCookie.js';
import type { Actor } from '../accounts/accountPolicy.js';
import type { AccountService } from '../accounts/AccountService.js';
import { signedInActor } from '../accounts/requestActor.js';
import { parse } from '../http/validate.js';
import type { ResponseService } from '../responses/ResponseService.js';
import { resultsToCsv } from './resultsCsv.js';
import type { ReviewService } from './ReviewService.js';

export interface ReviewRouteDeps {
  accounts: AccountService;
  review: ReviewService;
  /** To check who may read a response's feedback (its team, its challenge's organisation). */
  responses: ResponseService;
}

/** What a review route answers depends on who asks (and may hold names): no shared cache may keep it. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * Review's HTTP API under /api/review (and a response's feedback). Every route needs a
 * signed-in session; a change also its CSRF token and this origin; then params and body parsed
 * once, then the service, which asks the policy before it reads anything else.
 */
export function reviewRoutes(deps: ReviewRouteDeps): Router {
  const { accounts, review, responses } = deps;
  const json = express.json({ limit: JSON_BODY_MAX_BYTES, strict: true });
  const router = Router();
  router.use(['/review', '/responses/:responseId/review-feedback'], noStore);

  const reader = (req: Request): Promise<Actor> => accounts.authenticate(sessionTokenOf(req));
  const changer = (req: Request): Promise<Actor> => signedInActor(accounts, req);
  const roundId = (req: Request) => parse(reviewRoundParamsSchema, req.params, 'review round id').roundId;
  const subject = (req: Request) => parse(reviewSubjectParamsSchema, req.params, 'submission');

  router.get('/review/mine', async (req, res) => {
    res.json(await review.myReviews(await reader(req)));
  });
  router.get('/review/scopes/:kind/:scopeId/rounds', async (req, res) => {
    const actor = await reader(req);
    const { kind, scopeId } = parse(reviewScopeParamsSchema, req.params, 'review scope');
    res.json(await review.scopeRounds(actor, { kind, id: scopeId }));
  });
  router.post('/review/scopes/:kind/:scopeId/rounds', json, async (req, res) => {
    const actor = await changer(req);
    const { kind, scopeId } = parse(reviewScopeParamsSchema, req.params, 'review scope');
    const input = parse(createReviewRoundBodySchema, req.body ?? {}, 'review round');
    res.status(201).json(await review.createRound(actor, { kind, id: scopeId }, input));
  });
  router.get('/review/rounds/:roundId', async (req, res) => {
    const actor = await reader(req);
    res.json(await review.round(actor, roundId(req)));
  });
  router.patch('/review/rounds/:roundId', json, async (req, res) => {
    const actor = await changer(req);
    const id = roundId(req);
    res.json(await review.updateRound(actor, id, parse(updateReviewRoundBodySchema, req.body ?? {}, 'review round')));
  });
  router.post('/review/rounds/:roundId/transitions', json, async (req, res) => {
    const actor = await changer(req);
    const id = roundId(req);
    res.json(await review.transition(actor, id, parse(reviewTransitionBodySchema, req.body ?? {}, 'transition').to));
  });
  router.post('/review/rounds/:roundId/reviewers', json, async (req, res) => {
    const actor = await changer(req);
    const id = roundId(req);
    res.json(await review.addReviewer(actor, id, parse(addReviewerBodySchema, req.body ?? {}, 'reviewer')));
  });
  router.delete('/review/rounds/:roundId/reviewers/:accountId', async (req, res) => {
    const actor = await changer(req);
    const params = parse(reviewReviewerParamsSchema, req.params, 'reviewer');
    res.json(await review.removeReviewer(actor, params.roundId, params.accountId));
  });
  router.post('/review/rounds/:roundId/assignments', json, async (req, res) => {
    const actor = await changer(req);
    const id = roundId(req);
    const body = parse(assignReviewerBodySchema, req.body ?? {}, 'assignment');
    res.json(await review.assign(actor, id, body.subjectId, body.reviewerId));
  });
  router.delete('/review/rounds/:roundId/assignments/:subjectId/:accountId', async (req, res) => {
    const actor = await changer(req);
    const params = parse(reviewAssignmentParamsSchema, req.params, 'assignment');
    res.json(await review.unassign(actor, params.roundId, params.subjectId, params.accountId));
  });
  router.post('/review/rounds/:roundId/auto-assign', async (req, res) => {
    const actor = await changer(req);
    res.json(await review.autoAssign(actor, roundId(req)));
  });
  router.get('/review/rounds/:roundId/results', async (req, res) => {
    const actor = await reader(req);
    res.json(await review.results(actor, roundId(req)));
  });
  router.get('/review/rounds/:roundId/results.csv', async (req, res) => {
    const actor = await reader(req);
    const id = roundId(req);
    const csv = resultsToCsv(await review.results(actor, id));
    res.set('Content-Disposition', `attachment; filename="review-${id}-results.csv"`);
    res.type('text/csv; charset=utf-8').send(csv);
  });
  router.put('/review/rounds/:roundId/shortlist/:subjectId', json, async (req, res) => {
    const actor = await changer(req);
    const params = subject(req);
    res.json(await review.setShortlisted(actor, params.roundId, params.subjectId, parse(shortlistBodySchema, req.body ?? {}, 'shortlist').shortlisted));
  });
  router.post('/review/rounds/:roundId/decisions', json, async (req, res) => {
    const actor = await changer(req);
    const id = roundId(req);
    res.json(await review.decide(actor, id, parse(reviewDecisionBodySchema, req.body ?? {}, 'decision')));
  });
  router.get('/review/rounds/:roundId/subjects/:subjectId/scorecard', async (req, res) => {
    const actor = await reader(req);
    const params = subject(req);
    res.json(await review.scorecard(actor, params.roundId, params.subjectId));
  });
  router.put('/review/rounds/:roundId/subjects/:subjectId/scorecard', json, async (req, res) => {
    const actor = await changer(req);
    const params = subject(req);
    res.json(await review.saveScorecard(actor, params.roundId, params.subjectId, parse(scorecardBodySchema, req.body ?? {}, 'scorecard')));
  });
  router.post('/review/rounds/:roundId/subjects/:subjectId/conflict', async (req, res) => {
    const actor = await changer(req);
    const params = subject(req);
    res.json(await review.declareConflict(actor, params.roundId, params.subjectId));
  });
  router.get('/responses/:responseId/review-feedback', async (req, res) => {
    const actor = await reader(req);
    const { responseId } = parse(reviewResponseParamsSchema, req.params, 'response id');
    // Whoever may see the response (its team; its challenge's organisation once submitted) reads its feedback.
    await responses.view(actor, responseId);
    res.json(await review.feedbackOf(responseId));
  });
  return router;
}
