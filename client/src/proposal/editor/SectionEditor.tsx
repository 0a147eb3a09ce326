import { memo, useEffect, useMemo } from 'react';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { SectionSpec } from '@ideasphere/shared';
import { sectionFragmentName } from '@ideasphere/shared/proposalModel.js';
import { CommentHighlights, commentHighlightKey, type HighlightAnchor } from './commentHighlights';

/** Who I am to the other carets (CollaborationCaret writes it to awareness as `user`). */
export interface CaretUser {
  name: string;
  color: string;
  memberId: string;
  role: string;
}

interface SectionEditorProps {
  section: SectionSpec;
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: CaretUser;
  editable: boolean;
  placeholder: string;
  anchors: readonly HighlightAnchor[];
  activeComment: string | null;
  onActivateComment: (commentId: string) => void;
  /** This section's editor got focus or a selection: the toolbar acts on it. */
  onFocusEditor: (editor: Editor, section: SectionSpec) => void;
  onReady: (key: string, editor: Editor | null) => void;
}

/**
 * One section of the proposal: a TipTap editor bound to `doc.getXmlFragment('section:<key>')`,
 * with everyone's carets and the comment highlights. Read-only for commenters and viewers.
 */
export const SectionEditor = memo(function SectionEditor(props: SectionEditorProps) {
  const { section, doc, provider, user, editable, placeholder, anchors, activeComment, onActivateComment, onFocusEditor, onReady } = props;
  const fragment = useMemo(() => doc.getXmlFragment(sectionFragmentName(section.key)), [doc, section.key]);
  const headingId = `section-heading-${section.key}`;

  const editor = useEditor(
    {
      editable,
      extensions: [
        StarterKit.configure({
          // Yjs has its own undo manager, per person (Collaboration provides undo/redo).
          undoRedo: false,
          heading: { levels: [3, 4] },
          link: { openOnClick: false, autolink: true, defaultProtocol: 'https' },
        }),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({ provider, user }),
        CommentHighlights.configure({ doc, fragment, onActivate: onActivateComment }),
      ],
      editorProps: {
        attributes: {
          class: 'proposal-prose',
          'aria-labelledby': headingId,
          'data-testid': `section-editor-${section.key}`,
          'data-placeholder': placeholder,
        },
      },
      onFocus: ({ editor: focused }) => onFocusEditor(focused, section),
      onSelectionUpdate: ({ editor: selected }) => {
        if (selected.isFocused) onFocusEditor(selected, section);
      },
    },
    [fragment, provider],
  );

  useEffect(() => {
    onReady(section.key, editor);
    return () => onReady(section.key, null);
  }, [editor, onReady, section.key]);

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.commands.updateUser(user);
  }, [editor, user]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.view.dispatch(editor.state.tr.setMeta(commentHighlightKey, { anchors, active: activeComment }));
  }, [editor, anchors, activeComment]);

  return (
    <section className="proposal-section" data-testid="proposal-section" data-section={section.key} aria-labelledby={headingId}>
      <h2 id={headingId} className="proposal-section-heading" dir="auto">
        {section.heading}
      </h2>
      <EditorContent editor={editor} className="section-editor" data-editable={editable} />
    </section>
  );
});
