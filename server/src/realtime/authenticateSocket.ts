import { type ApiError, PROTOCOL_VERSION, socketAuthSchema } from '@ideasphere/shared';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { ExtendedError } from 'socket.io';
import { errors, toApiError } from '../errors.js';
import { hashToken } from '../ids.js';
import type { Log } from '../logger.js';
import type { CodeGuesses } from '../services/CodeGuesses.js';
import type { ParticipantService } from '../services/ParticipantService.js';
import type { Principal, SessionService } from '../services/SessionService.js';
import type { IoSocket } from './types.js';

function reject(apiError: ApiError): ExtendedError {
  const error: ExtendedError = new Error(apiError.message);
  // Socket.IO hands `data` to the client's `connect_error` listener.
  error.data = apiError;
  return error;
}

/** What the handshake needs besides the sessions: the address's budgets and the browser's device. */
export interface HandshakeAccess {
  /** Misses of unknown join codes per address (shared with the HTTP routes). */
  codeGuesses: CodeGuesses;
  /** Joins per address (one budget with the HTTP join). */
  joinBudget: RateLimiterAbstract;
  participants: ParticipantService;
  /** What the request that opened the connection said of the client. */
  clientOf: (socket: IoSocket) => SocketClient;
}

export interface SocketClient {
  address: string;
  /** The hash of the browser's device cookie (see `deviceOf`), for a join. */
  deviceHash: string;
  /** Fetch Metadata says another site's page opened it (see `fromAnotherSite`). */
  fromAnotherSite: boolean;
}

/**
 * Handshake middleware: checks the protocol version, then the token for the claimed role
 * and session, and records who the socket is in `socket.data`. Nothing the client says later
 * can change that identity. A phone may join here (`auth.join`), with a token it made: one
 * connection instead of an HTTP join and then a connection.
 */
export function authenticateSocket(sessions: SessionService, log: Log, access: HandshakeAccess) {
  return (socket: IoSocket, next: (error?: ExtendedError) => void): void => {
    const auth: unknown = socket.handshake.auth;
    const version = typeof auth === 'object' && auth !== null && 'protocolVersion' in auth ? auth.protocolVersion : undefined;
    if (version !== PROTOCOL_VERSION) {
      next(reject(errors.protocolMismatch(PROTOCOL_VERSION).toApiError()));
      return;
    }
    const parsed = socketAuthSchema.safeParse(auth);
    if (!parsed.success) {
      next(reject(errors.invalid('handshake', parsed.error).toApiError()));
      return;
    }
    const { role, code, token, join } = parsed.data;
    const client = access.clientOf(socket);
    const { address } = client;
    const tokenHash = hashToken(token);
    // An unknown code counts as a guess of this address, whatever the handshake came for.
    const guessed = async <T>(read: Promise<T>): Promise<T> =>
      read.catch(async (error: unknown) => {
        await access.codeGuesses.record(address, error);
        throw error;
      });
    const joinHere = async (body: NonNullable<typeof join>): Promise<Principal> => {
      // Another site's page may not make its visitors join (a WebSocket has no CORS to stop it).
      if (client.fromAnotherSite) throw errors.csrfFailed();
      const session = await guessed(sessions.requireByCode(code));
      const spend = () =>
        access.joinBudget.consume(address).then(
          () => undefined,
          (rejection: unknown) => {
            throw rejection instanceof RateLimiterRes ? errors.rateLimited() : rejection;
          },
        );
      const participant = await access.participants.joinWithToken(session, body, client.deviceHash, tokenHash, spend);
      return { role: 'participant', session, participant };
    };
    const admit = async (): Promise<void> => {
      // An address that keeps trying codes no session has is refused before the store is read.
      if ((await access.codeGuesses.blockedFor(address)) > 0) throw errors.rateLimited();
      // A recovered connection carries on as the participant it was: it joins nobody new.
      const principal = join === undefined || socket.recovered ? await guessed(sessions.authenticate(role, code, token)) : await joinHere(join);
      // A recovered socket comes back with the rooms and data of the socket it was: only the
      // same credential may take them over, never a valid token of another session or role.
      if (socket.recovered && !sameCredential(socket.data, principal, tokenHash)) throw errors.badToken();
      socket.data.sessionId = principal.session.id;
      socket.data.code = principal.session.code;
      socket.data.role = principal.role;
      socket.data.participantId = principal.role === 'participant' ? principal.participant.id : null;
      socket.data.venueId = principal.role === 'screen' ? principal.venueId : null;
      socket.data.tokenHash = tokenHash;
    };
    admit().then(
      () => next(),
      (error: unknown) => next(reject(toApiError(error, log))),
    );
  };
}

/** Whether the recovered socket's identity is the one this handshake proves. */
function sameCredential(previous: Partial<IoSocket['data']>, principal: Principal, tokenHash: string): boolean {
  return (
    previous.tokenHash === tokenHash &&
    previous.sessionId === principal.session.id &&
    previous.role === principal.role &&
    previous.participantId === (principal.role === 'participant' ? principal.participant.id : null)
  );
}

