import './review.css';
import { useState } from 'react';
import type { ReviewRoundPublic, ReviewScopeKind, ReviewScopeRounds } from '@ideasphere/shared';
import { errorText } from '../lib/i18n';
import type { ChallengePageProps } from '../challenges/challengePageProps';
import { Loading } from '../platform/Loading';
import { pathOf } from '../platform/platformRoutes';
import { useFetched } from '../platform/useFetched';
import { formatTime } from './format';
import { NoticeLine } from './NoticeLine';
import { scopeHomeRoute } from './scopeRoutes';
import { useAction } from './useAction';

/** A scope's review (a challenge's, an award category's jury): its rounds and a form for a new one (the owner's side). */
export function ScopeRoundsPage({ lang, request, navigate, scope }: ChallengePageProps & { scope: { kind: ReviewScopeKind; id: string } }) {
  const { t, language } = lang;
  const { data, error } = useFetched<ReviewScopeRounds>(request, `/api/review/scopes/${scope.kind}/${scope.id}/rounds`);
  const [name, setName] = useState('');
  const [scaleMin, setScaleMin] = useState(1);
  const [scaleMax, setScaleMax] = useState(10);
  const [blind, setBlind] = useState(true);
  const [k, setK] = useState(3);
  const [due, setDue] = useState('');
  const { busy, notice, run } = useAction(request);

  if (data === null) {
    return error ? (
      <p className="alert alert-error" role="alert" data-testid="review-rounds-error">
        {errorText(t, error)}
      </p>
    ) : (
      <Loading t={t} />
    );
  }
  const home = scopeHomeRoute(data.scope.home);
  const create = () =>
    void run<ReviewRoundPublic>('create', 'POST', `/api/review/scopes/${scope.kind}/${scope.id}/rounds`, {
      name: name.trim(),
      scaleMin,
      scaleMax,
      blind,
      reviewersPerSubmission: k,
      dueAt: due === '' ? null : new Date(due).toISOString(),
    }, (round) => {
      navigate({ page: 'reviewRound', id: round.id });
      return null;
    });

  return (
    <section className="platform-page review-page" data-testid="review-rounds">
      <a
        href={pathOf(home)}
        className="platform-link"
        dir="auto"
        data-testid="review-scope-back"
        onClick={(event) => {
          event.preventDefault();
          navigate(home);
        }}
      >
        {data.scope.title}
      </a>
      <h1 className="platform-title">{t('review.rounds.title')}</h1>
      {data.rounds.length === 0 ? (
        <p className="card review-empty" data-testid="review-rounds-empty">
          {t('review.rounds.empty')}
        </p>
      ) : (
        <ul className="review-items">
          {data.rounds.map((round) => (
            <li key={round.id}>
              <a
                className="review-item-link card"
                href={`/platform/reviews/${round.id}`}
                data-testid="review-round-link"
                onClick={(event) => {
                  event.preventDefault();
                  navigate({ page: 'reviewRound', id: round.id });
                }}
              >
                <span dir="auto">{round.name}</span>
                <span className="review-badge" data-status={round.status}>
                  {t(`review.status.${round.status}`)}
                </span>
                {round.blind && <span className="review-badge review-badge-blind">{t('review.blind')}</span>}
                <span className="platform-meta">{t('review.rounds.completion', { done: round.submitted, total: round.assigned })}</span>
                {round.dueAt && <span className="platform-meta">{t('review.due', { time: formatTime(language, round.dueAt) })}</span>}
              </a>
            </li>
          ))}
        </ul>
      )}
      <form
        className="card review-form"
        onSubmit={(event) => {
          event.preventDefault();
          create();
        }}
        data-testid="review-round-form"
      >
        <h2 className="platform-subtitle">{t('review.rounds.new')}</h2>
        <label className="field">
          <span className="field-label">{t('review.settings.name')}</span>
          <input className="input" value={name} onChange={(event) => setName(event.target.value)} required maxLength={80} data-testid="review-round-name" />
        </label>
        <div className="review-row">
          <label className="field">
            <span className="field-label">{t('review.settings.scaleMin')}</span>
            <input className="input" type="number" min={0} max={99} value={scaleMin} onChange={(event) => setScaleMin(Number(event.target.value))} />
          </label>
          <label className="field">
            <span className="field-label">{t('review.settings.scaleMax')}</span>
            <input className="input" type="number" min={1} max={100} value={scaleMax} onChange={(event) => setScaleMax(Number(event.target.value))} />
          </label>
          <label className="field">
            <span className="field-label">{t('review.settings.k')}</span>
            <input className="input" type="number" min={1} max={10} value={k} onChange={(event) => setK(Number(event.target.value))} data-testid="review-round-k" />
          </label>
        </div>
        <label className="field">
          <span className="field-label">{t('review.settings.due')}</span>
          <input className="input" type="datetime-local" value={due} onChange={(event) => setDue(event.target.value)} />
        </label>
        <label className="review-check">
          <input type="checkbox" checked={blind} onChange={(event) => setBlind(event.target.checked)} data-testid="review-round-blind" />
          <span>
            {t('review.settings.blind')}
            <span className="field-hint"> — {t('review.settings.blindHint')}</span>
          </span>
        </label>
        <button type="submit" className="button button-primary" disabled={busy !== null || name.trim() === ''} data-testid="review-round-create">
          {busy ? t('platform.form.working') : t('review.rounds.create')}
        </button>
        <NoticeLine notice={notice} t={t} testId="review-round" />
      </form>
    </section>
  );
}
