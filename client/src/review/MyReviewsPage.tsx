import './review.css';
import type { MyReviewRound } from '@ideasphere/shared';
import { errorText } from '../lib/i18n';
import type { ChallengePageProps } from '../challenges/challengePageProps';
import { Loading } from '../platform/Loading';
import { useFetched } from '../platform/useFetched';
import { formatTime } from './format';

/** "My reviews": the rounds the account reviews in, each with its progress and its assigned submissions. */
export function MyReviewsPage({ lang, request, navigate }: ChallengePageProps) {
  const { t, language } = lang;
  const { data: rounds, error } = useFetched<MyReviewRound[]>(request, '/api/review/mine');
  if (rounds === null) {
    return error ? (
      <p className="alert alert-error" role="alert">
        {errorText(t, error)}
      </p>
    ) : (
      <Loading t={t} />
    );
  }
  return (
    <section className="platform-page review-page" data-testid="my-reviews">
      <h1 className="platform-title">{t('review.mine.title')}</h1>
      {rounds.length === 0 && (
        <p className="card review-empty" data-testid="my-reviews-empty">
          {t('review.mine.empty')}
        </p>
      )}
      {rounds.map((round) => (
        <article key={round.roundId} className="card review-card" data-testid="my-review-round">
          <header className="review-card-head">
            <h2 className="platform-subtitle" dir="auto">
              {round.name}
            </h2>
            <span className="review-badge" data-status={round.status}>
              {t(`review.status.${round.status}`)}
            </span>
            {round.blind && <span className="review-badge review-badge-blind">{t('review.blind')}</span>}
            {round.pastDue && round.status === 'open' && (
              <span className="review-badge review-badge-warn" data-testid="my-review-past-due">
                {t('review.overdue.closed')}
              </span>
            )}
          </header>
          {round.scopeTitle !== '' && (
            <p className="platform-meta" dir="auto">
              {round.scopeTitle}
            </p>
          )}
          {round.dueAt && (
            <p className="platform-meta" data-testid="my-review-due" data-past-due={round.pastDue}>
              {t(round.pastDue ? 'review.overdue.wasDue' : 'review.due', { time: formatTime(language, round.dueAt) })}
            </p>
          )}
          <div className="review-progress">
            <progress max={Math.max(round.total, 1)} value={round.done} aria-label={t('review.mine.progressLabel')} />
            <span data-testid="my-review-progress">{t('review.mine.progress', { done: round.done, total: round.total })}</span>
          </div>
          {round.items.length === 0 ? (
            <p className="platform-meta">{t('review.mine.noItems')}</p>
          ) : (
            <ul className="review-items">
              {round.items.map((item) => (
                <li key={item.subjectId}>
                  <a
                    className="review-item-link"
                    href={`/platform/reviews/${round.roundId}/${item.subjectId}`}
                    data-testid="my-review-item"
                    onClick={(event) => {
                      event.preventDefault();
                      navigate({ page: 'scorecard', roundId: round.roundId, subjectId: item.subjectId });
                    }}
                  >
                    <span dir="auto">{item.label}</span>
                    <span className="review-chip" data-status={item.status}>
                      {t(`review.item.${item.status}`)}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </article>
      ))}
    </section>
  );
}
