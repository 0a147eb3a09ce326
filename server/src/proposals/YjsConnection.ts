import {
  AWARENESS_BURST,
  AWARENESS_MESSAGE_MAX_BYTES,
  AWARENESS_UPDATES_PER_SECOND,
  YJS_CLOSE,
  YJS_MESSAGE_MAX_BYTES,
  YJS_SEND_BUFFER_MAX_BYTES,
  YJS_SYNC_REQUEST_BURST,
  YJS_SYNC_REQUESTS_PER_SECOND,
  mayEditDocument,
  type ProposalRole,
} from '@ideasphere/shared';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { TokenBucket } from '../realtime/TokenBucket.js';
import { ValueTooDeepError, decodeCheckedUpdate } from './boundedDecoding.js';
import type { DecodedUpdate, DocumentPeer, ProposalDocument } from './ProposalDocument.js';
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  awarenessMessage,
  syncStep1Message,
  syncStep2Message,
} from './yjsMessages.js';

export type CloseReason = (typeof YJS_CLOSE)[keyof typeof YJS_CLOSE];

/** Who is connected: derived from the token at the upgrade, never from the client's messages. */
export interface ConnectedMember {
  id: string;
  name: string;
  color: string;
  role: ProposalRole;
}

/** A protocol violation: the connection is closed with this code and reason. */
class Violation extends Error {
  constructor(readonly close: CloseReason) {
    super(close.reason);
  }
}

/**
 * One y-websocket connection to a loaded document. Every message is checked before it touches
 * the document: size, encoding (fully decoded first, so a malformed update cannot be half
 * applied, and its values without recursion), role (commenters and viewers may send nothing
 * that changes the document), the document's shape (documentShape.ts), document size, and the
 * awareness rate. A violation closes the connection with its code and reason and applies
 * nothing.
 */
export class YjsConnection implements DocumentPeer {
  private readonly awarenessBucket = new TokenBucket(AWARENESS_UPDATES_PER_SECOND, AWARENESS_BURST);
  /** Sync step 1 and query-awareness: each answer encodes the whole document or presence. */
  private readonly syncRequestBucket = new TokenBucket(YJS_SYNC_REQUESTS_PER_SECOND, YJS_SYNC_REQUEST_BURST);
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly document: ProposalDocument,
    readonly member: ConnectedMember,
  ) {}

  get user(): DocumentPeer['user'] {
    return { name: this.member.name, color: this.member.color, memberId: this.member.id, role: this.member.role };
  }

  /** Joins the document and starts the sync: our state vector, then everyone's presence. */
  start(): void {
    this.document.addPeer(this);
    this.send(syncStep1Message(this.document.doc));
    const states = [...this.document.awareness.getStates().keys()];
    if (states.length > 0) this.send(awarenessMessage(this.document.awareness, states));
  }

  send(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > YJS_SEND_BUFFER_MAX_BYTES) {
      this.close(YJS_CLOSE.tooSlow);
      return;
    }
    this.socket.send(message, (error) => {
      if (error) this.close(YJS_CLOSE.goingAway);
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Closes with a code and reason; the document forgets this peer at once. */
  close(reason: CloseReason): void {
    if (this.closed) return;
    this.closed = true;
    this.document.removePeer(this);
    this.socket.close(reason.code, reason.reason);
  }

  /** The socket closed (either side): leaves the document. */
  closedByPeer(): void {
    if (this.closed) return;
    this.closed = true;
    this.document.removePeer(this);
  }

  handleMessage(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    if (this.closed) return;
    try {
      if (!isBinary) throw new Violation(YJS_CLOSE.malformed);
      const bytes = toBytes(data);
      if (bytes.byteLength > YJS_MESSAGE_MAX_BYTES) throw new Violation(YJS_CLOSE.messageTooBig);
      this.dispatch(bytes);
    } catch (error) {
      this.close(error instanceof Violation ? error.close : YJS_CLOSE.malformed);
    }
  }

  private dispatch(bytes: Uint8Array): void {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        this.handleSync(decoder);
        return;
      case MESSAGE_AWARENESS: {
        if (!this.awarenessBucket.take()) throw new Violation(YJS_CLOSE.rateLimited);
        const update = readLast(decoder);
        if (update.byteLength > AWARENESS_MESSAGE_MAX_BYTES) throw new Violation(YJS_CLOSE.malformed);
        if (this.document.applyAwareness(update, this)) throw new Violation(YJS_CLOSE.malformed);
        return;
      }
      case MESSAGE_QUERY_AWARENESS:
        expectEnd(decoder);
        if (!this.syncRequestBucket.take()) throw new Violation(YJS_CLOSE.rateLimited);
        this.send(awarenessMessage(this.document.awareness, [...this.document.awareness.getStates().keys()]));
        return;
      default:
        // Auth (2) and our own event (100) only go server → client; anything else is unknown.
        throw new Violation(YJS_CLOSE.malformed);
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        const stateVector = readLast(decoder);
        if (!this.syncRequestBucket.take()) throw new Violation(YJS_CLOSE.rateLimited);
        Y.decodeStateVector(stateVector);
        this.send(syncStep2Message(this.document.doc, stateVector));
        return;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        const update = readLast(decoder);
        this.receiveUpdate(update);
        return;
      }
      default:
        throw new Violation(YJS_CLOSE.malformed);
    }
  }

  private receiveUpdate(update: Uint8Array): void {
    // Decoding the whole update first: Yjs integrates structs before it reads the delete set,
    // so a malformed tail would otherwise leave half an update applied. Values are read without
    // recursion and refused past PROPOSAL_VALUE_DEPTH_MAX.
    let decoded: DecodedUpdate;
    try {
      decoded = decodeCheckedUpdate(update);
    } catch (error) {
      throw new Violation(error instanceof ValueTooDeepError ? YJS_CLOSE.nestingTooDeep : YJS_CLOSE.malformed);
    }
    if (!mayEditDocument(this.member.role)) {
      // A read-only client's sync step 2 is "nothing new" (it may repeat deletions we have).
      if (Y.snapshotContainsUpdate(Y.snapshot(this.document.doc), update)) return;
      throw new Violation(YJS_CLOSE.readOnly);
    }
    const refusal = this.document.applyPeerUpdate(update, decoded, this);
    switch (refusal) {
      case null:
        return;
      case 'document_too_large':
        throw new Violation(YJS_CLOSE.documentTooLarge);
      case 'missing_dependencies':
        throw new Violation(YJS_CLOSE.malformed);
      case 'unsupported_content':
        throw new Violation(YJS_CLOSE.unsupportedContent);
      case 'nesting_too_deep':
        throw new Violation(YJS_CLOSE.nestingTooDeep);
    }
  }
}

/** A copy with a buffer of its own: ws may hand out views into a shared pool. */
function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return data instanceof ArrayBuffer ? new Uint8Array(data.slice(0)) : new Uint8Array(data);
}

/** Reads the final length-prefixed bytes of a message; anything after them is malformed. */
function readLast(decoder: decoding.Decoder): Uint8Array {
  const bytes = decoding.readVarUint8Array(decoder);
  expectEnd(decoder);
  return bytes;
}

function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new Violation(YJS_CLOSE.malformed);
}
