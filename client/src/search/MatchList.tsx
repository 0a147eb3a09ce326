import type { FieldPublic, MatchHit } from '@ideasphere/shared';
import type { LanguageState } from '../lib/i18n';
import { fieldName } from '../challenges/fieldName';
import { Loading } from '../platform/Loading';
import { useFetched } from '../platform/useFetched';
import type { PlatformRequest } from '../platform/platformApi';
import { PlatformLink } from '../platform/PlatformLink';
import type { PlatformRoute } from '../platform/platformRoutes';
import { linkOfHit, profileKindOfHit } from './searchLinks';
import { readableTerms } from '@ideasphere/shared/search/readableTerms.js';

interface MatchListProps {
  lang: LanguageState;
  request: PlatformRequest;
  navigate: (route: PlatformRoute) => void;
  /** `/api/challenges/:id/matches` or `/api/profiles/:kind/:id/matches`. */
  path: string;
  title: string;
  empty: string;
  testId: string;
}

/** Ranked matches with why each one matched: shared fields, the distinctive words, and whether it comes from another field. */
export function MatchList({ lang, request, navigate, path, title, empty, testId }: MatchListProps) {
  const { t, language } = lang;
  const matches = useFetched<MatchHit[]>(request, path);
  const fields = useFetched<FieldPublic[]>(request, '/api/fields').data ?? [];
  return (
    <section className="card platform-card" data-testid={testId}>
      <h2 className="platform-subtitle">{title}</h2>
      {matches.data === null ? (
        <Loading t={t} error={matches.error} />
      ) : matches.data.length === 0 ? (
        <p className="platform-empty">{empty}</p>
      ) : (
        <ol className="platform-list search-matches">
          {matches.data.map((match) => (
            <li key={`${match.kind}:${match.id}`} className="platform-list-item" data-testid="match">
              <div>
                <PlatformLink className="platform-link" href={linkOfHit(match)} navigate={navigate} dir="auto">
                  {match.title}
                </PlatformLink>
                <span className="platform-meta">
                  {match.kind === 'profile' ? t(`platform.profiles.kind.${profileKindOfHit(match.id)}`) : t(`search.kind.${match.kind}`)}
                  {match.why.crossField && ` · ${t('search.crossField')}`}
                </span>
                <ul className="platform-tags" aria-label={t('search.why')}>
                  {match.why.fields.map((fieldId) => {
                    const field = fields.find((f) => f.id === fieldId);
                    return (
                      <li key={fieldId} className="platform-tag search-tag-field">
                        {field ? fieldName(language, field) : fieldId}
                      </li>
                    );
                  })}
                  {readableTerms(match.why.terms).slice(0, 6).map((term) => (
                    <li key={term} className="platform-tag search-tag-term" dir="auto">
                      {term}
                    </li>
                  ))}
                </ul>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
