import { useId, useState } from 'react';
import type { AwardCategoryPublic, AwardProgrammePublic, CategoryRanking, LiveSessionSummary, NominationPublic } from '@ideasphere/shared';
import { formatDateTime } from '../platform/format';
import type { PlatformPageProps } from '../platform/HomePage';
import { pathOf, type PlatformRoute } from '../platform/platformRoutes';
import { CategoryEditor } from './CategoryEditor';
import { categoryName } from './categoryName';
import { RankingTable } from './RankingTable';
import type { AwardAction } from './useAwardAction';
import { WinnersForm } from './WinnersForm';

interface CategorySectionProps extends Pick<PlatformPageProps, 'lang' | 'request' | 'navigate'> {
  programme: AwardProgrammePublic;
  category: AwardCategoryPublic;
  nominations: NominationPublic[];
  ranking: CategoryRanking | null;
  liveSessions: LiveSessionSummary[];
  action: AwardAction;
}

/** One category: its nominations with citations, and for the owners decisions, the jury, the audience vote, the ranking and the winners. */
export function CategorySection({ lang, request, navigate, programme, category, nominations, ranking, liveSessions, action }: CategorySectionProps) {
  const { t, language } = lang;
  const owner = programme.canManage;
  const base = `/api/awards/${programme.id}/categories/${category.id}`;
  const busy = (key: string) => action.busy === `${category.id}:${key}`;
  const run = (key: string, method: 'POST' | 'PUT', path: string, body: object) => void action.run(`${category.id}:${key}`, () => request(method, path, body));
  const other = language === 'zh' ? category.name.en : category.name.zh;

  return (
    <article className="card platform-card award-category" data-testid="award-category" aria-labelledby={`cat-${category.id}`}>
      <header className="award-category-header">
        <div>
          <h2 className="platform-subtitle" id={`cat-${category.id}`}>
            {categoryName(language, category.name)}
          </h2>
          <span className="platform-meta">
            {other} · {t('award.category.winnersCount', { count: category.winnersCount })}
          </span>
        </div>
      </header>
      {category.description && (
        <p className="award-description" dir="auto">
          {category.description}
        </p>
      )}

      <h3 className="award-heading">{t('award.nominations.title')}</h3>
      {nominations.length === 0 ? (
        <p className="platform-empty">{t('award.nominations.empty')}</p>
      ) : (
        <ul className="award-nominations">
          {nominations.map((n) => (
            <li key={n.id} className="award-nomination" data-testid="nomination" data-status={n.status}>
              <div className="award-nomination-text">
                <strong dir="auto">{n.nominee.name}</strong> <span className="platform-meta">{t(`award.kind.${n.nominee.kind}`)}</span>
                <blockquote className="award-citation" dir="auto">
                  {n.citation}
                </blockquote>
                <span className="platform-meta">
                  {t('award.nominations.by', { name: n.nominatedBy.name })} · <span className="award-status" data-status={n.status}>{t(`award.status.${n.status}`)}</span>
                </span>
              </div>
              {owner && n.status === 'pending' && (
                <div className="platform-actions">
                  <button type="button" className="button button-primary button-small" disabled={action.busy !== null} onClick={() => void action.run(`${n.id}:accept`, () => request('POST', `/api/awards/${programme.id}/nominations/${n.id}/decision`, { decision: 'accept' }))} data-testid="nomination-accept">
                    {action.busy === `${n.id}:accept` ? t('award.saving') : t('award.nominations.accept')}
                  </button>
                  <button type="button" className="button button-ghost button-small" disabled={action.busy !== null} onClick={() => void action.run(`${n.id}:reject`, () => request('POST', `/api/awards/${programme.id}/nominations/${n.id}/decision`, { decision: 'reject' }))} data-testid="nomination-reject">
                    {action.busy === `${n.id}:reject` ? t('award.saving') : t('award.nominations.reject')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}

      {owner && (
        <div className="award-panels">
          <JuryPanel lang={lang} navigate={navigate} category={category} nominations={nominations} ranking={ranking} />
          <section className="award-panel" data-testid="audience-state">
            <h3 className="award-heading">{t('award.audience.title')}</h3>
            <SessionLink lang={lang} category={category} liveSessions={liveSessions} busy={busy('session')} disabled={action.busy !== null || category.audienceVote?.status === 'open'} onLink={(code) => run('session', 'PUT', `${base}/session`, { code })} />
            <p className="platform-meta" data-testid="audience-vote-state">
              {category.audienceVote === null
                ? t('award.audience.notHeld')
                : t(category.audienceVote.status === 'open' ? 'award.audience.open' : 'award.audience.closed', { total: category.audienceVote.total })}
            </p>
            {category.liveSession && category.audienceVote === null && (
              <>
                <p className="platform-meta">{t('award.audience.startNote')}</p>
                <button type="button" className="button button-secondary button-small" disabled={action.busy !== null} onClick={() => run('vote', 'POST', `${base}/audience-vote`, { action: 'start' })} data-testid="audience-start">
                  {busy('vote') ? t('award.saving') : t('award.audience.start')}
                </button>
              </>
            )}
            {category.audienceVote?.status === 'open' && (
              <button type="button" className="button button-secondary button-small" disabled={action.busy !== null} onClick={() => run('vote', 'POST', `${base}/audience-vote`, { action: 'close' })} data-testid="audience-close">
                {busy('vote') ? t('award.saving') : t('award.audience.close')}
              </button>
            )}
          </section>
        </div>
      )}

      {ranking && <RankingTable lang={lang} ranking={ranking} />}
      {owner && ranking && <WinnersForm lang={lang} category={category} ranking={ranking} busy={busy('winners')} disabled={action.busy !== null} onConfirm={(body) => run('winners', 'POST', `${base}/winners`, body)} />}
      {!owner && category.winners && <p className="platform-meta">{t('award.winners.confirmed', { at: formatDateTime(language, category.winners.confirmedAt) })}</p>}
      {owner && !category.winners?.revealedAt && <CategoryEditor lang={lang} request={request} programmeId={programme.id} category={category} action={action} />}
    </article>
  );
}

function SessionLink({ lang, category, liveSessions, busy, disabled, onLink }: Pick<PlatformPageProps, 'lang'> & { category: AwardCategoryPublic; liveSessions: LiveSessionSummary[]; busy: boolean; disabled: boolean; onLink: (code: string | null) => void }) {
  const { t } = lang;
  const ids = useId();
  const [code, setCode] = useState(category.liveSession?.code ?? '');
  if (liveSessions.length === 0 && !category.liveSession) return <p className="platform-meta">{t('award.audience.noLiveSessions')}</p>;
  return (
    <div className="award-form-row">
      <div className="field award-grow">
        <label className="field-label" htmlFor={`${ids}-session`}>
          {t('award.audience.session')}
        </label>
        <select id={`${ids}-session`} className="input" value={code} onChange={(e) => setCode(e.target.value)} disabled={disabled} data-testid="session-select">
          <option value="">{t('award.audience.noSession')}</option>
          {liveSessions.map((s) => (
            <option key={s.code} value={s.code}>
              {s.title} ({s.code})
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button button-secondary button-small award-align-end" disabled={disabled || code === (category.liveSession?.code ?? '')} onClick={() => onLink(code === '' ? null : code)} data-testid="session-link">
        {busy ? t('award.saving') : t('award.audience.link')}
      </button>
    </div>
  );
}

/** The jury's state per accepted nomination (scored or not, from the ranking) and the way into the category's review rounds. */
function JuryPanel({ lang, navigate, category, nominations, ranking }: Pick<PlatformPageProps, 'lang' | 'navigate'> & { category: AwardCategoryPublic; nominations: NominationPublic[]; ranking: CategoryRanking | null }) {
  const { t } = lang;
  const scores = new Map(ranking?.rows.map((r) => [r.nominationId, r.juryScore]) ?? []);
  const accepted = nominations.filter((n) => n.status === 'accepted');
  const scored = accepted.filter((n) => (scores.get(n.id) ?? null) !== null).length;
  const review: PlatformRoute = { page: 'categoryReview', id: category.id };
  return (
    <section className="award-panel" data-testid="jury-state">
      <h3 className="award-heading">{t('award.jury.title')}</h3>
      <p className="platform-meta">{scored > 0 ? t('award.jury.scored', { scored, total: accepted.length }) : t('award.jury.none')}</p>
      {accepted.length > 0 && (
        <ul className="award-jury-list">
          {accepted.map((n) => {
            const done = (scores.get(n.id) ?? null) !== null;
            return (
              <li key={n.id} data-testid="jury-nomination" data-scored={done}>
                <span dir="auto">{n.nominee.name}</span>
                <span className="award-jury-mark" data-scored={done}>
                  {t(done ? 'award.jury.nominationScored' : 'award.jury.nominationUnscored')}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <p className="platform-meta">{t('award.jury.reviewHint')}</p>
      <a
        className="button button-secondary button-small award-jury-review"
        href={pathOf(review)}
        onClick={(event) => {
          event.preventDefault();
          navigate(review);
        }}
        data-testid="jury-review"
      >
        {t('award.jury.review')}
      </a>
    </section>
  );
}
