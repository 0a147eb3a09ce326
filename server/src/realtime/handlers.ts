import {
  type Ack,
  CLIENT_EVENT_TABLE,
  CLIENT_EVENTS,
  type ClientEventName,
  HEAVY_READ_COST,
  RATE_LIMIT_STRIKES_BURST,
  RATE_LIMIT_STRIKES_PER_SECOND,
} from '@ideasphere/shared';
import { type AppError, errors, toApiError } from '../errors.js';
import { boardHandlers } from './boardHandlers.js';
import { ceremonyHandlers } from './ceremonyHandlers.js';
import type { Context, HandlerDeps, HandlerTable } from './handlerTypes.js';
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
]);

/** Minimal untyped view of a socket, for registering listeners from the table. */
interface RawListen {
  on(event: string, listener: (...args: unknown[]) => void): void;
  onAny(listener: (event: string, ...args: unknown[]) => void): void;
}

type Reply = (response: Ack<unknown>) => void;

/**
 * Registers every client event of CLIENT_EVENT_TABLE on a socket. Every message, known or not,
 * with or without an ack, spends the sender's budget. Each event goes: budget →
 * role (the table's row, against the handshake's role) → payload schema → the session and
 * participant from the store → handler → ack `{ ok, data | error }`. Nothing is read from the
 * store for a refused event. Events without an ack function are dropped: every client event
 * expects an answer, and one without a way to answer is not from our client.
 */
export function registerHandlers(socket: IoSocket, deps: HandlerDeps): void {
  const table: HandlerTable = { ...sessionHandlers(deps), ...boardHandlers(deps), ...ceremonyHandlers(deps) };
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

  /**
   * Spends `cost` of the principal's budget for any message, known or not, acked or not (a
   * message is work however it ends). False when the budget is empty: the message is refused,
   * and a socket that keeps sending into an empty budget is closed.
   */
  const spend = (event: string, cost: number, reply: Reply | null): boolean => {
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

  const listen = <E extends ClientEventName>(event: E): void => {
    const row = CLIENT_EVENT_TABLE[event];
    const handler = table[event];
    raw.on(event, (...args: unknown[]) => {
      const ack = args.at(-1);
      const reply = typeof ack === 'function' ? (ack as Reply) : null;
      if (!spend(event, HEAVY_READS.has(event) ? HEAVY_READ_COST : 1, reply) || reply === null) return;
      const fields = { session: socket.data.sessionId, event, role: socket.data.role };
      const refuse = (error: AppError) => {
        reply({ ok: false, error: error.toApiError() });
        deps.log.debug({ ...fields, reason: error.reason }, 'event refused');
      };
      if (!(row.roles as readonly string[]).includes(socket.data.role)) return refuse(errors.roleMayNotSend(event));
      const parsed = row.payload.safeParse(args.length > 1 ? args[0] : undefined);
      if (!parsed.success) return refuse(errors.invalid(`${event} payload`, parsed.error));
      const started = performance.now();
      loadContext()
        .then((context) => handler(parsed.data as Parameters<typeof handler>[0], context))
        .then(
          (data) => {
            reply({ ok: true, data });
            deps.log.debug({ ...fields, ms: Math.round(performance.now() - started) }, 'event');
          },
          (error: unknown) => {
            const refusal = toApiError(error, deps.log.child(fields));
            reply({ ok: false, error: refusal });
            deps.log.debug({ ...fields, ms: Math.round(performance.now() - started), reason: refusal.reason }, 'event refused');
          },
        );
    });
  };
  for (const event of CLIENT_EVENTS) listen(event);

  raw.onAny((event, ...args) => {
    if (Object.hasOwn(CLIENT_EVENT_TABLE, event)) return;
    const ack = args.at(-1);
    const reply = typeof ack === 'function' ? (ack as Reply) : null;
    if (spend(event, 1, reply)) reply?.({ ok: false, error: errors.unknownEvent(event).toApiError() });
  });
}
