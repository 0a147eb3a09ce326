import path from 'node:path';
import { checkStore, describeStoreDamage, summarizeStoreCheck } from './storeCheck.js';

/*
 * `pnpm check-data [dir]`: runs the server's start-up store check on a data directory (the
 * argument, else DATA_DIR, else ./data as for the server) and says what it found. It never
 * writes to the store, so it may run while the server does (a hot check) and on a backup
 * before it is restored.
 */

/** Exit codes, for scripts: intact, damaged, and no store at all (nothing to check). */
const CHECK_EXIT = { intact: 0, damaged: 1, noStore: 2 } as const;

async function main(): Promise<number> {
  const dir = path.resolve(process.argv[2] || process.env.DATA_DIR || './data');
  const result = await checkStore(dir);
  if (!result.ok) {
    console.error(`DAMAGED: ${describeStoreDamage(dir, result)}`);
    return CHECK_EXIT.damaged;
  }
  if (result.state === 'new') {
    console.error(`NO STORE: ${dir} holds no store (no data file, no marker, no lock file); the server would create a new one`);
    return CHECK_EXIT.noStore;
  }
  console.log(`OK: ${dir}: ${summarizeStoreCheck(dir, result)}`);
  console.log(`  store id: ${result.sentinel?.storeId ?? 'none yet (given at the next server start)'}`);
  console.log(`  records per table: ${result.tables.map((table) => `${table.name} ${table.read}`).join(', ')}`);
  return CHECK_EXIT.intact;
}

process.exitCode = await main();
