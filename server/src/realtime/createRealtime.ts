import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { SOCKET_AUTH_TIMEOUT_MS, SOCKET_MAX_MESSAGE_BYTES } from '@ideasphere/shared';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { Server, type ServerOptions } from 'socket.io';
import { deviceOf, isSecureRequest } from '../http/deviceCookie.js';
import { fromAnotherSite } from '../http/fetchMetadata.js';
import type { CodeGuesses } from '../services/CodeGuesses.js';
import { type SocketClient, authenticateSocket } from './authenticateSocket.js';
import { clientAddress } from './clientAddress.js';
import { type HandlerDeps, socketDispatcher } from './handlers.js';
import { Principals } from './Principals.js';
import { boundedRecoveryAdapter } from './BoundedRecoveryAdapter.js';
import {
  type IoServer,
  type IoSocket,
  audienceRoom,
  participantRoom,
  qaStaffRoom,
  rosterRoom,
  sessionRoom,
  staffRoom,
  tokenRoom,
  venueScreenRoom,
} from './types.js';

/**
 * A phone that drops off for less than this gets its missed broadcasts replayed on reconnect
 * (Socket.IO connection state recovery); after longer it resyncs from a snapshot.
 */
const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

type AdapterConstructor = NonNullable<ServerOptions['adapter']>;

/**
 * The Socket.IO server: authenticated handshake, one room per session, presence, handlers.
 * Per-message compression stays off (the default): it costs far more memory than it saves
 * on these small messages.
 */
export interface RealtimeOptions {
  /** Misses of unknown join codes per address (shared with the HTTP routes). */
  codeGuesses: CodeGuesses;
  /** Joins per address (one budget with the HTTP join). */
  joinBudget: RateLimiterAbstract;
  /** Proxy hops in front of the server whose X-Forwarded-For is believed (as Express's `trust proxy`). */
  trustProxy: number;
  /** Disconnected sockets kept for recovery (this process's in-memory adapter only). */
  recoverySessionsMax: number;
  /**
   * The adapter shared with the deployment's other processes (the Redis Streams adapter, which
   * keeps connection state recovery working across them); absent, the in-memory one.
   */
  clusterAdapter?: AdapterConstructor;
}

export function createRealtime(httpServer: HttpServer, deps: Omit<HandlerDeps, 'principals'>, options: RealtimeOptions): IoServer {
  const io: IoServer = new Server(httpServer, {
    maxHttpBufferSize: SOCKET_MAX_MESSAGE_BYTES,
    connectTimeout: SOCKET_AUTH_TIMEOUT_MS,
    serveClient: false,
    // The handshake middleware runs on a recovered connection too: a participant removed, or a
    // link replaced, while the phone or screen was away must not come back through recovery.
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
    adapter: options.clusterAdapter ?? boundedRecoveryAdapter(options.recoverySessionsMax),
    // The engine would otherwise end every upgrade it does not own after 1 s, including the
    // proposal documents' /yjs ones; the Yjs server refuses unknown upgrade paths instead.
    destroyUpgrade: false,
  });
  // The browser's device cookie (see deviceOf), for a phone that joins in the handshake: read,
  // or given to a browser without one, on the response that opens the connection (the polling
  // handshake, or the WebSocket upgrade).
  const devices = new WeakMap<IncomingMessage, string>();
  io.engine.on('initial_headers', (headers: Record<string, string>, req: IncomingMessage) => {
    const device = deviceOf(req.headers.cookie, isSecureRequest(req, options.trustProxy));
    if (device.setCookie !== null) headers['set-cookie'] = device.setCookie;
    devices.set(req, device.hash);
  });
  // The retained handshake request is ~4 KB per socket that nobody reads after connect: only
  // the client's address and device are kept (so `socket.handshake.headers` is empty in handlers).
  const clients = new WeakMap<object, SocketClient>();
  io.engine.on('connection', (rawSocket: { request: IncomingMessage | null; remoteAddress: string }) => {
    const { request } = rawSocket;
    clients.set(rawSocket, {
      address: clientAddress(rawSocket.remoteAddress, request?.headers['x-forwarded-for'], options.trustProxy),
      deviceHash: (request && devices.get(request)) ?? deviceOf(request?.headers.cookie, false).hash,
      fromAnotherSite: fromAnotherSite(request?.headers['sec-fetch-site']),
    });
    rawSocket.request = null;
  });
  const clientOf = (socket: IoSocket) => clients.get(socket.conn) ?? { address: socket.handshake.address, deviceHash: deviceOf(undefined, false).hash, fromAnotherSite: false };
  // The closings count as a handshake starts, before its credential is read (see onConnection).
  const revocationsAtHandshake = new WeakMap<IoSocket, number>();
  io.use((socket, next) => {
    revocationsAtHandshake.set(socket, deps.broadcasts.revocations());
    next();
  });
  io.use(authenticateSocket(deps.sessions, deps.log, { codeGuesses: options.codeGuesses, joinBudget: options.joinBudget, participants: deps.participants, clientOf }));

  const { presence } = deps;
  const principals = new Principals();
  const attachHandlers = socketDispatcher({ ...deps, principals });
  // A listener Socket.IO calls itself: whatever throws here would end the process, so it is
  // logged and the one socket closed instead.
  io.on('connection', (socket) => {
    try {
      onConnection(socket);
    } catch (error) {
      deps.log.error({ err: error, session: socket.data.sessionId, role: socket.data.role }, 'socket setup failed');
      socket.disconnect(true);
    }
  });
  return io;

  function onConnection(socket: IoSocket): void {
    const { sessionId, participantId, role, venueId, tokenHash } = socket.data;
    const room = sessionRoom(sessionId);
    // A moderator hears the session and the Q&A's staff deltas only: no board, no roster.
    const rooms =
      role === 'moderator'
        ? [room, qaStaffRoom(sessionId)]
        : [room, role === 'facilitator' ? staffRoom(sessionId) : audienceRoom(sessionId)];
    // A phone's token is never replaced (a removal closes its participant's room): only links
    // that can be replaced (console, screens, moderator) get a room per token, one room less
    // per phone in a full hall.
    if (participantId !== null) rooms.push(participantRoom(participantId));
    else {
      rooms.push(tokenRoom(tokenHash));
      if (role !== 'moderator') rooms.push(rosterRoom(sessionId));
    }
    if (venueId !== null) rooms.push(venueScreenRoom(sessionId, venueId));
    void socket.join(rooms);
    // One principal holds a bounded number of sockets: a newer one closes the oldest.
    for (const displaced of principals.admit(socket)) {
      const old = io.sockets.sockets.get(displaced.id);
      old?.emit('session:kicked', { reason: 'too_many_connections' });
      old?.disconnect(true);
    }
    socket.on('disconnect', () => principals.release(socket));
    attachHandlers(socket);
    // Checked again now that the socket is in its rooms: it may have passed the handshake just
    // before its participant was removed or its link replaced (which closed the rooms' sockets
    // before this one was in them). Every such closing counts in `revocations()` before it
    // closes a room; when none happened since the handshake began, the credential it read is
    // still the stored one and is not read again (a hall joining at once skips a read each).
    // Other processes' closings are not counted here: with several, the credential is always read again.
    if (options.clusterAdapter !== undefined || revocationsAtHandshake.get(socket) !== deps.broadcasts.revocations()) void dropIfCredentialRevoked(socket, deps);

    if (participantId === null) return;
    if (presence.connect(sessionId, participantId)) {
      deps.broadcasts.presence(sessionId, { id: participantId, online: true, onlineCount: presence.onlineCount(sessionId) });
    }
    socket.on('disconnect', () => {
      if (presence.disconnect(sessionId, participantId)) {
        deps.broadcasts.presence(sessionId, { id: participantId, online: false, onlineCount: presence.onlineCount(sessionId) });
      }
    });
  }
}

async function dropIfCredentialRevoked(socket: IoSocket, deps: Omit<HandlerDeps, 'principals'>): Promise<void> {
  try {
    if (await deps.sessions.stillValid(socket.data)) return;
    socket.emit('session:kicked', { reason: socket.data.participantId !== null ? 'removed' : 'token_revoked' });
    socket.disconnect(true);
  } catch (error) {
    deps.log.error({ err: error, session: socket.data.sessionId, role: socket.data.role }, 'credential check failed');
  }
}
