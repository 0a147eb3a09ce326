import { useCallback, useState } from 'react';
import type { Editor } from '@tiptap/react';
import type { CommentAnchor, ProposalComment } from '@ideasphere/shared';
import type { Collab } from '../collab/useCollab';
import type { PanelKind } from '../SidePanel';
import { anchorForSelection } from './selectionAnchor';
import { useSelectionWatch, type SectionSelection } from './useSelectionWatch';

interface CommentFlowOptions {
  editors: () => ReadonlyMap<string, Editor>;
  collab: Collab | null;
  /** Selecting text offers "Comment": for those who may comment, and not while a past version is shown. */
  enabled: boolean;
  openPanel: (kind: PanelKind) => void;
  closeSheet: () => void;
}

/** Between the text and the comments panel: the selection, the draft being written, the comment in focus. */
export interface CommentFlow {
  selection: SectionSelection | null;
  /**
   * The selection "Comment" floats beside: one the browser shows, while no comment is being
   * written and not the one just commented on. Null hides the button.
   */
  floating: SectionSelection | null;
  /** The passage a new comment is being written about, or null. */
  draft: CommentAnchor | null;
  /** The draft is done: posted, or cancelled. A posted passage no longer offers "Comment". */
  finishDraft: (posted: boolean) => void;
  activeComment: string | null;
  /** A highlight in the text was clicked: show its comment in the panel. */
  onActivateComment: (commentId: string) => void;
  /** "Comment" on the selection: anchor a draft to it and open the comments panel. */
  startComment: () => void;
  /** A comment in the panel was clicked: scroll to its passage (closing the sheet on a phone). */
  showComment: (comment: ProposalComment) => void;
}

export function useCommentFlow({ editors, collab, enabled, openPanel, closeSheet }: CommentFlowOptions): CommentFlow {
  const [activeComment, setActiveComment] = useState<string | null>(null);
  const [draft, setDraft] = useState<CommentAnchor | null>(null);
  const selection = useSelectionWatch(editors, enabled);
  /** The selection the draft was started from, then (once posted) the one not to offer again. */
  const [drafted, setDrafted] = useState<SelectedRange | null>(null);
  const [commented, setCommented] = useState<SelectedRange | null>(null);

  // Selecting anything else (or nothing) ends the "just commented" state (adjusted while
  // rendering, as React advises for state that follows other state).
  if (commented && !sameRange(selection, commented)) setCommented(null);

  const onActivateComment = useCallback(
    (commentId: string) => {
      setActiveComment(commentId);
      openPanel('comments');
    },
    [openPanel],
  );

  const startComment = useCallback(() => {
    if (!collab || !selection) return;
    const editor = editors().get(selection.key);
    const anchor = editor ? anchorForSelection(editor, collab.doc, selection.key) : null;
    if (!anchor) return;
    setDraft(anchor);
    setDrafted({ key: selection.key, from: selection.from, to: selection.to });
    openPanel('comments');
  }, [collab, selection, editors, openPanel]);

  const showComment = useCallback(
    (comment: ProposalComment) => {
      setActiveComment(comment.id);
      const editor = editors().get(comment.anchor.section);
      const mark = editor?.view.dom.querySelector(`[data-comment-id="${CSS.escape(comment.id)}"]`);
      mark?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      closeSheet();
    },
    [editors, closeSheet],
  );

  const finishDraft = useCallback(
    (posted: boolean) => {
      setDraft(null);
      if (posted) setCommented(drafted);
      setDrafted(null);
    },
    [drafted],
  );

  const floating = selection?.shown && draft === null && !sameRange(selection, commented) ? selection : null;
  return { selection, floating, draft, finishDraft, activeComment, onActivateComment, startComment, showComment };
}

type SelectedRange = Pick<SectionSelection, 'key' | 'from' | 'to'>;

function sameRange(a: SelectedRange | null, b: SelectedRange | null): boolean {
  return a !== null && b !== null && a.key === b.key && a.from === b.from && a.to === b.to;
}
