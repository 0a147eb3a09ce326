import type { ReactNode } from 'react';
import type { Translator } from '../lib/i18n';

/** Where to type the code by hand: the join URL without the code, e.g. `ideas.example.com/j`. */
export function joinAddress(joinUrl: string | undefined, code: string): string {
  try {
    const url = new URL(joinUrl ?? `/j/${code}`, window.location.href);
    const path = url.pathname.endsWith(`/${code}`) ? url.pathname.slice(0, -code.length - 1) : url.pathname;
    return `${url.host}${path}`;
  } catch {
    return `${window.location.host}/j`;
  }
}

interface JoinPanelProps {
  code: string;
  joinUrl: string | undefined;
  /** The QR code image: the venue's on a venue screen, the session's otherwise. */
  qrUrl: string;
  count: number;
  t: Translator;
  /** Test ids of the QR, the code and the count (the board and the ceremony each have theirs). */
  testIds: { qr: string; code: string; count: string };
  /** Shown under the counter, e.g. the per-venue counts. */
  children?: ReactNode;
}

/** The big screen's side column: scan the QR code (or type the code), and how many joined. */
export function JoinPanel({ code, joinUrl, qrUrl, count, t, testIds, children }: JoinPanelProps) {
  return (
    <aside className="screen-join" aria-label={t('screen.howToJoin')}>
      <p className="screen-scan">{t('screen.scan')}</p>
      <div className="screen-qr-frame">
        <img className="screen-qr" src={qrUrl} alt={t('console.qrAlt', { code })} data-testid={testIds.qr} />
      </div>
      <p className="screen-or">
        {t('screen.orVisit')} <strong className="screen-host">{joinAddress(joinUrl, code)}</strong>
      </p>
      {/* One block in the column; a row of two where the ceremony lists many venues. */}
      <div className="screen-code-row">
        <div className="screen-code-block">
          <p className="screen-code-label">{t('screen.codeLabel')}</p>
          <p className="screen-code" data-testid={testIds.code}>
            {code}
          </p>
        </div>
        <div className="screen-counter" aria-live="polite">
          <span key={count} className="screen-count" data-testid={testIds.count}>
            {count}
          </span>
          <span className="screen-count-label">{t('screen.joined')}</span>
        </div>
      </div>
      {children}
    </aside>
  );
}
