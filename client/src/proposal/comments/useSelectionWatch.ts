import { useEffect, useState } from 'react';
import type { Editor } from '@tiptap/react';
import { selectedRange } from './selectionAnchor';

/** A non-empty selection inside one section editor, with where it is on screen. */
export interface SectionSelection {
  key: string;
  rect: { top: number; left: number; bottom: number; width: number };
}

/**
 * Follows the browser's selection and tells which section editor it is in (works in read-only
 * editors too), so "Comment" can appear next to the selected passage.
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
          if (editor.isDestroyed || !selectedRange(editor)) continue;
          const dom = window.getSelection();
          const range = dom && dom.rangeCount > 0 ? dom.getRangeAt(0) : null;
          const box = range && !range.collapsed ? range.getBoundingClientRect() : editor.view.coordsAtPos(editor.state.selection.from);
          setSelection({ key, rect: { top: box.top, left: box.left, bottom: box.bottom, width: 'width' in box ? box.width : 0 } });
          return;
        }
        setSelection(null);
      });
    };
    document.addEventListener('selectionchange', check);
    window.addEventListener('scroll', check, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', check);
      window.removeEventListener('scroll', check);
    };
  }, [editors, enabled]);
  return enabled ? selection : null;
}
