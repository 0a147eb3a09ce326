import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import type { Log } from '../logger.js';

/**
 * Caps the TCP connections one client address may hold open at once: beyond `max` a new one is
 * closed before a byte is read. Counts are dropped with an address's last connection, so the
 * map holds only addresses that are connected now.
 */
export function limitConnectionsPerAddress(http: HttpServer, max: number, log: Log): void {
  const open = new Map<string, number>();
  let refusedSinceLog = 0;
  http.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = open.get(address) ?? 0;
    if (count >= max) {
      // One line per burst, not per refused connection: a flood must not flood the log too.
      if (refusedSinceLog++ === 0) log.warn({ address, max }, 'refusing connections: the address holds the most it may');
      socket.destroy();
      return;
    }
    refusedSinceLog = 0;
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
