import {
  AUTO_VERSION_INTERVAL_MS,
  AUTO_VERSIONS_KEPT,
  DOC_COMPACT_AFTER_UPDATES,
  DOC_PERSIST_DEBOUNCE_MS,
  PROPOSAL_TITLE_MAX_CHARS,
  type VersionKind,
  cleanLine,
  hasVisibleText,
  truncateGraphemes,
} from '@ideasphere/shared';
import * as Y from 'yjs';
import { newId } from '../ids.js';
import type { ProposalStore, VersionRecord } from '../store/ProposalStore.js';
import { StoreConflictError } from '../store/Store.js';
import type { Log } from '../logger.js';
import { REMOTE_ORIGIN } from './clusterMessages.js';
import { readStoredDocument } from './storedDocument.js';

/** Tuning of persistence; tests shorten the intervals. */
export interface PersistenceOptions {
  store: ProposalStore;
  log: Log;
  now: () => number;
  persistDebounceMs?: number;
  compactAfterUpdates?: number;
  autoVersionIntervalMs?: number;
  /** Automatic versions kept; older ones are deleted when a new one is saved. */
  autoVersionsKept?: number;
}

/** What the store held when the document was loaded. */
export interface LoadedState {
  /** The highest update number in the log. */
  lastSeq: number;
  /** Updates in the log after the snapshot. */
  updates: number;
  /** Bytes of the snapshot and every update after it. */
  bytes: number;
  /** The title the proposal record holds (what the console's list shows). */
  recordTitle: string | null;
  /** Never compact the log (it holds an update that could not be read: compaction would delete it). */
  keepLog?: boolean;
}

/**
 * The update log of a document other processes write too (scale-out). Each process appends only
 * the changes its own clients (and HTTP actions) made; what it applied from the others is theirs
 * to write (and reaches the snapshot at this process's next compaction, see recordRemote).
 * Writes of the log run one at a time across processes (see SharedLogLock); while Redis cannot
 * be reached they fail and are retried like any failed write, the edits kept in memory.
 * Per process: the debounce, the retry, the record's title, and automatic versions (each
 * process whose clients changed the text saves its own).
 */
export interface SharedLog {
  /** Runs a write holding the log's lock; `work` gets the last number any process wrote and returns the last one after it. */
  exclusive(work: (lastSeq: number) => Promise<number>): Promise<void>;
}

const RETRY_FIRST_MS = 200;
const RETRY_MAX_MS = 5_000;

/**
 * The persistence of one loaded document. Changes are appended to the store's log merged, at
 * most every `persistDebounceMs` (the timer starts at the first unsaved change and is never
 * pushed back, so the persistence window is bounded); a failed append is kept and retried with
 * a growing delay. Writes run one at a time in order; after `compactAfterUpdates` appends the
 * log is folded into a snapshot, and an automatic version is saved at most every
 * `autoVersionIntervalMs` while the text changes.
 */
export class DocumentPersistence {
  /** Called once a write leaves every change on disk (the manager then unloads an idle document). */
  onPersisted: (() => void) | null = null;
  private pending: Uint8Array[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private retryMs = RETRY_FIRST_MS;
  private chain: Promise<void> = Promise.resolve();
  private nextSeq: number;
  private appendsSinceSnapshot: number;
  /** An upper bound of the encoded document size: snapshot plus every update since. */
  private bound: number;
  private changedSinceVersion = false;
  private lastVersionAt: number;
  private destroyed = false;
  private recordTitle: string | null;
  private readonly keepLog: boolean;
  /** Changes from other processes applied since the last snapshot: the next final write compacts them in. */
  private remoteSinceSnapshot = false;

  constructor(
    private readonly id: string,
    private readonly doc: Y.Doc,
    private readonly options: PersistenceOptions,
    loaded: LoadedState,
    /** A version was saved (clients refetch the list). */
    private readonly onVersionSaved: () => void,
    /** Absent: this process is the document's only writer, as without scale-out. */
    private readonly shared: SharedLog | null = null,
  ) {
    this.nextSeq = loaded.lastSeq + 1;
    this.appendsSinceSnapshot = loaded.updates;
    this.bound = loaded.bytes;
    this.recordTitle = loaded.recordTitle;
    this.keepLog = loaded.keepLog ?? false;
    this.lastVersionAt = options.now();
  }

  /** An upper bound of the encoded document size (cheap; may be loose). */
  get sizeBound(): number {
    return this.bound;
  }

  /** Measures the encoded document, tightening {@link sizeBound}. */
  measureSize(): number {
    this.bound = Y.encodeStateAsUpdate(this.doc).byteLength;
    return this.bound;
  }

  /** A change the document applied: it is written within the debounce. */
  record(update: Uint8Array): void {
    this.pending.push(update);
    this.bound += update.byteLength;
    this.changedSinceVersion = true;
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      void this.enqueue(() => this.writePending());
    }, this.options.persistDebounceMs ?? DOC_PERSIST_DEBOUNCE_MS);
  }

  /**
   * A change another process applied and writes itself: counted in the size bound but not
   * appended again. A final write compacts it into the snapshot, so a change whose own process
   * died before writing it still reaches the store through any process that held it.
   */
  recordRemote(update: Uint8Array): void {
    this.bound += update.byteLength;
    this.remoteSinceSnapshot = true;
  }

  /** Saves the current state as a version. */
  async saveVersion(kind: VersionKind, name: string, createdBy: string | null): Promise<VersionRecord> {
    const state = Y.encodeStateAsUpdate(this.doc);
    const version: VersionRecord = {
      id: newId(this.options.now()),
      proposalId: this.id,
      name,
      kind,
      createdAt: new Date(this.options.now()),
      createdBy,
      size: state.byteLength,
    };
    await this.options.store.addVersion(version, state);
    if (kind === 'auto') {
      // The version is saved; a failed prune only leaves old automatic versions for the next one.
      try {
        await this.options.store.pruneAutoVersions(this.id, this.options.autoVersionsKept ?? AUTO_VERSIONS_KEPT);
      } catch (error) {
        this.options.log.error({ err: error, proposal: this.id }, 'pruning automatic versions failed');
      }
    }
    this.changedSinceVersion = false;
    this.lastVersionAt = this.options.now();
    this.onVersionSaved();
    return version;
  }

  /** Writes everything received so far; resolves once it is on disk. */
  flush(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    return this.enqueue(() => this.writePending());
  }

  /**
   * The last write before unloading or shutdown: pending updates, a compaction if the log grew,
   * and an automatic version if the text changed since the last one.
   */
  async finalWrite(): Promise<void> {
    await this.flush();
    await this.enqueue(async () => {
      if (this.pending.length > 0) return; // the store is failing; keep the log as it is
      if ((this.appendsSinceSnapshot > 0 || this.remoteSinceSnapshot) && !this.keepLog) await this.compact();
      if (this.changedSinceVersion) await this.saveVersion('auto', autoVersionName(this.options.now()), null);
    });
  }

  /** True when every change received is on disk. */
  get persisted(): boolean {
    return this.pending.length === 0 && this.flushTimer === null;
  }

  /** Stops the timers; nothing is written afterwards. */
  destroy(): void {
    this.destroyed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  /** Runs writes one at a time, in order; a failed write never breaks the chain. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work).catch((error: unknown) => {
      this.options.log.error({ err: error, proposal: this.id }, 'proposal write failed; retrying');
    });
    this.chain = next;
    return next;
  }

  private async writePending(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const merged = batch.length === 1 ? (batch[0] as Uint8Array) : Y.mergeUpdates(batch);
    try {
      await this.writeLog(() => this.append(merged));
    } catch (error) {
      // Kept for the next attempt, in front of anything received meanwhile.
      this.pending.unshift(merged);
      this.scheduleRetry();
      throw error;
    }
    this.retryMs = RETRY_FIRST_MS;
    this.appendsSinceSnapshot++;
    await this.syncRecordTitle();
    const compactAfter = this.options.compactAfterUpdates ?? DOC_COMPACT_AFTER_UPDATES;
    if (this.appendsSinceSnapshot >= compactAfter && !this.keepLog) await this.compact();
    const interval = this.options.autoVersionIntervalMs ?? AUTO_VERSION_INTERVAL_MS;
    if (this.changedSinceVersion && this.options.now() - this.lastVersionAt >= interval) {
      await this.saveVersion('auto', autoVersionName(this.options.now()), null);
    }
    if (this.persisted) this.onPersisted?.();
  }

  /**
   * Copies the live title into the proposal record once it is persisted, so lists show it
   * (at most one record write per persisted batch, and only when the title changed). A blank
   * title (being retyped) keeps the last one. A failure is logged and retried with the next write.
   */
  private async syncRecordTitle(): Promise<void> {
    const title = recordTitleOf(this.doc.getText('title').toString());
    if (title === '' || title === this.recordTitle) return;
    try {
      await this.options.store.updateProposal(this.id, { title });
      this.recordTitle = title;
    } catch (error) {
      this.options.log.warn({ err: error, proposal: this.id }, 'proposal title not saved; retried with the next write');
    }
  }

  private async append(merged: Uint8Array): Promise<void> {
    const seq = this.nextSeq;
    try {
      await this.options.store.appendUpdate(this.id, seq, merged);
    } catch (error) {
      if (error instanceof StoreConflictError) {
        // Another writer took this number: a bug to be loud about, but never lose the edit.
        this.options.log.error({ proposal: this.id, seq }, 'update number already stored by another writer; appending after it');
        this.nextSeq++;
      }
      throw error;
    }
    this.nextSeq = seq + 1;
  }

  /** Runs one write of the log: at once when this process is its only writer, else under the shared lock, numbering above every other writer. */
  private async writeLog(work: () => Promise<void>): Promise<void> {
    if (!this.shared) return work();
    return this.shared.exclusive(async (lastSeq) => {
      this.nextSeq = Math.max(this.nextSeq, lastSeq + 1);
      await work();
      return this.nextSeq - 1;
    });
  }

  /**
   * Folds the log into a snapshot. The snapshot may hold changes not appended yet; they are
   * appended later under higher numbers and applying them twice is harmless in Yjs.
   *
   * With other processes writing the log too, this process may not have applied every update
   * they appended (their channel message in flight, or lost while Redis was away), and the
   * compaction deletes every update up to its number. So, holding the log's lock (no append
   * runs meanwhile, and later ones number above what is read here), it reads the stored log,
   * merges it into the document, and compacts up to the last number read: the snapshot holds
   * every update it deletes. Nothing of the log is lost whichever process compacts, and two
   * compactions in a row are both complete (a snapshot never moves backwards).
   */
  private async compact(): Promise<void> {
    if (!this.shared) {
      const state = Y.encodeStateAsUpdate(this.doc);
      await this.options.store.compactDoc(this.id, state, this.nextSeq - 1);
      this.compacted(state);
      return;
    }
    await this.shared.exclusive(async (lastSeq) => {
      const stored = await this.options.store.loadDoc(this.id);
      const read = readStoredDocument(stored);
      try {
        // A log with an unreadable update is never compacted: compaction would delete it.
        if (read.unreadable.length > 0) return Math.max(lastSeq, stored.lastSeq);
        Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(read.doc), REMOTE_ORIGIN);
      } finally {
        read.doc.destroy();
      }
      const state = Y.encodeStateAsUpdate(this.doc);
      await this.options.store.compactDoc(this.id, state, stored.lastSeq);
      this.nextSeq = Math.max(this.nextSeq, stored.lastSeq + 1);
      this.compacted(state);
      return Math.max(lastSeq, stored.lastSeq);
    });
  }

  private compacted(state: Uint8Array): void {
    this.appendsSinceSnapshot = 0;
    this.remoteSinceSnapshot = false;
    this.bound = state.byteLength + this.pending.reduce((sum, u) => sum + u.byteLength, 0);
  }

  private scheduleRetry(): void {
    if (this.destroyed || this.flushTimer) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.enqueue(() => this.writePending());
    }, wait);
  }
}

/**
 * The live title as one line of at most PROPOSAL_TITLE_MAX_CHARS characters, cleaned like every
 * other line of text (no control or bidi characters), since the console lists it; '' (keep the
 * last one) when nothing in it can be seen.
 */
export function recordTitleOf(live: string): string {
  const line = cleanLine(live);
  return hasVisibleText(line) ? truncateGraphemes(line, PROPOSAL_TITLE_MAX_CHARS) : '';
}

function autoVersionName(now: number): string {
  return `Auto ${new Date(now).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

