import { useState } from 'react';
import type { AccountPage as AccountList, AccountPublic, IssuedLink, OrganisationSummary } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import { formatDateTime } from './format';
import type { PlatformPageProps } from './HomePage';
import { InvitePanel } from './InvitePanel';
import { IssuedLinkBox } from './IssuedLinkBox';
import { useFetched } from './useFetched';
import { Loading } from './Loading';

type Notice = { kind: 'reset'; name: string; link: IssuedLink } | { kind: 'changed'; text: string } | { kind: 'error'; error: RequestError };

/** Platform admins: everyone with an account (role, status, reset links) and invites. */
export function PeoplePage({ me, lang, request }: PlatformPageProps) {
  const { t, language } = lang;
  const firstPage = useFetched<AccountList>(request, '/api/accounts');
  const organisations = useFetched<OrganisationSummary[]>(request, '/api/orgs').data ?? [];
  // Pages after the first, fetched by "Show more"; changed rows, until the next reload.
  const [morePages, setMorePages] = useState<AccountList[]>([]);
  const [changed, setChanged] = useState<Record<string, AccountPublic>>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const pages = firstPage.data ? [firstPage.data, ...morePages] : [];
  const accounts = firstPage.data ? pages.flatMap((page) => page.accounts).map((a) => changed[a.id] ?? a) : null;
  const next = pages[pages.length - 1]?.next ?? null;

  const loadMore = async (after: string) => {
    const result = await request<AccountList>('GET', `/api/accounts?after=${after}`);
    if (result.ok) setMorePages((previous) => [...previous, result.data]);
    else setNotice({ kind: 'error', error: result.error });
  };

  const change = async (account: AccountPublic, patch: Partial<Pick<AccountPublic, 'platformRole' | 'status'>>) => {
    if (patch.status === 'deactivated' && !window.confirm(t('platform.people.deactivateConfirm', { name: account.name }))) return;
    setBusyId(account.id);
    const result = await request<AccountPublic>('PATCH', `/api/accounts/${account.id}`, patch);
    setBusyId(null);
    if (!result.ok) {
      setNotice({ kind: 'error', error: result.error });
      return;
    }
    setChanged((previous) => ({ ...previous, [account.id]: result.data }));
    const what = patch.status ? t(`platform.status.${result.data.status}`) : t(`platform.role.${result.data.platformRole}`);
    setNotice({ kind: 'changed', text: t('platform.people.changed', { name: account.name, what }) });
  };

  const issueReset = async (account: AccountPublic) => {
    setBusyId(account.id);
    const result = await request<IssuedLink>('POST', `/api/accounts/${account.id}/reset-links`);
    setBusyId(null);
    setNotice(result.ok ? { kind: 'reset', name: account.name, link: result.data } : { kind: 'error', error: result.error });
  };

  return (
    <section className="platform-page" data-testid="people-page">
      <header className="platform-page-header">
        <h1 className="platform-title">{t('platform.people.title')}</h1>
        <p className="platform-lead">{t('platform.people.lead')}</p>
      </header>
      <div aria-live="polite">
        {notice?.kind === 'reset' && (
          <IssuedLinkBox
            message={t('platform.people.resetIssued', { name: notice.name, time: formatDateTime(language, notice.link.expiresAt) })}
            url={notice.link.url}
            t={t}
            testId="reset-link"
          />
        )}
        {notice?.kind === 'changed' && (
          <p className="alert alert-success" role="status" data-testid="people-notice">
            {notice.text}
          </p>
        )}
        {notice?.kind === 'error' && (
          <p className="alert alert-error" role="alert" data-testid="people-error">
            {errorText(t, notice.error)}
          </p>
        )}
      </div>
      <div className="card platform-card platform-table-card">
        {accounts === null ? (
          <Loading t={t} />
        ) : accounts.length === 0 ? (
          <p className="platform-empty">{t('platform.people.empty')}</p>
        ) : (
          <table className="platform-table" data-testid="people-table">
            <thead>
              <tr>
                <th scope="col">{t('platform.people.name')}</th>
                <th scope="col">{t('platform.people.email')}</th>
                <th scope="col">{t('platform.people.role')}</th>
                <th scope="col">{t('platform.people.status')}</th>
                <th scope="col">{t('platform.people.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => {
                const self = account.id === me.account.id;
                const busy = busyId === account.id;
                return (
                  <tr key={account.id} data-testid="person-row" data-email={account.email}>
                    <td data-label={t('platform.people.name')}>
                      {account.name}
                      {self && <span className="platform-you"> ({t('platform.people.you')})</span>}
                    </td>
                    <td data-label={t('platform.people.email')}>{account.email}</td>
                    <td data-label={t('platform.people.role')}>{t(`platform.role.${account.platformRole}`)}</td>
                    <td data-label={t('platform.people.status')}>
                      <span className="platform-badge" data-status={account.status}>
                        {t(`platform.status.${account.status}`)}
                      </span>
                    </td>
                    <td className="platform-row-actions">
                      {!self && (
                        <>
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            disabled={busy}
                            onClick={() => void change(account, { platformRole: account.platformRole === 'platform_admin' ? 'user' : 'platform_admin' })}
                          >
                            {account.platformRole === 'platform_admin' ? t('platform.people.makeUser') : t('platform.people.makeAdmin')}
                          </button>
                          <button
                            type="button"
                            className={`button button-small ${account.status === 'active' ? 'button-danger-ghost' : 'button-secondary'}`}
                            disabled={busy}
                            onClick={() => void change(account, { status: account.status === 'active' ? 'deactivated' : 'active' })}
                            data-testid="person-status"
                          >
                            {account.status === 'active' ? t('platform.people.deactivate') : t('platform.people.reactivate')}
                          </button>
                        </>
                      )}
                      {account.status === 'active' && (
                        <button type="button" className="button button-ghost button-small" disabled={busy} onClick={() => void issueReset(account)} data-testid="person-reset">
                          {t('platform.people.resetLink')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {next && (
          <button type="button" className="button button-secondary" onClick={() => void loadMore(next)}>
            {t('platform.people.more')}
          </button>
        )}
      </div>
      <InvitePanel lang={lang} request={request} organisations={organisations} mayGrantPlatformAdmin />
    </section>
  );
}
