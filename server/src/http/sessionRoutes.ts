import {
  JSON_BODY_MAX_BYTES,
  PHOTO_MAX_BYTES,
  PHOTO_MIME_TYPES,
  createSessionBodySchema,
  joinCodeSchema,
  joinSessionBodySchema,
  translate,
  venueIdSchema,
} from '@ideasphere/shared';
import express, { type Request, type RequestHandler, Router } from 'express';
import { errors } from '../errors.js';
import type { Principal, SessionService } from '../services/SessionService.js';
import type { BoardService } from '../services/board/BoardService.js';
import { ideasToCsv } from '../services/board/exportCsv.js';
import type { QaService } from '../qa/QaService.js';
import type { PollService } from '../polls/PollService.js';
import { pollsToCsv } from '../polls/exportPolls.js';
import { questionsToCsv, resultQuestions, withExportNames } from '../qa/exportQa.js';
import type { ParticipantService } from '../services/ParticipantService.js';
import { carryDeviceCookie, deviceHashOf } from './deviceCookie.js';
import { QrImages } from './QrImages.js';
import { createHttpRateLimits, requireAdminToken } from './rateLimits.js';
import type { MakeLimiter } from '../scale/rateLimiters.js';
import { bearerToken, parse } from './validate.js';

const QR_CACHE_SECONDS = 300;

export interface SessionRouteDeps {
  sessions: SessionService;
  participants: ParticipantService;
  board: BoardService;
  /** Audience Q&A: its results go into the export too. */
  qa: QaService;
  /** Live polls: every launched poll's results go into the export. */
  polls: PollService;
  adminToken: string | null;
  /** Where the per-address budgets are counted (default: this process's memory). */
  makeLimiter?: MakeLimiter;
}

function codeParam(req: Request): string {
  return parse(joinCodeSchema, req.params.code, 'join code');
}


/**
 * What a QR code encodes: the join URL, or with `?v=<venueId>` that venue's join URL. An
 * unknown or malformed venue is `not_found`, like an unknown session.
 */
async function qrTarget(req: Request, sessions: SessionService): Promise<string> {
  const session = await sessions.requireByCode(codeParam(req));
  const venueParam = req.query.v;
  if (venueParam === undefined) return sessions.joinUrl(session.code);
  const parsed = venueIdSchema.safeParse(venueParam);
  const venueId = parsed.success ? parsed.data : null;
  if (venueId === null || !session.venues.some((v) => v.id === venueId)) throw errors.venueNotFound();
  return sessions.venueJoinUrl(session.code, venueId);
}

/** Every `/api/sessions` route. Handlers: validate → authorize → service → respond. */
export function sessionRoutes(deps: SessionRouteDeps): Router {
  const { sessions, participants } = deps;
  const limits = createHttpRateLimits(deps.makeLimiter);
  const qrImages = new QrImages();
  const json = express.json({ limit: JSON_BODY_MAX_BYTES, strict: true });
  const photoBody = express.raw({ type: () => true, limit: PHOTO_MAX_BYTES });
  const router = Router();

  async function participantOf(req: Request): Promise<Extract<Principal, { role: 'participant' }>> {
    const principal = await sessions.authenticate('participant', codeParam(req), bearerToken(req));
    if (principal.role !== 'participant') throw errors.forbidden('act as a participant');
    return principal;
  }

  // The admin check comes first: wrong tokens have a budget of their own, not the admin's.
  const adminGate: RequestHandler[] = deps.adminToken === null ? [] : [requireAdminToken(deps.adminToken, deps.makeLimiter)];
  router.post('/', ...adminGate, limits.sessions, json, async (req, res) => {
    const created = await sessions.create(parse(createSessionBodySchema, req.body, 'session'));
    res.status(201).json(created);
  });

  router.get('/:code', async (req, res) => {
    const info = await sessions.info(codeParam(req));
    // The join page's first request: the browser gets its device cookie here (live counts: never kept by a cache).
    carryDeviceCookie(req, res);
    res.set('Cache-Control', 'no-store').json(info);
  });

  router.get('/:code/qr.png', async (req, res) => {
    const png = await qrImages.png(await qrTarget(req, sessions));
    res.set('Cache-Control', `public, max-age=${QR_CACHE_SECONDS}`).type('png').send(png);
  });

  router.get('/:code/qr.svg', async (req, res) => {
    const svg = await qrImages.svg(await qrTarget(req, sessions));
    res.set('Cache-Control', `public, max-age=${QR_CACHE_SECONDS}`).type('image/svg+xml').send(svg);
  });

  router.post('/:code/participants', limits.joins, json, async (req, res) => {
    const session = await sessions.requireByCode(codeParam(req));
    res.status(201).json(await participants.join(session, parse(joinSessionBodySchema, req.body, 'join request'), deviceHashOf(req, res)));
  });

  router.get('/:code/participants/me', async (req, res) => {
    const { participant } = await participantOf(req);
    res.json(participants.present(participant));
  });

  router.put('/:code/participants/me/photo', async (req, res, next) => {
    // Authenticate before reading up to PHOTO_MAX_BYTES from a stranger.
    const principal = await participantOf(req);
    // Consent is asked on the phone and sent with the upload; without it nothing is read or stored.
    if (req.query.consent !== 'yes') throw errors.consentRequired();
    if (!req.is(PHOTO_MIME_TYPES as unknown as string[])) throw errors.unsupportedMedia(PHOTO_MIME_TYPES);
    photoBody(req, res, (error?: unknown) => {
      if (error) {
        next(error);
        return;
      }
      const body: unknown = req.body;
      const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      participants
        .setPhoto(principal.session, principal.participant, req.get('content-type') ?? '', bytes)
        .then((presented) => res.json(presented), next);
    });
  });

  router.delete('/:code/participants/me/photo', async (req, res) => {
    const { session, participant } = await participantOf(req);
    res.json(await participants.removePhoto(session, participant));
  });

  /** Exports need the facilitator token: they hold every idea, and authors when not anonymous. */
  router.get('/:code/export.:format', async (req, res) => {
    const format = req.params.format;
    if (format !== 'json' && format !== 'csv') throw errors.routeNotFound('Export format');
    const principal = await sessions.authenticate('facilitator', codeParam(req), bearerToken(req));
    const { session } = principal;
    const [ideas, clusters, results, qa, qaSettings, polls] = await Promise.all([
      deps.board.exportIdeas(session),
      deps.board.clusters(session),
      deps.board.exportResults(session),
      deps.qa.results(session),
      deps.qa.settings(session.id),
      deps.polls.results(session),
    ]);
    const questions = withExportNames(resultQuestions(qa.questions), session.settings.anonymous);
    const filename = `ideasphere-${session.code}-results.${format}`;
    res.set({ 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' });
    if (format === 'csv') {
      // The Q&A follows the ideas as a second table, after one empty line, when anything was asked.
      const trackNames = new Map(qa.tracks.map((t) => [t.id, t.name === '' ? translate(session.language, 'qa.mainTrack') : t.name]));
      const qaTable = questions.length > 0 ? `\r\n${questionsToCsv(questions, qa.tracks, trackNames)}` : '';
      // The polls follow as one more table, after one empty line, when any was launched.
      const pollTable = polls.polls.length > 0 ? `\r\n${pollsToCsv(polls.polls, polls.results)}` : '';
      res.type('text/csv; charset=utf-8').send(ideasToCsv(ideas, clusters) + qaTable + pollTable);
      return;
    }
    res.json({
      session: sessions.present(session),
      exportedAt: new Date().toISOString(),
      anonymous: session.settings.anonymous,
      clusters,
      ideas,
      results,
      qa: { settings: qaSettings, tracks: qa.tracks, questions },
      polls,
    });
  });

  router.get('/:code/participants/:id/photo', async (req, res) => {
    const session = await sessions.requireByCode(codeParam(req));
    const id = String(req.params.id);
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw errors.photoNotFound();
    const photo = await participants.photo(session, id);
    const etag = `"${photo.version}"`;
    // Versioned URLs (?v=) never change content, so screens may cache them for good.
    const versioned = req.query.v === photo.version;
    res.set({
      ETag: etag,
      'Cache-Control': versioned ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.get('if-none-match') === etag) {
      res.status(304).end();
      return;
    }
    res.type(photo.mime).send(Buffer.from(photo.bytes));
  });

  return router;
}
