import { useId, useState, type FormEvent } from 'react';
import { JOIN_CODE_LENGTH } from '@ideasphere/shared/limits.js';
import { normalizeJoinCode } from '@ideasphere/shared/joinCode.js';
import type { Translator } from '../lib/i18n';
import { SearchIcon } from '../ui/icons';

interface CodeEntryProps {
  t: Translator;
  onCode: (code: string) => void;
  /** Set when the previous code led nowhere: '' for a malformed code, else the code. */
  notFound?: string;
}

/** `/j` without a code, or a code that led nowhere: type the code shown on the big screen. */
export function CodeEntry({ t, onCode, notFound }: CodeEntryProps) {
  const id = useId();
  const [value, setValue] = useState(notFound ?? '');
  const [invalid, setInvalid] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const code = normalizeJoinCode(value);
    if (code === null) {
      setInvalid(true);
      return;
    }
    onCode(code);
  };

  const error = invalid ? t('join.codeInvalid', { length: JOIN_CODE_LENGTH }) : null;
  return (
    <section className="join-card code-entry" data-testid={notFound !== undefined ? 'join-not-found' : 'join-code-entry'}>
      {notFound !== undefined ? (
        <>
          <div className="code-entry-icon" aria-hidden="true">
            <SearchIcon size={30} />
          </div>
          <h1 className="join-title">{t('join.notFoundTitle')}</h1>
          <p className="join-lead" role="alert">
            {notFound ? t('join.notFoundBody', { code: notFound }) : t('join.notFoundMalformed')}
          </p>
        </>
      ) : (
        <>
          <h1 className="join-title">{t('join.enterCodeTitle')}</h1>
          <p className="join-lead">{t('join.enterCodeBody')}</p>
        </>
      )}
      <form className="code-entry-form" onSubmit={onSubmit} noValidate>
        <label className="field-label" htmlFor={id}>
          {t('join.codeLabel')}
        </label>
        <input
          id={id}
          className="input code-input"
          data-testid="join-code-input"
          value={value}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          maxLength={JOIN_CODE_LENGTH + 4}
          placeholder={t('join.codePlaceholder')}
          aria-invalid={invalid}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setValue(e.target.value.toUpperCase());
            setInvalid(false);
          }}
        />
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary button-large button-block" data-testid="join-code-submit">
          {t('join.codeSubmit')}
        </button>
      </form>
    </section>
  );
}
