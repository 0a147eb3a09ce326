import { PROPOSAL_CONNECTIONS_MAX, YJS_CLOSE, type ProposalEvent } from '@ideasphere/shared';
import { type DocumentOptions, ProposalDocument } from './ProposalDocument.js';
import type { ClusterEnvelope } from './clusterMessages.js';
import type { CloseReason, YjsConnection } from './YjsConnection.js';
import type { YjsCluster } from './YjsCluster.js';

/**
 * The loaded proposal documents of this process. A document is loaded (awaited) before anyone
 * uses it, so no sync reply ever comes from a half-loaded document, and it is dropped only
 * after its final write has finished and nobody came back meanwhile: the two races of the
 * reference server's persistence hooks cannot happen here.
 *
 * With a {@link YjsCluster} (scale-out), a loaded document is also joined to its Redis channel:
 * subscribed before the store is read (so nothing published meanwhile is missed), then asking
 * the other holders for what they have that the store did not (their unwritten changes). Member
 * closes and events reach the document's clients on every process. The connection cap is
 * counted per process here and across processes by the cluster's shared slots.
 */
export class DocumentManager {
  private readonly documents = new Map<string, Promise<ProposalDocument>>();
  private readonly connections = new Map<string, Set<YjsConnection>>();
  private readonly unloading = new Set<Promise<void>>();
  private readonly reserved = new Map<string, number>();

  constructor(
    private readonly options: DocumentOptions,
    private readonly cluster: YjsCluster | null = null,
  ) {
    // Messages published while Redis was away are gone: every loaded document asks again.
    cluster?.onReconnect(() => {
      for (const loading of this.documents.values()) void loading.then((document) => document.requestSync(), () => undefined);
    });
  }

  /** Connections one document may have. */
  get connectionsMax(): number {
    return this.options.connectionsMax ?? PROPOSAL_CONNECTIONS_MAX;
  }

  /** True when connections are also counted across processes ({@link reserveSharedSlot}). */
  get sharesSlots(): boolean {
    return this.cluster !== null;
  }

  /** The loaded document, loading it if needed; pair every call with {@link release}. */
  async acquire(id: string): Promise<ProposalDocument> {
    let loading = this.documents.get(id);
    if (!loading) {
      loading = this.cluster ? this.loadJoined(id, this.cluster) : ProposalDocument.load(id, this.options);
      this.documents.set(id, loading);
      loading.catch(() => this.documents.delete(id));
    }
    const document = await loading;
    // It may have unloaded while we waited: then load it afresh.
    if (document.isDestroyed) return this.acquire(id);
    document.holders++;
    document.generation++;
    return document;
  }

  release(document: ProposalDocument): void {
    document.holders--;
    if (document.holders > 0) return;
    this.startUnload(document);
  }

  /** Runs `work` on the loaded document (loading it for the time being if nobody has it open). */
  async with<T>(id: string, work: (document: ProposalDocument) => Promise<T> | T): Promise<T> {
    const document = await this.acquire(id);
    try {
      return await work(document);
    } finally {
      this.release(document);
    }
  }

  /** Number of connections to a document (for the per-document cap). */
  connectionCount(id: string): number {
    return this.connections.get(id)?.size ?? 0;
  }

  /**
   * Takes one of a document's `max` connection slots synchronously, before the connection
   * awaits anything, so a burst cannot exceed the cap; false when all are taken. Give it back
   * with {@link releaseSlot} once the connection is tracked (or failed).
   */
  reserveSlot(id: string, max: number): boolean {
    const reserved = this.reserved.get(id) ?? 0;
    if (this.connectionCount(id) + reserved >= max) return false;
    this.reserved.set(id, reserved + 1);
    return true;
  }

  /**
   * Takes one of the document's `max` slots across every process (after {@link reserveSlot});
   * give it back with {@link releaseSharedSlot} when the connection ends.
   */
  reserveSharedSlot(id: string, max: number): Promise<boolean> {
    return this.cluster ? this.cluster.slots.reserve(id, max) : Promise.resolve(true);
  }

  releaseSharedSlot(id: string): void {
    this.cluster?.slots.release(id);
  }

  releaseSlot(id: string): void {
    const reserved = (this.reserved.get(id) ?? 0) - 1;
    if (reserved > 0) this.reserved.set(id, reserved);
    else this.reserved.delete(id);
  }

  track(proposalId: string, connection: YjsConnection): void {
    let set = this.connections.get(proposalId);
    if (!set) this.connections.set(proposalId, (set = new Set()));
    set.add(connection);
  }

  untrack(proposalId: string, connection: YjsConnection): void {
    const set = this.connections.get(proposalId);
    set?.delete(connection);
    if (set?.size === 0) this.connections.delete(proposalId);
  }

  /** Closes a member's connections (role changed or removed), on every process. */
  closeMember(proposalId: string, memberId: string, reason: CloseReason): void {
    this.closeLocalMember(proposalId, memberId, reason);
    this.cluster?.publish(proposalId, { kind: 'close-member', memberId, reason: reason.reason });
  }

  /** Custom message 100 to everyone on the document, on every process that has it loaded. */
  notify(proposalId: string, event: ProposalEvent): void {
    void this.documents.get(proposalId)?.then((document) => document.notifyPeers(event), () => undefined);
    this.cluster?.publish(proposalId, { kind: 'event', event });
  }

  private closeLocalMember(proposalId: string, memberId: string, reason: CloseReason): void {
    for (const connection of [...(this.connections.get(proposalId) ?? [])]) {
      if (connection.member.id === memberId) connection.close(reason);
    }
  }

  /** Loads a document other processes may hold too, joined to its channel. */
  private async loadJoined(id: string, cluster: YjsCluster): Promise<ProposalDocument> {
    const channel = await cluster.join(id);
    let document: ProposalDocument;
    try {
      document = await ProposalDocument.load(id, this.options, channel);
    } catch (error) {
      channel.leave();
      throw error;
    }
    channel.attach((envelope) => this.receive(document, envelope));
    document.requestSync();
    return document;
  }

  private receive(document: ProposalDocument, { from, message }: ClusterEnvelope): void {
    if (document.isDestroyed) return;
    switch (message.kind) {
      case 'event':
        document.notifyPeers(message.event);
        return;
      case 'close-member': {
        const reason = Object.values(YJS_CLOSE).find((known) => known.reason === message.reason);
        if (reason) this.closeLocalMember(document.id, message.memberId, reason);
        return;
      }
      default:
        document.receiveRemote(from, message);
    }
  }

  /** Shutdown: closes every connection (clients reconnect elsewhere), then writes everything. */
  async close(): Promise<void> {
    for (const set of this.connections.values()) for (const connection of [...set]) connection.close(YJS_CLOSE.goingAway);
    const loaded = await Promise.allSettled(this.documents.values());
    await Promise.all(
      loaded.map(async (result) => {
        if (result.status === 'fulfilled') await result.value.finalWrite();
      }),
    );
    await Promise.allSettled(this.unloading);
  }

  private startUnload(document: ProposalDocument): void {
    const unload = this.unload(document);
    this.unloading.add(unload);
    void unload.finally(() => this.unloading.delete(unload));
  }

  private async unload(document: ProposalDocument): Promise<void> {
    // An unload drops the document only if nobody acquired it since: otherwise a later unload
    // (whose writes are still queued) owns that decision.
    const generation = document.generation;
    const stillIdle = () => document.holders === 0 && document.generation === generation && !document.isDestroyed;
    await document.finalWrite();
    if (!stillIdle()) return;
    if (!document.persisted) {
      // The store is failing: never drop unsaved edits. The retry timer keeps writing; the
      // document unloads after a write succeeded, if nobody took it meanwhile.
      document.onPersisted = () => {
        document.onPersisted = null;
        if (stillIdle()) this.startUnload(document);
      };
      return;
    }
    const current = this.documents.get(document.id);
    if (!current) return;
    if ((await current) !== document || !stillIdle() || !document.persisted) return;
    this.documents.delete(document.id);
    document.destroy();
  }
}
