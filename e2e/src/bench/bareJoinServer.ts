/**
 * Baseline for the join benchmark's CPU per step: the phone's join protocol on bare Node http and
 * Socket.IO, with nothing of IdeaSphere behind it. `POST /join` answers a random token (kept in
 * memory, nothing stored), the handshake checks it, and the two snapshot events are answered
 * with fixed replies of about the size of IdeaSphere's for an empty board (1.9 KB and 0.45 KB of
 * JSON). Run as a child process; prints `listening <port>`.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const tokens = new Set<string>();
const http = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const { name } = JSON.parse(Buffer.concat(chunks).toString()) as { name: string };
    const participantToken = randomBytes(32).toString('base64url');
    tokens.add(participantToken);
    const participant = { id: randomBytes(9).toString('base64url'), name, photoVersion: null, joinedAt: new Date().toISOString(), online: false, venueId: 'venue', faceHidden: false };
    const body = JSON.stringify({ participant, participantToken });
    res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
const io = new Server(http, { serveClient: false });
io.engine.on('connection', (raw: { request: unknown }) => {
  raw.request = null;
});
io.use((socket, next) => {
  const auth: unknown = socket.handshake.auth;
  const token = typeof auth === 'object' && auth !== null && 'token' in auth ? auth.token : undefined;
  next(typeof token === 'string' && tokens.has(token) ? undefined : new Error('unknown token'));
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
