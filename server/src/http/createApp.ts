import cluster from 'node:cluster';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { accessLog } from './accessLog.js';
import { ClientFiles, SERVICE_WORKER_FILE } from './ClientFiles.js';
import { securityHeaders } from './securityHeaders.js';
import type { Log } from '../logger.js';
import { errors } from '../errors.js';
import type { Store } from '../store/Store.js';
import { errorHandler } from './errorHandler.js';
import { type SessionRouteDeps, sessionRoutes } from './sessionRoutes.js';
import { proposalRoutes, sessionProposalRoutes } from './proposalRoutes.js';
import type { ProposalRuntime } from '../proposals/createProposals.js';
import type { CodeGuesses } from '../services/CodeGuesses.js';
import { type AccountRouteDeps, accountRoutes } from '../accounts/accountRoutes.js';
import { type ChallengeRouteDeps, challengeRoutes } from '../challenges/challengeRoutes.js';
import { type SearchRouteDeps, searchRoutes } from '../search/searchRoutes.js';
import { type AgreementRouteDeps, agreementRoutes } from '../agreements/agreementRoutes.js';
import { type ResponseRouteDeps, responseRoutes } from '../responses/responseRoutes.js';
import { type PipelineRouteDeps, pipelineRoutes } from '../pipeline/pipelineRoutes.js';
import { type ReviewRouteDeps, reviewRoutes } from '../review/reviewRoutes.js';
import { type AwardRouteDeps, awardRoutes } from '../awards/awardRoutes.js';

export interface AppDeps extends SessionRouteDeps {
  /** Proposal co-authoring services (routes under /api/proposals). */
  proposals: ProposalRuntime;
  /** The platform: accounts, organisations (routes under /api/account, /api/accounts, /api/invites, /api/orgs). */
  platform: AccountRouteDeps;
  /** Challenges: the field taxonomy, challenges, their questions (routes under /api/fields, /api/challenges). */
  challenges: ChallengeRouteDeps;
  search: SearchRouteDeps;
  /** Electronic agreements (routes under /api/agreements). */
  agreements: AgreementRouteDeps;
  responses: ResponseRouteDeps;
  /** The stage pipeline (routes under /api/pipeline). */
  pipeline: PipelineRouteDeps;
  /** Review rounds (routes under /api/review, and /api/responses/:id/review-feedback). */
  review: ReviewRouteDeps;
  /** Award programmes (routes under /api/awards). */
  awards: AwardRouteDeps;
  store: Store;
  /** Misses of unknown join codes per address (shared with the socket handshake). */
  codeGuesses: CodeGuesses;
  clientDist: string;
  trustProxy: number;
  isShuttingDown: () => boolean;
  log: Log;
}

/** Hashed files never change; pages and the service worker are checked on every load (304 when unchanged). */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const ONE_HOUR = 'public, max-age=3600';

/** Page routes → the Vite entry that serves them (one chunk per kind of screen). */
const PAGES: [string, string][] = [
  ['/', 'index.html'],
  ['/f/:code', 'index.html'],
  ['/m/:code', 'index.html'],
  ['/j', 'join.html'],
  ['/j/:code', 'join.html'],
  ['/s/:code', 'screen.html'],
  ['/p/:proposalId', 'proposal.html'],
  ['/platform', 'platform.html'],
  ['/platform/*page', 'platform.html'],
];

/** The Express app: JSON API under /api, health check, and the built client. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // No ETag computed over every JSON answer (a hash of each body): the API's answers are live
  // state that clients never revalidate; the built files carry their own (ClientFiles).
  app.set('etag', false);
  app.set('trust proxy', deps.trustProxy);
  app.use(securityHeaders());
  app.use(accessLog(deps.log));

  app.get('/healthz', async (_req, res) => {
    const storeOk = !deps.isShuttingDown() && (await deps.store.ping().catch(() => false));
    // `worker`: which of WORKERS answered (null when the server is one process), for operators and probes.
    res.status(storeOk ? 200 : 503).json({ ok: storeOk, store: deps.store.kind, uptimeSeconds: Math.round(process.uptime()), worker: cluster.worker?.id ?? null });
  });

  // An address that keeps asking for codes no session has is refused before the store is read.
  app.use('/api/sessions/:code', (req, res, next) => {
    deps.codeGuesses.blockedFor(req.ip ?? 'unknown').then((seconds) => {
      if (seconds === 0) return next();
      res.setHeader('Retry-After', String(seconds));
      next(errors.rateLimited());
    }, next);
  });
  app.use('/api/sessions/:code/proposals', sessionProposalRoutes(deps));
  app.use('/api/proposals', proposalRoutes(deps));
  app.use('/api/sessions', sessionRoutes(deps));
  app.use('/api', accountRoutes(deps.platform));
  app.use('/api', challengeRoutes(deps.challenges));
  app.use('/api', searchRoutes(deps.search));
  app.use('/api', agreementRoutes(deps.agreements));
  app.use('/api', responseRoutes(deps.responses));
  app.use('/api', pipelineRoutes(deps.pipeline));
  app.use('/api', reviewRoutes(deps.review));
  app.use('/api', awardRoutes(deps.awards));
  app.use('/api/sessions/:code', ((error, req, _res, next) => {
    deps.codeGuesses.record(req.ip ?? 'unknown', error).then(() => next(error), next);
  }) satisfies ErrorRequestHandler);
  app.use('/api', () => {
    throw errors.routeNotFound();
  });

  const clientFiles = ClientFiles.load(deps.clientDist);
  if (clientFiles.has('index.html')) {
    // Source maps are built for operators (to read a stack from a phone), never served, however
    // the path is spelled (`/assets%2Fx.js.map`, `/%61ssets/x.js.MAP`): judged on the decoded path.
    app.use((req, _res, next) => {
      next(isSourceMapPath(req.path) ? errors.routeNotFound('File') : undefined);
    });
    // Vite puts hashed files under /assets: they never change, so phones cache them for good.
    app.get('/assets/*file', (req, res, next) => {
      const file = decodedPath(req.path);
      if (file === null) return next(errors.malformedRequest());
      if (!clientFiles.send(req, res, file.slice(1), IMMUTABLE)) next(errors.routeNotFound('File'));
    });
    for (const [route, file] of PAGES) {
      app.get(route, (req, res) => void clientFiles.send(req, res, file, REVALIDATE));
    }
    // The rest of the build's top level (the service worker, the pages by their file names).
    app.get('/*file', (req, res, next) => {
      const file = decodedPath(req.path)?.slice(1);
      if (file === undefined || file.startsWith('assets/')) return next();
      const revalidate = file.endsWith('.html') || file === SERVICE_WORKER_FILE;
      if (!clientFiles.send(req, res, file, revalidate ? REVALIDATE : ONE_HOUR)) next();
    });
  } else {
    app.get(PAGES.map(([route]) => route), (_req, res) => {
      res.status(503).type('text').send('The client is not built: run `pnpm build`.');
    });
  }

  // Anything else, any method: the same JSON 404 as the API, never Express's HTML page.
  app.use(() => {
    throw errors.routeNotFound('Page');
  });
  app.use(errorHandler(deps.log));
  return app;
}

function isSourceMapPath(rawPath: string): boolean {
  // An undecodable path is refused by the static files themselves (`malformed_request`).
  return (decodedPath(rawPath) ?? rawPath).toLowerCase().endsWith('.map');
}

/** The path with its percent-encoding decoded, or null when it does not decode. */
function decodedPath(rawPath: string): string | null {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return null;
  }
}
