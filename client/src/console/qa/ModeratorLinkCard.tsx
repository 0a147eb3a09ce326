import { useState } from 'react';
import type { Translator } from '../../lib/i18n';
import { errorText } from '../../lib/i18n';
import type { SendError } from '../../lib/useBoard';
import type { QaClient } from '../../lib/useQa';
import { CopyButton } from '../../ui/CopyButton';

/** The facilitator makes (or replaces) the link a Q&A moderator opens; the secret is shown once. */
export function ModeratorLinkCard({ qa, t }: { qa: QaClient; t: Translator }) {
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SendError | null>(null);
  const rotate = async () => {
    setBusy(true);
    const result = await qa.send('qa:rotateModeratorLink', {});
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setUrl(result.data.moderatorUrl);
  };
  return (
    <section className="card qa-card" aria-labelledby="qa-moderator-heading" data-testid="qa-moderator">
      <h3 id="qa-moderator-heading" className="panel-heading">
        {t('qa.console.moderatorLink')}
      </h3>
      <p className="field-hint">{t('qa.console.moderatorHint')}</p>
      {url && (
        <div className="qa-moderator-link">
          <input className="input" readOnly value={url} aria-label={t('qa.console.moderatorLink')} data-testid="qa-moderator-url" onFocus={(e) => e.target.select()} />
          <CopyButton text={url} t={t} label={t('common.copy')} />
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => void rotate()} data-testid="qa-moderator-rotate">
        {t(url ? 'qa.console.moderatorRenew' : 'qa.console.moderatorMake')}
      </button>
    </section>
  );
}
