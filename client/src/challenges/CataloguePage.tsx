import './challenges.css';
import { useEffect, useId, useState } from 'react';
import type { ChallengeList, ChallengeSort, ChallengeStatus, DeadlineFilter, FieldPublic } from '@ideasphere/shared';
import { CHALLENGE_SORTS, CHALLENGE_STATUSES, DEADLINE_FILTERS } from '@ideasphere/shared/challenges/challengeModel.js';
import { CHALLENGE_PAGE_SIZE } from '@ideasphere/shared/limits.js';
import { errorText } from '../lib/i18n';
import { useFetched } from '../platform/useFetched';
import type { ChallengePageProps } from './challengePageProps';
import { deadlineInZone, timeLeft, useNow } from './deadlineText';
import { fieldName } from './fieldName';
import { Loading } from '../platform/Loading';

interface Filter {
  q: string;
  field: string;
  status: ChallengeStatus | '';
  deadline: DeadlineFilter | '';
  sort: ChallengeSort;
  offset: number;
}

function queryOf(filter: Filter): string {
  const params = new URLSearchParams();
  if (filter.q.trim()) params.set('q', filter.q.trim());
  if (filter.field) params.set('field', filter.field);
  if (filter.status) params.set('status', filter.status);
  if (filter.deadline) params.set('deadline', filter.deadline);
  params.set('sort', filter.sort);
  params.set('limit', String(CHALLENGE_PAGE_SIZE));
  params.set('offset', String(filter.offset));
  return params.toString();
}

/** The catalogue: every challenge the viewer may see, filtered, sorted and paged by the server. */
export function CataloguePage({ me, lang, request, navigate }: ChallengePageProps) {
  const { t, language } = lang;
  const ids = useId();
  const now = useNow();
  const fields = useFetched<FieldPublic[]>(request, '/api/fields').data ?? [];
  const [filter, setFilter] = useState<Filter>({ q: '', field: '', status: '', deadline: '', sort: 'deadline', offset: 0 });
  // The text filter is sent a moment after typing stops, not on every key.
  const [typed, setTyped] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setFilter((f) => (f.q === typed ? f : { ...f, q: typed, offset: 0 })), 300);
    return () => window.clearTimeout(timer);
  }, [typed]);
  const { data: list, error } = useFetched<ChallengeList>(request, `/api/challenges?${queryOf(filter)}`);
  const change = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, offset: 0, ...patch }));
  const canPost = (me?.memberships.length ?? 0) > 0;
  const filtered = filter.q !== '' || filter.field !== '' || filter.status !== '' || filter.deadline !== '';

  return (
    <section className="platform-page challenge-catalogue" data-testid="catalogue-page">
      <header className="platform-page-header challenge-catalogue-header">
        <div>
          <h1 className="platform-title">{t('challenge.catalogue.title')}</h1>
          <p className="platform-lead">{t('challenge.catalogue.lead')}</p>
        </div>
        {canPost && (
          <button type="button" className="button button-primary" onClick={() => navigate({ page: 'challengeNew' })} data-testid="challenge-post">
            {t('challenge.catalogue.post')}
          </button>
        )}
      </header>
      {me === null && <p className="alert alert-info">{t('challenge.catalogue.signInHint')}</p>}
      <form className="card challenge-filters" role="search" onSubmit={(e) => e.preventDefault()} aria-busy={list === null}>
        <div className="field challenge-filter-text">
          <label className="field-label" htmlFor={`${ids}-q`}>
            {t('challenge.catalogue.search')}
          </label>
          <input id={`${ids}-q`} className="input" type="search" dir="auto" value={typed} placeholder={t('challenge.catalogue.searchPlaceholder')} onChange={(e) => setTyped(e.target.value)} data-testid="catalogue-q" />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-field`}>
            {t('challenge.catalogue.field')}
          </label>
          <select id={`${ids}-field`} className="input" value={filter.field} onChange={(e) => change({ field: e.target.value })} data-testid="catalogue-field">
            <option value="">{t('challenge.catalogue.anyField')}</option>
            {fields.map((field) => (
              <option key={field.id} value={field.id}>
                {fieldName(language, field)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-status`}>
            {t('challenge.catalogue.status')}
          </label>
          <select id={`${ids}-status`} className="input" value={filter.status} onChange={(e) => change({ status: e.target.value as ChallengeStatus | '' })} data-testid="catalogue-status">
            <option value="">{t('challenge.catalogue.anyStatus')}</option>
            {CHALLENGE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`challenge.status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-deadline`}>
            {t('challenge.catalogue.deadline')}
          </label>
          <select id={`${ids}-deadline`} className="input" value={filter.deadline} onChange={(e) => change({ deadline: e.target.value as DeadlineFilter | '' })} data-testid="catalogue-deadline">
            <option value="">{t('challenge.catalogue.anyDeadline')}</option>
            {DEADLINE_FILTERS.map((option) => (
              <option key={option} value={option}>
                {t(`challenge.catalogue.deadline.${option}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-sort`}>
            {t('challenge.catalogue.sort')}
          </label>
          <select id={`${ids}-sort`} className="input" value={filter.sort} onChange={(e) => change({ sort: e.target.value as ChallengeSort })} data-testid="catalogue-sort">
            {CHALLENGE_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`challenge.catalogue.sort.${sort}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <div aria-live="polite">
        {list === null ? (
          <Loading t={t} />
        ) : list.items.length === 0 ? (
          <p className="platform-empty" data-testid="catalogue-empty">
            {filtered ? t('challenge.catalogue.empty') : t('challenge.catalogue.emptyAll')}
          </p>
        ) : (
          <>
            <p className="platform-meta" data-testid="catalogue-count">
              {t('challenge.catalogue.count', { count: list.total })}
            </p>
            <ul className="challenge-cards" data-testid="catalogue-list">
              {list.items.map((item) => (
                <li key={item.id} className="card challenge-card" data-testid="catalogue-item">
                  <div className="challenge-card-top">
                    <span className="challenge-status" data-status={item.status}>
                      {t(`challenge.status.${item.status}`)}
                    </span>
                    <span className="platform-meta" dir="auto">
                      {item.organisation.name}
                    </span>
                  </div>
                  <h2 className="challenge-card-title">
                    <a
                      href={`/platform/challenges/${item.id}`}
                      className="platform-link"
                      dir="auto"
                      onClick={(event) => {
                        event.preventDefault();
                        navigate({ page: 'challenge', id: item.id, screen: false });
                      }}
                    >
                      {item.title}
                    </a>
                  </h2>
                  <p className="challenge-card-excerpt" dir="auto">
                    {item.excerpt}
                  </p>
                  <div className="challenge-chips">
                    {item.fieldIds.map((id) => {
                      const field = fields.find((f) => f.id === id);
                      return field ? (
                        <span key={id} className="challenge-chip">
                          {fieldName(language, field)}
                        </span>
                      ) : null;
                    })}
                  </div>
                  <p className="platform-meta">
                    {t('challenge.deadline.at', { time: deadlineInZone(language, item.deadline), zone: item.deadline.timeZone })} · {timeLeft(t, item.deadline, now)}
                  </p>
                </li>
              ))}
            </ul>
            {list.total > list.limit && (
              <nav className="challenge-pager" aria-label={t('challenge.catalogue.title')}>
                <button type="button" className="button button-secondary button-small" disabled={filter.offset === 0} onClick={() => setFilter((f) => ({ ...f, offset: Math.max(0, f.offset - f.offset % CHALLENGE_PAGE_SIZE - CHALLENGE_PAGE_SIZE) }))}>
                  {t('challenge.catalogue.previous')}
                </button>
                <span className="platform-meta">
                  {t('challenge.catalogue.page', { from: list.offset + 1, to: list.offset + list.items.length, total: list.total })}
                </span>
                <button type="button" className="button button-secondary button-small" disabled={list.offset + list.items.length >= list.total} onClick={() => setFilter((f) => ({ ...f, offset: f.offset + CHALLENGE_PAGE_SIZE }))}>
                  {t('challenge.catalogue.next')}
                </button>
              </nav>
            )}
          </>
        )}
      </div>
    </section>
  );
}
