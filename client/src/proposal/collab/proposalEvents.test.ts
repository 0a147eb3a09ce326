import { describe, expect, it } from 'vitest';
import { readProposalEvent, readVarUint } from './proposalEvents';

/** Encodes like lib0's `writeVarString`. */
function varString(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  const out: number[] = [];
  let n = bytes.length;
  while (n > 0x7f) {
    out.push(0x80 | (n & 0x7f));
    n >>>= 7;
  }
  out.push(n);
  return [...out, ...bytes];
}

describe('proposal event message (type 100)', () => {
  it('reads the kind of a refetch event', () => {
    expect(readProposalEvent({ arr: new Uint8Array(varString('{"kind":"comments"}')), pos: 0 })).toBe('comments');
    expect(readProposalEvent({ arr: new Uint8Array(varString(JSON.stringify({ kind: 'restored', extra: 'x'.repeat(300) }))), pos: 0 })).toBe('restored');
  });

  it('ignores unknown kinds, bad JSON and truncated messages', () => {
    expect(readProposalEvent({ arr: new Uint8Array(varString('{"kind":"party"}')), pos: 0 })).toBeNull();
    expect(readProposalEvent({ arr: new Uint8Array(varString('nope')), pos: 0 })).toBeNull();
    expect(readProposalEvent({ arr: new Uint8Array([5, 1]), pos: 0 })).toBeNull();
  });

  it('reads multi-byte varUints', () => {
    expect(readVarUint({ arr: new Uint8Array([0xac, 0x02]), pos: 0 })).toBe(300);
  });
});
