import type { JoinedSession, JoinSessionBody, ParticipantPublic, SessionInfo } from '@ideasphere/shared';
import type { LiveSocket } from '@ideasphere/shared/sync/LiveSync.js';
import { apiRequest, type ApiResult, type RequestError } from '../lib/api';
import { sessionPaths } from '../lib/paths';
import { loadJoinLive } from './useJoinedView';

/** `GET /api/sessions/:code`: what the join page shows before anyone joins. */
export function fetchSessionInfo(code: string, signal: AbortSignal): Promise<ApiResult<SessionInfo>> {
  return apiRequest<SessionInfo>(sessionPaths.info(code), { signal });
}

/** A phone that has just joined: its token, its open socket (none after an HTTP join), its name. */
export interface PhoneJoined {
  token: string;
  socket: LiveSocket | null;
  name: string;
  /** The participant, when the join's answer told it (the HTTP join, the photo upload). */
  participant: ParticipantPublic | null;
}

export type JoinAttempt = { ok: true; joined: PhoneJoined } | { ok: false; error: RequestError };

/**
 * Joins as the phone page does: in the socket's handshake with the token the phone made (see
 * `joinInHandshake`). When the code for that cannot load (a page opened offline keeps a failed
 * import for its life, even once back online), over HTTP instead: `POST …/participants`, which
 * the server answers with a token of its own.
 */
export async function joinPhone(code: string, token: string, body: JoinSessionBody): Promise<JoinAttempt> {
  const live = await loadJoinLive().catch(() => null);
  if (live !== null) {
    const joined = await live.joinInHandshake(code, token, body);
    return joined.ok ? { ok: true, joined: { token, socket: joined.socket, name: body.name, participant: null } } : joined;
  }
  const joined = await apiRequest<JoinedSession>(sessionPaths.participants(code), { method: 'POST', body });
  if (!joined.ok) return joined;
  const { participantToken, participant } = joined.data;
  return { ok: true, joined: { token: participantToken, socket: null, name: participant.name, participant } };
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
