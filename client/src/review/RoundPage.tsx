import './review.css';
import { useState } from 'react';
import type { ReviewRoundPublic } from '@ideasphere/shared';
import { errorText } from '../lib/i18n';
import type { ChallengePageProps } from '../challenges/challengePageProps';
import { Loading } from '../platform/Loading';
import { pathOf } from '../platform/platformRoutes';
import { useFetched } from '../platform/useFetched';
import { AssignmentTable } from './AssignmentTable';
import { formatTime } from './format';
import { NoticeLine } from './NoticeLine';
import { ResultsSection } from './ResultsSection';
import { RoundSettings } from './RoundSettings';
import { scopeRoundsRoute } from './scopeRoutes';
import { useAction } from './useAction';

/** The owner's page of one round: state, settings and guidance, the reviewer pool and assignments, the results. */
export function RoundPage({ lang, request, navigate, id }: ChallengePageProps & { id: string }) {
  const { t, language } = lang;
  const { data: fetched, error } = useFetched<ReviewRoundPublic>(request, `/api/review/rounds/${id}`);
  // Every change answers with the round as it now is: that answer replaces the first read.
  const [changed, setRound] = useState<ReviewRoundPublic | null>(null);
  const round = changed ?? fetched;
  const [tab, setTab] = useState<'setup' | 'results'>('setup');
  const { busy, notice, run } = useAction(request);

  if (round === null) {
    return error ? (
      <p className="alert alert-error" role="alert" data-testid="review-round-missing">
        {errorText(t, error)}
      </p>
    ) : (
      <Loading t={t} />
    );
  }
  const move = (to: 'open' | 'closed') =>
    void run<ReviewRoundPublic>(to, 'POST', `/api/review/rounds/${id}/transitions`, { to }, (next) => {
      setRound(next);
      return t('review.round.moved', { status: t(`review.status.${next.status}`) });
    });

  return (
    <article className="platform-page review-page" data-testid="review-round" data-status={round.status}>
      <a
        href={pathOf(scopeRoundsRoute(round.scope))}
        className="platform-link"
        dir="auto"
        data-testid="review-round-back"
        onClick={(event) => {
          event.preventDefault();
          navigate(scopeRoundsRoute(round.scope));
        }}
      >
        {round.scopeTitle || t('review.rounds.title')}
      </a>
      <header className="review-card-head">
        <h1 className="platform-title" dir="auto">
          {round.name}
        </h1>
        <span className="review-badge" data-status={round.status} data-testid="review-round-status">
          {t(`review.status.${round.status}`)}
        </span>
        {round.blind && <span className="review-badge review-badge-blind">{t('review.blind')}</span>}
        {round.pastDue && round.status === 'open' && (
          <span className="review-badge review-badge-warn" data-testid="review-round-past-due">
            {t('review.overdue.round')}
          </span>
        )}
      </header>
      {round.pastDue && round.status === 'open' && round.reviewers.some((r) => r.overdue) && (
        <p className="alert alert-warning" role="status" data-testid="review-round-overdue-note">
          {t('review.overdue.ownerNote', { names: round.reviewers.filter((r) => r.overdue).map((r) => r.account.name).join(', ') })}
        </p>
      )}
      <p className="platform-meta">
        {t('review.round.summary', { min: round.scale.min, max: round.scale.max, k: round.reviewersPerSubmission })}
        {round.dueAt && ` · ${t('review.due', { time: formatTime(language, round.dueAt) })}`}
        {` · ${t('review.rounds.completion', { done: round.submitted, total: round.assigned })}`}
      </p>
      <div className="challenge-actions">
        {round.status === 'draft' && (
          <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => move('open')} data-testid="review-round-open">
            {busy === 'open' ? t('platform.form.working') : t('review.round.open')}
          </button>
        )}
        {round.status === 'open' && (
          <button type="button" className="button" disabled={busy !== null} onClick={() => move('closed')} data-testid="review-round-close">
            {busy === 'closed' ? t('platform.form.working') : t('review.round.close')}
          </button>
        )}
        {round.status === 'closed' && (
          <button type="button" className="button" disabled={busy !== null} onClick={() => move('open')} data-testid="review-round-reopen">
            {t('review.round.reopen')}
          </button>
        )}
      </div>
      <NoticeLine notice={notice} t={t} testId="review-round-state" />
      <div className="review-tabs" role="tablist" aria-label={round.name}>
        {(['setup', 'results'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`review-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`review-panel-${name}`}
            className={tab === name ? 'button button-primary' : 'button'}
            onClick={() => setTab(name)}
            data-testid={`review-tab-${name}`}
          >
            {t(`review.tab.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`review-panel-${tab}`} aria-labelledby={`review-tab-${tab}`}>
        {tab === 'setup' ? (
          <>
            <RoundSettings key={round.id} lang={lang} request={request} round={round} onChange={setRound} />
            <AssignmentTable lang={lang} request={request} round={round} onChange={setRound} />
          </>
        ) : (
          <ResultsSection lang={lang} request={request} roundId={round.id} />
        )}
      </div>
    </article>
  );
}
