import { PROPOSAL_VALUE_DEPTH_MAX } from '@ideasphere/shared';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/**
 * Reading Yjs updates without recursion. lib0's `readAny` (node attributes, ContentAny) and
 * Yjs's `JSON.stringify` of marks recurse once per nesting level: a 10 KB value nested 5,000
 * levels deep was accepted, then overflowed the stack wherever it was read or written again.
 * These decoders read values with an explicit stack and bound their depth.
 */

/** A value nested deeper than PROPOSAL_VALUE_DEPTH_MAX in an update being checked. */
export class ValueTooDeepError extends Error {
  constructor() {
    super(`a value is nested deeper than ${PROPOSAL_VALUE_DEPTH_MAX} levels`);
    this.name = 'ValueTooDeepError';
  }
}

/**
 * Stands in, in a loaded document, for a value nested deeper than the limit; the document's
 * cleanup finds it and deletes the item that holds it.
 */
export const CUT_VALUE: Readonly<Record<string, never>> = Object.freeze({});

type TooDeep = 'throw' | 'cut';

interface Frame {
  /** Null while the container is being skipped (it is beyond the depth limit). */
  container: unknown[] | Record<string, unknown> | null;
  isObject: boolean;
  /** Entries still to read. */
  left: number;
}

/**
 * lib0's `readAny` with an explicit stack: the same encoding, but a container nested deeper than
 * `maxDepth` throws {@link ValueTooDeepError} (`'throw'`) or is read past and replaced by
 * {@link CUT_VALUE} (`'cut'`). Object keys become own properties (never `__proto__`).
 */
export function readBoundedAny(decoder: decoding.Decoder, maxDepth: number, tooDeep: TooDeep): unknown {
  const stack: Frame[] = [];
  let result: unknown;
  for (;;) {
    const parent = stack[stack.length - 1];
    const key = parent?.isObject ? decoding.readVarString(decoder) : '';
    const tag = decoding.readUint8(decoder);
    let value: unknown;
    let frame: Frame | null = null;
    switch (tag) {
      case 127:
        value = undefined;
        break;
      case 126:
        value = null;
        break;
      case 125:
        value = decoding.readVarInt(decoder);
        break;
      case 124:
        value = decoding.readFloat32(decoder);
        break;
      case 123:
        value = decoding.readFloat64(decoder);
        break;
      case 122:
        value = decoding.readBigInt64(decoder);
        break;
      case 121:
        value = false;
        break;
      case 120:
        value = true;
        break;
      case 119:
        value = decoding.readVarString(decoder);
        break;
      case 116:
        value = decoding.readVarUint8Array(decoder);
        break;
      case 118:
      case 117: {
        const isObject = tag === 118;
        const left = decoding.readVarUint(decoder);
        if (parent && parent.container === null) {
          frame = { container: null, isObject, left };
        } else if (stack.length >= maxDepth) {
          if (tooDeep === 'throw') throw new ValueTooDeepError();
          frame = { container: null, isObject, left };
          value = CUT_VALUE;
        } else {
          const container = isObject ? {} : [];
          frame = { container, isObject, left };
          value = container;
        }
        break;
      }
      default:
        throw new Error(`unknown value type ${String(tag)}`);
    }
    if (!parent) result = value;
    else {
      if (Array.isArray(parent.container)) parent.container.push(value);
      else if (parent.container) Object.defineProperty(parent.container, key, { value, enumerable: true, writable: true, configurable: true });
      parent.left--;
    }
    if (frame) stack.push(frame);
    while (stack.length > 0 && (stack[stack.length - 1] as Frame).left === 0) stack.pop();
    if (stack.length === 0) return result;
  }
}

/** The nesting depth of a JSON-like value (a primitive is 0), counted up to `limit + 1` at most. */
export function valueDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [current, depth] = next;
    if (current === null || typeof current !== 'object' || current instanceof Uint8Array) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** A parsed mark or embed (V1 stores them as JSON text; JSON.parse itself does not recurse). */
function boundedJson(text: string, tooDeep: TooDeep): unknown {
  const value: unknown = JSON.parse(text);
  if (valueDepth(value, PROPOSAL_VALUE_DEPTH_MAX) <= PROPOSAL_VALUE_DEPTH_MAX) return value;
  if (tooDeep === 'throw') throw new ValueTooDeepError();
  return CUT_VALUE;
}

/** Decodes an update for checking: a value nested too deep throws {@link ValueTooDeepError}. */
export class CheckedUpdateDecoder extends Y.UpdateDecoderV1 {
  override readAny(): unknown {
    return readBoundedAny(this.restDecoder, PROPOSAL_VALUE_DEPTH_MAX, 'throw');
  }

  override readJSON(): unknown {
    return boundedJson(decoding.readVarString(this.restDecoder), 'throw');
  }
}

/** Decodes a stored update for loading: a value nested too deep becomes {@link CUT_VALUE}. */
export class LoadingUpdateDecoder extends Y.UpdateDecoderV1 {
  override readAny(): unknown {
    return readBoundedAny(this.restDecoder, PROPOSAL_VALUE_DEPTH_MAX, 'cut');
  }

  override readJSON(): unknown {
    return boundedJson(decoding.readVarString(this.restDecoder), 'cut');
  }
}

/** The structs and delete set of an update, fully decoded; throws when it is malformed or too deep. */
export function decodeCheckedUpdate(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> {
  return Y.decodeUpdateV2(update, CheckedUpdateDecoder);
}
