import {
  type Ack,
  CLIENT_EVENTS,
  HEAVY_READ_COST,
  RATE_LIMIT_STRIKES_BURST,
  RATE_LIMIT_STRIKES_PER_SECOND,
  snapshotRequestSchema,
} from '@ideasphere/shared';
import { errors, toApiError } from '../errors.js';
import { boardHandlers } from './boardHandlers.js';
import { ceremonyHandlers } from './ceremonyHandlers.js';
import {
  type Context,
  type EventName,
  type Handler,
  type HandlerDeps,
  type HandlerTable,
  requireFacilitator,
} from './handlerTypes.js';
import { hashToken } from '../ids.js';
import { TokenBucket } from './TokenBucket.js';
import { sessionRoom, tokenRoom } from './types.js';
import type { IoSocket } from './types.js';

export type { HandlerDeps };

type SessionEvent =
  | 'session:snapshot'
  | 'participants:page'
  | 'participant:rename'
  | 'session:update'
  | 'participant:remove'
  | 'session:rotateFacilitatorLink'
  | 'session:rotateScreenLink';

/** Session and participant events. */
function sessionHandlers(deps: HandlerDeps): HandlerTable<SessionEvent> {
  const { sessions, participants, presence, store, ceremony } = deps;
  return {
    'session:snapshot': async (payload, { session, participant, socket }) => {
      const parsed = snapshotRequestSchema.safeParse(payload);
      if (!parsed.success) throw errors.invalid('snapshot request', parsed.error);
      // Phones never get the roster (names of others); the facilitator and screens do.
      // A screen's venue is its link's; a phone's is where it joined.
      const myVenueId = participant ? participant.venueId : socket.data.venueId;
      const [participantCount, firstPage, stage] = await Promise.all([
        store.countParticipants(session.id),
        participant ? Promise.resolve({ participants: [], nextCursor: null }) : participants.page(session, {}),
        ceremony.stage(session, myVenueId),
      ]);
      return {
        session: sessions.present(session),
        role: socket.data.role,
        me: participant ? participants.present(participant) : null,
        participantCount,
        onlineCount: presence.onlineCount(session.id),
        firstPage,
        stage,
      };
    },
    'participants:page': async (payload, { session, participant }) => {
      if (participant) throw errors.forbidden('list participants');
      return participants.page(session, payload);
    },
    'participant:rename': async (payload, { session, participant }) => {
      if (!participant) throw errors.forbidden('rename a participant');
      return participants.rename(session, participant, payload);
    },
    'session:update': async (payload, context) => {
      requireFacilitator(context, 'edit the session');
      const updated = await sessions.update(context.session, payload);
      deps.io.to(sessionRoom(context.session.id)).emit('session:updated', updated);
      return updated;
    },
    'participant:remove': async (payload, context) => {
      requireFacilitator(context, 'remove participants');
      return participants.remove(context.session, payload);
    },
    'session:rotateFacilitatorLink': async (payload, context) => {
      requireFacilitator(context, 'replace the console link');
      expectNoArguments(payload);
      const { link, revokedHash } = await sessions.rotateFacilitatorLink(context.session);
      // The console that asked keeps its socket, now under the new link; every other socket
      // opened with the old one (other consoles, screens it previewed) is closed.
      moveToCredential(context.socket, hashToken(link.facilitatorToken), deps);
      revokeCredential(deps, revokedHash);
      return link;
    },
    'session:rotateScreenLink': async (payload, context) => {
      requireFacilitator(context, 'replace the big-screen link');
      expectNoArguments(payload);
      const { link, revokedHash } = await sessions.rotateScreenLink(context.session);
      revokeCredential(deps, revokedHash);
      return link;
    },
  };
}

function expectNoArguments(payload: unknown): void {
  const parsed = snapshotRequestSchema.safeParse(payload);
  if (!parsed.success) throw errors.invalid('request', parsed.error);
}

/** Closes every socket that authenticated with a replaced token, telling it why first. */
function revokeCredential(deps: HandlerDeps, tokenHash: string): void {
  deps.io.to(tokenRoom(tokenHash)).emit('session:kicked', { reason: 'token_revoked' });
  deps.io.in(tokenRoom(tokenHash)).disconnectSockets(true);
}

/** Re-files a socket under a new token of the same principal (rooms and event budget). */
function moveToCredential(socket: IoSocket, tokenHash: string, deps: HandlerDeps): void {
  void socket.leave(tokenRoom(socket.data.tokenHash));
  deps.principals.release(socket);
  socket.data.tokenHash = tokenHash;
  deps.principals.admit(socket);
  void socket.join(tokenRoom(tokenHash));
}

/**
 * Reads that present a page of the board or roster, or the results: each costs HEAVY_READ_COST
 * of the principal's budget, every other event 1.
 */
const HEAVY_READS: ReadonlySet<EventName> = new Set(['session:snapshot', 'participants:page', 'board:snapshot', 'board:page', 'results:get']);

/** Minimal untyped view of a socket, for registering listeners from the table. */
interface RawListen {
  on(event: string, listener: (...args: unknown[]) => void): void;
  onAny(listener: (event: string, ...args: unknown[]) => void): void;
}

/**
 * Registers every client event on a socket: budget → load context → validate & run →
 * ack `{ ok, data | error }`. Events without an ack function are dropped: every client event
 * expects an answer, and one without a way to answer is not from our client.
 */
export function registerHandlers(socket: IoSocket, deps: HandlerDeps): void {
  const table: HandlerTable<EventName> = { ...sessionHandlers(deps), ...boardHandlers(deps), ...ceremonyHandlers(deps) };
  // Refusals this socket may still collect before it is closed as a flood.
  const strikes = new TokenBucket(RATE_LIMIT_STRIKES_PER_SECOND, RATE_LIMIT_STRIKES_BURST);
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
      // One budget for all of this principal's sockets: more sockets buy no more events.
      if (!deps.principals.spend(socket, HEAVY_READS.has(event) ? HEAVY_READ_COST : 1)) {
        if (!strikes.take()) {
          socket.disconnect(true);
          return;
        }
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
