import { Extension } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type * as Y from 'yjs';
import { resolveAnchor, type IsLeaf } from '../comments/anchors';

/** A comment's passage as the editor highlights it. */
export interface HighlightAnchor {
  id: string;
  start: string;
  end: string;
}

interface HighlightState {
  anchors: readonly HighlightAnchor[];
  active: string | null;
  decorations: DecorationSet;
}

type HighlightMeta = { anchors?: readonly HighlightAnchor[]; active?: string | null };

export const commentHighlightKey = new PluginKey<HighlightState>('commentHighlights');

export interface CommentHighlightOptions {
  doc: Y.Doc | null;
  fragment: Y.XmlFragment | null;
  /** A highlighted passage was clicked: show its thread. */
  onActivate: (commentId: string) => void;
}

function leafTest(state: EditorState): IsLeaf {
  return (name) => state.schema.nodes[name]?.isLeaf ?? false;
}

function build(state: EditorState, options: CommentHighlightOptions, anchors: readonly HighlightAnchor[], active: string | null): DecorationSet {
  const { doc, fragment } = options;
  if (!doc || !fragment) return DecorationSet.empty;
  const max = state.doc.content.size;
  const isLeaf = leafTest(state);
  const decorations: Decoration[] = [];
  for (const anchor of anchors) {
    const range = resolveAnchor(doc, fragment, anchor, isLeaf);
    if (!range || range.to > max) continue;
    decorations.push(
      Decoration.inline(range.from, range.to, {
        class: anchor.id === active ? 'comment-mark comment-mark-active' : 'comment-mark',
        'data-comment-id': anchor.id,
      }, { commentId: anchor.id }),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

/**
 * Highlights commented passages. Each comment is anchored by Yjs relative positions, resolved
 * again from the Y.Doc whenever a change arrives through Yjs (someone else typed, a restore);
 * local typing maps the highlights through the transaction (the Y.Doc catches up just after).
 */
export const CommentHighlights = Extension.create<CommentHighlightOptions>({
  name: 'commentHighlights',

  addOptions() {
    return { doc: null, fragment: null, onActivate: () => undefined };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<HighlightState>({
        key: commentHighlightKey,
        state: {
          init: () => ({ anchors: [], active: null, decorations: DecorationSet.empty }),
          apply(tr: Transaction, value: HighlightState, _old: EditorState, state: EditorState): HighlightState {
            const meta = tr.getMeta(commentHighlightKey) as HighlightMeta | undefined;
            if (meta || isChangeOrigin(tr)) {
              const anchors = meta?.anchors ?? value.anchors;
              const active = meta?.active !== undefined ? meta.active : value.active;
              return { anchors, active, decorations: build(state, options, anchors, active) };
            }
            if (!tr.docChanged) return value;
            return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) };
          },
        },
        props: {
          decorations: (state) => commentHighlightKey.getState(state)?.decorations ?? DecorationSet.empty,
          handleClick: (view, pos) => {
            const found = commentHighlightKey.getState(view.state)?.decorations.find(pos, pos) ?? [];
            const commentId = (found[0]?.spec as { commentId?: string } | undefined)?.commentId;
            if (commentId) options.onActivate(commentId);
            return false;
          },
        },
      }),
    ];
  },
});
