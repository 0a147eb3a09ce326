import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { ProposalView } from '@ideasphere/shared';
import { browserLanguage, errorText, useLanguage, type LanguageState } from '../lib/i18n';
import type { RequestError } from '../lib/api';
import { LanguageSwitcher } from '../ui/LanguageSwitcher';
import { StatusScreen } from '../ui/StatusScreen';
import { KeyIcon, WifiOffIcon } from '../ui/icons';
import { InviteForm } from './InviteForm';
import { ProposalPage } from './ProposalPage';
import { proposalApi } from './proposalApi';
import { forgetToken, rememberToken, takeCredentials, type Credentials } from './proposalToken';

/** `/p/<proposalId>`: the id, or null for anything else. */
export function proposalIdFromPath(pathname: string): string | null {
  const match = /^\/p\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  const id = decodeURIComponent(match[1]);
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}

type Load = { kind: 'loading' } | { kind: 'ready'; view: ProposalView } | { kind: 'failed'; error: RequestError };

/** The proposal page: takes the token or invite from the URL, then opens the editor. */
export function ProposalApp() {
  const [proposalId] = useState(() => proposalIdFromPath(window.location.pathname));
  const [credentials, setCredentials] = useState<Credentials>(() => (proposalId ? takeCredentials(proposalId) : { kind: 'none' }));
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const lang = useLanguage(browserLanguage());
  const { t } = lang;
  const token = credentials.kind === 'token' ? credentials.token : null;

  useEffect(() => {
    if (!proposalId || token === null) return;
    const controller = new AbortController();
    void proposalApi(proposalId, token)
      .view(controller.signal)
      .then((result) => {
        if (result.ok) return setLoad({ kind: 'ready', view: result.data });
        if (result.error.code === 'unauthorized') forgetToken(proposalId);
        setLoad({ kind: 'failed', error: result.error });
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [proposalId, token, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const onJoined = useCallback(
    (memberToken: string) => {
      if (!proposalId) return;
      rememberToken(proposalId, memberToken);
      setLoad({ kind: 'loading' });
      setCredentials({ kind: 'token', token: memberToken });
    },
    [proposalId],
  );

  useEffect(() => {
    const title = load.kind === 'ready' ? load.view.proposal.title : t('proposal.pageTitle');
    document.title = `${title} · ${t('app.name')}`;
  }, [load, t]);

  if (!proposalId) {
    return (
      <Shell lang={lang}>
        <StatusScreen icon={<KeyIcon size={32} />} tone="error" title={t('proposal.notFound')} body={t('proposal.notFoundBody')} testId="proposal-not-found" />
      </Shell>
    );
  }
  if (credentials.kind === 'invite') {
    return (
      <Shell lang={lang}>
        <InviteForm proposalId={proposalId} invite={credentials.invite} t={t} onJoined={onJoined} />
      </Shell>
    );
  }
  if (token === null || (load.kind === 'failed' && (load.error.code === 'unauthorized' || load.error.code === 'forbidden'))) {
    return (
      <Shell lang={lang}>
        <StatusScreen icon={<KeyIcon size={32} />} tone="error" title={t('proposal.noAccess')} body={t('proposal.noAccessBody')} testId="proposal-no-access" />
      </Shell>
    );
  }
  if (load.kind === 'failed') {
    const missing = load.error.code === 'not_found';
    return (
      <Shell lang={lang}>
        <StatusScreen
          icon={<WifiOffIcon size={32} />}
          tone="error"
          title={missing ? t('proposal.notFound') : t('proposal.loadFailed')}
          body={missing ? t('proposal.notFoundBody') : errorText(t, load.error)}
          testId="proposal-load-failed"
        >
          {!missing && (
            <button type="button" className="button button-primary" onClick={reload}>
              {t('common.retry')}
            </button>
          )}
        </StatusScreen>
      </Shell>
    );
  }
  if (load.kind === 'loading') {
    return (
      <Shell lang={lang}>
        <div className="proposal-loading" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('common.loading')}
        </div>
      </Shell>
    );
  }
  return <ProposalPage key={token} proposalId={proposalId} token={token} initialView={load.view} lang={lang} />;
}

function Shell({ lang, children }: { lang: LanguageState; children: ReactNode }) {
  return (
    <div className="proposal-shell">
      <header className="proposal-shell-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {lang.t('app.name')}
        </span>
        <LanguageSwitcher lang={lang} />
      </header>
      <main className="proposal-shell-main">{children}</main>
    </div>
  );
}
