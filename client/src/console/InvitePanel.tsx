import { memo, type ReactNode } from 'react';
import { sessionPaths } from '../lib/paths';
import type { Translator } from '../lib/i18n';
import { CopyButton } from '../ui/CopyButton';
import { DownloadIcon, ScreenIcon } from '../ui/icons';

interface InvitePanelProps {
  code: string;
  /** From the session snapshot; null until it arrives. */
  joinUrl: string | null;
  /** The session-wide big-screen link this browser knows (it changes when replaced). */
  screenUrl: string | null;
  /** The doors switch, once the board is there. */
  doors: ReactNode;
  t: Translator;
}

/** Everything the facilitator needs to bring people in: QR, code, link, big screen, downloads. */
export const InvitePanel = memo(function InvitePanel({ code, joinUrl, screenUrl, doors, t }: InvitePanelProps) {
  const link = joinUrl ?? `${window.location.origin}/j/${code}`;

  return (
    <section className="card invite" aria-labelledby="invite-heading">
      <h2 id="invite-heading" className="panel-heading">
        {t('console.invite')}
      </h2>

      {doors}

      <div className="invite-main">
        <div className="invite-qr">
          <img
            src={sessionPaths.qrSvg(code)}
            alt={t('console.qrAlt', { code })}
            width={220}
            height={220}
            data-testid="console-qr"
          />
        </div>
        <div className="invite-code">
          <p className="invite-code-label">{t('console.joinCode')}</p>
          <p className="join-code" data-testid="join-code">
            {code}
          </p>
          <p className="field-hint">{t('console.joinCodeHint')}</p>
        </div>
      </div>

      <div className="field">
        <label className="field-label" htmlFor="join-url">
          {t('console.joinLink')}
        </label>
        <div className="copy-row">
          <input
            id="join-url"
            className="input input-readonly"
            data-testid="join-url"
            value={link}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton text={link} t={t} label={t('common.copy')} testId="copy-join-url" />
        </div>
      </div>

      <div className="invite-screen">
        {screenUrl ? (
          <>
            <a
              className="button button-primary"
              href={screenUrl}
              target="_blank"
              rel="noopener"
              data-testid="open-screen"
            >
              <ScreenIcon size={18} />
              {t('console.openScreen')}
            </a>
            <CopyButton text={screenUrl} t={t} label={t('console.copyScreenLink')} testId="copy-screen-url" />
            <p className="field-hint invite-screen-hint">{t('console.screenHint')}</p>
          </>
        ) : (
          <p className="alert alert-info">{t('console.screenUnknown')}</p>
        )}
      </div>

      <div className="invite-downloads">
        <span className="field-hint">{t('console.downloadQr')}</span>
        <a className="button button-ghost" href={sessionPaths.qrPng(code)} download={`ideasphere-${code}.png`} data-testid="download-qr-png">
          <DownloadIcon size={18} />
          {t('console.downloadPng')}
        </a>
        <a className="button button-ghost" href={sessionPaths.qrSvg(code)} download={`ideasphere-${code}.svg`} data-testid="download-qr-svg">
          <DownloadIcon size={18} />
          {t('console.downloadSvg')}
        </a>
      </div>
    </section>
  );
});
