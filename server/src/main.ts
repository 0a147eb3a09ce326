import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.js';
import { startServer } from './server.js';
import { openStore } from './store/openStore.js';

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;

const here = path.dirname(fileURLToPath(import.meta.url));
const log = (message: string) => console.log(`[ideasphere] ${message}`);

async function main(): Promise<void> {
  const config = loadConfig(process.env, path.resolve(here, '../../client/dist'));
  const store = await openStore({ mongodbUri: config.mongodbUri ?? undefined, dataDir: config.dataDir, log });
  const server = await startServer({ ...config, store, log });
  log(`listening on port ${server.port} (store: ${store.kind})`);
  log(`facilitator console: ${server.publicUrl}/`);
  if (config.adminToken) log('creating sessions requires ADMIN_TOKEN');
  console.log(`\n  IdeaSphere is running at ${server.publicUrl}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: closing sockets and flushing the store…`);
    setTimeout(() => {
      log('shutdown deadline passed; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    server.close().then(
      () => {
        log('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        log(`error while stopping: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Every listener catches what it can throw; a promise someone forgot to await must not end
  // the show for a whole hall (Node's default for an unhandled rejection is to exit).
  process.on('unhandledRejection', (reason: unknown) => {
    log(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  });
}

main().catch((error: unknown) => {
  console.error(`[ideasphere] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
