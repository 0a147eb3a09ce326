import { useCallback, useRef, useState } from 'react';
import type { Editor } from '@tiptap/react';

/** The page's section editors, as they mount, and the one the toolbar acts on. */
export interface SectionEditors {
  /** The mounted editors by section key; a stable function, so effects can read it when they run. */
  all: () => ReadonlyMap<string, Editor>;
  /** Given to each `SectionEditor`: its editor when ready, null when it unmounts. */
  onReady: (key: string, editor: Editor | null) => void;
  /** The editor that last had focus or a selection. */
  focused: Editor | null;
  onFocusEditor: (editor: Editor) => void;
}

export function useSectionEditors(): SectionEditors {
  const [focused, setFocused] = useState<Editor | null>(null);
  const editors = useRef(new Map<string, Editor>());
  const all = useCallback(() => editors.current, []);
  const onReady = useCallback((key: string, editor: Editor | null) => {
    if (editor) editors.current.set(key, editor);
    else editors.current.delete(key);
  }, []);
  const onFocusEditor = useCallback((editor: Editor) => setFocused(editor), []);
  return { all, onReady, focused, onFocusEditor };
}
