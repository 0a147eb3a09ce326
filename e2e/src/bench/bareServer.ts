/**
 * Baseline for the benchmarks: a bare Socket.IO server on the same machine that accepts every
 * connection into one room and does nothing else. Run as a child process so its memory is
 * measured alone. Prints `listening <port>`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { serveClient: false });
io.engine.on('connection', (raw: { request: unknown }) => {
  raw.request = null;
});
io.on('connection', (socket) => {
  void socket.join('all');
  socket.on('relay', (payload: unknown) => {
    io.to('all').emit('relay', payload);
  });
});
http.listen(0, '127.0.0.1', () => {
  console.log(`listening ${(http.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  void io.close(() => process.exit(0));
});
