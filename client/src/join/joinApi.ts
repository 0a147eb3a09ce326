import type { JoinedSession, ParticipantPublic, SessionInfo } from '@ideasphere/shared';
import { apiRequest, type ApiResult } from '../lib/api';
import { sessionPaths } from '../lib/paths';

/** `GET /api/sessions/:code`: what the join page shows before anyone joins. */
export function fetchSessionInfo(code: string, signal: AbortSignal): Promise<ApiResult<SessionInfo>> {
  return apiRequest<SessionInfo>(sessionPaths.info(code), { signal });
}

/** `POST /api/sessions/:code/participants`: becomes a participant; no account needed. */
export function joinSession(code: string, name: string): Promise<ApiResult<JoinedSession>> {
  return apiRequest<JoinedSession>(sessionPaths.participants(code), { method: 'POST', body: { name } });
}

/** `PUT …/participants/me/photo` with the raw JPEG bytes. */
export function uploadPhoto(code: string, token: string, photo: Blob): Promise<ApiResult<ParticipantPublic>> {
  return apiRequest<ParticipantPublic>(sessionPaths.myPhoto(code), { method: 'PUT', body: photo, token });
}

/** `DELETE …/participants/me/photo`. Some servers answer 204 without a body. */
export function deletePhoto(code: string, token: string): Promise<ApiResult<ParticipantPublic | null>> {
  return apiRequest<ParticipantPublic | null>(sessionPaths.myPhoto(code), { method: 'DELETE', token });
}
