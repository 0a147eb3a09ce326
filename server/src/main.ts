import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.js';
import { createLogger, type Log } from './logger.js';
import { startServer } from './server.js';
import { openStore } from './store/openStore.js';

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(log: Log, config: ReturnType<typeof loadConfig>): Promise<void> {
  const store = await openStore({
    mongodbUri: config.mongodbUri ?? undefined,
    dataDir: config.dataDir,
    log: (message) => log.info({ component: 'store' }, message),
  });
  const server = await startServer({ ...config, store, log });
  log.info({ port: server.port, store: store.kind, publicUrl: server.publicUrl, adminToken: config.adminToken !== null }, 'listening');
  console.log(`\n  IdeaSphere is running at ${server.publicUrl}\n`);
  if (server.setupLink) {
    console.log(`  First start: create the platform admin at\n  ${server.setupLink.url}\n  (works once, until ${server.setupLink.expiresAt.toISOString()})\n`);
  }

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
      () => {
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
  // Every listener catches what it can throw; a promise someone forgot to await must not end
  // the show for a whole hall (Node's default for an unhandled rejection is to exit).
  process.on('unhandledRejection', (reason: unknown) => {
    log.error({ err: reason }, 'unhandled rejection');
  });
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env, path.resolve(here, '../../client/dist'));
} catch (error) {
  console.error(`[ideasphere] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const log = createLogger({ level: config.logLevel, format: config.logFormat });
main(log, config).catch((error: unknown) => {
  // The message says what is wrong and what to do (a damaged store, a port in use…).
  log.fatal({ err: error }, 'failed to start');
  console.error(`[ideasphere] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
