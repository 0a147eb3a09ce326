import type { Me } from '@ideasphere/shared';
import type { LanguageState } from '../lib/i18n';
import type { PlatformRequest } from './platformApi';
import type { PlatformRoute } from './platformRoutes';

export interface PlatformPageProps {
  me: Me;
  lang: LanguageState;
  request: PlatformRequest;
  navigate: (route: PlatformRoute) => void;
}

/** The overview: who you are on the platform and your organisations. */
export function HomePage({ me, lang, navigate }: PlatformPageProps) {
  const { t } = lang;
  const isAdmin = me.account.platformRole === 'platform_admin';
  return (
    <section className="platform-page" data-testid="platform-home">
      <header className="platform-page-header">
        <h1 className="platform-title">{t('platform.home.title', { name: me.account.name })}</h1>
        <p className="platform-lead">{isAdmin ? t('platform.home.roleAdmin') : t('platform.home.roleUser')}</p>
      </header>
      <div className="card platform-card">
        <h2 className="platform-subtitle">{t('platform.home.myOrgs')}</h2>
        {me.memberships.length === 0 ? (
          <p className="platform-empty" data-testid="home-no-orgs">
            {t('platform.home.noOrgs')}
          </p>
        ) : (
          <ul className="platform-list" data-testid="home-orgs">
            {me.memberships.map(({ organisation, role }) => (
              <li key={organisation.id} className="platform-list-item">
                <div>
                  <strong>{organisation.name}</strong>
                  <span className="platform-meta">
                    {t(`platform.kind.${organisation.kind}`)} · {t(`platform.orgRole.${role}`)}
                  </span>
                </div>
                <button type="button" className="button button-secondary button-small" onClick={() => navigate({ page: 'org', id: organisation.id })}>
                  {t('platform.home.open')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
