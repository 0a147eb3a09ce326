import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';
import type { Translator } from '../../lib/i18n';
import { useDialog } from '../../ui/useDialog';
import { BoldIcon, BulletListIcon, CommentIcon, HeadingIcon, ItalicIcon, LinkIcon, OrderedListIcon, RedoIcon, UndoIcon } from '../icons';

interface EditorToolbarProps {
  /** The section editor the toolbar acts on (the last one focused). */
  editor: Editor | null;
  editable: boolean;
  canComment: boolean;
  /** A passage is selected somewhere: "Comment" is available. */
  hasSelection: boolean;
  onComment: () => void;
  t: Translator;
}

const EMPTY = { bold: false, italic: false, heading: false, bullet: false, ordered: false, link: false };

/** Normalises what the user typed into a link target, or null to remove the link. */
export function linkHref(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return null;
  if (/^(https?:|mailto:)/i.test(trimmed)) return trimmed;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return null;
  return `https://${trimmed}`;
}

/**
 * The formatting toolbar: one tab stop, arrow keys move between buttons (WAI-ARIA toolbar).
 * Buttons keep the editor's selection (mousedown does not take focus) and say whether they are on.
 */
export function EditorToolbar({ editor, editable, canComment, hasSelection, onComment, t }: EditorToolbarProps) {
  const bar = useRef<HTMLDivElement>(null);
  const { prompt, dialog } = useDialog(t);
  const active =
    useEditorState({
      editor,
      selector: ({ editor: e }) =>
        e
          ? {
              bold: e.isActive('bold'),
              italic: e.isActive('italic'),
              heading: e.isActive('heading', { level: 3 }),
              bullet: e.isActive('bulletList'),
              ordered: e.isActive('orderedList'),
              link: e.isActive('link'),
            }
          : EMPTY,
    }) ?? EMPTY;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    const buttons = [...(bar.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : (index + (event.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
    event.preventDefault();
    buttons.forEach((button, i) => (button.tabIndex = i === next ? 0 : -1));
    buttons[next]?.focus();
  };

  const run = (command: (e: Editor) => void) => {
    if (editor && !editor.isDestroyed) command(editor);
  };
  const setLink = () =>
    run((e) => {
      const current = (e.getAttributes('link') as { href?: string }).href ?? '';
      void prompt({
        title: t('proposal.toolbar.linkTitle'),
        label: t('proposal.toolbar.linkPrompt'),
        initial: current,
        type: 'url',
        confirmLabel: t('proposal.toolbar.linkSave'),
        testId: 'link-dialog',
      }).then((answer) => {
        // The editor keeps its selection while the dialog has the focus; focus() puts it back.
        if (answer === null || e.isDestroyed) return;
        const href = linkHref(answer);
        if (href === null) e.chain().focus().extendMarkRange('link').unsetLink().run();
        else e.chain().focus().extendMarkRange('link').setLink({ href }).run();
      });
    });

  const disabled = !editable || editor === null;
  const button = (key: string, label: string, icon: ReactNode, onClick: () => void, pressed?: boolean, isDisabled = disabled) => (
    <button
      key={key}
      type="button"
      className="toolbar-button"
      data-testid={`toolbar-${key}`}
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      disabled={isDisabled}
      tabIndex={key === (editable ? 'bold' : 'comment') ? 0 : -1}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {icon}
    </button>
  );

  // The dialog sits outside the toolbar, so its field keeps the arrow keys the toolbar takes.
  return (
    <>
      <div ref={bar} className="editor-toolbar" role="toolbar" aria-label={t('proposal.toolbar.label')} aria-controls="proposal-document" onKeyDown={onKeyDown} data-testid="editor-toolbar">
        {editable && (
          <>
            {button('bold', t('proposal.toolbar.bold'), <BoldIcon />, () => run((e) => e.chain().focus().toggleBold().run()), active.bold)}
            {button('italic', t('proposal.toolbar.italic'), <ItalicIcon />, () => run((e) => e.chain().focus().toggleItalic().run()), active.italic)}
            {button('heading', t('proposal.toolbar.heading'), <HeadingIcon />, () => run((e) => e.chain().focus().toggleHeading({ level: 3 }).run()), active.heading)}
            {button('bullet', t('proposal.toolbar.bulletList'), <BulletListIcon />, () => run((e) => e.chain().focus().toggleBulletList().run()), active.bullet)}
            {button('ordered', t('proposal.toolbar.orderedList'), <OrderedListIcon />, () => run((e) => e.chain().focus().toggleOrderedList().run()), active.ordered)}
            {button('link', t('proposal.toolbar.link'), <LinkIcon />, setLink, active.link)}
            <span className="toolbar-separator" aria-hidden="true" />
            {button('undo', t('proposal.toolbar.undo'), <UndoIcon />, () => run((e) => e.chain().focus().undo().run()))}
            {button('redo', t('proposal.toolbar.redo'), <RedoIcon />, () => run((e) => e.chain().focus().redo().run()))}
            <span className="toolbar-separator" aria-hidden="true" />
          </>
        )}
        {canComment && (
          <button
            type="button"
            className="toolbar-button toolbar-button-text"
            data-testid="toolbar-comment"
            tabIndex={editable ? -1 : 0}
            disabled={!hasSelection}
            onMouseDown={(e) => e.preventDefault()}
            onClick={onComment}
            title={hasSelection ? t('proposal.comment.add') : t('proposal.comment.selectFirst')}
          >
            <CommentIcon />
            <span>{t('proposal.comment.add')}</span>
          </button>
        )}
      </div>
      {dialog}
    </>
  );
}
