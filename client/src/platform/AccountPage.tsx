import { useState } from 'react';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import { formatDateTime } from './format';
import type { PlatformPageProps } from './HomePage';

/** My account: who I am, sign out here or everywhere. */
export function AccountPage({ me, lang, request, navigate, onSignedOut }: PlatformPageProps & { onSignedOut: () => void }) {
  const { t, language } = lang;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'here' | 'everywhere' | null>(null);
  const [error, setError] = useState<RequestError | null>(null);
  const { account } = me;

  const signOut = async (where: 'here' | 'everywhere') => {
    setBusy(where);
    setError(null);
    const result = await request('POST', where === 'here' ? '/api/account/logout' : '/api/account/logout-everywhere');
    setBusy(null);
    if (result.ok) onSignedOut();
    else setError(result.error);
  };

  return (
    <section className="platform-page" data-testid="account-page">
      <header className="platform-page-header">
        <h1 className="platform-title">{t('platform.account.title')}</h1>
      </header>
      <div className="card platform-card">
        <dl className="platform-facts">
          <dt>{t('platform.account.name')}</dt>
          <dd>{account.name}</dd>
          <dt>{t('platform.account.email')}</dt>
          <dd data-testid="account-email">{account.email}</dd>
          <dt>{t('platform.account.role')}</dt>
          <dd>{t(`platform.role.${account.platformRole}`)}</dd>
          <dt>{t('platform.account.since')}</dt>
          <dd>{formatDateTime(language, account.createdAt)}</dd>
        </dl>
        <p className="field-hint">{t('platform.account.passwordHint')}</p>
        <button type="button" className="button button-secondary" onClick={() => navigate({ page: 'profile', kind: 'person', id: account.id })} data-testid="account-profile">
          {t('platform.account.profile')}
        </button>
      </div>
      <div className="card platform-card platform-actions-card">
        <div className="platform-action-row">
          <p>{t('platform.account.signOutHint')}</p>
          <button type="button" className="button button-secondary" disabled={busy !== null} onClick={() => void signOut('here')} data-testid="account-sign-out">
            {busy === 'here' ? t('platform.signingOut') : t('platform.signOut')}
          </button>
        </div>
        <div className="platform-action-row">
          <p>{t('platform.account.everywhereHint')}</p>
          {confirming ? (
            <div className="platform-confirm" role="group" aria-label={t('platform.account.everywhereConfirm')}>
              <span>{t('platform.account.everywhereConfirm')}</span>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)} disabled={busy !== null}>
                {t('common.cancel')}
              </button>
              <button type="button" className="button button-danger" autoFocus disabled={busy !== null} onClick={() => void signOut('everywhere')} data-testid="everywhere-confirm">
                {busy === 'everywhere' ? t('platform.signingOut') : t('platform.account.everywhere')}
              </button>
            </div>
          ) : (
            <button type="button" className="button button-danger-ghost" onClick={() => setConfirming(true)} data-testid="account-everywhere">
              {t('platform.account.everywhere')}
            </button>
          )}
        </div>
        {error && (
          <p className="alert alert-error" role="alert">
            {errorText(t, error)}
          </p>
        )}
      </div>
    </section>
  );
}
