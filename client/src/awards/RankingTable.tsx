import type { CategoryRanking } from '@ideasphere/shared';
import type { LanguageState } from '../lib/i18n';

const percent = (language: string, value: number) => new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en', { style: 'percent', maximumFractionDigits: 1 }).format(value);

/** A category's combined ranking: jury score, audience share, combined, proposed winners. */
export function RankingTable({ lang, ranking }: { lang: LanguageState; ranking: CategoryRanking }) {
  const { t, language } = lang;
  if (ranking.rows.length === 0) return <p className="platform-empty">{t('award.ranking.empty')}</p>;
  return (
    <section className="award-ranking" data-testid="ranking">
      <h3 className="award-heading">
        {t('award.ranking.title')} <span className="platform-meta">{t('award.ranking.weights', { jury: ranking.juryWeight, audience: ranking.audienceWeight })}</span>
      </h3>
      <div className="award-table-scroll">
        <table className="award-table">
          <thead>
            <tr>
              <th scope="col">{t('award.ranking.rank')}</th>
              <th scope="col">{t('award.ranking.nominee')}</th>
              <th scope="col">{t('award.ranking.jury')}</th>
              <th scope="col">{t('award.ranking.audience')}</th>
              <th scope="col">{t('award.ranking.combined')}</th>
            </tr>
          </thead>
          <tbody>
            {ranking.rows.map((row) => (
              <tr key={row.nominationId} data-testid="ranking-row" data-proposed={row.proposed}>
                <td>{row.rank}</td>
                <td dir="auto">
                  {row.nomineeName}
                  {row.proposed && <span className="award-badge">{t('award.ranking.proposed')}</span>}
                </td>
                <td>{row.juryScore === null ? '—' : percent(language, row.juryScore)}</td>
                <td>{row.audienceShare === null ? '—' : t('award.ranking.votes', { share: percent(language, row.audienceShare), votes: row.audienceVotes ?? 0 })}</td>
                <td data-testid="ranking-combined">
                  <strong>{percent(language, row.combined)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
