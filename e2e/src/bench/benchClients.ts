import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { type Socket, io } from 'socket.io-client';

/**
 * A real socket.io client over WebSocket, resolved once connected; `localAddress` picks the
 * source address (a loopback one of 127.0.0.0/8), so many clients can stand for many phones.
 */
export function connect(url: string, auth?: Record<string, unknown>, localAddress?: string): Promise<Socket> {
  // engine.io-client passes localAddress on to the WebSocket in Node; its types do not list it.
  const options = { transports: ['websocket'], reconnection: false, forceNew: true, ...(auth ? { auth } : {}), ...(localAddress ? { localAddress } : {}) };
  const socket = io(url, options as Parameters<typeof io>[1]);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** A token as a phone makes it to join in its socket's handshake: 32 random bytes, base64url. */
export const phoneToken = () => randomBytes(32).toString('base64url');

/**
 * A joined phone's first reads: the session and board snapshots, asked for at once as the phone
 * does (LiveSync's resync). Throws when either is refused.
 */
export async function readSnapshots(socket: Socket): Promise<void> {
  const acks = (await Promise.all([
    socket.timeout(60_000).emitWithAck('session:snapshot', {}),
    socket.timeout(60_000).emitWithAck('board:snapshot', {}),
  ])) as { ok: boolean }[];
  if (!acks.every((ack) => ack.ok)) throw new Error('a snapshot was refused');
}

/**
 * The bare Socket.IO relay (bareServer.ts) as a child process, for the baseline; or another
 * baseline server of this folder that prints `listening <port>` (bareJoinServer.ts).
 */
export async function startBare(file = './bareServer.ts', env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; stop(): void }> {
  const script = fileURLToPath(new URL(file, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error('bare server exited')));
  });
  return { child, url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** p50 / p99 / max of a list of milliseconds, rounded to 0.1 ms. */
export function summary(values: readonly number[]): { p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { p50: round(at(50)), p99: round(at(99)), max: round(sorted.at(-1) ?? Number.NaN) };
}
