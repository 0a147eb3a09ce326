import {
  type Ack,
  CLIENT_EVENT_TABLE,
  type ClientEventName,
  HEAVY_READ_COST,
  RATE_LIMIT_STRIKES_BURST,
  RATE_LIMIT_STRIKES_PER_SECOND,
} from '@ideasphere/shared';
import { type AppError, errors, toApiError } from '../errors.js';
import { boardHandlers } from './boardHandlers.js';
import { ceremonyHandlers } from './ceremonyHandlers.js';
import type { Context, HandlerDeps, HandlerTable } from './handlerTypes.js';
import { pollHandlers } from './pollHandlers.js';
import { qaHandlers } from './qaHandlers.js';
import { awardHandlers } from './awardHandlers.js';
import { sessionHandlers } from './sessionHandlers.js';
import { TokenBucket } from './TokenBucket.js';
import type { IoSocket } from './types.js';

export type { HandlerDeps };

/**
 * Reads that present a page of the board or roster, or the results: each costs HEAVY_READ_COST
 * of the principal's budget, every other event 1.
 */
const HEAVY_READS: ReadonlySet<ClientEventName> = new Set([
  'session:snapshot',
  'session:catchUp',
  'participants:page',
  'board:snapshot',
  'board:page',
  'results:get',
  'qa:snapshot',
  'qa:catchUp',
  'poll:snapshot',
]);

/** Minimal untyped view of a socket: one listener for every message it receives. */
interface RawListen {
  onAny(listener: (event: string, ...args: unknown[]) => void): void;
}

type Reply = (response: Ack<unknown>) => void;

/**
 * The dispatcher of every client event of CLIENT_EVENT_TABLE, built once per server; `attach`
 * gives a socket one listener for all its messages (no closures per event per socket: a hall of
 * phones costs memory per socket, not per socket × event). Every message, known or not, with or
 * without an ack, spends the sender's budget. Each event goes: budget → role (the table's row,
 * against the handshake's role) → payload schema → the session and participant from the store
 * → handler → ack `{ ok, data | error }`. Nothing is read from the store for a refused event.
 * Events without an ack function are dropped: every client event expects an answer, and one
 * without a way to answer is not from our client.
 */
export function socketDispatcher(deps: HandlerDeps): (socket: IoSocket) => void {
  const table: HandlerTable = { ...sessionHandlers(deps), ...boardHandlers(deps), ...ceremonyHandlers(deps), ...qaHandlers(deps), ...pollHandlers(deps), ...awardHandlers(deps) };

  const loadContext = async (socket: IoSocket): Promise<Context> => {
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

  /**
   * Spends `cost` of the principal's budget for any message, known or not, acked or not (a
   * message is work however it ends). False when the budget is empty: the message is refused,
   * and a socket that keeps sending into an empty budget (past its strikes) is closed.
   */
  const spend = (socket: IoSocket, strikes: TokenBucket, event: string, cost: number, reply: Reply | null): boolean => {
    // One budget for all of this principal's sockets: more sockets buy no more events.
    if (deps.principals.spend(socket, cost)) return true;
    if (strikes.take()) {
      reply?.({ ok: false, error: errors.rateLimited().toApiError() });
    } else {
      deps.log.info({ session: socket.data.sessionId, event, role: socket.data.role }, 'closing a socket that kept sending into an empty budget');
      socket.disconnect(true);
    }
    return false;
  };

  const dispatch = <E extends ClientEventName>(socket: IoSocket, event: E, args: unknown[], reply: Reply): void => {
    const row = CLIENT_EVENT_TABLE[event];
    const handler = table[event];
    const fields = () => ({ session: socket.data.sessionId, event, role: socket.data.role });
    // Debug lines are built only when they are written (every event of a full hall passes here).
    const debug = deps.log.isLevelEnabled('debug');
    const refuse = (error: AppError) => {
      reply({ ok: false, error: error.toApiError() });
      if (debug) deps.log.debug({ ...fields(), reason: error.reason }, 'event refused');
    };
    if (!(row.roles as readonly string[]).includes(socket.data.role)) return refuse(errors.roleMayNotSend(event));
    const parsed = row.payload.safeParse(args.length > 1 ? args[0] : undefined);
    if (!parsed.success) return refuse(errors.invalid(`${event} payload`, parsed.error));
    const started = debug ? performance.now() : 0;
    loadContext(socket)
      .then((context) => handler(parsed.data as Parameters<typeof handler>[0], context))
      .then(
        (data) => {
          reply({ ok: true, data });
          if (debug) deps.log.debug({ ...fields(), ms: Math.round(performance.now() - started) }, 'event');
        },
        (error: unknown) => {
          const refusal = toApiError(error, deps.log.child(fields()));
          reply({ ok: false, error: refusal });
          if (debug) deps.log.debug({ ...fields(), ms: Math.round(performance.now() - started), reason: refusal.reason }, 'event refused');
        },
      );
  };

  return (socket) => {
    // Refusals this socket may still collect before it is closed as a flood.
    const strikes = new TokenBucket(RATE_LIMIT_STRIKES_PER_SECOND, RATE_LIMIT_STRIKES_BURST);
    (socket as unknown as RawListen).onAny((event, ...args) => {
      const ack = args.at(-1);
      const reply = typeof ack === 'function' ? (ack as Reply) : null;
      const known = Object.hasOwn(CLIENT_EVENT_TABLE, event);
      const cost = known && HEAVY_READS.has(event as ClientEventName) ? HEAVY_READ_COST : 1;
      if (!spend(socket, strikes, event, cost, reply) || reply === null) return;
      if (known) dispatch(socket, event as ClientEventName, args, reply);
      else reply({ ok: false, error: errors.unknownEvent(event).toApiError() });
    });
  };
}
