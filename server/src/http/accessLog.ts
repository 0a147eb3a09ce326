import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Log } from '../logger.js';

/** Requests that are routine at a live event: built assets and health probes log at debug. */
const QUIET_PATHS = /^\/(assets\/|healthz$)/;

/** The path without its query string: a query may carry something a log should not keep. */
function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

/**
 * One line per HTTP request (pino-http): method, path, status, time taken and the client's
 * address; 5xx at error, everything else at info, routine asset and health requests at
 * debug. Headers and bodies are never logged (tokens travel in them).
 *
 * Above info (LOG_LEVEL=warn, as a busy event may run) only the error lines can be written:
 * then a request gets no per-request child logger (pino-http builds one, serialising the
 * request, even when nothing will be written), only a look at its status when it ends.
 */
export function accessLog(log: Log): RequestHandler {
  const everyRequest = pinoAccessLog(log);
  return (req, res, next) => {
    if (log.isLevelEnabled('info')) return everyRequest(req, res, next);
    const started = Date.now();
    res.once('finish', () => {
      if (res.statusCode < 500) return;
      const request = { method: req.method, path: pathOf(req.originalUrl), remoteAddress: req.socket.remoteAddress };
      log.error({ req: request, res: { status: res.statusCode }, responseTime: Date.now() - started }, 'request failed');
    });
    next();
  };
}

function pinoAccessLog(log: Log): RequestHandler {
  return pinoHttp({
    logger: log,
    customLogLevel: (req: IncomingMessage, res: ServerResponse, error?: Error) => {
      if (error || res.statusCode >= 500) return 'error';
      return QUIET_PATHS.test(pathOf(req.url)) ? 'debug' : 'info';
    },
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
    serializers: {
      req: (req: { method?: string; url?: string; remoteAddress?: string }) => ({ method: req.method, path: pathOf(req.url), remoteAddress: req.remoteAddress }),
      res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
    },
  }) as unknown as RequestHandler;
}
