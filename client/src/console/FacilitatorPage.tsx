import { useEffect, useState } from 'react';
import type { LanguageState } from '../lib/i18n';
import { errorText } from '../lib/i18n';
import { readStored, removeStored, storageKeys, takeFragmentParam, writeStored } from '../lib/storage';
import { useSessionSocket } from '../lib/useSessionSocket';
import { ConnectionIndicator } from '../ui/ConnectionIndicator';
import { StatusScreen } from '../ui/StatusScreen';
import { ConsoleHeader } from './ConsoleHeader';
import { InvitePanel } from './InvitePanel';
import { ParticipantsPanel } from './ParticipantsPanel';
import { AlertIcon, FlagIcon, KeyIcon } from '../ui/icons';

interface FacilitatorPageProps {
  code: string;
  lang: LanguageState;
  navigate: (url: string) => void;
}

/** Takes the facilitator token from `#token=` (then hides it) or from this browser's storage. */
function facilitatorToken(code: string): string | null {
  const fromUrl = takeFragmentParam('token');
  if (fromUrl !== null) {
    writeStored(storageKeys.facilitatorToken(code), fromUrl);
    return fromUrl;
  }
  return readStored(storageKeys.facilitatorToken(code));
}

/** `/f/<code>`: the live console of one session. */
export function FacilitatorPage({ code, lang, navigate }: FacilitatorPageProps) {
  const { t } = lang;
  const [token] = useState(() => facilitatorToken(code));
  const live = useSessionSocket({ code, role: 'facilitator', token, loadAllPages: true });
  const { session } = live.state;
  const refused = live.failure?.code === 'unauthorized' || live.failure?.code === 'forbidden';

  useEffect(() => {
    const page = `${t('console.pageTitle')} · ${t('app.name')}`;
    document.title = session ? `${session.title} · ${page}` : page;
  }, [session, t]);

  useEffect(() => {
    // The server no longer knows this token: forget it so the next visit asks for a fresh link.
    if (refused) removeStored(storageKeys.facilitatorToken(code));
  }, [refused, code]);

  const newSession = (
    <a
      className="button button-primary"
      href="/"
      onClick={(e) => {
        e.preventDefault();
        navigate('/');
      }}
    >
      {t('console.newSession')}
    </a>
  );

  if (token === null || refused) {
    return (
      <div className="console-page">
        <ConsoleHeader lang={lang} />
        <StatusScreen icon={<KeyIcon size={32} />} tone="error" title={t('console.noAccess')} body={t('console.noAccessBody', { code })} testId="console-no-access">
          {newSession}
        </StatusScreen>
      </div>
    );
  }

  if (live.failure !== null || live.kicked !== null) {
    const ended = live.kicked === 'session_closed' || live.failure?.code === 'not_found';
    return (
      <div className="console-page">
        <ConsoleHeader lang={lang} />
        <StatusScreen
          icon={ended ? <FlagIcon size={32} /> : <AlertIcon size={32} />}
          tone={ended ? 'neutral' : 'error'}
          title={ended ? t('console.sessionGone') : t('common.somethingWrong')}
          body={live.failure && !ended ? errorText(t, live.failure) : t('console.sessionGoneBody', { code })}
        >
          {live.failure?.code === 'protocol_mismatch' ? (
            <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
              {t('common.reload')}
            </button>
          ) : (
            newSession
          )}
        </StatusScreen>
      </div>
    );
  }

  return (
    <div className="console-page">
      <ConsoleHeader lang={lang}>
        <ConnectionIndicator connection={live.connection} t={t} />
      </ConsoleHeader>
      <main className="facilitate-layout" aria-busy={session === null}>
        <div className="facilitate-title">
          <p className="eyebrow">{t('console.liveSession')}</p>
          <h1 data-testid="session-title">{session?.title ?? <span className="skeleton skeleton-title" />}</h1>
          {session?.description && <p className="facilitate-description">{session.description}</p>}
        </div>
        <InvitePanel code={code} joinUrl={session?.joinUrl ?? null} t={t} />
        <ParticipantsPanel code={code} state={live.state} loaded={session !== null} lang={lang} />
      </main>
    </div>
  );
}
