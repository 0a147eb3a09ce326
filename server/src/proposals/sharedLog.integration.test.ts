import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { capturedLog } from '../logger.js';
import { LmdbStore } from '../store/LmdbStore.js';
import { REMOTE_ORIGIN } from './clusterMessages.js';
import { DocumentPersistence, type SharedLog } from './DocumentPersistence.js';
import { readStoredDocument } from './storedDocument.js';

// Two processes' persistence of one document on one store, with the Redis channel between them
// cut: what one process appended never reached the other. Their shared log is an in-memory
// stand-in for SharedLogLock (one writer at a time, the last number written kept beside it).

let dir: string | null = null;
let store: LmdbStore | null = null;

afterEach(async () => {
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  store = null;
  dir = null;
});

function memoryLog(): SharedLog {
  let lastSeq = 0;
  let chain: Promise<unknown> = Promise.resolve();
  return {
    exclusive(work) {
      const run = chain.then(async () => {
        lastSeq = Math.max(lastSeq, await work(lastSeq));
      });
      chain = run.catch(() => undefined);
      return run;
    },
  };
}

function text(doc: Y.Doc): string {
  return doc.getText('title').toString();
}

describe('a document log written by several processes', () => {
  it('compacts without losing an update another process appended that this one never received, and numbers appends above the others’', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ideasphere-shared-log-'));
    store = await LmdbStore.open(dir);
    const { log, records } = capturedLog('warn');
    const shared = memoryLog();
    const processOf = (doc: Y.Doc) => {
      const persistence = new DocumentPersistence(
        'proposal-1',
        doc,
        { store: (store as LmdbStore).proposals, log, now: Date.now, persistDebounceMs: 1, compactAfterUpdates: 1_000 },
        { lastSeq: 0, updates: 0, bytes: 0, recordTitle: null },
        () => {},
        shared,
      );
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === REMOTE_ORIGIN) persistence.recordRemote(update);
        else persistence.record(update);
      });
      return persistence;
    };
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const a = processOf(docA);
    const b = processOf(docB);

    docB.getText('title').insert(0, 'from B ');
    await b.flush();
    docA.getText('title').insert(0, 'from A ');
    await a.flush();
    // A's last write compacts the log, which holds B's update A never saw.
    await a.finalWrite();

    const stored = await store.proposals.loadDoc('proposal-1');
    expect(stored.updates).toEqual([]);
    const read = readStoredDocument(stored);
    expect(text(read.doc)).toContain('from B ');
    expect(text(read.doc)).toContain('from A ');
    // A took B's update in while compacting; its clients received it.
    expect(text(docA)).toBe(text(read.doc));
    // No writer ever took a number another one had.
    expect(records.filter((record) => record.level >= 50)).toEqual([]);

    // B writes on after the compaction: above the snapshot, read on the next load.
    docB.getText('title').insert(0, 'later ');
    await b.finalWrite();
    expect(text(readStoredDocument(await store.proposals.loadDoc('proposal-1')).doc)).toContain('later ');
    expect(records.filter((record) => record.level >= 50)).toEqual([]);
    a.destroy();
    b.destroy();
  });
});
