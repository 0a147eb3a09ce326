import type * as Y from 'yjs';

/** One edit turning `before` into `after`: delete `remove` characters at `index`, insert `insert`. */
export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

/**
 * The smallest single edit from `before` to `after` (common prefix and suffix kept), in UTF-16
 * code units like Y.Text. An input field reports its whole new value; sending only the changed
 * span keeps concurrent typing by others intact. Never splits a surrogate pair.
 */
export function textEdit(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < max - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end++;
  }
  // Keep surrogate pairs whole: step back off a low surrogate.
  if (start > 0 && isLowSurrogate(before.charCodeAt(start))) start--;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The title is one paragraph: each line break (CRLF counts as one) becomes a space. */
export function singleLine(value: string): string {
  return value.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
}

/** Applies what the input field now says to the shared text, as one transaction. */
export function applyInputValue(text: Y.Text, value: string, origin: unknown): void {
  const edit = textEdit(text.toString(), value);
  if (edit === null) return;
  text.doc?.transact(() => {
    if (edit.remove > 0) text.delete(edit.index, edit.remove);
    if (edit.insert !== '') text.insert(edit.index, edit.insert);
  }, origin);
}

/** A Y.Text change as Yjs reports it (`event.delta`). */
export type TextDelta = { insert?: unknown; delete?: number; retain?: number }[];

/**
 * Where a caret at `index` is after someone else's change: text inserted before it pushes it
 * right, text deleted before it pulls it left (`retain`/`delete` count in the old text). Keeps the local caret still while others type.
 */
export function mapIndexThroughDelta(index: number, delta: TextDelta): number {
  let cursor = 0;
  let mapped = index;
  for (const op of delta) {
    if (cursor > index) break;
    if (op.retain !== undefined) {
      cursor += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      // Text typed exactly at the caret lands after it: the caret stays where its owner left it.
      if (cursor < index) mapped += length;
    } else if (op.delete !== undefined) {
      const removed = Math.min(op.delete, Math.max(0, index - cursor));
      mapped -= removed;
      cursor += op.delete;
    }
  }
  return Math.max(0, mapped);
}
