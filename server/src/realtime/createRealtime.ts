import type { Server as HttpServer } from 'node:http';
import { SOCKET_AUTH_TIMEOUT_MS, SOCKET_MAX_MESSAGE_BYTES } from '@ideasphere/shared';
import { Server } from 'socket.io';
import { authenticateSocket } from './authenticateSocket.js';
import { type HandlerDeps, registerHandlers } from './handlers.js';
import {
  type IoServer,
  type IoSocket,
  audienceRoom,
  participantRoom,
  rosterRoom,
  sessionRoom,
  staffRoom,
  venueScreenRoom,
} from './types.js';

/**
 * A phone that drops off for less than this gets its missed broadcasts replayed on reconnect
 * (Socket.IO connection state recovery); after longer it resyncs from a snapshot.
 */
const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

/**
 * The Socket.IO server: authenticated handshake, one room per session, presence, handlers.
 * Per-message compression stays off (the default): it costs far more memory than it saves
 * on these small messages.
 */
export function createRealtime(httpServer: HttpServer, deps: Omit<HandlerDeps, 'io'>): IoServer {
  const io: IoServer = new Server(httpServer, {
    maxHttpBufferSize: SOCKET_MAX_MESSAGE_BYTES,
    connectTimeout: SOCKET_AUTH_TIMEOUT_MS,
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: true },
    // The engine would otherwise end every upgrade it does not own after 1 s, including the
    // proposal documents' /yjs ones; the Yjs server refuses unknown upgrade paths instead.
    destroyUpgrade: false,
  });
  // The retained handshake request is ~4 KB per socket that nobody reads after connect.
  io.engine.on('connection', (rawSocket: { request: unknown }) => {
    rawSocket.request = null;
  });
  io.use(authenticateSocket(deps.sessions, deps.log));

  const { presence } = deps;
  io.on('connection', (socket) => {
    const { sessionId, participantId, role, venueId } = socket.data;
    const room = sessionRoom(sessionId);
    const roster = rosterRoom(sessionId);
    const rooms = [room, role === 'facilitator' ? staffRoom(sessionId) : audienceRoom(sessionId)];
    if (participantId !== null) rooms.push(participantRoom(participantId));
    else rooms.push(rosterRoom(sessionId));
    if (venueId !== null) rooms.push(venueScreenRoom(sessionId, venueId));
    void socket.join(rooms);
    registerHandlers(socket, { ...deps, io });
    // Checked again once in the venue's room, for every venue screen: a recovered socket skipped
    // the handshake, and a fresh one may have passed it just before its link was replaced (the
    // rotation then kicked the room before this socket was in it).
    if (venueId !== null) void dropIfVenueLinkRevoked(socket, deps);

    if (participantId === null) return;
    if (presence.connect(sessionId, participantId)) {
      io.to(roster).emit('participant:presence', { id: participantId, online: true, onlineCount: presence.onlineCount(sessionId) });
    }
    socket.on('disconnect', () => {
      if (presence.disconnect(sessionId, participantId)) {
        io.to(roster).emit('participant:presence', { id: participantId, online: false, onlineCount: presence.onlineCount(sessionId) });
      }
    });
  });
  return io;
}

async function dropIfVenueLinkRevoked(socket: IoSocket, deps: Omit<HandlerDeps, 'io'>): Promise<void> {
  const { sessionId, venueId, venueTokenHash } = socket.data;
  try {
    const session = await deps.store.getSession(sessionId);
    const venue = session?.venues.find((v) => v.id === venueId);
    if (venue && venueTokenHash !== null && venue.screenTokenHash === venueTokenHash) return;
    socket.emit('session:kicked', { reason: 'token_revoked' });
    socket.disconnect(true);
  } catch (error) {
    deps.log(`venue screen check failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
