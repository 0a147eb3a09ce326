import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import './dialog.css';

export interface DialogProps {
  open: boolean;
  title: string;
  /** What happens if the person goes ahead. */
  body?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** `danger`: the confirm button is red and Cancel has the focus, so Enter does no harm. */
  tone?: 'default' | 'danger';
  onConfirm: () => void;
  onCancel: () => void;
  /** Fields between the text and the buttons (mark the one to focus with `data-autofocus`). */
  children?: ReactNode;
  confirmDisabled?: boolean;
  testId?: string;
}

/**
 * The app's modal dialog, on the platform's `<dialog>`: `showModal()` makes the rest of the page
 * inert (focus stays inside), Escape cancels, buttons answer Enter and Space, the title and the
 * text label it for screen readers, and focus goes back where it was when it closes. Controlled:
 * `open` decides, Escape and a click on the backdrop ask `onCancel`.
 */
export function Dialog({ open, title, body, confirmLabel, cancelLabel, tone = 'default', onConfirm, onCancel, children, confirmDisabled, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  // Tab and Shift+Tab wrap inside the dialog instead of leaving for the browser's own controls.
  const wrapFocus = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>('button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), a[href]')];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      data-tone={tone}
      data-testid={testId}
      aria-labelledby={`${id}-title`}
      aria-describedby={body === undefined ? undefined : `${id}-body`}
      onKeyDown={wrapFocus}
      onCancel={(event) => {
        // Escape: the parent decides (it closes the dialog by setting `open`).
        event.preventDefault();
        onCancel();
      }}
      onClose={() => {
        // Closed by the browser itself (a second Escape in a row may not be cancellable).
        if (open) onCancel();
      }}
      onClick={(event) => {
        // Only the backdrop is the dialog itself: the content fills it with its own box.
        if (event.target === event.currentTarget) onCancel();
      }}
    >
      {/* noValidate: the caller checks what was typed (a URL field takes "example.org" too). */}
      <form
        className="dialog-content"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!confirmDisabled) onConfirm();
        }}
      >
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        {body !== undefined && (
          <div id={`${id}-body`} className="dialog-body">
            {body}
          </div>
        )}
        {children}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" data-testid="dialog-cancel" data-autofocus={tone === 'danger' ? '' : undefined} onClick={onCancel}>
            {cancelLabel}
          </button>
          <button
            type="submit"
            className={`button ${tone === 'danger' ? 'button-danger' : 'button-primary'}`}
            data-testid="dialog-confirm"
            data-autofocus={tone === 'danger' || children !== undefined ? undefined : ''}
            disabled={confirmDisabled}
          >
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
