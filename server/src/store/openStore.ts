import path from 'node:path';
import { LmdbStore } from './LmdbStore.js';
import { maskUri } from './maskUri.js';
import type { Store } from './Store.js';
import { checkStore, describeStoreDamage, summarizeStoreCheck } from './storeCheck.js';
import { ensureStoreSentinel } from './storeSentinel.js';

/** Where the system of record lives. */
export interface StoreConfig {
  /** When set (and not empty), MongoDB is used and `dataDir` is ignored. */
  mongodbUri?: string | null;
  /** Directory of the embedded LMDB store, used when no MongoDB URI is given. */
  dataDir: string;
  log: (msg: string) => void;
  /**
   * Other server processes use the same store (WORKERS above 1, or several hosts): nothing that
   * another process may change is kept in this one's memory.
   */
  shared?: boolean;
  /** The start-up check already ran (the primary of WORKERS checks once, before its workers open the store). */
  checked?: boolean;
}

/**
 * Opens the configured store: MongoDB when a URI is given (production, several server
 * instances), otherwise the embedded LMDB store in `dataDir` (one machine, no setup). Logs the
 * choice with the password masked, so the log never leaks credentials.
 *
 * The embedded store is checked before this process maps it (see storeCheck.ts): a damaged
 * directory, or one whose data file went missing, is refused with an error that says what is
 * wrong and what to do, instead of crashing or starting empty. Only the server's start-up pays
 * for the check; tests open LmdbStore directly on directories they just created.
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.mongodbUri) {
    config.log(`store: mongodb at ${maskUri(config.mongodbUri)}`);
    // Loaded only here: Mongoose takes about a third of a second to load, which a server on the
    // embedded store would otherwise pay at every start (and a restart mid-event waits for).
    const { MongoStore } = await import('./MongoStore.js');
    return MongoStore.connect(config.mongodbUri, { log: config.log });
  }
  const dir = path.resolve(config.dataDir);
  config.log(`store: embedded lmdb in ${dir}`);
  if (!config.checked) await checkDataDir(dir, config.log);
  return LmdbStore.open(dir, config.shared ? { sessionCacheMax: 0 } : {});
}

/** The embedded store's start-up check: refuses a damaged directory, then marks it as holding a store. */
export async function checkDataDir(dir: string, log: (msg: string) => void): Promise<void> {
  const check = await checkStore(dir);
  if (!check.ok) throw new Error(describeStoreDamage(dir, check));
  log(summarizeStoreCheck(dir, check));
  await ensureStoreSentinel(dir, check.state === 'intact' ? check.sentinel : null);
}
