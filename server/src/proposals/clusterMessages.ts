import { PROPOSAL_EVENT_KINDS, type ProposalEvent } from '@ideasphere/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The origin of changes applied from other processes (and from the store during a shared
 * compaction): relayed to this process's clients, never published again nor appended again.
 */
export const REMOTE_ORIGIN = 'remote';

/**
 * The messages the server processes holding one proposal document exchange on its Redis channel
 * (`<keyPrefix>yjs:<proposalId>`), binary and lib0-encoded: the sender's node id (varString), the
 * kind (varUint), then the kind's fields. Updates and awareness are Yjs v1 encodings, exactly as
 * y-websocket carries them, so a process relays them without re-encoding. Only our own processes
 * write this channel; a message that does not decode is dropped (and logged) by the receiver.
 */
export type ClusterMessage =
  /** A document update the sender applied from one of its own clients or HTTP actions. */
  | { kind: 'update'; update: Uint8Array }
  /** An awareness update of the sender's own clients (joins, carets, leaves). */
  | { kind: 'awareness'; update: Uint8Array }
  /** The sender (re)loaded the document: holders answer with `sync-reply` and their clients' awareness. */
  | { kind: 'sync-request'; stateVector: Uint8Array }
  /** What the requester `to` lacks (a diff against its state vector). */
  | { kind: 'sync-reply'; to: string; update: Uint8Array }
  /** A custom message 100 for every client of the document (comments, members, versions…). */
  | { kind: 'event'; event: ProposalEvent }
  /** Close this member's connections (removed, or role changed) with the YJS_CLOSE reason named. */
  | { kind: 'close-member'; memberId: string; reason: string };

const KINDS = ['update', 'awareness', 'sync-request', 'sync-reply', 'event', 'close-member'] as const satisfies readonly ClusterMessage['kind'][];

/** A message as received: who sent it, and what. */
export interface ClusterEnvelope {
  from: string;
  message: ClusterMessage;
}

export function encodeClusterMessage(from: string, message: ClusterMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, from);
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind));
  switch (message.kind) {
    case 'update':
    case 'awareness':
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'sync-request':
      encoding.writeVarUint8Array(encoder, message.stateVector);
      break;
    case 'sync-reply':
      encoding.writeVarString(encoder, message.to);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'event':
      encoding.writeVarString(encoder, message.event.kind);
      break;
    case 'close-member':
      encoding.writeVarString(encoder, message.memberId);
      encoding.writeVarString(encoder, message.reason);
      break;
  }
  return encoding.toUint8Array(encoder);
}

/** The envelope, or null when the bytes are not one of our messages. */
export function decodeClusterMessage(bytes: Uint8Array): ClusterEnvelope | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    const from = decoding.readVarString(decoder);
    const message = readMessage(decoder, KINDS[decoding.readVarUint(decoder)]);
    return message && !decoding.hasContent(decoder) ? { from, message } : null;
  } catch {
    return null;
  }
}

function readMessage(decoder: decoding.Decoder, kind: ClusterMessage['kind'] | undefined): ClusterMessage | null {
  switch (kind) {
    case 'update':
    case 'awareness':
      return { kind, update: decoding.readVarUint8Array(decoder) };
    case 'sync-request':
      return { kind, stateVector: decoding.readVarUint8Array(decoder) };
    case 'sync-reply':
      return { kind, to: decoding.readVarString(decoder), update: decoding.readVarUint8Array(decoder) };
    case 'event': {
      const eventKind = decoding.readVarString(decoder);
      const known = PROPOSAL_EVENT_KINDS.find((k) => k === eventKind);
      return known ? { kind, event: { kind: known } } : null;
    }
    case 'close-member':
      return { kind, memberId: decoding.readVarString(decoder), reason: decoding.readVarString(decoder) };
    case undefined:
      return null;
  }
}
