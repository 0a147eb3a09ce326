import type { Server as HttpServer } from 'node:http';
import { SOCKET_AUTH_TIMEOUT_MS, SOCKET_MAX_MESSAGE_BYTES } from '@ideasphere/shared';
import { Server } from 'socket.io';
import { authenticateSocket } from './authenticateSocket.js';
import { type HandlerDeps, registerHandlers } from './handlers.js';
import { type IoServer, sessionRoom } from './types.js';

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
  });
  // The retained handshake request is ~4 KB per socket that nobody reads after connect.
  io.engine.on('connection', (rawSocket: { request: unknown }) => {
    rawSocket.request = null;
  });
  io.use(authenticateSocket(deps.sessions, deps.log));

  const { presence } = deps;
  io.on('connection', (socket) => {
    const { sessionId, participantId } = socket.data;
    const room = sessionRoom(sessionId);
    void socket.join(room);
    registerHandlers(socket, { ...deps, io });

    if (participantId === null) return;
    if (presence.connect(sessionId, participantId)) {
      io.to(room).emit('participant:presence', { id: participantId, online: true, onlineCount: presence.onlineCount(sessionId) });
    }
    socket.on('disconnect', () => {
      if (presence.disconnect(sessionId, participantId)) {
        io.to(room).emit('participant:presence', { id: participantId, online: false, onlineCount: presence.onlineCount(sessionId) });
      }
    });
  });
  return io;
}
