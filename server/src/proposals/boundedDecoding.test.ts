import { PROPOSAL_VALUE_DEPTH_MAX } from '@ideasphere/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { nestedArrayBytes } from '../testing/yjsClients.js';
import { CUT_VALUE, ValueTooDeepError, readBoundedAny, valueDepth } from './boundedDecoding.js';

function written(value: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeAny(encoder, value as Parameters<typeof encoding.writeAny>[1]);
  return encoding.toUint8Array(encoder);
}

function read(bytes: Uint8Array, maxDepth: number, tooDeep: 'throw' | 'cut'): { value: unknown; rest: boolean } {
  const decoder = decoding.createDecoder(bytes);
  const value = readBoundedAny(decoder, maxDepth, tooDeep);
  return { value, rest: decoding.hasContent(decoder) };
}

describe('readBoundedAny', () => {
  it("reads what lib0's writeAny wrote, exactly as lib0's readAny does", () => {
    const values: unknown[] = [
      null,
      undefined,
      true,
      false,
      0,
      -7,
      2 ** 40,
      1.5,
      0.1,
      123456789n,
      'plain',
      '能耗 🌱',
      new Uint8Array([1, 2, 3]),
      [],
      {},
      { href: 'https://example.com', target: null, rel: 'noopener', class: null },
      [1, [2, [3, { deep: ['x', { y: [true] }] }]], 'end'],
      { level: 3, nested: { a: [], b: {}, c: [[[]]] } },
    ];
    for (const value of values) {
      const bytes = written(value);
      expect(read(bytes, PROPOSAL_VALUE_DEPTH_MAX, 'throw')).toEqual({ value: decoding.readAny(decoding.createDecoder(bytes)), rest: false });
    }
  });

  it('allows maxDepth levels; one more throws ValueTooDeepError, or is cut and read past', () => {
    expect(read(nestedArrayBytes(4), 4, 'throw').value).toEqual([[[[]]]]);
    expect(() => read(nestedArrayBytes(5), 4, 'throw')).toThrow(ValueTooDeepError);
    // ['a', [[[[[[]]]]]], 'z'] read with a limit of 3: the fourth array and all inside it are cut.
    const cut = read(new Uint8Array([117, 3, ...written('a'), ...nestedArrayBytes(6), ...written('z')]), 3, 'cut');
    expect(cut).toEqual({ value: ['a', [[CUT_VALUE]], 'z'], rest: false });
    expect((cut.value as unknown[])[1]).not.toBe(CUT_VALUE);
    expect(((cut.value as unknown[][][])[1]?.[0]?.[0])).toBe(CUT_VALUE);
  });

  it('reads a value nested a million levels deep without overflowing the stack', () => {
    const bytes = nestedArrayBytes(1_000_000);
    expect(() => decoding.readAny(decoding.createDecoder(bytes))).toThrow(RangeError);
    expect(() => read(bytes, PROPOSAL_VALUE_DEPTH_MAX, 'throw')).toThrow(ValueTooDeepError);
    expect(read(bytes, PROPOSAL_VALUE_DEPTH_MAX, 'cut').rest).toBe(false);
  });

  it('throws on truncated or unknown bytes instead of looping', () => {
    expect(() => read(nestedArrayBytes(3).slice(0, -1), 8, 'cut')).toThrow();
    expect(() => read(new Uint8Array([117, 200, 200, 200, 1]), 8, 'cut')).toThrow();
    expect(() => read(new Uint8Array([42]), 8, 'cut')).toThrow();
  });

  it('keeps a __proto__ key as data', () => {
    const bytes = new Uint8Array([118, 1, ...written('__proto__').slice(1), ...written({ polluted: true })]);
    const value = read(bytes, 8, 'throw').value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
  });
});

describe('valueDepth', () => {
  it('counts containers and stops counting past the limit', () => {
    expect(valueDepth('x', 4)).toBe(0);
    expect(valueDepth({ a: [1, { b: [] }] }, 8)).toBe(4);
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(valueDepth(deep, 16)).toBe(17);
  });
});
