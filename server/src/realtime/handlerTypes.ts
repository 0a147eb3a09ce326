import type { Ack, ClientToServerEvents } from '@ideasphere/shared';
import { errors } from '../errors.js';
import type { CeremonyService } from '../services/CeremonyService.js';
import type { ParticipantService } from '../services/ParticipantService.js';
import type { Presence } from '../services/Presence.js';
import type { SessionService } from '../services/SessionService.js';
import type { BoardService } from '../services/board/BoardService.js';
import type { IdeaService } from '../services/board/IdeaService.js';
import type { VotingService } from '../services/board/VotingService.js';
import type { VenueService } from '../services/VenueService.js';
import type { ParticipantRecord, SessionRecord, Store } from '../store/Store.js';
import type { Principals } from './Principals.js';
import type { IoServer, IoSocket } from './types.js';

export interface HandlerDeps {
  io: IoServer;
  store: Store;
  sessions: SessionService;
  participants: ParticipantService;
  presence: Presence;
  board: BoardService;
  ideas: IdeaService;
  voting: VotingService;
  ceremony: CeremonyService;
  venues: VenueService;
  /** Sockets and event budgets per principal. */
  principals: Principals;
  log: (message: string) => void;
}

export type EventName = keyof ClientToServerEvents;
export type AckData<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends (r: Ack<infer T>) => void ? T : never;

/** The records a handler acts on, re-read from the store for every event. */
export interface Context {
  socket: IoSocket;
  session: SessionRecord;
  participant: ParticipantRecord | null;
}

export type Handler<E extends EventName> = (payload: unknown, context: Context) => Promise<AckData<E>>;
export type HandlerTable<E extends EventName> = { [K in E]: Handler<K> };

/** The caller's participant record, or `forbidden` for facilitators and screens. */
export function requireParticipant(context: Context, action: string): ParticipantRecord {
  if (!context.participant) throw errors.forbidden(action);
  return context.participant;
}

/** Throws `forbidden` unless the socket authenticated as the session's facilitator. */
export function requireFacilitator(context: Context, action: string): void {
  if (context.socket.data.role !== 'facilitator') throw errors.forbidden(action);
}

/** A handler that only the session's facilitator may call; anyone else gets `forbidden`. */
export function facilitatorOnly<T>(action: string, run: (session: SessionRecord, payload: unknown) => Promise<T>) {
  return async (payload: unknown, context: Context): Promise<T> => {
    requireFacilitator(context, action);
    return run(context.session, payload);
  };
}
