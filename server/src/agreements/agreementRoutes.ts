import {
  AGREEMENT_JSON_MAX_BYTES,
  AGREEMENT_SIGN_JSON_MAX_BYTES,
  AGREEMENT_VERIFY_MAX_BYTES,
  AGREEMENT_VERIFY_PER_IP_PER_MINUTE,
  agreementListQuerySchema,
  agreementParamsSchema,
  agreementResponseParamsSchema,
  agreementReasonBodySchema,
  createAgreementBodySchema,
  signAgreementBodySchema,
  updateAgreementBodySchema,
} from '@ideasphere/shared';
import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { type MakeLimiter, memoryLimiters } from '../scale/rateLimiters.js';
import { signedInActor } from '../accounts/requestActor.js';
import type { AccountService } from '../accounts/AccountService.js';
import { errors } from '../errors.js';
import { parse } from '../http/validate.js';
import type { AgreementService, RequestOrigin } from './AgreementService.js';

export interface AgreementRouteDeps {
  accounts: AccountService;
  agreements: AgreementService;
  /** Where the verify budget is counted (default: this process's memory). */
  makeLimiter?: MakeLimiter;
}

const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * `/api/agreements`: cookie → CSRF (changes) → params and body parsed once → the service, which
 * asks the policy. `POST /api/agreements/verify` is public (no account), limited per address
 * and in size; the PDF is streamed into a buffer that refuses to grow past the limit.
 */
export function agreementRoutes(deps: AgreementRouteDeps): Router {
  const { agreements } = deps;
  const json = express.json({ limit: AGREEMENT_JSON_MAX_BYTES, strict: true });
  const signJson = express.json({ limit: AGREEMENT_SIGN_JSON_MAX_BYTES, strict: true });
  const pdfBody = express.raw({ type: () => true, limit: AGREEMENT_VERIFY_MAX_BYTES });
  const verifyLimiter = (deps.makeLimiter ?? memoryLimiters)({ name: 'agreement-verify-ip', points: AGREEMENT_VERIFY_PER_IP_PER_MINUTE, durationSeconds: 60 });
  const router = Router();
  router.use('/agreements', noStore);

  const signedIn = (req: Request) => signedInActor(deps.accounts, req);
  const origin = (req: Request): RequestOrigin => ({ ip: req.ip ?? 'unknown', userAgent: req.get('user-agent') ?? '' });
  const idOf = (req: Request) => parse(agreementParamsSchema, req.params, 'agreement id').agreementId;

  const limitVerify: RequestHandler = (req, res, next) => {
    verifyLimiter.consume(req.ip ?? 'unknown').then(
      () => next(),
      (rejection: unknown) => {
        if (!(rejection instanceof RateLimiterRes)) return next(rejection);
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))));
        next(errors.rateLimited());
      },
    );
  };
  router.post('/agreements/verify', limitVerify, pdfBody, async (req, res) => {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw errors.unsupportedMedia(['application/pdf']);
    res.json(await agreements.verify(req.body));
  });

  router.get('/agreements/templates', async (req, res) => {
    await signedIn(req);
    res.json(agreements.templates());
  });
  router.get('/agreements', async (req, res) => {
    const actor = await signedIn(req);
    const { responseId } = parse(agreementListQuerySchema, req.query, 'query');
    res.json(responseId === undefined ? await agreements.list(actor) : await agreements.listForResponse(actor, responseId));
  });
  router.get('/agreements/from-response/:responseId', async (req, res) => {
    const actor = await signedIn(req);
    res.json(await agreements.prefill(actor, parse(agreementResponseParamsSchema, req.params, 'response id').responseId));
  });
  router.post('/agreements', json, async (req, res) => {
    const actor = await signedIn(req);
    res.status(201).json(await agreements.create(actor, parse(createAgreementBodySchema, req.body, 'agreement'), origin(req)));
  });
  router.get('/agreements/:agreementId', async (req, res) => {
    const actor = await signedIn(req);
    res.json(await agreements.view(actor, idOf(req), origin(req)));
  });
  router.put('/agreements/:agreementId', json, async (req, res) => {
    const actor = await signedIn(req);
    const id = idOf(req);
    res.json(await agreements.update(actor, id, parse(updateAgreementBodySchema, req.body, 'agreement')));
  });
  router.post('/agreements/:agreementId/send', async (req, res) => {
    const actor = await signedIn(req);
    res.json(await agreements.send(actor, idOf(req), origin(req)));
  });
  router.get('/agreements/:agreementId/audit', async (req, res) => {
    const actor = await signedIn(req);
    res.json(await agreements.auditTrail(actor, idOf(req)));
  });
  router.get('/agreements/:agreementId/document.pdf', async (req, res) => {
    const actor = await signedIn(req);
    sendPdf(req, res, await agreements.document(actor, idOf(req), 'sent', origin(req)));
  });
  router.get('/agreements/:agreementId/signed.pdf', async (req, res) => {
    const actor = await signedIn(req);
    sendPdf(req, res, await agreements.document(actor, idOf(req), 'completed', origin(req)));
  });
  router.post('/agreements/:agreementId/sign', signJson, async (req, res) => {
    const actor = await signedIn(req);
    const id = idOf(req);
    res.json(await agreements.sign(actor, id, parse(signAgreementBodySchema, req.body, 'signature'), origin(req)));
  });
  router.post('/agreements/:agreementId/decline', json, async (req, res) => {
    const actor = await signedIn(req);
    const id = idOf(req);
    res.json(await agreements.decline(actor, id, parse(agreementReasonBodySchema, req.body, 'decline').reason, origin(req)));
  });
  router.post('/agreements/:agreementId/void', json, async (req, res) => {
    const actor = await signedIn(req);
    const id = idOf(req);
    res.json(await agreements.void(actor, id, parse(agreementReasonBodySchema, req.body, 'void').reason, origin(req), false));
  });
  router.post('/agreements/:agreementId/correct', json, async (req, res) => {
    const actor = await signedIn(req);
    const id = idOf(req);
    res.status(201).json(await agreements.void(actor, id, parse(agreementReasonBodySchema, req.body, 'correction').reason, origin(req), true));
  });
  return router;
}

/**
 * A PDF shown in the browser's own viewer: inline (`?download=1`: as a file), never cached, and
 * framable by our own pages only (the signing page shows it in an <iframe>).
 */
function sendPdf(req: Request, res: Response, pdf: { bytes: Uint8Array; filename: string }): void {
  const disposition = req.query['download'] === '1' ? 'attachment' : 'inline';
  res.set({
    'Content-Type': 'application/pdf',
    'Content-Disposition': `${disposition}; filename="${pdf.filename}"`,
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "frame-ancestors 'self'",
    'X-Frame-Options': 'SAMEORIGIN',
  });
  res.end(Buffer.from(pdf.bytes));
}
