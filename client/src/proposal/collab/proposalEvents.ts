import { PROPOSAL_EVENT_KINDS, type ProposalEventKind } from '@ideasphere/shared/proposalModel.js';

/** The part of lib0's decoder the custom message handler reads (`arr` and `pos`). */
export interface ByteReader {
  arr: Uint8Array;
  pos: number;
}

/** lib0's varUint: 7 bits per byte, low first, high bit = more. */
export function readVarUint(reader: ByteReader): number {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = reader.arr[reader.pos++];
    if (byte === undefined) throw new RangeError('unexpected end of message');
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return value;
    shift += 7;
    if (shift > 49) throw new RangeError('varUint too long');
  }
}

/** lib0's varString: a varUint byte length, then UTF-8. */
export function readVarString(reader: ByteReader): string {
  const length = readVarUint(reader);
  const end = reader.pos + length;
  if (end > reader.arr.length) throw new RangeError('unexpected end of message');
  const text = new TextDecoder().decode(reader.arr.subarray(reader.pos, end));
  reader.pos = end;
  return text;
}

/**
 * Reads the payload of a `MESSAGE_PROPOSAL_EVENT` (100) message: `{ kind }` as JSON. Unknown or
 * malformed payloads give null and are ignored, so a newer server does not break this page.
 */
export function readProposalEvent(reader: ByteReader): ProposalEventKind | null {
  try {
    const value: unknown = JSON.parse(readVarString(reader));
    if (typeof value !== 'object' || value === null) return null;
    const kind = (value as { kind?: unknown }).kind;
    return (PROPOSAL_EVENT_KINDS as readonly unknown[]).includes(kind) ? (kind as ProposalEventKind) : null;
  } catch {
    return null;
  }
}
