import { useState } from 'react';
import type { ReviewDecision, ReviewResultRow, ReviewResults } from '@ideasphere/shared';
import { REVIEW_DECISIONS } from '@ideasphere/shared/review/reviewModel.js';
import { errorText, type LanguageState } from '../lib/i18n';
import { Loading } from '../platform/Loading';
import type { PlatformRequest } from '../platform/platformApi';
import { useFetched } from '../platform/useFetched';
import { formatScore } from './format';
import { NoticeLine } from './NoticeLine';
import { useAction } from './useAction';

interface Props {
  lang: LanguageState;
  request: PlatformRequest;
  roundId: string;
}

/**
 * The owner's results: best normalised score first, with the plain mean, spread, a badge where
 * reviewers disagree, the shortlist, the decision with feedback for the team, and the CSV.
 */
export function ResultsSection({ lang, request, roundId }: Props) {
  const { t } = lang;
  const { data: fetched, error } = useFetched<ReviewResults>(request, `/api/review/rounds/${roundId}/results`);
  // Every change answers with the results as they now are: that answer replaces the first read.
  const [changed, setResults] = useState<ReviewResults | null>(null);
  const results = changed ?? fetched;
  const [open, setOpen] = useState<string | null>(null);
  const { busy, notice, run } = useAction(request);

  if (results === null) {
    return error ? (
      <p className="alert alert-error" role="alert">
        {errorText(t, error)}
      </p>
    ) : (
      <Loading t={t} />
    );
  }
  const shortlist = (row: ReviewResultRow) =>
    void run<ReviewResults>(`s-${row.subjectId}`, 'PUT', `/api/review/rounds/${roundId}/shortlist/${row.subjectId}`, { shortlisted: !row.shortlisted }, (next) => {
      setResults(next);
      return row.shortlisted ? t('review.results.unlisted', { title: row.title }) : t('review.results.listed', { title: row.title });
    });

  return (
    <section className="card review-form" data-testid="review-results">
      <div className="review-card-head">
        <h2 className="platform-subtitle">{t('review.results.title')}</h2>
        <a className="button" href={`/api/review/rounds/${roundId}/results.csv`} download data-testid="review-results-csv">
          {t('review.results.csv')}
        </a>
      </div>
      <p className="field-hint">{t('review.results.explain')}</p>
      <NoticeLine notice={notice} t={t} testId="review-results" />
      {results.rows.length === 0 ? (
        <p className="platform-meta" data-testid="review-results-empty">
          {t('review.assign.noSubjects')}
        </p>
      ) : (
        <div className="review-table-wrap">
          <table className="platform-table review-table" data-testid="review-results-table">
            <thead>
              <tr>
                <th scope="col">{t('review.results.rank')}</th>
                <th scope="col">{t('review.assign.submission')}</th>
                <th scope="col">{t('review.results.normalised')}</th>
                <th scope="col">{t('review.results.mean')}</th>
                <th scope="col">{t('review.results.spread')}</th>
                <th scope="col">{t('review.results.reviews')}</th>
                <th scope="col">{t('review.results.shortlist')}</th>
                <th scope="col">{t('review.results.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {results.rows.map((row) => (
                <tr key={row.subjectId} data-testid="review-result-row" data-subject={row.subjectId}>
                  <td data-label={t('review.results.rank')} data-testid="review-result-rank">{row.rank ?? '–'}</td>
                  <th scope="row" dir="auto" data-testid="review-result-title">
                    {row.title}
                  </th>
                  <td className="review-number" data-label={t('review.results.normalised')} data-testid="review-result-normalised">
                    {formatScore(row.normalised)}
                  </td>
                  <td className="review-number" data-label={t('review.results.mean')} data-testid="review-result-mean">
                    {formatScore(row.mean)}
                  </td>
                  <td className="review-number" data-label={t('review.results.spread')}>
                    {row.reviews > 1 ? row.spread.toFixed(2) : '–'}
                    {row.disagreement && (
                      <span className="review-badge review-badge-warn" data-testid="review-result-disagreement">
                        {t('review.results.disagree')}
                      </span>
                    )}
                  </td>
                  <td className="review-number" data-label={t('review.results.reviews')}>
                    {row.reviews}
                  </td>
                  <td data-label={t('review.results.shortlist')}>
                    <label className="review-check">
                      <input type="checkbox" checked={row.shortlisted} disabled={busy !== null} onChange={() => shortlist(row)} data-testid="review-result-shortlist" />
                      <span className="visually-hidden">{t('review.results.shortlistFor', { title: row.title })}</span>
                    </label>
                  </td>
                  <td data-label={t('review.results.decision')}>
                    {row.decision && (
                      <span className="review-chip" data-status={row.decision.decision} data-testid="review-result-decision">
                        {t(`review.decision.${row.decision.decision}`)}
                      </span>
                    )}
                    <button
                      type="button"
                      className="button button-small"
                      aria-expanded={open === row.subjectId}
                      onClick={() => setOpen(open === row.subjectId ? null : row.subjectId)}
                      data-testid="review-result-decide"
                    >
                      {row.decision ? t('review.results.change') : t('review.results.decide')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {results.rows
        .filter((row) => row.subjectId === open)
        .map((row) => (
          <DecisionForm
            key={row.subjectId}
            lang={lang}
            row={row}
            busy={busy !== null}
            onDecide={(decision, feedback) =>
              void run<ReviewResults>('decide', 'POST', `/api/review/rounds/${roundId}/decisions`, { subjectId: row.subjectId, decision, feedback }, (next) => {
                setResults(next);
                setOpen(null);
                return t('review.results.decided', { title: row.title, decision: t(`review.decision.${decision}`) });
              })
            }
          />
        ))}
    </section>
  );
}

function DecisionForm({ lang, row, busy, onDecide }: { lang: LanguageState; row: ReviewResultRow; busy: boolean; onDecide: (decision: ReviewDecision, feedback: string) => void }) {
  const { t } = lang;
  const [decision, setDecision] = useState<ReviewDecision>(row.decision?.decision ?? 'advance');
  const [feedback, setFeedback] = useState(row.decision?.feedback ?? '');
  return (
    <form
      className="review-decision"
      onSubmit={(event) => {
        event.preventDefault();
        onDecide(decision, feedback);
      }}
      data-testid="review-decision-form"
    >
      <h3 className="platform-subtitle" dir="auto">
        {t('review.results.decideOn', { title: row.title })}
      </h3>
      {row.comments.length > 0 && (
        <ul className="review-comments">
          {row.comments.map((c) => (
            <li key={c.reviewer.id}>
              <strong dir="auto">{c.reviewer.name}</strong>
              {c.comment !== '' && <p dir="auto">{c.comment}</p>}
              {c.note !== '' && (
                <p className="platform-meta" dir="auto">
                  {t('review.results.note', { note: c.note })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <fieldset className="review-scale">
        <legend>{t('review.results.decision')}</legend>
        {REVIEW_DECISIONS.map((d) => (
          <label key={d} className="review-scale-option">
            <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} data-testid={`review-decision-${d}`} />
            <span>{t(`review.decision.${d}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field-label">{t('review.results.feedback')}</span>
        <span className="field-hint">{t('review.results.feedbackHint')}</span>
        <textarea className="input" rows={4} value={feedback} onChange={(event) => setFeedback(event.target.value)} data-testid="review-decision-feedback" />
      </label>
      <button type="submit" className="button button-primary" disabled={busy} data-testid="review-decision-save">
        {busy ? t('platform.form.working') : t('review.results.save')}
      </button>
    </form>
  );
}
