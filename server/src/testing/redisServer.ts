import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

/** A real Redis server for one test file: Debian's `redis-server` on a free loopback port, no persistence. */
export interface TestRedis {
  url: string;
  port: number;
  /** The redis-server process (benchmarks read its CPU time). */
  pid: number;
  /** Stops the server and deletes its directory. */
  stop(): Promise<void>;
}

/** The redis-server binary (REDIS_SERVER overrides; `.ci/run` installs Debian's package). */
export const REDIS_SERVER_BIN = process.env.REDIS_SERVER ?? 'redis-server';

/** Starts redis-server on a free port and resolves once it answers PING. */
export async function startTestRedis(): Promise<TestRedis> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ideasphere-redis-'));
  const port = await freePort();
  const child: ChildProcess = spawn(REDIS_SERVER_BIN, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let failure = '';
  child.stderr?.on('data', (chunk: Buffer) => (failure += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on('error', () => {});
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${failure}`);
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch (error) {
      probe.disconnect();
      if (attempt > 200) throw new Error(`redis-server did not answer on ${port}: ${String(error)} ${failure}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  probe.disconnect();
  return {
    url,
    port,
    pid: child.pid ?? 0,
    async stop() {
      child.kill('SIGKILL');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
