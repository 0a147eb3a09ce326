import { type ApiError, type ErrorCode, REFUSAL_REASONS, type RefusalReason } from '@ideasphere/shared';
import { issuesToFields } from '@ideasphere/shared';
import type { ZodError } from 'zod';

/**
 * An error meant for the client: a stable code and a plain message. Anything else thrown in a
 * handler is logged and answered as `internal`, so no stack or store detail ever leaks.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly reason?: RefusalReason,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** An error whose code comes from its reason (REFUSAL_REASONS). */
  static refusal(reason: RefusalReason, message: string): AppError {
    return new AppError(REFUSAL_REASONS[reason], message, undefined, reason);
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      ...(this.reason ? { reason: this.reason } : {}),
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
    };
  }
}

/** Error factories with stable codes and messages. */
export const errors = {
  invalid: (what: string, zodError: ZodError) =>
    new AppError('bad_request', `Invalid ${what}.`, issuesToFields(zodError)),
  badRequest: (message: string) => new AppError('bad_request', message),
  sessionNotFound: () => new AppError('not_found', 'No session has this join code.'),
  notFound: (what: string) => new AppError('not_found', `${what} not found.`),
  missingToken: () => new AppError('unauthorized', 'A token is required.'),
  badToken: () => new AppError('unauthorized', 'This token is not valid for this session.'),
  adminTokenRequired: () => new AppError('unauthorized', 'Creating sessions requires the admin token.'),
  forbidden: (action: string) => new AppError('forbidden', `Your role may not ${action}.`),
  roleMayNotSend: (event: string) => new AppError('forbidden', `Your role may not send "${event}".`),
  rateLimited: () => new AppError('rate_limited', 'Too many requests; slow down and retry shortly.'),
  tooLarge: (limitBytes: number) => new AppError('payload_too_large', `The body exceeds ${limitBytes} bytes.`),
  unsupportedMedia: (allowed: readonly string[]) =>
    new AppError('unsupported_media_type', `Expected one of: ${allowed.join(', ')}.`),
  protocolMismatch: (expected: number) =>
    new AppError('protocol_mismatch', `This server speaks protocol version ${expected}; reload the page.`),
  unavailable: () => new AppError('unavailable', 'The server is shutting down or its store is unreachable.'),
  internal: () => new AppError('internal', 'Internal error.'),
  phaseClosed: (what: string) => new AppError('forbidden', `${what} is not open in this phase.`),
  ideaNotFound: () => new AppError('not_found', 'No such idea on this board.'),
  clusterNotFound: () => new AppError('not_found', 'No such cluster on this board.'),
  boardFull: (max: number) => new AppError('forbidden', `This board has reached its limit of ${max} ideas.`),
  consentRequired: () =>
    new AppError('consent_required', 'Showing a photo on the big screen needs the participant\'s consent (?consent=yes).'),
  venueNotFound: () => new AppError('not_found', 'No such venue in this session.', { venueId: 'is not a venue of this session' }),
  unknownVenue: () => new AppError('bad_request', 'That venue is not one of this session\'s venues.', { venueId: 'is not a venue of this session' }),
  venueLimit: (max: number) => new AppError('bad_request', `A session has at most ${max} venues.`),
  venueNameTaken: () => new AppError('conflict', 'Another venue already has this name.', { name: 'is taken by another venue' }),
  joiningClosed: () => AppError.refusal('joining_closed', 'The facilitator has closed joining for this session.'),
  removedFromSession: () => AppError.refusal('removed_from_session', 'The facilitator removed you from this session.'),
  unknownCategory: () => new AppError('bad_request', 'That theme is not one of this session\'s themes.', { category: 'is not a theme of this session' }),
} as const;

/** Converts anything thrown into an ApiError, logging what is not an AppError. */
export function toApiError(error: unknown, log: (message: string) => void): ApiError {
  if (error instanceof AppError) return error.toApiError();
  log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return errors.internal().toApiError();
}
