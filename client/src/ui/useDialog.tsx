import { type ReactNode, useCallback, useId, useRef, useState } from 'react';
import type { Translator } from '../lib/i18n';
import { Dialog } from './Dialog';

export interface ConfirmOptions {
  title: string;
  body?: ReactNode;
  confirmLabel: string;
  tone?: 'default' | 'danger';
  testId?: string;
}

export interface PromptOptions extends ConfirmOptions {
  /** The field's label and its starting text. */
  label: string;
  initial?: string;
  type?: 'text' | 'url';
}

type Request = (ConfirmOptions & { kind: 'confirm' }) | (PromptOptions & { kind: 'prompt' });

export interface Dialogs {
  /** Resolves true when the person confirms, false on Cancel, Escape or the backdrop. */
  confirm: (options: ConfirmOptions) => Promise<boolean>;
  /** Resolves the text entered, or null when cancelled. */
  prompt: (options: PromptOptions) => Promise<string | null>;
  /** Render this once where the component renders. */
  dialog: ReactNode;
}

/**
 * The app's answer to `window.confirm` and `window.prompt`: the same one-line await in an event
 * handler, shown in the app's own accessible dialog (ui/Dialog) in the page's language. A new
 * question while one is open cancels the first.
 */
export function useDialog(t: Translator): Dialogs {
  const fieldId = useId();
  const [request, setRequest] = useState<Request | null>(null);
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [serial, setSerial] = useState(0);
  const settle = useRef<((answer: string | null) => void) | null>(null);

  const ask = useCallback((next: Request) => {
    settle.current?.(null);
    return new Promise<string | null>((resolve) => {
      settle.current = resolve;
      setRequest(next);
      setValue(next.kind === 'prompt' ? (next.initial ?? '') : '');
      setSerial((n) => n + 1);
      setOpen(true);
    });
  }, []);

  const confirm = useCallback((options: ConfirmOptions) => ask({ ...options, kind: 'confirm' }).then((answer) => answer !== null), [ask]);
  const prompt = useCallback((options: PromptOptions) => ask({ ...options, kind: 'prompt' }), [ask]);

  const answer = (result: string | null) => {
    const resolve = settle.current;
    settle.current = null;
    setOpen(false);
    resolve?.(result);
  };

  const dialog =
    request === null ? null : (
      <Dialog
        key={serial}
        open={open}
        title={request.title}
        body={request.body}
        confirmLabel={request.confirmLabel}
        cancelLabel={t('common.cancel')}
        tone={request.tone}
        testId={request.testId}
        onConfirm={() => answer(request.kind === 'prompt' ? value : '')}
        onCancel={() => answer(null)}
      >
        {request.kind === 'prompt' ? (
          <div className="field">
            <label className="field-label" htmlFor={fieldId}>
              {request.label}
            </label>
            <input
              id={fieldId}
              className="input"
              type={request.type ?? 'text'}
              value={value}
              data-autofocus=""
              data-testid="dialog-input"
              onChange={(event) => setValue(event.target.value)}
            />
          </div>
        ) : undefined}
      </Dialog>
    );

  return { confirm, prompt, dialog };
}
