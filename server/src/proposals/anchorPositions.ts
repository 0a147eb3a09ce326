import * as Y from 'yjs';

/**
 * Where comment anchors are now in one section, as ProseMirror positions: one per element
 * tag, one per leaf element (hard break, rule, image), one per character. The client's
 * `comments/anchors.ts` counts the same way to highlight a passage; the export counts here so
 * that `shared` (and the phone's bundle) stays free of Yjs.
 */

/** Element names ProseMirror counts as one position with no content. */
export const LEAVES: ReadonlySet<string> = new Set(['hardBreak', 'horizontalRule', 'image']);

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;

/** The positions of one section's nodes, measured in one walk. */
export class SectionPositions {
  /** Where each node starts: an element at its opening tag, a text at its first character. */
  private readonly starts = new Map<Node, number>();
  /** Where the content of the fragment and of each element ends (before a closing tag). */
  private readonly contentEnds = new Map<Y.XmlFragment | Y.XmlElement, number>();

  constructor(
    private readonly doc: Y.Doc,
    fragment: Y.XmlFragment,
  ) {
    this.measure(fragment, 0);
  }

  private measure(parent: Y.XmlFragment | Y.XmlElement, start: number): number {
    let pos = start;
    for (const child of parent.toArray()) {
      this.starts.set(child, pos);
      if (child instanceof Y.XmlText) pos += child.length;
      else if (child instanceof Y.XmlElement && !LEAVES.has(child.nodeName)) pos = this.measure(child, pos + 1) + 1;
      else pos += 1;
    }
    this.contentEnds.set(parent, pos);
    return pos;
  }

  /**
   * Where base64 `Y.encodeRelativePosition` is now; null when it does not decode, or points
   * outside this section (another section, or inside a block that was deleted).
   */
  resolve(base64: string): number | null {
    let absolute: Y.AbsolutePosition | null;
    try {
      absolute = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(base64, 'base64')), this.doc);
    } catch {
      return null;
    }
    if (absolute === null) return null;
    const { type, index } = absolute;
    if (type instanceof Y.XmlText) {
      const start = this.starts.get(type);
      return start === undefined ? null : start + index;
    }
    if (!(type instanceof Y.XmlFragment || type instanceof Y.XmlElement)) return null;
    const end = this.contentEnds.get(type);
    if (end === undefined) return null;
    const child = type.toArray()[index];
    return child === undefined ? end : (this.starts.get(child) ?? null);
  }

  /**
   * The passage an anchor marks now, `from` < `to`; null when it is gone: its text was deleted
   * (start and end met), or its block was. The same rule as the client's "passage deleted".
   */
  passage(anchor: { start: string; end: string }): { from: number; to: number } | null {
    const from = this.resolve(anchor.start);
    const to = this.resolve(anchor.end);
    return from === null || to === null || to <= from ? null : { from, to };
  }
}
