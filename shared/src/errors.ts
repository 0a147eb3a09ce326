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

/** The error body of every failed HTTP response and socket ack. */
export interface ApiError {
  code: ErrorCode;
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
