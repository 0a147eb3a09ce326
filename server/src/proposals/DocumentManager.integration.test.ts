import { capturedLog, type LogRecord } from '../logger.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LmdbStore } from '../store/LmdbStore.js';
import type { ProposalStore } from '../store/ProposalStore.js';
import { until } from '../testing/yjsClients.js';
import { DocumentManager } from './DocumentManager.js';
import type { ProposalDocument } from './ProposalDocument.js';

const PROPOSAL_ID = 'p-document-manager';

let cleanup: (() => Promise<void>) | null = null;

afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

type Gated = 'appendUpdate' | 'compactDoc';

/**
 * A real LMDB proposal store whose writes a test can make fail or hold back: `failing` rejects
 * every append, and `gates[method]` (when set) makes the next call of that method wait for it.
 */
async function setUp(): Promise<{
  manager: DocumentManager;
  store: ProposalStore;
  control: { failing: boolean; gates: Partial<Record<Gated, Promise<void> | undefined>>; calls: Record<Gated, number> };
  logs: { some(match: (line: string) => boolean): boolean; records: LogRecord[] };
}> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ideasphere-docs-'));
  const lmdb = await LmdbStore.open(dir);
  const control = { failing: false, gates: {} as Partial<Record<Gated, Promise<void> | undefined>>, calls: { appendUpdate: 0, compactDoc: 0 } };
  const store = new Proxy(lmdb.proposals, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      const method = (value as (...a: unknown[]) => Promise<unknown>).bind(target);
      if (key !== 'appendUpdate' && key !== 'compactDoc') return method;
      return async (...args: unknown[]) => {
        control.calls[key]++;
        const gate = control.gates[key];
        control.gates[key] = undefined;
        if (gate) await gate;
        if (control.failing && key === 'appendUpdate') throw new Error('disk on fire');
        return method(...args);
      };
    },
  }) as ProposalStore;
  const { log, records } = capturedLog();
  const logs = { some: (match: (line: string) => boolean) => records.some((r) => match(`${r.msg} ${JSON.stringify(r)}`)), records };
  const manager = new DocumentManager({ store, log, now: Date.now, persistDebounceMs: 5 });
  cleanup = async () => {
    control.failing = false;
    await manager.close();
    await lmdb.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { manager, store, control, logs };
}

function write(document: ProposalDocument, text: string): void {
  const body = document.doc.getText('body');
  body.insert(body.length, text);
}

async function storedText(store: ProposalStore): Promise<string> {
  const stored = await store.loadDoc(PROPOSAL_ID);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const { update } of stored.updates) Y.applyUpdate(doc, update);
  return doc.getText('body').toString();
}

describe('DocumentManager unloading', () => {
  it('keeps a document whose final write failed, writes it once the store recovers, then unloads it', async () => {
    const { manager, store, control, logs } = await setUp();
    const document = await manager.acquire(PROPOSAL_ID);
    write(document, 'unsaved edit');
    control.failing = true;
    manager.release(document);
    await until(() => logs.some((l) => l.includes('disk on fire')), 'the failed final write');
    await until(() => control.calls.appendUpdate >= 2, 'a retry');
    expect(document.isDestroyed).toBe(false);
    control.failing = false;
    await until(() => document.isDestroyed, 'the unload after the store recovered');
    expect(await storedText(store)).toBe('unsaved edit');
  });

  it('does not let an earlier unload drop the document while a later one still has writes queued', async () => {
    const { manager, store, control, logs } = await setUp();
    let openCompaction = () => {};
    let openSecondAppend = () => {};
    const first = await manager.acquire(PROPOSAL_ID);
    write(first, 'one ');
    control.gates.compactDoc = new Promise((resolve) => (openCompaction = resolve));
    manager.release(first); // unload A: appends "one", then its compaction waits
    await until(() => control.calls.compactDoc === 1, 'the compaction of unload A');
    const again = await manager.acquire(PROPOSAL_ID);
    expect(again).toBe(first);
    write(again, 'two');
    control.gates.appendUpdate = new Promise((resolve) => (openSecondAppend = resolve));
    manager.release(again); // unload B: its append is queued behind A's compaction, then waits
    openCompaction();
    await until(() => control.calls.appendUpdate === 2, 'the append of unload B');
    // Unload A has finished while B's write is still in flight: the document must stay loaded.
    expect(first.isDestroyed).toBe(false);
    const third = await manager.acquire(PROPOSAL_ID);
    expect(third.doc.getText('body').toString()).toBe('one two');
    manager.release(third);
    openSecondAppend();
    await until(() => first.isDestroyed, 'the last unload');
    expect(await storedText(store)).toBe('one two');
    expect(logs.records.filter((r) => r.msg.includes('another writer'))).toEqual([]);
  });
});
