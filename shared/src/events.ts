import type { Ack } from './errors.js';
import type {
  KickNotice,
  ParticipantPage,
  ParticipantPublic,
  PresenceChange,
  SessionPublic,
  SessionSnapshot,
} from './model.js';
import type {
  ParticipantsPageRequest,
  RenameRequest,
  SessionUpdateRequest,
  SocketAuth,
} from './schemas.js';

type AckFn<T> = (response: Ack<T>) => void;

/**
 * Client → server events. Payload types describe what a well-behaved client sends; the
 * server still parses every payload with the matching schema in `schemas.ts`.
 */
export interface ClientToServerEvents {
  'session:snapshot': (payload: Record<string, never>, ack: AckFn<SessionSnapshot>) => void;
  'participants:page': (payload: ParticipantsPageRequest, ack: AckFn<ParticipantPage>) => void;
  'participant:rename': (payload: RenameRequest, ack: AckFn<ParticipantPublic>) => void;
  'session:update': (payload: SessionUpdateRequest, ack: AckFn<SessionPublic>) => void;
}

/** Server → client events: each carries one change, never the whole session. */
export interface ServerToClientEvents {
  'participant:joined': (participant: ParticipantPublic, participantCount: number) => void;
  'participant:updated': (participant: ParticipantPublic) => void;
  'participant:presence': (change: PresenceChange) => void;
  'session:updated': (session: SessionPublic) => void;
  'session:kicked': (notice: KickNotice) => void;
}

/** Names of the client → server events, for docs and exhaustive handler tables. */
export const CLIENT_EVENTS = [
  'session:snapshot',
  'participants:page',
  'participant:rename',
  'session:update',
] as const satisfies readonly (keyof ClientToServerEvents)[];

export type { SocketAuth };
