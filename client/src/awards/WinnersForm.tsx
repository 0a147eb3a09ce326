import { useId, useState } from 'react';
import type { AwardCategoryPublic, CategoryRanking, ConfirmWinnersBody } from '@ideasphere/shared';
import type { LanguageState } from '../lib/i18n';
import { formatDateTime } from '../platform/format';

interface WinnersFormProps {
  lang: LanguageState;
  category: AwardCategoryPublic;
  ranking: CategoryRanking;
  busy: boolean;
  disabled: boolean;
  onConfirm: (body: ConfirmWinnersBody) => void;
}

/** The owner confirms winners: the ranking's proposal is ticked; another choice asks for its reason, which is recorded. */
export function WinnersForm({ lang, category, ranking, busy, disabled, onConfirm }: WinnersFormProps) {
  const { t, language } = lang;
  const ids = useId();
  const proposed = ranking.rows.filter((r) => r.proposed).map((r) => r.nominationId);
  const [picked, setPicked] = useState<string[] | null>(null);
  const [reason, setReason] = useState('');
  const chosen = picked ?? category.winners?.nominationIds ?? proposed;
  const differs = chosen.length !== proposed.length || chosen.some((id) => !proposed.includes(id));
  const winners = category.winners;
  const revealed = winners?.revealedAt ?? null;

  return (
    <section className="award-winners" data-testid="winners">
      <h3 className="award-heading">{t('award.winners.title')}</h3>
      {winners ? (
        <p className="platform-meta" data-testid="winners-state">
          {t('award.winners.confirmed', { at: formatDateTime(language, winners.confirmedAt) })}
          {winners.overrideReason && ` ${t('award.winners.override', { reason: winners.overrideReason })}`}
          {revealed && ` ${t('award.winners.revealed', { at: formatDateTime(language, revealed) })}`}
        </p>
      ) : (
        <p className="platform-meta">{t('award.winners.none')}</p>
      )}
      {!revealed && ranking.rows.length > 0 && (
        <form
          className="platform-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            onConfirm({ nominationIds: chosen, ...(differs ? { overrideReason: reason } : {}) });
          }}
        >
          <fieldset className="field">
            <legend className="field-label">{t('award.winners.pick', { count: category.winnersCount })}</legend>
            {ranking.rows.map((row) => (
              <label key={row.nominationId} className="choice">
                <input
                  type="checkbox"
                  checked={chosen.includes(row.nominationId)}
                  onChange={(e) => setPicked(e.target.checked ? [...chosen, row.nominationId] : chosen.filter((id) => id !== row.nominationId))}
                  data-testid="winner-pick"
                />
                <span dir="auto">
                  {row.rank}. {row.nomineeName}
                </span>
              </label>
            ))}
          </fieldset>
          {differs && (
            <div className="field">
              <label className="field-label" htmlFor={`${ids}-reason`}>
                {t('award.winners.reason')}
              </label>
              <textarea id={`${ids}-reason`} className="input textarea" dir="auto" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="winners-reason" />
            </div>
          )}
          <button type="submit" className="button button-primary button-small" disabled={disabled || chosen.length === 0} data-testid="winners-confirm">
            {busy ? t('award.saving') : t('award.winners.confirm')}
          </button>
        </form>
      )}
    </section>
  );
}
