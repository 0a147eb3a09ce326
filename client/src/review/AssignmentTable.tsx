import { useState } from 'react';
import type { ReviewRoundPublic } from '@ideasphere/shared';
import type { LanguageState } from '../lib/i18n';
import type { PlatformRequest } from '../platform/platformApi';
import { NoticeLine } from './NoticeLine';
import { useAction } from './useAction';

interface Props {
  lang: LanguageState;
  request: PlatformRequest;
  round: ReviewRoundPublic;
  onChange: (round: ReviewRoundPublic) => void;
}

/**
 * The round's reviewer pool (by email, or one click for the owning organisation's members) with
 * each reviewer's completion, and the assignment table: one row per submission, one column per
 * reviewer; a cell assigns or frees by hand, shows the scorecard's state or a declared conflict.
 */
export function AssignmentTable({ lang, request, round, onChange }: Props) {
  const { t } = lang;
  const [email, setEmail] = useState('');
  const { busy, notice, run } = useAction(request);
  const base = `/api/review/rounds/${round.id}`;
  const change = (key: string, method: 'POST' | 'DELETE', path: string, body: object | undefined, text: string) =>
    void run<ReviewRoundPublic>(key, method, path, body, (next) => {
      onChange(next);
      return text;
    });
  const conflict = (subjectId: string, reviewerId: string) => round.conflicts.some((c) => c.subjectId === subjectId && c.reviewerId === reviewerId);

  return (
    <div className="review-setup">
      <section className="card review-form" data-testid="review-pool">
        <h2 className="platform-subtitle">{t('review.pool.title')}</h2>
        {round.blind && <p className="field-hint">{t(round.scope.kind === 'award_category' ? 'review.pool.blindHintAward' : 'review.pool.blindHint')}</p>}
        <form
          className="review-row"
          onSubmit={(event) => {
            event.preventDefault();
            change('add', 'POST', `${base}/reviewers`, { email: email.trim() }, t('review.pool.added'));
            setEmail('');
          }}
        >
          <label className="field">
            <span className="field-label">{t('review.pool.email')}</span>
            <input className="input" type="email" value={email} onChange={(event) => setEmail(event.target.value)} required data-testid="review-pool-email" />
          </label>
          <button type="submit" className="button" disabled={busy !== null || email.trim() === ''} data-testid="review-pool-add">
            {busy === 'add' ? t('platform.form.working') : t('review.pool.add')}
          </button>
        </form>
        {round.candidates.length > 0 && (
          <div className="review-candidates">
            <span className="field-hint">{t('review.pool.candidates')}</span>
            {round.candidates.map((c) => (
              <button
                key={c.id}
                type="button"
                className="button button-small"
                disabled={busy !== null}
                onClick={() => change(`c-${c.id}`, 'POST', `${base}/reviewers`, { accountId: c.id }, t('review.pool.added'))}
                aria-label={t('review.pool.addName', { name: c.name })}
                data-testid="review-pool-candidate"
              >
                + {c.name}
              </button>
            ))}
          </div>
        )}
        {round.reviewers.length === 0 ? (
          <p className="platform-meta" data-testid="review-pool-empty">
            {t('review.pool.empty')}
          </p>
        ) : (
          <ul className="review-items">
            {round.reviewers.map((r) => (
              <li key={r.account.id} className="review-reviewer" data-testid="review-pool-reviewer">
                <span dir="auto">{r.account.name}</span>
                <span className="platform-meta">{t('review.pool.completion', { done: r.submitted, total: r.assigned })}</span>
                {r.overdue && (
                  <span className="review-badge review-badge-warn" data-testid="review-pool-overdue">
                    {t('review.overdue.reviewer', { missing: r.assigned - r.submitted })}
                  </span>
                )}
                <button
                  type="button"
                  className="button button-small button-danger-ghost"
                  disabled={busy !== null}
                  onClick={() => change(`rm-${r.account.id}`, 'DELETE', `${base}/reviewers/${r.account.id}`, undefined, t('review.pool.removed'))}
                  aria-label={t('review.pool.remove', { name: r.account.name })}
                >
                  {t('review.pool.removeShort')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card review-form" data-testid="review-assignments">
        <div className="review-card-head">
          <h2 className="platform-subtitle">{t('review.assign.title')}</h2>
          <button
            type="button"
            className="button button-primary"
            disabled={busy !== null || round.reviewers.length === 0 || round.subjects.length === 0}
            onClick={() => change('auto', 'POST', `${base}/auto-assign`, undefined, t('review.assign.autoDone'))}
            data-testid="review-auto-assign"
          >
            {busy === 'auto' ? t('platform.form.working') : t('review.assign.auto', { k: round.reviewersPerSubmission })}
          </button>
        </div>
        <p className="field-hint">{t('review.assign.hint')}</p>
        <NoticeLine notice={notice} t={t} testId="review-assign" />
        {round.subjects.length === 0 ? (
          <p className="platform-meta" data-testid="review-subjects-empty">
            {t('review.assign.noSubjects')}
          </p>
        ) : (
          <div className="review-table-wrap">
            <table className="platform-table review-table" data-testid="review-assignment-table">
              <thead>
                <tr>
                  <th scope="col">{t('review.assign.submission')}</th>
                  {round.reviewers.map((r) => (
                    <th key={r.account.id} scope="col" dir="auto">
                      {r.account.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {round.subjects.map((s) => (
                  <tr key={s.id} data-testid="review-assignment-row">
                    <th scope="row" dir="auto">
                      {s.title}
                      <span className="platform-meta review-authors">{s.authors.join(', ')}</span>
                    </th>
                    {round.reviewers.map((r) => {
                      const assignment = round.assignments.find((a) => a.subjectId === s.id && a.reviewerId === r.account.id);
                      if (conflict(s.id, r.account.id)) {
                        return (
                          <td key={r.account.id} data-label={r.account.name}>
                            <span className="review-chip" data-status="conflict" data-testid="review-cell-conflict">
                              {t('review.item.conflict')}
                            </span>
                          </td>
                        );
                      }
                      const label = assignment ? t(`review.item.${assignment.status}`) : t('review.assign.none');
                      return (
                        <td key={r.account.id} data-label={r.account.name}>
                          <button
                            type="button"
                            className={assignment ? 'review-chip review-chip-button' : 'review-chip review-chip-button review-chip-empty'}
                            data-status={assignment?.status ?? 'none'}
                            disabled={busy !== null}
                            aria-label={assignment ? t('review.assign.unassign', { name: r.account.name, title: s.title }) : t('review.assign.assign', { name: r.account.name, title: s.title })}
                            onClick={() =>
                              assignment
                                ? change(`a-${s.id}-${r.account.id}`, 'DELETE', `${base}/assignments/${s.id}/${r.account.id}`, undefined, t('review.assign.freed'))
                                : change(`a-${s.id}-${r.account.id}`, 'POST', `${base}/assignments`, { subjectId: s.id, reviewerId: r.account.id }, t('review.assign.assigned'))
                            }
                          >
                            {label}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
