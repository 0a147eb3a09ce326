import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { normalizeJoinCode } from '@ideasphere/shared/joinCode.js';
import { browserLanguage, errorText, useLanguage, type LanguageState } from '../lib/i18n';
import { LanguageSwitcher } from '../ui/LanguageSwitcher';
import { StatusScreen } from '../ui/StatusScreen';
import { CodeEntry } from './CodeEntry';
import { JoinLoading, OfflineScreen } from './JoinStatus';
import { Participation } from './Participation';
import { useSessionInfo } from './useSessionInfo';
import { WifiOffIcon } from '../ui/icons';

/** What `/j/<code>` holds: nothing (bare `/j`), a code that cannot be one, or a normalised code. */
type PathCode = { kind: 'none' } | { kind: 'invalid' } | { kind: 'code'; code: string };

function codeFromPath(pathname: string): PathCode {
  const match = /^\/j\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return { kind: 'none' };
  const code = normalizeJoinCode(decodeURIComponent(match[1]));
  return code === null ? { kind: 'invalid' } : { kind: 'code', code };
}

/** The venue of the QR code scanned: `/j/<code>?v=<venueId>`. */
function venueFromQuery(search: string): string | null {
  const value = new URLSearchParams(search).get('v');
  return value !== null && value !== '' ? value : null;
}

/** `/j/<code>` and `/j`: the participant's phone page. */
export function JoinApp() {
  const [pathCode, setPathCode] = useState(() => codeFromPath(window.location.pathname));
  const [venueParam] = useState(() => venueFromQuery(window.location.search));
  const code = pathCode.kind === 'code' ? pathCode.code : null;
  const info = useSessionInfo(code);
  const lang = useLanguage(info.status === 'ready' ? info.info.language : browserLanguage());
  const { t } = lang;

  useEffect(() => {
    const onPopState = () => setPathCode(codeFromPath(window.location.pathname));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  useEffect(() => {
    document.title = info.status === 'ready' ? `${info.info.title} · ${t('app.name')}` : `${t('join.pageTitle')} · ${t('app.name')}`;
  }, [info, t]);

  const openCode = useCallback((next: string) => {
    window.history.pushState(null, '', `/j/${next}`);
    setPathCode({ kind: 'code', code: next });
  }, []);

  let content;
  if (pathCode.kind === 'none') {
    content = <CodeEntry t={t} onCode={openCode} />;
  } else if (code === null || (info.status === 'failed' && info.error.code === 'not_found')) {
    content = <CodeEntry key={code} t={t} onCode={openCode} notFound={code ?? ''} />;
  } else if (info.status === 'loading') {
    content = <JoinLoading t={t} />;
  } else if (info.status === 'failed' && info.error.code === 'network') {
    content = <OfflineScreen t={t} onRetry={info.retry} />;
  } else if (info.status === 'failed') {
    content = (
      <StatusScreen icon={<WifiOffIcon size={32} />} tone="error" title={t('join.loadFailed')} body={errorText(t, info.error)} testId="join-load-failed">
        <button type="button" className="button button-primary button-large" onClick={info.retry}>
          {t('common.retry')}
        </button>
      </StatusScreen>
    );
  } else {
    // A venue this session does not have (an old or mistyped QR) is ignored: the first venue.
    const venueId = info.info.venues?.some((venue) => venue.id === venueParam) ? venueParam : null;
    content = <Participation key={code} code={code} info={info.info} venueId={venueId} lang={lang} />;
  }

  return <JoinShell lang={lang}>{content}</JoinShell>;
}

function JoinShell({ lang, children }: { lang: LanguageState; children: ReactNode }) {
  return (
    <div className="join-page">
      <header className="join-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {lang.t('app.name')}
        </span>
        <LanguageSwitcher lang={lang} />
      </header>
      <main className="join-main">{children}</main>
    </div>
  );
}
