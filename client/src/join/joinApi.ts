import type { JoinedSession, ParticipantPublic, SessionInfo } from '@ideasphere/shared';
import { apiRequest, type ApiResult } from '../lib/api';
import { sessionPaths } from '../lib/paths';

/** `GET /api/sessions/:code`: what the join page shows before anyone joins. */
export function fetchSessionInfo(code: string, signal: AbortSignal): Promise<ApiResult<SessionInfo>> {
  return apiRequest<SessionInfo>(sessionPaths.info(code), { signal });
}

/**
 * `POST /api/sessions/:code/participants`: becomes a participant; no account needed.
 * `venueId` is the venue of the QR code scanned (`?v=`); the server records it.
 */
export function joinSession(code: string, name: string, venueId: string | null = null): Promise<ApiResult<JoinedSession>> {
  const body = venueId === null ? { name } : { name, venueId };
  return apiRequest<JoinedSession>(sessionPaths.participants(code), { method: 'POST', body });
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
