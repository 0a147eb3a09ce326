import { useEffect, useState } from 'react';
import type { Editor } from '@tiptap/react';
import { freeBand, type Band, type Box } from './floatPlacement';
import { selectedRange } from './selectionAnchor';

/** A non-empty selection inside one section editor, with where it is on screen. */
export interface SectionSelection {
  key: string;
  /** The selected range (ProseMirror positions): tells one selection from another. */
  from: number;
  to: number;
  /**
   * The browser shows it: a live selection in this editor, not only the one the editor keeps
   * while the focus is elsewhere (the toolbar, the comment form).
   */
  shown: boolean;
  rect: Box;
  /** The window's band below the sticky header, when the selection was measured. */
  band: Band;
}

/**
 * Follows the browser's selection and tells which section editor it is in (works in read-only
 * editors too), so "Comment" can appear next to the selected passage. Measured again on
 * scroll and resize, so the button follows the passage.
 */
export function useSelectionWatch(editors: () => ReadonlyMap<string, Editor>, enabled: boolean): SectionSelection | null {
  const [selection, setSelection] = useState<SectionSelection | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let frame = 0;
    const check = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        for (const [key, editor] of editors()) {
          const range = editor.isDestroyed ? null : selectedRange(editor);
          if (!range) continue;
          const dom = window.getSelection();
          const live = dom && dom.rangeCount > 0 ? dom.getRangeAt(0) : null;
          const shown = live !== null && !live.collapsed && editor.view.dom.contains(live.commonAncestorContainer);
          const box = shown ? live.getBoundingClientRect() : editor.view.coordsAtPos(range.from);
          const rect = { top: box.top, bottom: box.bottom, left: box.left, width: 'width' in box ? box.width : 0 };
          setSelection({ key, from: range.from, to: range.to, shown, rect, band: freeBand() });
          return;
        }
        setSelection(null);
      });
    };
    document.addEventListener('selectionchange', check);
    window.addEventListener('scroll', check, { passive: true });
    window.addEventListener('resize', check, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', check);
      window.removeEventListener('scroll', check);
      window.removeEventListener('resize', check);
    };
  }, [editors, enabled]);
  return enabled ? selection : null;
}
