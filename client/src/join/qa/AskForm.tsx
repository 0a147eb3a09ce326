import { useId, useRef, useState, type FormEvent } from 'react';
import { QUESTION_TEXT_MAX_CHARS } from '@ideasphere/shared/limits.js';
import type { Translator } from '../../lib/i18n';
import { useTextField } from '../../lib/textField';
import { CharCounter, TextFieldNote, textFieldAria } from '../../ui/TextLimit';
import { SendIcon } from '../../ui/icons';

interface AskFormProps {
  anonymousAllowed: boolean;
  busy: boolean;
  onAsk: (text: string, anonymous: boolean) => Promise<boolean>;
  t: Translator;
}

/** One question, checked as the server checks it, sent with one tap; optionally without a name. */
export function AskForm({ anonymousAllowed, busy, onAsk, t }: AskFormProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const field = useTextField(text, QUESTION_TEXT_MAX_CHARS, { kind: 'block', required: true });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!field.ready()) {
      input.current?.focus();
      return;
    }
    if (await onAsk(field.check.text, anonymous && anonymousAllowed)) {
      setText('');
      field.reset();
    }
  };

  return (
    <form className="join-card ask-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="board-heading">
        {t('qa.askHeading')}
      </h2>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-text`}>
          <span>{t('qa.askLabel')}</span>
          <CharCounter field={field} />
        </label>
        <textarea
          ref={input}
          id={`${id}-text`}
          className="input"
          rows={3}
          dir="auto"
          value={text}
          placeholder={t('qa.askPlaceholder')}
          onChange={(e) => setText(e.target.value)}
          data-testid="question-input"
          {...textFieldAria(field, `${id}-note`)}
        />
        <TextFieldNote field={field} id={`${id}-note`} t={t} />
      </div>
      {anonymousAllowed && (
        <label className="check-row">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} data-testid="question-anonymous" />
          <span>{t('qa.anonymous')}</span>
        </label>
      )}
      <button type="submit" className="button button-primary button-block" disabled={busy} data-testid="question-ask">
        <SendIcon size={18} />
        {t('qa.ask')}
      </button>
    </form>
  );
}
