import {
  AUTO_VERSION_INTERVAL_MS,
  AUTO_VERSIONS_KEPT,
  AWARENESS_CLIENT_IDS_PER_CONNECTION,
  DOC_COMPACT_AFTER_UPDATES,
  DOC_PERSIST_DEBOUNCE_MS,
  PROPOSAL_DOC_MAX_BYTES,
  PROPOSAL_TITLE_MAX_CHARS,
  type ProposalEvent,
  type VersionKind,
  cleanLine,
} from '@ideasphere/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { newId } from '../ids.js';
import type { ProposalStore, VersionRecord } from '../store/ProposalStore.js';
import { StoreConflictError } from '../store/Store.js';
import { restoreContent } from './restoreContent.js';
import { awarenessMessage, proposalEventMessage, updateMessage } from './yjsMessages.js';

/** Tuning of persistence; tests shorten the intervals. */
export interface DocumentOptions {
  store: ProposalStore;
  log: (message: string) => void;
  now: () => number;
  persistDebounceMs?: number;
  compactAfterUpdates?: number;
  autoVersionIntervalMs?: number;
  /** Automatic versions kept; older ones are deleted when a new one is saved. */
  autoVersionsKept?: number;
  docMaxBytes?: number;
}

/** What a document needs of a connection to it. */
export interface DocumentPeer {
  send(message: Uint8Array): void;
  /** The member behind the connection, as awareness shows them to others. */
  readonly user: { name: string; color: string; memberId: string; role: string };
}

/** Why an update was refused; nothing was applied. */
export type UpdateRefusal = 'document_too_large' | 'missing_dependencies';

/** Why an awareness update was refused; nothing was applied. */
export type AwarenessRefusal = 'malformed' | 'foreign_client';

const RETRY_FIRST_MS = 200;
const RETRY_MAX_MS = 5_000;

/**
 * One loaded proposal document: the Y.Doc, the awareness of everyone connected, and the
 * persistence of every change. Changes are relayed at once and appended to the store's log
 * merged, at most every `persistDebounceMs` (the timer starts at the first unsaved change and is
 * never pushed back, so the persistence window is bounded). Writes run one at a time in order;
 * after `compactAfterUpdates` appends the log is folded into a snapshot.
 */
export class ProposalDocument {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<DocumentPeer>();
  /** Connections and HTTP actions using the document; it unloads when this drops to zero. */
  holders = 0;
  /** Bumped by every acquire: an unload drops the document only if nobody took it meanwhile. */
  generation = 0;
  /** Called once a write leaves every change on disk (the manager then unloads an idle document). */
  onPersisted: (() => void) | null = null;
  /** The awareness client ids each peer announced (kept until it leaves, so it cannot churn ids). */
  private readonly awarenessIds = new Map<DocumentPeer, Set<number>>();
  private pending: Uint8Array[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private retryMs = RETRY_FIRST_MS;
  private chain: Promise<void> = Promise.resolve();
  private nextSeq: number;
  private appendsSinceSnapshot: number;
  /** An upper bound of the encoded document size: snapshot plus every update since. */
  private sizeBound: number;
  private changedSinceVersion = false;
  private lastVersionAt: number;
  private destroyed = false;
  /** The title the proposal record holds (what the console's list shows). */
  private recordTitle: string | null;

  private constructor(
    readonly id: string,
    private readonly options: DocumentOptions,
    stored: Awaited<ReturnType<ProposalStore['loadDoc']>>,
    recordTitle: string | null,
  ) {
    this.recordTitle = recordTitle;
    this.awareness.setLocalState(null);
    Y.transact(this.doc, () => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
      for (const { update } of stored.updates) Y.applyUpdate(this.doc, update);
    }, 'load');
    this.nextSeq = stored.lastSeq + 1;
    this.appendsSinceSnapshot = stored.updates.length;
    this.sizeBound = (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((sum, u) => sum + u.update.byteLength, 0);
    this.lastVersionAt = options.now();
    this.doc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwareness);
  }

  /** Loads the stored document: one snapshot read and one range read. */
  static async load(id: string, options: DocumentOptions): Promise<ProposalDocument> {
    const [stored, record] = await Promise.all([options.store.loadDoc(id), options.store.getProposal(id)]);
    return new ProposalDocument(id, options, stored, record?.title ?? null);
  }

  addPeer(peer: DocumentPeer): void {
    this.peers.add(peer);
    this.awarenessIds.set(peer, new Set());
  }

  /** Removes a peer and its presence (others see its caret go). */
  removePeer(peer: DocumentPeer): void {
    this.peers.delete(peer);
    const ids = this.awarenessIds.get(peer);
    this.awarenessIds.delete(peer);
    if (ids && ids.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], null);
  }

  /**
   * Applies a peer's (already validated) update, unless it would push the document over the
   * size limit or depends on changes the document does not have: then nothing is applied.
   */
  applyPeerUpdate(update: Uint8Array, origin: DocumentPeer): UpdateRefusal | null {
    // Yjs would park such an update in pendingStructs/pendingDs: no update event, so neither
    // persisted nor counted against the size limit, and kept in memory for good.
    if (hasMissingDependencies(this.doc, update)) return 'missing_dependencies';
    const max = this.options.docMaxBytes ?? PROPOSAL_DOC_MAX_BYTES;
    if (this.sizeBound + update.byteLength > max) {
      // The bound may be loose (deleted text, merged updates): measure before refusing.
      this.sizeBound = Y.encodeStateAsUpdate(this.doc).byteLength;
      if (this.sizeBound + update.byteLength > max) return 'document_too_large';
    }
    Y.applyUpdate(this.doc, update, origin);
    return null;
  }

  /**
   * Applies a peer's awareness update (presence is never stored), fully decoded first. A peer
   * speaks only for the client ids it announced itself, at most AWARENESS_CLIENT_IDS_PER_CONNECTION
   * (a member's new connection may take over its own id from a lingering old one). Entries that
   * change nothing (y-websocket providers echo every peer's presence back with the clock we sent)
   * are dropped; a newer entry for anybody else's id is refused, and then nothing is applied.
   */
  applyAwareness(update: Uint8Array, origin: DocumentPeer): AwarenessRefusal | null {
    const entries = decodeAwarenessEntries(update);
    const own = this.awarenessIds.get(origin);
    if (!entries) return 'malformed';
    if (!own) return 'foreign_client';
    const claimed = new Set(own);
    const takenOver: Set<number>[] = [];
    const accepted: AwarenessEntry[] = [];
    for (const entry of entries) {
      const { client, clock, state } = entry;
      if (claimed.has(client)) {
        accepted.push(entry);
        continue;
      }
      const known = this.awareness.meta.get(client);
      if ((known && clock <= known.clock) || (!known && state === 'null')) continue; // nothing new
      if (client === this.awareness.clientID || claimed.size >= AWARENESS_CLIENT_IDS_PER_CONNECTION) return 'foreign_client';
      const holder = this.announcedBy(client, origin);
      if (holder && holder[0].user.memberId !== origin.user.memberId) return 'foreign_client';
      if (holder) takenOver.push(holder[1]);
      claimed.add(client);
      accepted.push(entry);
    }
    for (const ids of takenOver) for (const id of claimed) ids.delete(id);
    for (const id of claimed) own.add(id);
    if (accepted.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), origin);
    return null;
  }

  /** The other peer that announced `id`, if any. */
  private announcedBy(id: number, peer: DocumentPeer): [DocumentPeer, Set<number>] | null {
    for (const [other, ids] of this.awarenessIds) if (other !== peer && ids.has(id)) return [other, ids];
    return null;
  }

  /** Tells every connected client to refetch a list (custom message 100). */
  notify(event: ProposalEvent): void {
    this.broadcast(proposalEventMessage(event));
  }

  /**
   * Makes the title and sections equal to those of `state` (a stored version) in one
   * transaction, which every client receives as an ordinary update. Only what differs is
   * deleted and inserted (see restoreContent), so comments on shared text stay anchored.
   */
  applyVersion(state: Uint8Array, sectionKeys: readonly string[]): void {
    const source = new Y.Doc();
    Y.applyUpdate(source, state);
    Y.transact(this.doc, () => restoreContent(this.doc, source, sectionKeys), 'restore');
    source.destroy();
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
        this.options.log(`proposal ${this.id}: pruning automatic versions failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.changedSinceVersion = false;
    this.lastVersionAt = this.options.now();
    this.notify({ kind: 'versions' });
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
      if (this.appendsSinceSnapshot > 0) await this.compact();
      if (this.changedSinceVersion) await this.saveVersion('auto', autoVersionName(this.options.now()), null);
    });
  }

  /** Stops timers and listeners; the document must not be used afterwards. */
  destroy(): void {
    this.destroyed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.doc.off('update', this.onUpdate);
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
    this.doc.destroy();
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  /** True when every change received is on disk. */
  get persisted(): boolean {
    return this.pending.length === 0 && this.flushTimer === null;
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    const message = updateMessage(update);
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
    if (origin === 'load') return;
    this.pending.push(update);
    this.sizeBound += update.byteLength;
    this.changedSinceVersion = true;
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      void this.enqueue(() => this.writePending());
    }, this.options.persistDebounceMs ?? DOC_PERSIST_DEBOUNCE_MS);
  };

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const peer = this.peerOf(origin);
    if (peer) {
      // Names, colours and roles come from the member record, never from the client.
      for (const id of [...added, ...updated]) {
        const state = this.awareness.states.get(id);
        if (state) state['user'] = { ...peer.user };
      }
    }
    const changed = [...added, ...updated, ...removed];
    if (changed.length > 0) this.broadcast(awarenessMessage(this.awareness, changed));
  };

  private peerOf(origin: unknown): DocumentPeer | undefined {
    for (const peer of this.peers) if (peer === origin) return peer;
    return undefined;
  }

  private broadcast(message: Uint8Array): void {
    for (const peer of this.peers) peer.send(message);
  }

  /** Runs writes one at a time, in order; a failed write never breaks the chain. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work).catch((error: unknown) => {
      this.options.log(`proposal ${this.id}: write failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.chain = next;
    return next;
  }

  private async writePending(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const merged = batch.length === 1 ? (batch[0] as Uint8Array) : Y.mergeUpdates(batch);
    const seq = this.nextSeq;
    try {
      await this.options.store.appendUpdate(this.id, seq, merged);
    } catch (error) {
      // Kept for the next attempt, in front of anything received meanwhile.
      this.pending.unshift(merged);
      if (error instanceof StoreConflictError) {
        // Another writer took this number: a bug to be loud about, but never lose the edit.
        this.options.log(`proposal ${this.id}: update #${seq} already stored by another writer; appending after it`);
        this.nextSeq++;
      }
      this.scheduleRetry();
      throw error;
    }
    this.retryMs = RETRY_FIRST_MS;
    this.nextSeq = seq + 1;
    this.appendsSinceSnapshot++;
    await this.syncRecordTitle();
    const compactAfter = this.options.compactAfterUpdates ?? DOC_COMPACT_AFTER_UPDATES;
    if (this.appendsSinceSnapshot >= compactAfter) await this.compact();
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
      this.options.log(`proposal ${this.id}: title not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Folds the log into a snapshot. The snapshot may hold changes not appended yet; they are
   * appended later under higher numbers and applying them twice is harmless in Yjs.
   */
  private async compact(): Promise<void> {
    const state = Y.encodeStateAsUpdate(this.doc);
    await this.options.store.compactDoc(this.id, state, this.nextSeq - 1);
    this.appendsSinceSnapshot = 0;
    this.sizeBound = state.byteLength + this.pending.reduce((sum, u) => sum + u.byteLength, 0);
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
 * True when `update` needs changes `doc` does not have (a gap in a client's clocks, an origin,
 * parent or deletion beyond what the document and the update hold together): Yjs would keep it
 * pending instead of applying it.
 */
export function hasMissingDependencies(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const available = Y.decodeStateVector(Y.encodeStateVector(doc));
  const byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  for (const [client, list] of byClient) {
    let next = available.get(client) ?? 0;
    for (const struct of list.sort((a, b) => a.id.clock - b.id.clock)) {
      if (struct.id.clock > next) return true;
      // A Skip is a hole: the structs after it are missing their predecessors.
      if (!(struct instanceof Y.Skip)) next = Math.max(next, struct.id.clock + struct.length);
    }
    available.set(client, next);
  }
  const has = (id: Y.ID | null) => id === null || id.clock < (available.get(id.client) ?? 0);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (!has(struct.origin) || !has(struct.rightOrigin)) return true;
    if (struct.parent instanceof Y.ID && !has(struct.parent)) return true;
  }
  for (const [client, deletes] of ds.clients) {
    for (const { clock, len } of deletes) if (clock + len > (available.get(client) ?? 0)) return true;
  }
  return false;
}

interface AwarenessEntry {
  client: number;
  clock: number;
  /** The state as JSON (already parsed once to check it). */
  state: string;
}

/** The entries of an awareness update, null when it is malformed (states must be JSON). */
function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const entry = { client: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), state: decoding.readVarString(decoder) };
      JSON.parse(entry.state);
      entries.push(entry);
    }
    return decoding.hasContent(decoder) ? null : entries;
  } catch {
    return null;
  }
}

function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { client, clock, state } of entries) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * The live title as one line of at most PROPOSAL_TITLE_MAX_CHARS characters, cleaned like every
 * other line of text (no control or bidi characters), since the console lists it.
 */
export function recordTitleOf(live: string): string {
  const chars = [...cleanLine(live)];
  return chars.length <= PROPOSAL_TITLE_MAX_CHARS ? chars.join('') : `${chars.slice(0, PROPOSAL_TITLE_MAX_CHARS - 1).join('')}…`;
}

function autoVersionName(now: number): string {
  return `Auto ${new Date(now).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
