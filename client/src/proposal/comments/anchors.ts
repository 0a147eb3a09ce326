import * as Y from 'yjs';

/**
 * Comment anchors: ProseMirror positions ⇄ Yjs relative positions on a section's XmlFragment.
 *
 * A ProseMirror position counts, inside the fragment's content, one for every element's opening
 * and closing tag, one for a leaf element (hard break, rule) and one per character. The same
 * walk y-tiptap's `absolutePositionToRelativePosition` does, on the Y types alone, so a comment
 * can be anchored and re-resolved from the Y.Doc without a mounted editor (and unit-tested).
 * A relative position points at an item of the CRDT, so it stays on "its" character while text
 * is inserted or deleted around it; a deleted character resolves to where it was.
 */

/** Tells which element names are ProseMirror leaves (size 1, no content). */
export type IsLeaf = (nodeName: string) => boolean;

const DEFAULT_LEAVES = new Set(['hardBreak', 'horizontalRule', 'image']);
export const defaultIsLeaf: IsLeaf = (name) => DEFAULT_LEAVES.has(name);

type Child = Y.XmlElement | Y.XmlText;

function childrenOf(parent: Y.XmlFragment | Y.XmlElement): Child[] {
  return parent.toArray().filter((child): child is Child => child instanceof Y.XmlElement || child instanceof Y.XmlText);
}

/** Measures ProseMirror sizes of Y nodes, memoised for one walk. */
class Sizer {
  private readonly cache = new Map<Child, number>();
  constructor(private readonly isLeaf: IsLeaf) {}

  size(node: Child): number {
    if (node instanceof Y.XmlText) return node.length;
    const known = this.cache.get(node);
    if (known !== undefined) return known;
    const size = this.isLeaf(node.nodeName) ? 1 : 2 + this.contentSize(node);
    this.cache.set(node, size);
    return size;
  }

  contentSize(parent: Y.XmlFragment | Y.XmlElement): number {
    let total = 0;
    for (const child of childrenOf(parent)) total += this.size(child);
    return total;
  }
}

/** The ProseMirror size of a fragment's content (the doc's `content.size`). */
export function fragmentContentSize(fragment: Y.XmlFragment, isLeaf: IsLeaf = defaultIsLeaf): number {
  return new Sizer(isLeaf).contentSize(fragment);
}

/**
 * The relative position of ProseMirror position `pos` in `fragment`. `assoc` 0 sticks to the
 * character after the position (a comment's start), -1 to the one before (its end), so typing
 * right at a comment's edge does not stretch it.
 */
export function relativeFromAbsolute(
  fragment: Y.XmlFragment,
  pos: number,
  assoc: 0 | -1 = 0,
  isLeaf: IsLeaf = defaultIsLeaf,
): Y.RelativePosition {
  const sizer = new Sizer(isLeaf);
  let parent: Y.XmlFragment | Y.XmlElement = fragment;
  let rest = Math.max(0, pos);
  for (;;) {
    const children = childrenOf(parent);
    let entered: Y.XmlElement | null = null;
    for (const [index, child] of children.entries()) {
      if (child instanceof Y.XmlText) {
        if (rest <= child.length) return Y.createRelativePositionFromTypeIndex(child, rest, assoc);
        rest -= child.length;
        continue;
      }
      if (rest === 0) return Y.createRelativePositionFromTypeIndex(parent, index, assoc);
      const size = sizer.size(child);
      if (rest < size && !isLeaf(child.nodeName)) {
        entered = child;
        rest -= 1;
        break;
      }
      rest -= size;
    }
    if (entered === null) return Y.createRelativePositionFromTypeIndex(parent, parent.length, assoc);
    parent = entered;
  }
}

function isInside(type: Y.AbstractType<unknown>, root: Y.XmlFragment): boolean {
  let current: Y.AbstractType<unknown> | null = type;
  while (current !== null) {
    if (current === root) return true;
    const item: Y.Item | null = current._item;
    if (item === null) return false;
    if (item.deleted) return false;
    current = item.parent instanceof Y.AbstractType ? item.parent : null;
  }
  return false;
}

/**
 * Where a relative position is now, as a ProseMirror position in `fragment`'s document; null
 * when it is not in this fragment (or its whole block was deleted).
 */
export function absoluteFromRelative(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  relative: Y.RelativePosition,
  isLeaf: IsLeaf = defaultIsLeaf,
): number | null {
  const resolved = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  if (resolved === null || !isInside(resolved.type, fragment)) return null;
  const sizer = new Sizer(isLeaf);
  let pos: number;
  let type = resolved.type as Y.XmlFragment | Y.XmlElement | Y.XmlText;
  if (type instanceof Y.XmlText) {
    pos = resolved.index;
  } else {
    pos = 0;
    for (const child of childrenOf(type).slice(0, resolved.index)) pos += sizer.size(child);
  }
  while (type !== fragment) {
    const parent = type._item?.parent;
    if (!(parent instanceof Y.XmlFragment || parent instanceof Y.XmlElement)) return null;
    for (const sibling of childrenOf(parent)) {
      if (sibling === type) break;
      pos += sizer.size(sibling);
    }
    // Entering an element costs its opening tag; a text node has none.
    if (!(type instanceof Y.XmlText)) pos += 1;
    type = parent;
  }
  return pos;
}

/** base64 of `Y.encodeRelativePosition`, as the API stores anchors. */
export function encodeRelative(position: Y.RelativePosition): string {
  let binary = '';
  for (const byte of Y.encodeRelativePosition(position)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The inverse of `encodeRelative`; null for anything that is not a valid position. */
export function decodeRelative(base64: string): Y.RelativePosition | null {
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return Y.decodeRelativePosition(bytes);
  } catch {
    return null;
  }
}

/** A resolved passage: `from` < `to` in the section's ProseMirror document. */
export interface ResolvedRange {
  from: number;
  to: number;
}

/**
 * Resolves an anchor's start and end to a passage now. Null when it is gone (its text deleted,
 * so start and end met) or not in this section.
 */
export function resolveAnchor(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  anchor: { start: string; end: string },
  isLeaf: IsLeaf = defaultIsLeaf,
): ResolvedRange | null {
  const start = decodeRelative(anchor.start);
  const end = decodeRelative(anchor.end);
  if (start === null || end === null) return null;
  const from = absoluteFromRelative(doc, fragment, start, isLeaf);
  const to = absoluteFromRelative(doc, fragment, end, isLeaf);
  if (from === null || to === null || to <= from) return null;
  return { from, to };
}
