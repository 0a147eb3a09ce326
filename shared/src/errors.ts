/** Stable error codes: the only ones a client ever sees. */
export const ERROR_CODES = [
  'bad_request',
  'consent_required',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'protocol_mismatch',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Stable reason ids that say which refusal it was when the code alone does not (a closed door
 * and a removal are both `forbidden`), each with the code it belongs to. Clients map them to
 * text (`reason.<id>` in the i18n catalogs); unknown ones fall back to the code's text.
 */
export const REFUSAL_REASONS = {
  joining_closed: 'forbidden',
  removed_from_session: 'forbidden',
} as const satisfies Record<string, ErrorCode>;

export type RefusalReason = keyof typeof REFUSAL_REASONS;

export function isRefusalReason(value: unknown): value is RefusalReason {
  return typeof value === 'string' && Object.hasOwn(REFUSAL_REASONS, value);
}

/** The error body of every failed HTTP response and socket ack. */
export interface ApiError {
  code: ErrorCode;
  /** Which refusal, when the code alone does not say (see REFUSAL_REASONS). */
  reason?: RefusalReason;
  message: string;
  /** Field-level problems of a rejected payload, path → message. */
  fields?: Record<string, string>;
}

/** Every socket ack: success with data, or a known error. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** HTTP status for each error code. */
export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  consent_required: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  protocol_mismatch: 426,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
