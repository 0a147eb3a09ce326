import './challenges.css';
import type { MyResponse } from '@ideasphere/shared';
import { errorText } from '../lib/i18n';
import { Loading } from '../platform/Loading';
import { useFetched } from '../platform/useFetched';
import type { ChallengePageProps } from './challengePageProps';

/** "My responses": every team the account is on, newest first, with a way to a challenge when there is none. */
export function MyResponsesPage({ lang, request, navigate }: ChallengePageProps) {
  const { t, language } = lang;
  const { data, error } = useFetched<MyResponse[]>(request, '/api/responses');
  const time = (iso: string) => new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <section className="platform-page" data-testid="my-responses-page">
      <h1 className="platform-title">{t('response.myTitle')}</h1>
      <p className="platform-meta">{t('response.myNote')}</p>
      {error && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {data === null && !error && <Loading t={t} />}
      {data?.length === 0 && (
        <div className="card challenge-section" data-testid="my-responses-empty">
          <p>{t('response.myEmpty')}</p>
          <button type="button" className="button button-primary" onClick={() => navigate({ page: 'challenges' })}>
            {t('response.findChallenges')}
          </button>
        </div>
      )}
      {data && data.length > 0 && (
        <ul className="my-responses" data-testid="my-responses">
          {data.map((item) => (
            <li key={item.id} className="card challenge-section my-response">
              <a
                href={`/platform/responses/${item.id}`}
                className="platform-link my-response-team"
                dir="auto"
                onClick={(event) => {
                  event.preventDefault();
                  navigate({ page: 'response', id: item.id });
                }}
              >
                {item.teamName}
              </a>
              <span className="response-status" data-status={item.status}>
                {t(`response.status.${item.status}`)}
              </span>
              {item.isOwner && <span className="platform-meta">{t('response.youOwn')}</span>}
              <a
                href={`/platform/profiles/team/${item.id}`}
                className="platform-link my-response-profile"
                onClick={(event) => {
                  event.preventDefault();
                  navigate({ page: 'profile', kind: 'team', id: item.id });
                }}
                data-testid="my-response-team-profile"
              >
                {t('response.teamProfile')}
              </a>
              <p className="platform-meta my-response-challenge" dir="auto">
                {t('response.forChallenge', { challenge: item.challenge.title })} · {t('response.deadline', { time: time(item.challenge.deadline) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
