import { ERROR_HTTP_STATUS, JSON_BODY_MAX_BYTES } from '@ideasphere/shared';
import type { ErrorRequestHandler } from 'express';
import { AppError, errors, toApiError } from '../errors.js';
import type { Log } from '../logger.js';

/** body-parser marks its own errors with a `type`; map them to our codes. */
function fromBodyParser(error: unknown): AppError | null {
  if (typeof error !== 'object' || error === null || !('type' in error)) return null;
  switch (error.type) {
    case 'entity.too.large':
      return errors.tooLarge('limit' in error && typeof error.limit === 'number' ? error.limit : JSON_BODY_MAX_BYTES);
    case 'entity.parse.failed':
      return errors.invalidJson();
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return errors.unsupportedMedia(['utf-8']);
    case 'request.aborted':
      return errors.requestAborted();
    default:
      return null;
  }
}

/**
 * Errors Express and its static files raise for the client's own mistakes carry a 4xx
 * `status` (a file that is not there, a path whose percent-encoding does not decode): they
 * are answered as such, not logged as internal errors.
 */
function fromClientHttpError(error: unknown): AppError | null {
  if (typeof error !== 'object' || error === null) return null;
  const status = 'status' in error ? error.status : 'statusCode' in error ? error.statusCode : undefined;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  switch (status) {
    case 404:
      return errors.routeNotFound('File');
    case 413:
      return errors.tooLarge(JSON_BODY_MAX_BYTES);
    case 415:
      return errors.unsupportedMedia(['application/json']);
    default:
      return errors.malformedRequest();
  }
}

/** Answers every failed request with `{ error: { code, message, fields? } }`. */
export function errorHandler(log: Log): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const apiError = toApiError(fromBodyParser(error) ?? fromClientHttpError(error) ?? error, log);
    if (apiError.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(apiError.retryAfterSeconds));
    res.status(ERROR_HTTP_STATUS[apiError.code]).json({ error: apiError });
  };
}
