import { sessionPaths } from '../lib/paths';
import type { Translator } from '../lib/i18n';
import type { SessionState } from '../lib/sessionState';
import type { ConnectionState } from '../lib/useSessionSocket';
import { ConnectionIndicator } from '../ui/ConnectionIndicator';
import { ParticipantWall } from './ParticipantWall';

interface BigScreenProps {
  code: string;
  state: SessionState;
  connection: ConnectionState;
  t: Translator;
}

/** Where to type the code by hand: the join URL without the code, e.g. `ideas.example.com/j`. */
function joinAddress(joinUrl: string | undefined, code: string): string {
  try {
    const url = new URL(joinUrl ?? `/j/${code}`, window.location.href);
    const path = url.pathname.endsWith(`/${code}`) ? url.pathname.slice(0, -code.length - 1) : url.pathname;
    return `${url.host}${path}`;
  } catch {
    return `${window.location.host}/j`;
  }
}

/** The projected page: join instructions on the left, the live crowd on the right. */
export function BigScreen({ code, state, connection, t }: BigScreenProps) {
  const { session, participantCount } = state;
  return (
    <div className="screen">
      <aside className="screen-join" aria-label={t('screen.howToJoin')}>
        <p className="screen-scan">{t('screen.scan')}</p>
        <div className="screen-qr-frame">
          <img
            className="screen-qr"
            src={sessionPaths.qrSvg(code)}
            alt={t('console.qrAlt', { code })}
            data-testid="screen-qr"
          />
        </div>
        <p className="screen-or">
          {t('screen.orVisit')} <strong className="screen-host">{joinAddress(session?.joinUrl, code)}</strong>
        </p>
        <p className="screen-code-label">{t('screen.codeLabel')}</p>
        <p className="screen-code" data-testid="screen-join-code">
          {code}
        </p>
      </aside>

      <main className="screen-main">
        <header className="screen-header">
          <div className="screen-brand">
            <span className="brand-mark" aria-hidden="true" />
            {t('app.name')}
          </div>
          <h1 className="screen-title">{session?.title ?? '\u00a0'}</h1>
          <div className="screen-counter" aria-live="polite">
            <span key={participantCount} className="screen-count" data-testid="screen-participant-count">
              {participantCount}
            </span>
            <span className="screen-count-label">{t('screen.joined')}</span>
          </div>
        </header>
        <ParticipantWall code={code} state={state} t={t} loaded={session !== null} />
      </main>

      <ConnectionIndicator connection={connection} t={t} className="screen-badge" hideWhenConnected />
    </div>
  );
}
