import path from 'node:path';
import { LmdbStore } from './LmdbStore.js';
import { maskUri } from './maskUri.js';
import { MongoStore } from './MongoStore.js';
import type { Store } from './Store.js';

/** Where the system of record lives. */
export interface StoreConfig {
  /** When set (and not empty), MongoDB is used and `dataDir` is ignored. */
  mongodbUri?: string | null;
  /** Directory of the embedded LMDB store, used when no MongoDB URI is given. */
  dataDir: string;
  log: (msg: string) => void;
}

/**
 * Opens the configured store: MongoDB when a URI is given (production, several server
 * instances), otherwise the embedded LMDB store in `dataDir` (one machine, no setup). Logs the
 * choice with the password masked, so the log never leaks credentials.
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.mongodbUri) {
    config.log(`store: mongodb at ${maskUri(config.mongodbUri)}`);
    return MongoStore.connect(config.mongodbUri, { log: config.log });
  }
  const dir = path.resolve(config.dataDir);
  config.log(`store: embedded lmdb in ${dir}`);
  return LmdbStore.open(dir);
}
