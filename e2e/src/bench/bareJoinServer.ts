/**
 * Baseline for the join benchmark's CPU per step: the phone's join protocol on bare Socket.IO,
 * with nothing of IdeaSphere behind it. The handshake takes the phone's token and name and keeps
 * them in memory (nothing stored, nothing checked), and the two snapshot events are answered
 * with fixed replies of about the size of IdeaSphere's for an empty board (1.9 KB and 0.45 KB of
 * JSON). Run as a child process; prints `listening <port>`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const participants = new Map<string, { name: string; joinedAt: string }>();
const http = createServer();
const io = new Server(http, { serveClient: false });
io.engine.on('connection', (raw: { request: unknown }) => {
  raw.request = null;
});
io.use((socket, next) => {
  const auth = socket.handshake.auth as { token?: unknown; join?: { name?: unknown } };
  if (typeof auth.token !== 'string' || typeof auth.join?.name !== 'string') {
    next(new Error('no join'));
    return;
  }
  participants.set(auth.token, { name: auth.join.name, joinedAt: new Date().toISOString() });
  next();
});
const sessionSnapshot = { ok: true, data: 'x'.repeat(1_880) };
const boardSnapshot = { ok: true, data: 'x'.repeat(430) };
io.on('connection', (socket) => {
  void socket.join('all');
  socket.on('session:snapshot', (_payload: unknown, ack: (reply: unknown) => void) => ack(sessionSnapshot));
  socket.on('board:snapshot', (_payload: unknown, ack: (reply: unknown) => void) => ack(boardSnapshot));
});
http.listen(0, '127.0.0.1', () => {
  console.log(`listening ${(http.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  void io.close(() => process.exit(0));
});
