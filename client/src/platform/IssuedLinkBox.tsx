import { useId } from 'react';
import type { Translator } from '../lib/i18n';
import { CopyButton } from '../ui/CopyButton';

/** A link shown once, to be passed on: what it is for, the link itself, and a copy button. */
export function IssuedLinkBox({ message, url, t, testId }: { message: string; url: string; t: Translator; testId: string }) {
  const id = useId();
  return (
    <div className="alert alert-success platform-issued" role="status" data-testid={testId}>
      <label htmlFor={id}>{message}</label>
      <div className="platform-issued-row">
        <input id={id} className="input" readOnly value={url} onFocus={(e) => e.target.select()} data-testid={`${testId}-url`} />
        <CopyButton text={url} t={t} label={t('common.copy')} />
      </div>
    </div>
  );
}
