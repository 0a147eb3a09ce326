import {
  CHALLENGE_BODY_MAX_BYTES,
  challengeDeadlineBodySchema,
  challengeListQuerySchema,
  challengeParamsSchema,
  challengePatchBodySchema,
  challengeTransitionBodySchema,
  answerQuestionBodySchema,
  askQuestionBodySchema,
  questionParamsSchema,
  createChallengeBodySchema,
  createFieldBodySchema,
  fieldParamsSchema,
  fieldPatchBodySchema,
  JSON_BODY_MAX_BYTES,
} from '@ideasphere/shared';
import express, { type Request, type RequestHandler, Router } from 'express';
import type { Actor } from '../accounts/accountPolicy.js';
import type { AccountService } from '../accounts/AccountService.js';
import { signedInActor, viewerOfRequest } from '../accounts/requestActor.js';
import { QrImages } from '../http/QrImages.js';
import { parse } from '../http/validate.js';
import type { Viewer } from './challengePolicy.js';
import type { ChallengeService } from './ChallengeService.js';
import type { FieldService } from './FieldService.js';
import type { QuestionService } from './QuestionService.js';

export interface ChallengeRouteDeps {
  accounts: AccountService;
  fields: FieldService;
  challenges: ChallengeService;
  questions: QuestionService;
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
  const { accounts, fields, challenges, questions } = deps;
  const json = express.json({ limit: JSON_BODY_MAX_BYTES, strict: true });
  // A problem statement in Markdown and its sections may be longer than other bodies.
  const challengeJson = express.json({ limit: CHALLENGE_BODY_MAX_BYTES, strict: true });
  const qrImages = new QrImages();
  const router = Router();
  router.use(['/fields', '/challenges', '/challenge-organisations'], noStore);

  /** The signed-in actor of a change: session cookie, CSRF token, same origin. */
  const signedIn = (req: Request): Promise<Actor> => signedInActor(accounts, req);
  /** Who reads: the signed-in actor, or null (no cookie, or a session that has ended). */
  const viewerOf = (req: Request): Promise<Viewer> => viewerOfRequest(accounts, req);
  const challengeId = (req: Request) => parse(challengeParamsSchema, req.params, 'challenge id').challengeId;

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

  router.get('/challenge-organisations', async (req, res) => {
    res.json(await challenges.invitableOrganisations(await viewerOf(req)));
  });

  router.get('/challenges', async (req, res) => {
    const viewer = await viewerOf(req);
    res.json(await challenges.list(viewer, parse(challengeListQuerySchema, req.query, 'query')));
  });
  router.post('/challenges', challengeJson, async (req, res) => {
    const actor = await signedIn(req);
    res.status(201).json(await challenges.create(actor, parse(createChallengeBodySchema, req.body, 'challenge')));
  });
  router.get('/challenges/:challengeId', async (req, res) => {
    const viewer = await viewerOf(req);
    res.json(await challenges.view(viewer, challengeId(req)));
  });
  router.patch('/challenges/:challengeId', challengeJson, async (req, res) => {
    const actor = await signedIn(req);
    const id = challengeId(req);
    res.json(await challenges.edit(actor, id, parse(challengePatchBodySchema, req.body, 'challenge change')));
  });
  router.post('/challenges/:challengeId/transitions', json, async (req, res) => {
    const actor = await signedIn(req);
    const id = challengeId(req);
    res.json(await challenges.transition(actor, id, parse(challengeTransitionBodySchema, req.body, 'transition').to));
  });
  router.post('/challenges/:challengeId/deadline', json, async (req, res) => {
    const actor = await signedIn(req);
    const id = challengeId(req);
    res.json(await challenges.extendDeadline(actor, id, parse(challengeDeadlineBodySchema, req.body, 'deadline').deadline));
  });
  // The page's QR code, for whoever may see the challenge (a private one's is not found for others).
  router.get('/challenges/:challengeId/qr.svg', async (req, res) => {
    const challenge = await challenges.visible(await viewerOf(req), challengeId(req));
    res.type('image/svg+xml').send(await qrImages.svg(challenges.pageUrl(challenge.id)));
  });
  router.get('/challenges/:challengeId/qr.png', async (req, res) => {
    const challenge = await challenges.visible(await viewerOf(req), challengeId(req));
    res.type('image/png').send(await qrImages.png(challenges.pageUrl(challenge.id)));
  });


  // Q&A: whoever may see the challenge reads what the policy shows it; signed-in askers ask; its organisation answers.
  router.get('/challenges/:challengeId/questions', async (req, res) => {
    res.json(await questions.list(await viewerOf(req), challengeId(req)));
  });
  router.post('/challenges/:challengeId/questions', json, async (req, res) => {
    const actor = await signedIn(req);
    const id = challengeId(req);
    res.status(201).json(await questions.ask(actor, id, parse(askQuestionBodySchema, req.body, 'question').text));
  });
  router.put('/challenges/:challengeId/questions/:questionId/answer', json, async (req, res) => {
    const actor = await signedIn(req);
    const params = parse(questionParamsSchema, req.params, 'question id');
    res.json(await questions.answer(actor, params.challengeId, params.questionId, parse(answerQuestionBodySchema, req.body, 'answer')));
  });

  return router;
}
