import { useState } from 'react';
import type { KeptParticipation } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import { readStored, storageKeys, storedParticipantCodes } from '../lib/storage';
import { formatDateTime } from './format';
import type { PlatformPageProps } from './HomePage';
import { useFetched } from './useFetched';
import { Loading } from './Loading';
import { ShowOnProfile } from './ShowOnProfile';

/**
 * What a guest wrote at live events, kept in their account. Sessions this browser joined and
 * the account does not hold yet are offered for keeping: the phone's participant token, still
 * in this browser, proves they were the one who wrote there.
 */
export function KeptPage({ lang, request }: PlatformPageProps) {
  const { t, language } = lang;
  const kept = useFetched<KeptParticipation[]>(request, '/api/account/claims');
  const [busy, setBusy] = useState<string | null>(null);
  const [failures, setFailures] = useState<Record<string, RequestError>>({});
  const [notice, setNotice] = useState<string | null>(null);

  const keptCodes = new Set((kept.data ?? []).map((k) => k.code));
  const onDevice = kept.data === null ? [] : storedParticipantCodes().filter((code) => !keptCodes.has(code));

  const keep = async (code: string) => {
    const participantToken = readStored(storageKeys.participantToken(code));
    if (!participantToken) return;
    setBusy(code);
    setNotice(null);
    const result = await request<KeptParticipation>('POST', '/api/account/claims', { code, participantToken });
    setBusy(null);
    if (result.ok) {
      setNotice(t('platform.kept.kept', { title: result.data.sessionTitle }));
      kept.reload();
    } else {
      setFailures((previous) => ({ ...previous, [code]: result.error }));
    }
  };

  return (
    <section className="platform-page" data-testid="platform-kept">
      <header className="platform-page-header">
        <h1 className="platform-title">{t('platform.kept.title')}</h1>
        <p className="platform-lead">{t('platform.kept.lead')}</p>
        <p className="field-hint">{t('platform.kept.showHint')}</p>
      </header>
      {notice && (
        <p className="alert alert-success" role="status" data-testid="kept-notice">
          {notice}
        </p>
      )}
      {onDevice.length > 0 && (
        <div className="card platform-card" data-testid="kept-on-device">
          <h2 className="platform-subtitle">{t('platform.kept.onDevice')}</h2>
          <p className="field-hint">{t('platform.kept.onDeviceLead')}</p>
          <ul className="platform-list">
            {onDevice.map((code) => {
              const failure = failures[code];
              return (
                <li key={code} className="platform-list-item">
                  <div>
                    <strong>{t('platform.kept.deviceSession', { code })}</strong>
                    {failure && (
                      <span className="field-error" role="alert">
                        {failure.reason === 'token_invalid' ? t('platform.kept.joinGone', { code }) : errorText(t, failure)}
                      </span>
                    )}
                  </div>
                  <button
                    type="button"
                    className="button button-primary button-small"
                    disabled={busy !== null || failure?.reason === 'token_invalid'}
                    onClick={() => void keep(code)}
                    data-testid="kept-keep"
                  >
                    {busy === code ? t('platform.kept.keeping') : t('platform.kept.keep')}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {kept.data === null ? (
        <Loading t={t} error={kept.error} />
      ) : kept.data.length === 0 ? (
        <div className="card platform-card">
          <p className="platform-empty" data-testid="kept-empty">
            {t('platform.kept.empty')}
          </p>
        </div>
      ) : (
        kept.data.map((participation) => (
          <article key={participation.code} className="card platform-card" data-testid="kept-session">
            <h2 className="platform-subtitle" dir="auto">
              {participation.sessionTitle}
            </h2>
            <p className="platform-meta">
              {t('platform.kept.meta', {
                name: participation.participantName,
                count: participation.ideaCount,
                joined: formatDateTime(language, participation.joinedAt),
              })}
            </p>
            {participation.ideas.length === 0 ? (
              <p className="platform-empty">{t('platform.kept.noIdeas')}</p>
            ) : (
              <ul className="platform-kept-ideas">
                {participation.ideas.map((idea) => (
                  <li key={idea.id} className="platform-kept-item" data-testid="kept-idea">
                    <span dir="auto">{idea.title}</span>
                    <ShowOnProfile t={t} request={request} kind="idea" code={participation.code} id={idea.id} shown={idea.shown} />
                  </li>
                ))}
                {participation.ideaCount > participation.ideas.length && (
                  <li className="platform-meta">{t('platform.kept.more', { count: participation.ideaCount - participation.ideas.length })}</li>
                )}
              </ul>
            )}
            {participation.proposals.length > 0 && (
              <>
                <h3 className="platform-meta">{t('platform.kept.proposals')}</h3>
                <ul className="platform-kept-ideas">
                  {participation.proposals.map((proposal) => (
                    <li key={proposal.id} className="platform-kept-item" data-testid="kept-proposal">
                      <span dir="auto">{proposal.title}</span>
                      <ShowOnProfile t={t} request={request} kind="proposal" code={participation.code} id={proposal.id} shown={proposal.shown} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </article>
        ))
      )}
    </section>
  );
}
