import type { ClientError, JoinSessionBody } from '@ideasphere/shared';
import type { LiveSocket } from '@ideasphere/shared/sync/LiveSync.js';
import type { RequestError } from '../lib/api';
import { openSessionSocket } from '../lib/useSessionSocket';

export type HandshakeJoin = { ok: true; socket: LiveSocket } | { ok: false; error: RequestError };

/**
 * Joins the session in the socket handshake (`auth.join`, docs/protocol.md) with the token the
 * phone made, and resolves with the open socket: one connection, where an HTTP join and then
 * a connection took two. Once in, the socket reconnects with its token alone. A refusal is the
 * server's error (as the HTTP join's, `join.name` read as the name field); no answer at all is
 * `network`, and the socket is closed. The same token tried again is the same participant, so
 * a join whose answer was lost can simply be tried again.
 */
export function joinInHandshake(code: string, token: string, body: JoinSessionBody): Promise<HandshakeJoin> {
  const socket = openSessionSocket({ code, role: 'participant', token, join: body });
  return new Promise((resolve) => {
    const settle = (result: HandshakeJoin) => {
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
      resolve(result);
    };
    const onConnect = () => {
      const { join: _joined, ...auth } = socket.auth as Record<string, unknown>;
      socket.auth = auth;
      settle({ ok: true, socket });
    };
    const onError = (error: Error & { data?: Partial<ClientError> }) => {
      socket.disconnect();
      settle({ ok: false, error: refusalOf(error.data) });
    };
    socket.on('connect', onConnect);
    socket.on('connect_error', onError);
    socket.connect();
  });
}

function refusalOf(data: Partial<ClientError> | undefined): RequestError {
  if (data?.code === undefined) return { code: 'network', message: 'no connection', status: 0 };
  const { fields, ...rest } = data as ClientError;
  const nameProblem = fields?.['join.name'];
  return { ...rest, ...(fields ? { fields: nameProblem === undefined ? fields : { ...fields, name: nameProblem } } : {}), status: 0 };
}
