/**
 * Baseline for the benchmarks: a bare Socket.IO server on the same machine that accepts every
 * connection into one room and relays `relay` to it, nothing else. Run as a child process so
 * its memory is measured alone. Prints `listening <port>`.
 *
 * BARE_WORKERS=N (with REDIS_URL): N such processes behind one port (node:cluster) on the Redis
 * Streams adapter, the baseline of the scale-out benchmark at N processes.
 */
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';

const workers = Number(process.env.BARE_WORKERS ?? 1);
const redisUrl = process.env.REDIS_URL;

if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    if (++listening === workers) console.log(`listening ${address.port}`);
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  // Stops once every worker has closed (a worker closing after its primary is gone fails to tell it).
  process.on('SIGTERM', () => {
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  });
} else {
  const http = createServer();
  const io = new Server(http, { serveClient: false, ...(redisUrl && workers > 1 ? { adapter: createAdapter(new Redis(redisUrl)) } : {}) });
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
    if (!cluster.isWorker) console.log(`listening ${(http.address() as AddressInfo).port}`);
  });
  process.on('SIGTERM', () => {
    void io.close(() => process.exit(0));
  });
}
