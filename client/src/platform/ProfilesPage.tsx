import { useState } from 'react';
import type { ProfilePublic } from '@ideasphere/shared';
import type { PlatformPageProps } from './HomePage';
import { useFetched } from './useFetched';
import { Loading } from './Loading';

interface ProfileDirectoryPage {
  profiles: ProfilePublic[];
  next: string | null;
}

/** The directory of people and organisations who present themselves as sources of ideas. */
export function ProfilesPage({ me, lang, request, navigate }: PlatformPageProps) {
  const { t } = lang;
  const [after, setAfter] = useState<string | null>(null);
  const page = useFetched<ProfileDirectoryPage>(request, `/api/profiles${after ? `?after=${encodeURIComponent(after)}` : ''}`);

  return (
    <section className="platform-page" data-testid="profiles-page">
      <header className="platform-page-header platform-page-header-row">
        <div>
          <h1 className="platform-title">{t('platform.profiles.title')}</h1>
          <p className="platform-lead">{t('platform.profiles.lead')}</p>
        </div>
        <button type="button" className="button button-secondary" onClick={() => navigate({ page: 'profile', kind: 'person', id: me.account.id })} data-testid="my-profile">
          {t('platform.profiles.mine')}
        </button>
      </header>
      <div className="card platform-card">
        {page.data === null ? (
          <Loading t={t} error={page.error} />
        ) : page.data.profiles.length === 0 ? (
          <p className="platform-empty" data-testid="profiles-empty">
            {t('platform.profiles.empty')}
          </p>
        ) : (
          <ul className="platform-list" data-testid="profiles">
            {page.data.profiles.map((profile) => (
              <li key={`${profile.kind}:${profile.id}`} className="platform-list-item">
                <div>
                  <a
                    className="platform-link"
                    href={`/platform/profiles/${profile.kind}/${profile.id}`}
                    dir="auto"
                    onClick={(event) => {
                      event.preventDefault();
                      navigate({ page: 'profile', kind: profile.kind, id: profile.id });
                    }}
                  >
                    {profile.name}
                  </a>
                  <span className="platform-meta" dir="auto">
                    {t(`platform.profiles.kind.${profile.kind}`)}
                    {profile.headline && ` · ${profile.headline}`}
                  </span>
                  {profile.skills.length > 0 && (
                    <ul className="platform-tags">
                      {profile.skills.slice(0, 6).map((skill) => (
                        <li key={skill} className="platform-tag" dir="auto">
                          {skill}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
        {(page.data?.next || after) && (
          <div className="platform-actions platform-pager">
            {after && (
              <button type="button" className="button button-ghost button-small" onClick={() => setAfter(null)}>
                {t('platform.profiles.first')}
              </button>
            )}
            {page.data?.next && (
              <button type="button" className="button button-ghost button-small" onClick={() => setAfter(page.data?.next ?? null)}>
                {t('platform.profiles.more')}
              </button>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
