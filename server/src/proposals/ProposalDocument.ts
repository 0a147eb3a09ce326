import {
  AWARENESS_CLIENT_IDS_PER_CONNECTION,
  PROPOSAL_DOC_MAX_BYTES,
  type ProposalEvent,
  type VersionKind,
} from '@ideasphere/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { ProposalRecord, ProposalStore, VersionRecord } from '../store/ProposalStore.js';
import { type ClusterMessage, REMOTE_ORIGIN } from './clusterMessages.js';
import { DocumentPersistence, type PersistenceOptions } from './DocumentPersistence.js';
import { type ShapeRefusal, checkUpdateShape, dropUnsupportedContent, proposalRoots } from './documentShape.js';
import { restoreContent } from './restoreContent.js';
import { appendIdeaList, type SeedIdea } from './seedDocument.js';
import { LOAD_ORIGIN, type ReadDocument, readStoredDocument } from './storedDocument.js';
import { awarenessMessage, proposalEventMessage, updateMessage } from './yjsMessages.js';
import type { DocumentChannel } from './YjsCluster.js';

/** Persistence tuning plus the document's own limits; tests shorten the intervals. */
export interface DocumentOptions extends PersistenceOptions {
  docMaxBytes?: number;
  /** Connections one document may have (default PROPOSAL_CONNECTIONS_MAX; across processes with scale-out). */
  connectionsMax?: number;
}

/** What a document needs of a connection to it. */
export interface DocumentPeer {
  send(message: Uint8Array): void;
  /** The member behind the connection, as awareness shows them to others. */
  readonly user: { name: string; color: string; memberId: string; role: string };
}

/** Why an update was refused; nothing was applied. */
export type UpdateRefusal = 'document_too_large' | 'missing_dependencies' | ShapeRefusal;

/** An update fully decoded (see decodeCheckedUpdate). */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** The origin of the deletions that clean a stored document on load (see dropUnsupportedContent). */
const REPAIR_ORIGIN = 'repair';

/** Why an awareness update was refused; nothing was applied. */
export type AwarenessRefusal = 'malformed' | 'foreign_client';

/**
 * One loaded proposal document: the Y.Doc and the awareness of everyone connected. Changes are
 * relayed to every other peer at once and handed to its {@link DocumentPersistence}. Updates
 * from peers are applied only in the document's shape (see documentShape.ts); a stored
 * document that breaks it loads anyway, without what breaks it.
 */
export class ProposalDocument {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<DocumentPeer>();
  /** Connections and HTTP actions using the document; it unloads when this drops to zero. */
  holders = 0;
  /** Bumped by every acquire: an unload drops the document only if nobody took it meanwhile. */
  generation = 0;
  /** The root names the template uses: the title and one fragment per section. */
  private readonly roots: ReadonlySet<string>;
  /** The awareness client ids each peer announced (kept until it leaves, so it cannot churn ids). */
  private readonly awarenessIds = new Map<DocumentPeer, Set<number>>();
  private readonly persistence: DocumentPersistence;
  private destroyed = false;

  private constructor(
    readonly id: string,
    private readonly options: DocumentOptions,
    stored: Awaited<ReturnType<ProposalStore['loadDoc']>>,
    record: ProposalRecord | null,
    /** The document's Redis channel when other processes may hold it too (scale-out). */
    private readonly channel: DocumentChannel | null,
  ) {
    const read = readStoredDocument(stored);
    this.doc = read.doc;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.roots = proposalRoots(record?.template.map((section) => section.key) ?? []);
    const bytes = (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((sum, u) => sum + u.update.byteLength, 0);
    this.persistence = new DocumentPersistence(
      id,
      this.doc,
      options,
      // A log with an unreadable update is never compacted: compaction would delete it.
      { lastSeq: stored.lastSeq, updates: stored.updates.length, bytes, recordTitle: record?.title ?? null, keepLog: read.unreadable.length > 0 },
      () => this.notify({ kind: 'versions' }),
      channel ? { exclusive: (work) => channel.exclusiveWrite(work) } : null,
    );
    this.doc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwareness);
    this.repair(read, record !== null);
  }

  /** Loads the stored document: one snapshot read and one range read. */
  static async load(id: string, options: DocumentOptions, channel: DocumentChannel | null = null): Promise<ProposalDocument> {
    const [stored, record] = await Promise.all([options.store.loadDoc(id), options.store.getProposal(id)]);
    return new ProposalDocument(id, options, stored, record, channel);
  }

  /**
   * Deletes what breaks the shape from a freshly loaded document, as ordinary edits that are
   * stored (the next compaction leaves it out for good), and says loudly what it found.
   */
  private repair(read: ReadDocument, knowsTemplate: boolean): void {
    const { log } = this.options;
    if (read.unreadable.length > 0) {
      log.error({ proposal: this.id, unreadable: read.unreadable }, 'stored updates could not be read: loaded without them, kept in the store, log not compacted');
    }
    if (read.droppedPending) log.warn({ proposal: this.id }, 'stored changes with missing dependencies were dropped on load');
    if (!knowsTemplate) {
      log.warn({ proposal: this.id }, 'no proposal record: the stored document is loaded as it is');
      return;
    }
    const dropped = dropUnsupportedContent(this.doc, this.roots, REPAIR_ORIGIN);
    if (dropped.items > 0) {
      log.warn(
        { proposal: this.id, unsupported: dropped.unsupported, tooDeep: dropped.tooDeep, items: dropped.items },
        'the stored document broke its shape: the offending items were deleted, and the deletion is stored',
      );
    }
  }

  /** Called once a write leaves every change on disk (the manager then unloads an idle document). */
  get onPersisted(): (() => void) | null {
    return this.persistence.onPersisted;
  }

  set onPersisted(callback: (() => void) | null) {
    this.persistence.onPersisted = callback;
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
   * Applies a peer's (already decoded) update, unless it depends on changes the document does
   * not have, breaks the document's shape or would push it over the size limit: then nothing
   * is applied.
   */
  applyPeerUpdate(update: Uint8Array, decoded: DecodedUpdate, origin: DocumentPeer): UpdateRefusal | null {
    // Yjs would park such an update in pendingStructs/pendingDs: no update event, so neither
    // persisted nor counted against the size limit, and kept in memory for good.
    if (hasMissingDependencies(this.doc, decoded)) return 'missing_dependencies';
    const shape = checkUpdateShape(this.doc, decoded.structs, this.roots);
    if (shape) return shape;
    const max = this.options.docMaxBytes ?? PROPOSAL_DOC_MAX_BYTES;
    // The bound may be loose (deleted text, merged updates): measure before refusing.
    if (this.persistence.sizeBound + update.byteLength > max && this.persistence.measureSize() + update.byteLength > max) {
      return 'document_too_large';
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

  /** Tells every connected client, on every process, to refetch a list (custom message 100). */
  notify(event: ProposalEvent): void {
    this.notifyPeers(event);
    this.channel?.publish({ kind: 'event', event });
  }

  /** Tells this process's clients only. */
  notifyPeers(event: ProposalEvent): void {
    this.broadcast(proposalEventMessage(event));
  }

  /** Asks the other processes holding the document for what it lacks (after loading, or after Redis came back). */
  requestSync(): void {
    this.channel?.publish({ kind: 'sync-request', stateVector: Y.encodeStateVector(this.doc) });
  }

  /**
   * A message from another process holding the document. Its changes were checked there (role,
   * shape, size) and are applied as they are, even past the size limit: refusing one would
   * split the document in two (so the limit may be overshot by what several processes accept
   * at the same moment). They go to this process's clients, and are neither published nor
   * appended again.
   */
  receiveRemote(from: string, message: ClusterMessage): void {
    switch (message.kind) {
      case 'update':
        this.applyRemoteUpdate(message.update);
        return;
      case 'sync-reply':
        if (message.to === this.channel?.nodeId) this.applyRemoteUpdate(message.update);
        return;
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, REMOTE_ORIGIN);
        return;
      case 'sync-request': {
        const update = Y.encodeStateAsUpdate(this.doc, message.stateVector);
        this.channel?.publish({ kind: 'sync-reply', to: from, update });
        const own = [...this.awarenessIds.values()].flatMap((ids) => [...ids]).filter((id) => this.awareness.meta.has(id));
        if (own.length > 0) this.channel?.publish({ kind: 'awareness', update: awarenessProtocol.encodeAwarenessUpdate(this.awareness, own) });
        return;
      }
      case 'event':
      case 'close-member':
        return; // the manager's (see DocumentManager)
    }
  }

  private applyRemoteUpdate(update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    } catch (error) {
      this.options.log.error({ err: error, proposal: this.id }, 'update from another process could not be applied');
    }
  }

  /**
   * Makes the title and sections equal to those of `source` (a stored version, read with
   * readVersion) in one transaction, which every client receives as an ordinary update. Only
   * what differs is deleted and inserted (see restoreContent), so comments on shared text stay
   * anchored.
   */
  applyVersion(source: Y.Doc, sectionKeys: readonly string[]): void {
    Y.transact(this.doc, () => restoreContent(this.doc, source, sectionKeys), 'restore');
  }

  /** Appends source ideas to the solution section in one transaction every client receives. */
  appendIdeas(ideas: readonly SeedIdea[], sectionKeys: readonly string[]): void {
    Y.transact(this.doc, () => appendIdeaList(this.doc, sectionKeys, ideas), 'promote');
  }

  /** Saves the current state as a version. */
  saveVersion(kind: VersionKind, name: string, createdBy: string | null): Promise<VersionRecord> {
    return this.persistence.saveVersion(kind, name, createdBy);
  }

  /** Writes everything received so far; resolves once it is on disk. */
  flush(): Promise<void> {
    return this.persistence.flush();
  }

  /**
   * The last write before unloading or shutdown: pending updates, a compaction if the log grew,
   * and an automatic version if the text changed since the last one.
   */
  finalWrite(): Promise<void> {
    return this.persistence.finalWrite();
  }

  /** Stops timers and listeners; the document must not be used afterwards. */
  destroy(): void {
    this.destroyed = true;
    this.persistence.destroy();
    this.doc.off('update', this.onUpdate);
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
    this.doc.destroy();
    this.channel?.leave();
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  /** True when every change received is on disk. */
  get persisted(): boolean {
    return this.persistence.persisted;
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    const message = updateMessage(update);
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
    if (origin === LOAD_ORIGIN) return;
    if (origin === REMOTE_ORIGIN) {
      this.persistence.recordRemote(update);
      return;
    }
    this.persistence.record(update);
    this.channel?.publish({ kind: 'update', update });
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
    if (changed.length === 0) return;
    this.broadcast(awarenessMessage(this.awareness, changed));
    // Presence of this process's clients (and their leaving) is theirs to share; entries that
    // timed out here time out on every process by themselves.
    if (this.channel && origin !== REMOTE_ORIGIN && origin !== 'timeout') {
      this.channel.publish({ kind: 'awareness', update: awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed) });
    }
  };

  private peerOf(origin: unknown): DocumentPeer | undefined {
    for (const peer of this.peers) if (peer === origin) return peer;
    return undefined;
  }

  private broadcast(message: Uint8Array): void {
    for (const peer of this.peers) peer.send(message);
  }
}

/**
 * True when an update needs changes `doc` does not have (a gap in a client's clocks, an origin,
 * parent or deletion beyond what the document and the update hold together): Yjs would keep it
 * pending instead of applying it.
 */
export function hasMissingDependencies(doc: Y.Doc, { structs, ds }: DecodedUpdate): boolean {
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
