import type { Me } from '@ideasphere/shared';
import { CSRF_HEADER } from '@ideasphere/shared/accounts/accountModel.js';
import { apiRequest, type ApiResult } from '../lib/api';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls the platform API with the session cookie (sent by the browser) and, for changes, the CSRF token. */
export type PlatformRequest = <T>(method: Method, path: string, body?: object) => Promise<ApiResult<T>>;

/**
 * A request function bound to the signed-in session: changes carry `x-csrf-token`, and a
 * `sign_in_required` answer (the session ended: signed out elsewhere, expired, deactivated)
 * tells the app, which shows the sign-in page.
 */
export function platformRequest(csrfToken: string | null, onSessionEnded: () => void): PlatformRequest {
  return async <T>(method: Method, path: string, body?: object) => {
    const headers: Record<string, string> = {};
    if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
    const result = await apiRequest<T>(path, { method, headers, ...(body === undefined ? {} : { body }) });
    if (!result.ok && result.error.reason === 'sign_in_required' && csrfToken !== null) onSessionEnded();
    return result;
  };
}

/** Who is signed in, or null (401) — anything else is a failure to show. */
export async function loadMe(signal?: AbortSignal): Promise<ApiResult<Me>> {
  return apiRequest<Me>('/api/account/me', signal ? { signal } : {});
}
