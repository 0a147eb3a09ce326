import cluster from 'node:cluster';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.js';
import { createLogger, type Log } from './logger.js';
import { connectScaleOut } from './scale/redisConnection.js';
import { startServer } from './server.js';
import { checkDataDir, openStore } from './store/openStore.js';

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;
/** A worker that dies is started again after this long (doubling up to WORKER_RESTART_MAX_MS while it keeps dying at start). */
const WORKER_RESTART_MS = 500;
const WORKER_RESTART_MAX_MS = 30_000;

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(log: Log, config: ReturnType<typeof loadConfig>): Promise<void> {
  const worker = cluster.isWorker;
  const scaleOut = config.redisUrl ? await connectScaleOut(config.redisUrl, log) : null;
  const store = await openStore({
    mongodbUri: config.mongodbUri ?? undefined,
    dataDir: config.dataDir,
    log: (message) => log.info({ component: 'store' }, message),
    shared: scaleOut !== null,
    checked: worker,
  });
  const server = await startServer({ ...config, store, log, scaleOut });
  log.info({ port: server.port, store: store.kind, publicUrl: server.publicUrl, adminToken: config.adminToken !== null, redis: scaleOut !== null, worker: cluster.worker?.id ?? null }, 'listening');
  const started: WorkerStarted = { kind: 'started', publicUrl: server.publicUrl, setupLink: server.setupLink && { url: server.setupLink.url, expiresAt: server.setupLink.expiresAt.toISOString() } };
  // A worker tells the primary, which announces the server once every worker listens.
  if (worker) process.send?.(started);
  else announce(started, 1);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'closing sockets and flushing the store');
    setTimeout(() => {
      log.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutdown deadline passed; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    server.close().then(
      async () => {
        await scaleOut?.close();
        log.info('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // A worker whose primary dies while it closes (its store flushing) fails to tell the primary
  // that its port closed (EPIPE on the worker object): logged, not left to end the close.
  cluster.worker?.on('error', (error: Error) => log.warn({ err: error }, 'the primary could not be reached'));
  // Every listener catches what it can throw; a promise someone forgot to await must not end
  // the show for a whole hall (Node's default for an unhandled rejection is to exit).
  process.on('unhandledRejection', (reason: unknown) => {
    log.error({ err: reason }, 'unhandled rejection');
  });
}

/** What a worker tells the primary once it listens. */
interface WorkerStarted {
  kind: 'started';
  publicUrl: string;
  setupLink: { url: string; expiresAt: string } | null;
}

function announce(started: WorkerStarted, processes: number): void {
  console.log(`\n  IdeaSphere is running at ${started.publicUrl}${processes > 1 ? ` (${processes} processes)` : ''}\n`);
  if (started.setupLink) console.log(`  First start: create the platform admin at\n  ${started.setupLink.url}\n  (works once, until ${started.setupLink.expiresAt})\n`);
}

/**
 * WORKERS above 1: this process checks the store once, then runs that many server processes
 * (node:cluster shares the port between them) and starts again any that dies. Each worker
 * connects to Redis itself; the primary serves nothing.
 */
async function primary(log: Log, config: ReturnType<typeof loadConfig>): Promise<void> {
  if (!config.mongodbUri) await checkDataDir(path.resolve(config.dataDir), (message) => log.info({ component: 'store' }, message));
  let stopping = false;
  let delay = WORKER_RESTART_MS;
  const fork = () => {
    const started = Date.now();
    const worker = cluster.fork();
    worker.once('exit', (code, signal) => {
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
        return;
      }
      // A worker that dies at once (a port in use, Redis away) is retried more and more slowly.
      delay = Date.now() - started < WORKER_RESTART_MAX_MS ? Math.min(delay * 2, WORKER_RESTART_MAX_MS) : WORKER_RESTART_MS;
      log.error({ worker: worker.id, code, signal, restartInMs: delay }, 'worker stopped; starting another');
      setTimeout(fork, delay).unref();
    });
  };
  // Announced once, when the first WORKERS workers all listen (a replacement later is only logged).
  const reports: WorkerStarted[] = [];
  cluster.on('message', (_worker, message: Partial<WorkerStarted> | null) => {
    if (message?.kind !== 'started' || reports.length >= config.workers) return;
    reports.push(message as WorkerStarted);
    if (reports.length < config.workers) return;
    // Only one worker found no admin first: its link is the one to announce (each issues its own).
    announce({ ...(reports[0] as WorkerStarted), setupLink: reports.find((report) => report.setupLink)?.setupLink ?? null }, config.workers);
  });
  for (let i = 0; i < config.workers; i++) fork();
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping the workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS + 1_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env, path.resolve(here, '../../client/dist'));
} catch (error) {
  console.error(`[ideasphere] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const log = createLogger({ level: config.logLevel, format: config.logFormat });
(config.workers > 1 && cluster.isPrimary ? primary(log, config) : main(log, config)).catch((error: unknown) => {
  // The message says what is wrong and what to do (a damaged store, a port in use…).
  log.fatal({ err: error }, 'failed to start');
  console.error(`[ideasphere] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
