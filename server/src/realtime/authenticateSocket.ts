import { type ApiError, PROTOCOL_VERSION, socketAuthSchema } from '@ideasphere/shared';
import type { ExtendedError } from 'socket.io';
import { errors, toApiError } from '../errors.js';
import { hashToken } from '../ids.js';
import type { Log } from '../logger.js';
import type { CodeGuesses } from '../services/CodeGuesses.js';
import type { Principal, SessionService } from '../services/SessionService.js';
import type { IoSocket } from './types.js';

function reject(apiError: ApiError): ExtendedError {
  const error: ExtendedError = new Error(apiError.message);
  // Socket.IO hands `data` to the client's `connect_error` listener.
  error.data = apiError;
  return error;
}

/**
 * Handshake middleware: checks the protocol version, then the token for the claimed role
 * and session, and records who the socket is in `socket.data`. Nothing the client says later
 * can change that identity.
 */
export function authenticateSocket(
  sessions: SessionService,
  log: Log,
  access: { codeGuesses: CodeGuesses; addressOf: (socket: IoSocket) => string },
) {
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
    const { role, code, token } = parsed.data;
    const address = access.addressOf(socket);
    const admit = async (): Promise<void> => {
      // An address that keeps trying codes no session has is refused before the store is read.
      if ((await access.codeGuesses.blockedFor(address)) > 0) throw errors.rateLimited();
      const principal = await sessions.authenticate(role, code, token).catch(async (error: unknown) => {
        await access.codeGuesses.record(address, error);
        throw error;
      });
      // A recovered socket comes back with the rooms and data of the socket it was: only the
      // same credential may take them over, never a valid token of another session or role.
      if (socket.recovered && !sameCredential(socket.data, principal, hashToken(token))) throw errors.badToken();
      socket.data.sessionId = principal.session.id;
      socket.data.code = principal.session.code;
      socket.data.role = principal.role;
      socket.data.participantId = principal.role === 'participant' ? principal.participant.id : null;
      socket.data.venueId = principal.role === 'screen' ? principal.venueId : null;
      socket.data.tokenHash = hashToken(token);
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

