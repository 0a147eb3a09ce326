import { useState } from 'react';
import type { ChallengePublic, ChallengeResponses as Lists, ResponsePublic, ResponseSummary } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import { useFetched } from '../platform/useFetched';
import type { ChallengePageProps } from './challengePageProps';

/**
 * The challenge page's responses card: "Respond" for signed-in accounts while the challenge is
 * open, the viewer's own teams, and for the challenge's organisation what was submitted.
 */
export function ChallengeResponses({ me, lang, request, navigate, challenge, now }: ChallengePageProps & { challenge: ChallengePublic; now: number }) {
  const { t } = lang;
  const lists = useFetched<Lists>(request, me ? `/api/challenges/${challenge.id}/responses` : null).data;
  const [teamName, setTeamName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestError | null>(null);
  if (!me) return null;
  const accepting = challenge.status === 'open' && Date.parse(challenge.deadline.at) > now;
  const start = async () => {
    setBusy(true);
    const result = await request<ResponsePublic>('POST', `/api/challenges/${challenge.id}/responses`, { teamName: teamName.trim(), language: lang.language });
    setBusy(false);
    if (result.ok) navigate({ page: 'response', id: result.data.id });
    else setError(result.error);
  };
  const list = (items: ResponseSummary[], testId: string) => (
    <ul className="response-list" data-testid={testId}>
      {items.map((item) => (
        <li key={item.id}>
          <a
            href={`/platform/responses/${item.id}`}
            className="platform-link"
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
        </li>
      ))}
    </ul>
  );
  return (
    <>
      {challenge.canManage && lists?.submissions && (
        <section className="card challenge-section" data-testid="challenge-submissions">
          <h2 className="platform-subtitle">{t('response.submissions')}</h2>
          {lists.submissions.length === 0 ? <p className="platform-meta">{t('response.noSubmissions')}</p> : list(lists.submissions, 'submission-list')}
        </section>
      )}
      {!challenge.canManage && (
        <section className="card challenge-section" data-testid="challenge-respond">
          <h2 className="platform-subtitle">{t('response.respondTitle')}</h2>
          {lists && lists.mine.length > 0 && (
            <>
              <h3 className="platform-meta">{t('response.mine')}</h3>
              {list(lists.mine, 'my-responses')}
            </>
          )}
          {accepting ? (
            <form
              className="response-start"
              onSubmit={(event) => {
                event.preventDefault();
                void start();
              }}
            >
              <p className="platform-meta">{t('response.respondNote')}</p>
              <label className="field">
                <span>{t('response.teamName')}</span>
                <input value={teamName} onChange={(event) => setTeamName(event.target.value)} maxLength={80} required data-testid="response-team-name" />
              </label>
              <button type="submit" className="button button-primary" disabled={busy || teamName.trim() === ''} data-testid="response-start">
                {busy ? t('platform.form.working') : t('response.respond')}
              </button>
            </form>
          ) : (
            <p className="platform-meta">{t('response.closed')}</p>
          )}
          {error && (
            <p className="alert alert-error" role="alert">
              {errorText(t, error)}
            </p>
          )}
        </section>
      )}
    </>
  );
}
