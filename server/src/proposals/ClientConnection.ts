import {
  YJS_CLOSE,
  YJS_LOAD_QUEUE_MAX_BYTES,
  YJS_LOAD_QUEUE_MAX_MESSAGES,
  YJS_MESSAGE_MAX_BYTES,
  YJS_PING_INTERVAL_MS,
} from '@ideasphere/shared';
import type { WebSocket } from 'ws';
import type { DocumentManager } from './DocumentManager.js';
import type { ProposalAccess, ProposalPrincipal } from './ProposalAccess.js';
import type { ProposalDocument } from './ProposalDocument.js';
import { type CloseReason, YjsConnection } from './YjsConnection.js';
import type { Log } from '../logger.js';

/** What a client connection needs of the server around it. */
export interface ClientConnectionDeps {
  access: ProposalAccess;
  documents: DocumentManager;
  log: Log;
  /** True once the server is shutting down. */
  isClosing: () => boolean;
}

type RawMessage = Buffer | ArrayBuffer | Buffer[];

/**
 * One upgraded /yjs socket, from the upgrade to its close (the token was checked during the
 * upgrade). It takes one of the document's connection slots before it awaits anything, loads
 * the document while holding back what the client sends (at most YJS_LOAD_QUEUE_MAX_MESSAGES
 * messages and YJS_LOAD_QUEUE_MAX_BYTES; more closes with 4529 load_queue_full), looks at the
 * member again once it is tracked, then hands the socket to a {@link YjsConnection} and replays
 * the held messages. A socket that stops answering pings is dropped. Whatever it holds (slot,
 * document, tracking, timer) is given back exactly once, whichever side closes and whenever.
 */
export class ClientConnection {
  private queue: [RawMessage, boolean][] = [];
  private queuedBytes = 0;
  private slotHeld = false;
  /** A slot of the cross-process count (scale-out), held for the connection's whole life. */
  private sharedSlotHeld = false;
  private document: ProposalDocument | null = null;
  private connection: YjsConnection | null = null;
  private ping: NodeJS.Timeout | null = null;
  private alive = true;
  /** The connection joined its document: messages go straight to it. */
  private started = false;
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly principal: ProposalPrincipal,
    private readonly deps: ClientConnectionDeps,
  ) {}

  private get proposalId(): string {
    return this.principal.proposal.id;
  }

  /** Runs the connection; never rejects (failures close the socket and are logged). */
  async open(): Promise<void> {
    try {
      await this.establish();
    } catch (error) {
      this.deps.log.error({ err: error, proposal: this.proposalId }, 'yjs connection failed');
      this.close(YJS_CLOSE.goingAway);
    }
  }

  private async establish(): Promise<void> {
    if (this.deps.isClosing()) {
      this.close(YJS_CLOSE.goingAway);
      return;
    }
    // The slot is taken before anything is awaited, so a burst cannot exceed the cap.
    const { documents } = this.deps;
    if (!documents.reserveSlot(this.proposalId, documents.connectionsMax)) {
      this.close(YJS_CLOSE.full);
      return;
    }
    this.slotHeld = true;
    this.socket.on('message', this.onMessage);
    this.socket.on('error', () => this.socket.terminate());
    this.socket.on('pong', () => (this.alive = true));
    this.socket.once('close', this.onSocketClose);
    this.ping = setInterval(this.checkAlive, YJS_PING_INTERVAL_MS);
    // Other processes' connections count too (messages are held meanwhile, as during the load).
    if (documents.sharesSlots && !(await this.reserveSharedSlot())) return;

    try {
      this.document = await this.deps.documents.acquire(this.proposalId);
    } catch (error) {
      this.deps.log.error({ err: error, proposal: this.proposalId }, 'proposal document load failed');
      this.close(YJS_CLOSE.loadFailed);
      return;
    }
    if (this.closed || this.deps.isClosing()) {
      // Shutting down: the document's final write may be under way, so nothing may reach it.
      this.close(YJS_CLOSE.goingAway);
      return;
    }
    const connection = new YjsConnection(this.socket, this.document, this.principal.member);
    this.connection = connection;
    this.deps.documents.track(this.proposalId, connection);
    this.releaseSlot(); // the tracked connection holds it now

    // The member may have been removed or changed role since the token was checked: closeMember
    // only reaches tracked connections, so look again now that this one is.
    if (this.principal.isMemberRecord && !(await this.memberStillAllowed())) return;
    if (this.closed || connection.isClosed) return;
    if (this.deps.isClosing()) {
      this.close(YJS_CLOSE.goingAway);
      return;
    }
    const held = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    this.started = true;
    connection.start();
    for (const [data, isBinary] of held) connection.handleMessage(data, isBinary);
  }

  /** False (and the socket closed) when every process together holds the document's cap. */
  private async reserveSharedSlot(): Promise<boolean> {
    const taken = await this.deps.documents.reserveSharedSlot(this.proposalId, this.deps.documents.connectionsMax);
    if (taken && this.closed) this.deps.documents.releaseSharedSlot(this.proposalId);
    if (this.closed) return false;
    if (!taken) {
      this.close(YJS_CLOSE.full);
      return false;
    }
    this.sharedSlotHeld = true;
    return true;
  }

  /** False (and the socket closed) when the member was removed or changed role meanwhile. */
  private async memberStillAllowed(): Promise<boolean> {
    const { member } = this.principal;
    let role;
    try {
      role = await this.deps.access.currentRole(this.proposalId, member.id);
    } catch (error) {
      this.deps.log.error({ err: error, proposal: this.proposalId }, 'proposal member check failed');
      this.close(YJS_CLOSE.goingAway);
      return false;
    }
    if (role === null) this.close(YJS_CLOSE.unauthorized);
    else if (role !== member.role) this.close(YJS_CLOSE.roleChanged);
    return role === member.role;
  }

  private readonly onMessage = (data: RawMessage, isBinary: boolean): void => {
    if (this.closed) return;
    if (this.started && this.connection) {
      this.connection.handleMessage(data, isBinary);
      return;
    }
    // Held until the document is loaded and the member checked: nothing is answered before.
    const bytes = byteLengthOf(data);
    if (bytes > YJS_MESSAGE_MAX_BYTES) {
      this.close(YJS_CLOSE.messageTooBig);
      return;
    }
    if (this.queue.length >= YJS_LOAD_QUEUE_MAX_MESSAGES || this.queuedBytes + bytes > YJS_LOAD_QUEUE_MAX_BYTES) {
      this.deps.log.warn({ proposal: this.proposalId, messages: this.queue.length + 1 }, 'closing a connection that sent too much while its document loaded');
      this.close(YJS_CLOSE.loadQueueFull);
      return;
    }
    this.queue.push([data, isBinary]);
    this.queuedBytes += bytes;
  };

  private readonly checkAlive = (): void => {
    if (!this.alive) {
      this.socket.terminate();
      return;
    }
    this.alive = false;
    this.socket.ping();
  };

  private readonly onSocketClose = (): void => {
    this.connection?.closedByPeer();
    this.closed = true;
    this.release();
  };

  /** Closes the socket with a code and reason and gives back what the connection holds. */
  private close(reason: CloseReason): void {
    if (this.connection && !this.connection.isClosed) this.connection.close(reason);
    else if (!this.closed) this.socket.close(reason.code, reason.reason);
    this.closed = true;
    this.release();
  }

  /** Gives back the slot, the tracking and the document, each once. */
  private release(): void {
    if (this.ping) clearInterval(this.ping);
    this.ping = null;
    this.queue = [];
    this.queuedBytes = 0;
    this.releaseSlot();
    if (this.sharedSlotHeld) {
      this.sharedSlotHeld = false;
      this.deps.documents.releaseSharedSlot(this.proposalId);
    }
    if (this.connection) {
      this.deps.documents.untrack(this.proposalId, this.connection);
      this.connection = null;
    }
    if (this.document) {
      this.deps.documents.release(this.document);
      this.document = null;
    }
  }

  private releaseSlot(): void {
    if (!this.slotHeld) return;
    this.slotHeld = false;
    this.deps.documents.releaseSlot(this.proposalId);
  }
}

function byteLengthOf(data: RawMessage): number {
  if (Array.isArray(data)) return data.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  return data.byteLength;
}

