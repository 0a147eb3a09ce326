import type { ApiError, ClientError } from '@ideasphere/shared';
import { isErrorCode, isRefusalReason } from '@ideasphere/shared/errors.js';

/** An HTTP failure the UI can explain: a server refusal, or no connection at all (status 0). */
export interface RequestError extends ClientError {
  status: number;
}

export type ApiResult<T> = { ok: true; data: T; status: number } | { ok: false; error: RequestError };

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A plain object is sent as JSON; a Blob is sent as raw bytes with its own type. */
  body?: object | Blob;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string | null;
  /** Further request headers (the platform's CSRF token). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Parses the `{ error: { code, message, fields } }` body every failed API response has. */
function parseApiError(body: unknown, status: number): RequestError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: Partial<ApiError> }).error;
    if (typeof error === 'object' && error !== null && isErrorCode(error.code)) {
      return {
        code: error.code,
        ...(isRefusalReason(error.reason) ? { reason: error.reason } : {}),
        message: typeof error.message === 'string' ? error.message : '',
        ...(error.fields ? { fields: error.fields } : {}),
        ...(typeof error.retryAfterSeconds === 'number' ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
        status,
      };
    }
  }
  return { code: status >= 500 ? 'unavailable' : 'bad_request', message: '', status };
}

/**
 * Calls the HTTP API. Never throws (except when aborted): every failure becomes a
 * `RequestError`, so callers handle one shape.
 */
export async function apiRequest<T>(path: string, options: ApiRequestOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof Blob) {
    body = options.body;
    headers['Content-Type'] = options.body.type;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  if (options.token) headers.Authorization = `Bearer ${options.token}`;

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal ?? null,
      cache: 'no-store',
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    return { ok: false, error: { code: 'network', message: String(cause), status: 0 } };
  }

  let parsed: unknown = null;
  const text = await response.text().catch(() => '');
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) return { ok: false, error: parseApiError(parsed, response.status) };
  return { ok: true, data: parsed as T, status: response.status };
}
