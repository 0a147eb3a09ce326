import type { ParticipantPublic, SessionInfo } from '@ideasphere/shared';
import { apiRequest, type ApiResult } from '../lib/api';
import { sessionPaths } from '../lib/paths';

/** `GET /api/sessions/:code`: what the join page shows before anyone joins. */
export function fetchSessionInfo(code: string, signal: AbortSignal): Promise<ApiResult<SessionInfo>> {
  return apiRequest<SessionInfo>(sessionPaths.info(code), { signal });
}

/**
 * The token a phone makes to join in the socket handshake (see `joinInHandshake`): 32 random
 * bytes, base64url, 43 characters. The server keeps only its hash.
 */
export function newJoinToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * `PUT …/participants/me/photo?consent=yes` with the raw JPEG bytes. Only called once the guest
 * ticked "show my photo on the big screen": without `consent=yes` the server refuses the photo.
 */
export function uploadPhoto(code: string, token: string, photo: Blob): Promise<ApiResult<ParticipantPublic>> {
  return apiRequest<ParticipantPublic>(`${sessionPaths.myPhoto(code)}?consent=yes`, { method: 'PUT', body: photo, token });
}

/** `DELETE …/participants/me/photo`. Some servers answer 204 without a body. */
export function deletePhoto(code: string, token: string): Promise<ApiResult<ParticipantPublic | null>> {
  return apiRequest<ParticipantPublic | null>(sessionPaths.myPhoto(code), { method: 'DELETE', token });
}
