import type { Editor } from '@tiptap/react';
import type { CommentAnchor } from '@ideasphere/shared';
import { COMMENT_QUOTE_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { truncateGraphemes } from '@ideasphere/shared/text.js';
import { sectionFragmentName } from '@ideasphere/shared/proposalModel.js';
import type * as Y from 'yjs';
import { encodeRelative, relativeFromAbsolute } from './anchors';

/**
 * The passage selected in an editor, as ProseMirror positions. Read from the browser's selection
 * so it works in read-only editors too (a commenter selects text they cannot change).
 */
export function selectedRange(editor: Editor): { from: number; to: number } | null {
  if (editor.isDestroyed) return null;
  const { from, to, empty } = editor.state.selection;
  if (editor.isEditable && !empty) return { from, to };
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const root = editor.view.dom;
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  try {
    const start = editor.view.posAtDOM(range.startContainer, range.startOffset);
    const end = editor.view.posAtDOM(range.endContainer, range.endOffset);
    return end > start ? { from: start, to: end } : null;
  } catch {
    return null;
  }
}

/** Trims a quote to what the API accepts, marking the cut (between characters, never inside one). */
export function shortQuote(text: string): string {
  return truncateGraphemes(text.replace(/\s+/g, ' ').trim(), COMMENT_QUOTE_MAX_CHARS);
}

/**
 * The anchor of a new comment on the selected passage of section `key`: relative positions
 * that stick to the passage's first and last characters, and its text as the quote.
 */
export function anchorForSelection(editor: Editor, doc: Y.Doc, key: string): CommentAnchor | null {
  const range = selectedRange(editor);
  if (!range) return null;
  const quote = shortQuote(editor.state.doc.textBetween(range.from, range.to, ' ', ' '));
  if (quote === '') return null;
  const fragment = doc.getXmlFragment(sectionFragmentName(key));
  const isLeaf = (name: string) => editor.schema.nodes[name]?.isLeaf ?? false;
  return {
    section: key,
    start: encodeRelative(relativeFromAbsolute(fragment, range.from, 0, isLeaf)),
    end: encodeRelative(relativeFromAbsolute(fragment, range.to, -1, isLeaf)),
    quote,
  };
}
