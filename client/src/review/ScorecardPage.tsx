import './review.css';
import { useState } from 'react';
import type { MyReviewRound, ScorecardView } from '@ideasphere/shared';
import { errorText } from '../lib/i18n';
import type { ChallengePageProps } from '../challenges/challengePageProps';
import { Markdown } from '../challenges/Markdown';
import { Loading } from '../platform/Loading';
import { useFetched } from '../platform/useFetched';
import { formatTime } from './format';
import { NoticeLine } from './NoticeLine';
import { useAction } from './useAction';

/** Scales this wide get one button per score; wider ones a slider. */
const BUTTONS_UP_TO = 11;

/**
 * One assigned submission and its scorecard: the text on the left (on top on a phone), the
 * criteria with their guidance and scale on the right, a comment for the team and a note for
 * the owner; save a draft or submit; declare a conflict of interest.
 */
export function ScorecardPage({ lang, request, navigate, roundId, subjectId }: ChallengePageProps & { roundId: string; subjectId: string }) {
  const { t } = lang;
  const path = `/api/review/rounds/${roundId}/subjects/${subjectId}/scorecard`;
  const { data: view, error } = useFetched<ScorecardView>(request, path);
  if (view === null) {
    return error ? (
      <section className="platform-page" data-testid="scorecard-missing">
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
        <button type="button" className="button" onClick={() => navigate({ page: 'reviews' })}>
          {t('review.backToMine')}
        </button>
      </section>
    ) : (
      <Loading t={t} />
    );
  }
  return <Scorecard lang={lang} request={request} navigate={navigate} path={path} first={view} />;
}

/** The page itself, its form started from the first read; each save answers with the scorecard as stored. */
function Scorecard({ lang, request, navigate, path, first }: Pick<ChallengePageProps, 'lang' | 'request' | 'navigate'> & { path: string; first: ScorecardView }) {
  const { t, language } = lang;
  const [view, setView] = useState(first);
  const [scores, setScores] = useState<Record<string, number>>(first.review?.scores ?? {});
  const [comment, setComment] = useState(first.review?.comment ?? '');
  const [note, setNote] = useState(first.review?.note ?? '');
  const [confirmConflict, setConfirmConflict] = useState(false);
  const { busy, notice, run } = useAction(request);
  const { round, subject, criteria } = view;
  const submitted = view.review?.status === 'submitted';
  const save = (submit: boolean) =>
    void run<ScorecardView>(submit ? 'submit' : 'save', 'PUT', path, { scores, comment, note, submit }, (next) => {
      setView(next);
      return submit ? t('review.card.submitted') : t('review.card.saved');
    });
  const values = Array.from({ length: round.scale.max - round.scale.min + 1 }, (_, i) => round.scale.min + i);

  return (
    <article className="platform-page review-page" data-testid="scorecard-page" data-status={view.review?.status ?? 'assigned'}>
      <header className="review-card-head">
        <a
          href="/platform/reviews"
          className="platform-link"
          onClick={(event) => {
            event.preventDefault();
            navigate({ page: 'reviews' });
          }}
        >
          {t('review.backToMine')}
        </a>
      </header>
      <h1 className="platform-title" dir="auto" data-testid="scorecard-title">
        {subject.label}
      </h1>
      <p className="platform-meta" dir="auto">
        {round.name}
        {round.scopeTitle !== '' && ` · ${round.scopeTitle}`}
        {round.dueAt && ` · ${t(round.pastDue ? 'review.overdue.wasDue' : 'review.due', { time: formatTime(language, round.dueAt) })}`}
      </p>
      {round.pastDue && round.status === 'open' && round.dueAt && (
        <p className="alert alert-warning" role="status" data-testid="scorecard-past-due">
          {t('review.overdue.cardClosed', { time: formatTime(language, round.dueAt) })}
        </p>
      )}
      {round.blind && (
        <p className="alert alert-info" data-testid="scorecard-blind">
          {t('review.card.blindNote')}
        </p>
      )}
      <div className="review-split">
        <section className="card review-subject" aria-label={t('review.card.document')} data-testid="scorecard-document">
          {subject.authors && (
            <p className="platform-meta" dir="auto" data-testid="scorecard-authors">
              {t('review.card.authors', { names: subject.authors.join(', ') })}
            </p>
          )}
          <Markdown source={subject.markdown} />
        </section>
        <form
          className="card review-form"
          onSubmit={(event) => {
            event.preventDefault();
            save(true);
          }}
          data-testid="scorecard-form"
        >
          {round.guidance !== '' && (
            <p className="review-guidance" dir="auto">
              {round.guidance}
            </p>
          )}
          {criteria.map((criterion) => (
            <fieldset key={criterion.id} className="review-criterion" disabled={!view.editable} data-testid="scorecard-criterion">
              <legend dir="auto">
                {criterion.name} <span className="platform-meta">· {criterion.weight}%</span>
              </legend>
              {criterion.guidance !== '' && (
                <p className="field-hint" dir="auto">
                  {criterion.guidance}
                </p>
              )}
              {values.length <= BUTTONS_UP_TO ? (
                <div className="review-scale" role="radiogroup" aria-label={t('review.card.scaleLabel', { name: criterion.name, min: round.scale.min, max: round.scale.max })}>
                  {values.map((value) => (
                    <label key={value} className="review-scale-option">
                      <input
                        type="radio"
                        name={`score-${criterion.id}`}
                        value={value}
                        checked={scores[criterion.id] === value}
                        onChange={() => setScores((current) => ({ ...current, [criterion.id]: value }))}
                        data-testid={`score-${criterion.id}-${value}`}
                      />
                      <span>{value}</span>
                    </label>
                  ))}
                </div>
              ) : (
                <label className="review-slider">
                  <input
                    type="range"
                    min={round.scale.min}
                    max={round.scale.max}
                    value={scores[criterion.id] ?? round.scale.min}
                    onChange={(event) => setScores((current) => ({ ...current, [criterion.id]: Number(event.target.value) }))}
                    aria-label={t('review.card.scaleLabel', { name: criterion.name, min: round.scale.min, max: round.scale.max })}
                    data-testid={`score-${criterion.id}`}
                  />
                  <output>{scores[criterion.id] ?? '–'}</output>
                </label>
              )}
            </fieldset>
          ))}
          <label className="field">
            <span className="field-label">{t('review.card.comment')}</span>
            <span className="field-hint">{t('review.card.commentHint')}</span>
            <textarea className="input" rows={4} value={comment} onChange={(event) => setComment(event.target.value)} disabled={!view.editable} data-testid="scorecard-comment" />
          </label>
          <label className="field">
            <span className="field-label">{t('review.card.note')}</span>
            <span className="field-hint">{t('review.card.noteHint')}</span>
            <textarea className="input" rows={3} value={note} onChange={(event) => setNote(event.target.value)} disabled={!view.editable} data-testid="scorecard-note" />
          </label>
          <p className="platform-meta" data-testid="scorecard-status">
            {submitted ? t('review.card.statusSubmitted') : view.review ? t('review.card.statusDraft') : t('review.card.statusNew')}
          </p>
          {view.editable ? (
            <div className="challenge-actions">
              <button type="button" className="button" disabled={busy !== null} onClick={() => save(false)} data-testid="scorecard-save">
                {busy === 'save' ? t('platform.form.working') : t('review.card.save')}
              </button>
              <button type="submit" className="button button-primary" disabled={busy !== null} data-testid="scorecard-submit">
                {busy === 'submit' ? t('platform.form.working') : submitted ? t('review.card.update') : t('review.card.submit')}
              </button>
            </div>
          ) : round.pastDue && round.status === 'open' ? (
            <p className="alert alert-warning">{t('review.overdue.closed')}</p>
          ) : (
            <p className="alert alert-info">{t('review.card.notEditable')}</p>
          )}
          <NoticeLine notice={notice} t={t} testId="scorecard" />
          <div className="review-conflict">
            {!confirmConflict ? (
              <button type="button" className="button button-danger-ghost" onClick={() => setConfirmConflict(true)} data-testid="scorecard-conflict">
                {t('review.card.conflict')}
              </button>
            ) : (
              <div role="group" aria-label={t('review.card.conflict')} data-testid="scorecard-conflict-confirm">
                <p>{t('review.card.conflictConfirm')}</p>
                <div className="challenge-actions">
                  <button
                    type="button"
                    className="button button-danger"
                    disabled={busy !== null}
                    data-testid="scorecard-conflict-yes"
                    onClick={() =>
                      void run<MyReviewRound[]>('conflict', 'POST', `/api/review/rounds/${round.id}/subjects/${subject.id}/conflict`, undefined, () => {
                        navigate({ page: 'reviews' });
                        return null;
                      })
                    }
                  >
                    {busy === 'conflict' ? t('platform.form.working') : t('review.card.conflictYes')}
                  </button>
                  <button type="button" className="button" onClick={() => setConfirmConflict(false)}>
                    {t('review.cancel')}
                  </button>
                </div>
              </div>
            )}
          </div>
        </form>
      </div>
    </article>
  );
}
