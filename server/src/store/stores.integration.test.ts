import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { open } from 'lmdb';
import mongoose from 'mongoose';
import { describe } from 'vitest';
import type { LegacySession } from './contract.fixtures.js';
import { LmdbStore } from './LmdbStore.js';
import { MongoStore } from './MongoStore.js';
import type { Store } from './Store.js';
import { describeStoreContract } from './store.contract.js';

// Each open() gets its own directory, so a test that closes and reopens its store never
// touches the store other tests share.
const lmdbDirs = new Map<Store, string>();
describeStoreContract('LmdbStore contract', {
  async open() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ideasphere-lmdb-'));
    const store = await LmdbStore.open(dir);
    lmdbDirs.set(store, dir);
    return store;
  },
  async reopen(previous) {
    const dir = lmdbDirs.get(previous);
    if (dir === undefined) throw new Error('reopen: store was not opened by this harness');
    const store = await LmdbStore.open(dir);
    lmdbDirs.set(store, dir);
    return store;
  },
  async writeLegacySession(store, session) {
    const dir = lmdbDirs.get(store);
    if (dir === undefined) throw new Error('writeLegacySession: store was not opened by this harness');
    // A second handle on the same environment, as an older version of the server would write.
    const raw = open({ path: path.join(dir, 'ideasphere.mdb'), maxDbs: 32 });
    try {
      const { createdAt, updatedAt, ...fields } = session;
      await raw.openDB({ name: 'sessions' }).put(session.id, { ...fields, createdAt: createdAt.getTime(), updatedAt: updatedAt.getTime() });
      await raw.openDB({ name: 'sessionCodes' }).put(session.code, session.id);
    } finally {
      await raw.close();
    }
  },
  async cleanup() {
    await Promise.all([...new Set(lmdbDirs.values())].map((dir) => rm(dir, { recursive: true, force: true })));
  },
});

const mongodbUri = process.env['MONGODB_URI'];
if (mongodbUri) {
  // One throwaway database per run, so runs never see each other's data.
  const dbName = `ideasphere_contract_${process.pid}_${Date.now()}`;
  const connect = () => MongoStore.connect(mongodbUri, { dbName, maxAttempts: 1 });
  const withRawConnection = async (use: (connection: mongoose.Connection) => Promise<unknown>) => {
    const connection = await mongoose.createConnection(mongodbUri, { dbName }).asPromise();
    try {
      await use(connection);
    } finally {
      await connection.close();
    }
  };
  describeStoreContract('MongoStore contract', {
    open: connect,
    reopen: connect,
    async writeLegacySession(_store, session: LegacySession) {
      // As an older version of the server stored it: no phase, countdown or settings.
      const { id, ...fields } = session;
      await withRawConnection((connection) =>
        connection.collection<Omit<LegacySession, 'id'> & { _id: string }>('sessions').insertOne({ _id: id, ...fields }),
      );
    },
    async cleanup() {
      await withRawConnection((connection) => connection.dropDatabase());
    },
  });
} else {
  console.warn('MongoStore contract SKIPPED: MONGODB_URI is unset (set it to run the MongoDB contract tests).');
  // The contract is still registered, skipped, so the report lists every test not run.
  const unavailable = () => Promise.reject(new Error('MONGODB_URI is unset'));
  describe.skip('MongoStore contract (set MONGODB_URI to run)', () => {
    describeStoreContract('MongoStore', { open: unavailable, reopen: unavailable, writeLegacySession: unavailable });
  });
}
