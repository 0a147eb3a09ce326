import type { PublicationPublic } from '@ideasphere/shared';
import type { Translator } from '../lib/i18n';
import { publicationAnchor } from '../search/searchLinks';
import { formatDateTime } from './format';
import type { PlatformRequest } from './platformApi';
import { useFetched } from './useFetched';

/** The ideas and proposals a person shows on their profile; nothing when there are none. */
export function ProfilePublications({ t, language, request, accountId }: { t: Translator; language: Parameters<typeof formatDateTime>[0]; request: PlatformRequest; accountId: string }) {
  const fetched = useFetched<PublicationPublic[]>(request, `/api/profiles/person/${accountId}/publications`);
  const items = fetched.data ?? [];
  if (items.length === 0) return null;
  return (
    <section className="card platform-card" data-testid="profile-publications">
      <h2 className="platform-subtitle">{t('platform.profile.publications')}</h2>
      <ul className="platform-list">
        {items.map((item) => (
          <li key={`${item.kind}:${item.id}`} id={publicationAnchor(item.kind, item.id)} className="platform-list-item platform-publication" data-testid="profile-publication">
            <div>
              <span className="platform-meta">{t(`search.kind.${item.kind}`)}</span>
              <strong className="platform-publication-title" dir="auto">
                {item.title}
              </strong>
              {item.text && (
                <p className="platform-publication-text" dir="auto">
                  {item.text}
                </p>
              )}
              <p className="platform-meta" dir="auto">
                {t('platform.profile.publicationFrom', { session: item.sessionTitle, time: formatDateTime(language, item.publishedAt) })}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
