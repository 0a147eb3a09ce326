import { ERROR_HTTP_STATUS, JSON_BODY_MAX_BYTES } from '@ideasphere/shared';
import type { ErrorRequestHandler } from 'express';
import { AppError, errors, toApiError } from '../errors.js';

/** body-parser marks its own errors with a `type`; map them to our codes. */
function fromBodyParser(error: unknown): AppError | null {
  if (typeof error !== 'object' || error === null || !('type' in error)) return null;
  switch (error.type) {
    case 'entity.too.large':
      return errors.tooLarge('limit' in error && typeof error.limit === 'number' ? error.limit : JSON_BODY_MAX_BYTES);
    case 'entity.parse.failed':
      return errors.badRequest('The body is not valid JSON.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return errors.unsupportedMedia(['utf-8']);
    case 'request.aborted':
      return errors.badRequest('The request was aborted.');
    default:
      return null;
  }
}

/** Answers every failed request with `{ error: { code, message, fields? } }`. */
export function errorHandler(log: (message: string) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const apiError = toApiError(fromBodyParser(error) ?? error, log);
    res.status(ERROR_HTTP_STATUS[apiError.code]).json({ error: apiError });
  };
}
