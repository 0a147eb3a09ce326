/**
 * Baseline for the proposal benchmark: the classic y-websocket server (y-websocket@2.1.0's
 * `bin/utils` `setupWSConnection`, on the same Yjs 13 as our client) on a bare HTTP server, no
 * persistence, no authentication. Run as a child process so its memory is measured alone.
 * Prints `listening <port>`.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createRequire } from 'node:module';

/** The little of `ws` used here (e2e has no ws typings). */
interface WebSocketLike {
  on(event: string, listener: (...args: unknown[]) => void): void;
}
interface WebSocketServerLike {
  on(event: 'connection', listener: (ws: WebSocketLike, req: IncomingMessage) => void): void;
  emit(event: 'connection', ws: WebSocketLike, req: IncomingMessage): boolean;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, done: (ws: WebSocketLike) => void): void;
  close(): void;
}

const require = createRequire(import.meta.url);
const { WebSocketServer } = require('ws') as { WebSocketServer: new (options: { noServer: true }) => WebSocketServerLike };
const { setupWSConnection } = require('y-websocket-baseline/bin/utils') as {
  setupWSConnection: (conn: WebSocketLike, req: IncomingMessage, options?: { docName?: string; gc?: boolean }) => void;
};

const http = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (ws, req) => setupWSConnection(ws, req));
http.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
http.listen(0, '127.0.0.1', () => {
  console.log(`listening ${(http.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  wss.close();
  http.close(() => process.exit(0));
  http.closeAllConnections();
});
