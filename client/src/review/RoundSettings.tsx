import { useState } from 'react';
import type { ReviewRoundPublic } from '@ideasphere/shared';
import type { LanguageState } from '../lib/i18n';
import type { PlatformRequest } from '../platform/platformApi';
import { toLocalInput } from './format';
import { NoticeLine } from './NoticeLine';
import { useAction } from './useAction';

interface Props {
  lang: LanguageState;
  request: PlatformRequest;
  round: ReviewRoundPublic;
  onChange: (round: ReviewRoundPublic) => void;
}

/** The round's name, k, its due date (moving it later reopens closed scorecards), and the guidance reviewers read: for the whole round and per criterion. */
export function RoundSettings({ lang, request, round, onChange }: Props) {
  const { t } = lang;
  const [name, setName] = useState(round.name);
  const [k, setK] = useState(round.reviewersPerSubmission);
  const [guidance, setGuidance] = useState(round.guidance);
  const [due, setDue] = useState(toLocalInput(round.dueAt));
  const [perCriterion, setPerCriterion] = useState<Record<string, string>>(() => Object.fromEntries(round.criteria.map((c) => [c.id, c.guidance])));
  const { busy, notice, run } = useAction(request);
  return (
    <details className="card review-form" data-testid="review-settings">
      <summary className="platform-subtitle">{t('review.settings.title')}</summary>
      <form
        className="review-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run<ReviewRoundPublic>('save', 'PATCH', `/api/review/rounds/${round.id}`, {
            name: name.trim(),
            reviewersPerSubmission: k,
            guidance,
            criterionGuidance: perCriterion,
            // Sent only when changed: the input keeps minutes, so an untouched date is never cut to the minute.
            ...(due === toLocalInput(round.dueAt) ? {} : { dueAt: due === '' ? null : new Date(due).toISOString() }),
          }, (next) => {
            onChange(next);
            return t('review.settings.saved');
          });
        }}
      >
        <div className="review-row">
          <label className="field">
            <span className="field-label">{t('review.settings.name')}</span>
            <input className="input" value={name} onChange={(event) => setName(event.target.value)} required maxLength={80} />
          </label>
          <label className="field">
            <span className="field-label">{t('review.settings.k')}</span>
            <input className="input" type="number" min={1} max={10} value={k} onChange={(event) => setK(Number(event.target.value))} />
          </label>
        </div>
        <label className="field">
          <span className="field-label">{t('review.settings.due')}</span>
          <input className="input" type="datetime-local" value={due} onChange={(event) => setDue(event.target.value)} data-testid="review-settings-due" />
          {round.pastDue && round.status === 'open' && <span className="field-hint">{t('review.overdue.extendHint')}</span>}
        </label>
        {round.status !== 'draft' && <p className="field-hint">{t('review.settings.locked')}</p>}
        <label className="field">
          <span className="field-label">{t('review.settings.guidance')}</span>
          <textarea className="input" rows={2} value={guidance} onChange={(event) => setGuidance(event.target.value)} />
        </label>
        {round.criteria.map((c) => (
          <label key={c.id} className="field">
            <span className="field-label" dir="auto">
              {t('review.settings.criterionGuidance', { name: c.name, weight: c.weight })}
            </span>
            <textarea className="input" rows={2} value={perCriterion[c.id] ?? ''} onChange={(event) => setPerCriterion((current) => ({ ...current, [c.id]: event.target.value }))} data-testid={`review-guidance-${c.id}`} />
          </label>
        ))}
        <button type="submit" className="button" disabled={busy !== null || name.trim() === ''} data-testid="review-settings-save">
          {busy ? t('platform.form.working') : t('review.settings.save')}
        </button>
        <NoticeLine notice={notice} t={t} testId="review-settings" />
      </form>
    </details>
  );
}
