import type { ClientToServerEvents, Role, ServerToClientEvents } from '@ideasphere/shared';
import type { Server, Socket } from 'socket.io';

/** What the server knows about a socket, derived from its handshake only. */
export interface SocketData {
  sessionId: string;
  code: string;
  role: Role;
  /** Set for participants only. */
  participantId: string | null;
  /** Set for screens that connected with a venue's screen link only. */
  venueId: string | null;
  /** The hash of the token the socket authenticated with: checked again after it joins its rooms. */
  tokenHash: string;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no inter-server events yet
export interface InterServerEvents {}

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** The room every socket of a session is in. */
export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}

/** The facilitator's sockets of a session: they see every live idea and author. */
export function staffRoom(sessionId: string): string {
  return `staff:${sessionId}`;
}

/** The Q&A moderators' sockets of a session: they get the Q&A's staff deltas, nothing of the board. */
export function qaStaffRoom(sessionId: string): string {
  return `qa-staff:${sessionId}`;
}

/** Participants' and screens' sockets of a session: they see visible ideas only. */
export function audienceRoom(sessionId: string): string {
  return `audience:${sessionId}`;
}

/**
 * Who sees the participant roster (joins, renames, presence): the facilitator and screens.
 * Phones never get other people's names, and a join costs a few frames, not one per phone.
 */
export function rosterRoom(sessionId: string): string {
  return `roster:${sessionId}`;
}

/** The screens that connected with one venue's screen link (closed when it is rotated). */
export function venueScreenRoom(sessionId: string, venueId: string): string {
  return `venue-screens:${sessionId}:${venueId}`;
}

/** Every socket that authenticated with one token (closed when the token is replaced). */
export function tokenRoom(tokenHash: string): string {
  return `token:${tokenHash}`;
}

/** Every socket of one participant (a phone may have two tabs). */
export function participantRoom(participantId: string): string {
  return `participant:${participantId}`;
}
