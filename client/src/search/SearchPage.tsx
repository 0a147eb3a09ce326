import { useEffect, useId, useState, type FormEvent } from 'react';
import type { SearchKind, SearchResponse } from '@ideasphere/shared';
import { SEARCH_QUERY_MAX_CHARS } from '@ideasphere/shared/search/searchLimits.js';
import type { LanguageState } from '../lib/i18n';
import { Loading } from '../platform/Loading';
import type { PlatformRequest } from '../platform/platformApi';
import { useFetched } from '../platform/useFetched';
import { SearchIcon } from '../ui/icons';
import { PlatformLink } from '../platform/PlatformLink';
import type { PlatformRoute } from '../platform/platformRoutes';
import { linkOfHit, profileKindOfHit } from './searchLinks';
import { readableTerms } from '@ideasphere/shared/search/readableTerms.js';

/** Every kind the index holds, each a filter with its count (the "kind" facet). */
const KINDS: SearchKind[] = ['challenge', 'profile', 'idea', 'proposal'];

interface SearchPageProps {
  lang: LanguageState;
  request: PlatformRequest;
  navigate: (route: PlatformRoute) => void;
  /** The query in the address (`?q=`), so a search can be linked and reloaded. */
  initialQuery: string;
}

/** One search over challenges and profiles, in Chinese and English, with why each hit matched. */
export function SearchPage({ lang, request, navigate, initialQuery }: SearchPageProps) {
  const { t } = lang;
  const ids = useId();
  const [typed, setTyped] = useState(initialQuery);
  const [query, setQuery] = useState(initialQuery);
  const [kind, setKind] = useState<SearchKind | null>(null);
  const path = query.trim() === '' ? null : `/api/search?q=${encodeURIComponent(query)}${kind ? `&kinds=${kind}` : ''}`;
  const results = useFetched<SearchResponse>(request, path);

  useEffect(() => {
    const url = query.trim() === '' ? '/platform/search' : `/platform/search?q=${encodeURIComponent(query)}`;
    window.history.replaceState(null, '', url);
  }, [query]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(typed);
  };

  const data = path === null ? null : results.data;
  return (
    <section className="platform-page" data-testid="search-page">
      <header className="platform-page-header">
        <h1 className="platform-title">{t('search.title')}</h1>
        <p className="platform-lead">{t('search.lead')}</p>
      </header>
      <form className="search-form" role="search" onSubmit={onSubmit}>
        <label className="visually-hidden" htmlFor={`${ids}-q`}>
          {t('search.label')}
        </label>
        <input
          id={`${ids}-q`}
          className="input"
          type="search"
          dir="auto"
          maxLength={SEARCH_QUERY_MAX_CHARS}
          placeholder={t('search.placeholder')}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          data-testid="search-input"
        />
        <button type="submit" className="button button-primary" data-testid="search-submit">
          <SearchIcon size={18} />
          {t('search.submit')}
        </button>
      </form>
      {path !== null && (
        <div className="choice-row search-kinds" role="group" aria-label={t('search.kinds')}>
          {[null, ...KINDS].map((option) => (
            <button
              key={option ?? 'all'}
              type="button"
              className={`button button-small ${kind === option ? 'button-secondary' : 'button-ghost'}`}
              aria-pressed={kind === option}
              onClick={() => setKind(option)}
              data-testid={`search-kind-${option ?? 'all'}`}
            >
              {option ? t(`search.kindPlural.${option}`) : t('search.all')}
              {data && ` (${option ? data.facets.kinds[option] : Object.values(data.facets.kinds).reduce((a, b) => a + b, 0)})`}
            </button>
          ))}
        </div>
      )}
      <div className="card platform-card" aria-live="polite">
        {path === null ? (
          <p className="platform-empty">{t('search.start')}</p>
        ) : data === null ? (
          <Loading t={t} error={results.error} />
        ) : data.hits.length === 0 ? (
          <p className="platform-empty" data-testid="search-empty">
            {t('search.none', { query })}
          </p>
        ) : (
          <>
            <p className="platform-meta" data-testid="search-total">
              {t('search.total', { count: data.total })}
            </p>
            <ol className="platform-list" data-testid="search-results">
              {data.hits.map((hit) => (
                <li key={`${hit.kind}:${hit.id}`} className="platform-list-item" data-testid="search-hit">
                  <div>
                    <PlatformLink className="platform-link" href={linkOfHit(hit)} navigate={navigate} dir="auto">
                      {hit.title}
                    </PlatformLink>
                    <span className="platform-meta">{hit.kind === 'profile' ? t(`platform.profiles.kind.${profileKindOfHit(hit.id)}`) : t(`search.kind.${hit.kind}`)}</span>
                    <ul className="platform-tags" aria-label={t('search.why')}>
                      {readableTerms(hit.matchedTerms).slice(0, 6).map((term) => (
                        <li key={term} className="platform-tag search-tag-term" dir="auto">
                          {term}
                        </li>
                      ))}
                    </ul>
                  </div>
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </section>
  );
}
