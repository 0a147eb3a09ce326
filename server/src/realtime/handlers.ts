import {
  type Ack,
  CLIENT_EVENTS,
  type ClientToServerEvents,
  SOCKET_EVENT_BURST,
  SOCKET_EVENTS_PER_SECOND,
  snapshotRequestSchema,
} from '@ideasphere/shared';
import { errors, toApiError } from '../errors.js';
import type { ParticipantService } from '../services/ParticipantService.js';
import type { Presence } from '../services/Presence.js';
import type { SessionService } from '../services/SessionService.js';
import type { ParticipantRecord, SessionRecord, Store } from '../store/Store.js';
import { TokenBucket } from './TokenBucket.js';
import { type IoServer, type IoSocket, sessionRoom } from './types.js';

export interface HandlerDeps {
  io: IoServer;
  store: Store;
  sessions: SessionService;
  participants: ParticipantService;
  presence: Presence;
  log: (message: string) => void;
}

type EventName = keyof ClientToServerEvents;
type AckData<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends (r: Ack<infer T>) => void ? T : never;

/** The records a handler acts on, re-read from the store (the store is the truth, not memory). */
interface Context {
  socket: IoSocket;
  session: SessionRecord;
  participant: ParticipantRecord | null;
}

type Handler<E extends EventName> = (payload: unknown, context: Context) => Promise<AckData<E>>;

/** One entry per client event: the compiler refuses a missing or misspelt one. */
function handlerTable(deps: HandlerDeps): { [E in EventName]: Handler<E> } {
  const { sessions, participants, presence, store } = deps;
  return {
    'session:snapshot': async (payload, { session, participant, socket }) => {
      const parsed = snapshotRequestSchema.safeParse(payload);
      if (!parsed.success) throw errors.invalid('snapshot request', parsed.error);
      const [participantCount, firstPage] = await Promise.all([
        store.countParticipants(session.id),
        participants.page(session, {}),
      ]);
      return {
        session: sessions.present(session),
        role: socket.data.role,
        me: participant ? participants.present(participant) : null,
        participantCount,
        onlineCount: presence.onlineCount(session.id),
        firstPage,
      };
    },
    'participants:page': (payload, { session }) => participants.page(session, payload),
    'participant:rename': async (payload, { session, participant }) => {
      if (!participant) throw errors.forbidden('rename a participant');
      return participants.rename(session, participant, payload);
    },
    'session:update': async (payload, { session, socket }) => {
      if (socket.data.role !== 'facilitator') throw errors.forbidden('edit the session');
      const updated = await sessions.update(session, payload);
      deps.io.to(sessionRoom(session.id)).emit('session:updated', updated);
      return updated;
    },
  };
}

/** Minimal untyped view of a socket, for registering listeners from the table. */
interface RawListen {
  on(event: string, listener: (...args: unknown[]) => void): void;
  onAny(listener: (event: string, ...args: unknown[]) => void): void;
}

/**
 * Registers every client event on a socket: rate limit → load context → validate & run →
 * ack `{ ok, data | error }`. Events without an ack function are dropped: every client event
 * expects an answer, and one without a way to answer is not from our client.
 */
export function registerHandlers(socket: IoSocket, deps: HandlerDeps): void {
  const table = handlerTable(deps);
  const bucket = new TokenBucket(SOCKET_EVENTS_PER_SECOND, SOCKET_EVENT_BURST);
  const raw = socket as unknown as RawListen;

  const loadContext = async (): Promise<Context> => {
    const session = await deps.store.getSession(socket.data.sessionId);
    if (!session) throw errors.sessionNotFound();
    const { participantId } = socket.data;
    if (participantId === null) return { socket, session, participant: null };
    const participant = await deps.store.getParticipant(session.id, participantId);
    if (!participant || participant.removedAt) {
      socket.disconnect(true);
      throw errors.badToken();
    }
    return { socket, session, participant };
  };

  for (const event of CLIENT_EVENTS) {
    const handler = table[event] as Handler<EventName>;
    raw.on(event, (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') return;
      const reply = ack as (response: Ack<unknown>) => void;
      if (!bucket.take()) {
        reply({ ok: false, error: errors.rateLimited().toApiError() });
        return;
      }
      const payload = args.length > 1 ? args[0] : undefined;
      loadContext()
        .then((context) => handler(payload, context))
        .then(
          (data) => reply({ ok: true, data }),
          (error: unknown) => reply({ ok: false, error: toApiError(error, deps.log) }),
        );
    });
  }

  raw.onAny((event, ...args) => {
    if ((CLIENT_EVENTS as readonly string[]).includes(event)) return;
    const ack = args.at(-1);
    if (typeof ack === 'function') {
      (ack as (response: Ack<never>) => void)({ ok: false, error: errors.badRequest(`Unknown event "${event}".`).toApiError() });
    }
  });
}
