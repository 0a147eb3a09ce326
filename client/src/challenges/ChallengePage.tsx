import './challenges.css';
import { useState } from 'react';
import type { ChallengePublic, ChallengeStatus, CreatedSession, FieldPublic } from '@ideasphere/shared';
import { CHALLENGE_TRANSITIONS } from '@ideasphere/shared/challenges/challengeModel.js';
import type { RequestError } from '../lib/api';
import { errorText } from '../lib/i18n';
import { useFetched } from '../platform/useFetched';
import type { ChallengePageProps } from './challengePageProps';
import { deadlineInZone, timeLeft, useNow } from './deadlineText';
import { fieldName } from './fieldName';
import { Markdown } from './Markdown';
import { Loading } from '../platform/Loading';
import { keepCreatedSession } from '../console/recentSessions';
import { truncateGraphemes } from '@ideasphere/shared/text.js';
import { SESSION_TITLE_MAX_CHARS } from '@ideasphere/shared/limits.js';
import { MatchList } from '../search/MatchList';
import { ChallengeResponses } from './ChallengeResponses';
import { PromoteIdeas } from './PromoteIdeas';
import { QuestionsSection } from './QuestionsSection';

type Notice = { kind: 'moved'; status: ChallengeStatus } | { kind: 'error'; error: RequestError };

/**
 * One challenge: reads on a phone (one column) and, with `?screen=1`, on a conference screen
 * (large type, the QR code large beside the problem). Its organisation moves it along here.
 */
export function ChallengePage({ me, lang, request, navigate, id, screen }: ChallengePageProps & { id: string; screen: boolean }) {
  const { t, language } = lang;
  const now = useNow();
  const { data: loaded, error, reload } = useFetched<ChallengePublic>(request, `/api/challenges/${id}`);
  const fields = useFetched<FieldPublic[]>(request, '/api/fields').data ?? [];
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  if (loaded === null) {
    return error ? (
      <section className="platform-page" data-testid="challenge-missing">
        <p className="alert alert-error" role="alert">
          {error.reason === 'challenge_not_found' ? t('challenge.page.notFound') : errorText(t, error)}
        </p>
        <BackLink lang={lang} navigate={navigate} />
      </section>
    ) : (
      <Loading t={t} />
    );
  }
  const challenge = loaded;
  /** A live brainstorm for this challenge (in the page's language); it opens in the console. */
  const runLiveSession = async () => {
    setBusy(true);
    setNotice(null);
    const result = await request<CreatedSession>('POST', '/api/account/live-sessions', { title: truncateGraphemes(challenge.title, SESSION_TITLE_MAX_CHARS), language, challengeId: challenge.id });
    if (!result.ok) {
      setBusy(false);
      setNotice({ kind: 'error', error: result.error });
      return;
    }
    window.location.assign(keepCreatedSession(result.data));
  };

  const move = async (to: ChallengeStatus) => {
    setBusy(true);
    const result = await request<ChallengePublic>('POST', `/api/challenges/${challenge.id}/transitions`, { to });
    setBusy(false);
    setNotice(result.ok ? { kind: 'moved', status: result.data.status } : { kind: 'error', error: result.error });
    if (result.ok) reload();
  };

  const sections: [string, string][] = [
    [t('challenge.page.background'), challenge.background],
    [t('challenge.page.desiredOutcomes'), challenge.desiredOutcomes],
    [t('challenge.page.constraints'), challenge.constraints],
    [t('challenge.page.reward'), challenge.reward],
    [t('challenge.page.ipTerms'), challenge.ipTerms],
  ];
  const deadline = (
    <p className="challenge-deadline" data-testid="challenge-deadline">
      <strong>{t('challenge.deadline.at', { time: deadlineInZone(language, challenge.deadline), zone: challenge.deadline.timeZone })}</strong>
      <span className="challenge-countdown">{timeLeft(t, challenge.deadline, now)}</span>
    </p>
  );
  const qr = (
    <figure className="challenge-qr">
      <img src={`/api/challenges/${challenge.id}/qr.svg`} alt={t('challenge.page.qr')} data-testid="challenge-qr" />
      <figcaption>{t('challenge.page.qr')}</figcaption>
    </figure>
  );

  return (
    <article className={`platform-page challenge-page${screen ? ' challenge-screen' : ''}`} data-testid="challenge-page" data-status={challenge.status}>
      <header className="challenge-header">
        <div className="challenge-header-top">
          <span className="challenge-status" data-status={challenge.status} data-testid="challenge-status">
            {t(`challenge.status.${challenge.status}`)}
          </span>
          <span className="platform-meta" dir="auto">
            {t('challenge.page.by', { organisation: challenge.organisation.name })}
          </span>
        </div>
        <h1 className="challenge-title" dir="auto" data-testid="challenge-title">
          {challenge.title}
        </h1>
        {deadline}
        <div className="challenge-chips">
          {challenge.fieldIds.map((fid) => {
            const field = fields.find((f) => f.id === fid);
            return field ? (
              <span key={fid} className="challenge-chip" data-testid="challenge-field">
                {fieldName(language, field)}
              </span>
            ) : null;
          })}
        </div>
      </header>
      <div className="challenge-body">
        <div className="challenge-main">
          <section className="card challenge-section">
            <h2 className="platform-subtitle">{t('challenge.page.problem')}</h2>
            <Markdown source={challenge.problem} />
          </section>
          {!screen &&
            sections
              .filter(([, text]) => text.trim() !== '')
              .map(([title, text]) => (
                <section key={title} className="card challenge-section">
                  <h2 className="platform-subtitle">{title}</h2>
                  <Markdown source={text} />
                </section>
              ))}
          {!screen && <PromoteIdeas me={me} lang={lang} request={request} navigate={navigate} challenge={challenge} />}
          {!screen && challenge.status !== 'draft' && <QuestionsSection lang={lang} request={request} me={me} challenge={challenge} />}
        </div>
        <aside className="challenge-side">
          {/* Responding (or, for the owner, the submissions) first: what a solver came to do. */}
          {!screen && <ChallengeResponses me={me} lang={lang} request={request} navigate={navigate} challenge={challenge} now={now} />}
          {qr}
          <section className="card challenge-section">
            <h2 className="platform-subtitle">{t('challenge.page.criteria')}</h2>
            <ul className="challenge-criteria" data-testid="challenge-criteria">
              {challenge.criteria.map((criterion) => (
                <li key={criterion.name}>
                  <span dir="auto">{criterion.name}</span>
                  <span className="challenge-weight" style={{ ['--weight' as string]: `${criterion.weight}%` }}>
                    {t('challenge.page.weight', { weight: criterion.weight })}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          {!screen && (
            <section className="card challenge-section">
              <h2 className="platform-subtitle">{t('challenge.page.visibility')}</h2>
              <p>{t(`challenge.visibility.${challenge.visibility}`)}</p>
              {challenge.invitedOrganisations.length > 0 && (
                <p className="platform-meta" dir="auto">
                  {t('challenge.page.invited', { names: challenge.invitedOrganisations.map((o) => o.name).join(', ') })}
                </p>
              )}
            </section>
          )}
          {!screen && challenge.canManage && challenge.status !== 'draft' && (
            <MatchList
              lang={lang}
              request={request}
              navigate={navigate}
              path={`/api/challenges/${challenge.id}/matches`}
              title={t('search.matchesTitle')}
              empty={t('search.matchesEmpty')}
              testId="challenge-matches"
            />
          )}
          {!screen && challenge.canManage && (
            <section className="card challenge-section" data-testid="challenge-manage">
              <h2 className="platform-subtitle">{t('challenge.page.manage')}</h2>
              {challenge.status === 'draft' && <p className="platform-meta">{t('challenge.page.draftNote')}</p>}
              <div className="challenge-actions">
                {challenge.status === 'open' && (
                  <button type="button" className="button button-secondary" disabled={busy} onClick={() => void runLiveSession()} data-testid="challenge-live-session">
                    {t('challenge.page.liveSession')}
                  </button>
                )}
                {challenge.status !== 'draft' && (
                  <a
                    className="button button-secondary"
                    href={`/platform/challenges/${challenge.id}/review`}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate({ page: 'challengeReview', id: challenge.id });
                    }}
                    data-testid="challenge-review"
                  >
                    {t('review.challengeLink')}
                  </a>
                )}
                {CHALLENGE_TRANSITIONS[challenge.status].map((to) => (
                  <button key={to} type="button" className="button button-primary" disabled={busy} onClick={() => void move(to)} data-testid={`challenge-move-${to}`}>
                    {busy ? t('platform.form.working') : t(`challenge.page.moveTo.${to as Exclude<ChallengeStatus, 'draft'>}`)}
                  </button>
                ))}
              </div>
              <div aria-live="polite">
                {notice?.kind === 'moved' && (
                  <p className="alert alert-success" role="status" data-testid="challenge-notice">
                    {t('challenge.page.moved', { status: t(`challenge.status.${notice.status}`) })}
                  </p>
                )}
                {notice?.kind === 'error' && (
                  <p className="alert alert-error" role="alert" data-testid="challenge-error">
                    {errorText(t, notice.error)}
                  </p>
                )}
              </div>
            </section>
          )}
        </aside>
      </div>
      <nav className="challenge-links">
        <BackLink lang={lang} navigate={navigate} />
        <a
          href={`/platform/challenges/${challenge.id}${screen ? '' : '?screen=1'}`}
          className="platform-link"
          data-testid="challenge-screen-toggle"
          onClick={(event) => {
            event.preventDefault();
            navigate({ page: 'challenge', id: challenge.id, screen: !screen });
          }}
        >
          {screen ? t('challenge.page.leaveScreen') : t('challenge.page.screen')}
        </a>
      </nav>
    </article>
  );
}

function BackLink({ lang, navigate }: Pick<ChallengePageProps, 'lang' | 'navigate'>) {
  return (
    <a
      href="/platform/challenges"
      className="platform-link"
      onClick={(event) => {
        event.preventDefault();
        navigate({ page: 'challenges' });
      }}
    >
      ← {lang.t('challenge.page.back')}
    </a>
  );
}
