import { useState, type ReactNode } from 'react';
import type { Me } from '@ideasphere/shared';
import type { LanguageState } from '../lib/i18n';
import { LanguageSwitcher } from '../ui/LanguageSwitcher';
import type { PlatformRequest } from './platformApi';
import { pathOf, type PlatformRoute } from './platformRoutes';

interface PlatformShellProps {
  lang: LanguageState;
  me: Me | null;
  route: PlatformRoute;
  navigate: (route: PlatformRoute) => void;
  request: PlatformRequest;
  onSignedOut: () => void;
  children: ReactNode;
}

/** The frame of every platform page: brand, the sections the account may open, language, sign-out. */
export function PlatformShell({ lang, me, route, navigate, request, onSignedOut, children }: PlatformShellProps) {
  const { t } = lang;
  const [signingOut, setSigningOut] = useState(false);
  const isAdmin = me?.account.platformRole === 'platform_admin';
  const sections: { route: PlatformRoute; label: string; testId: string }[] = me
    ? [
        { route: { page: 'home' }, label: t('platform.nav.home'), testId: 'nav-home' },
        ...(isAdmin ? [{ route: { page: 'people' } as PlatformRoute, label: t('platform.nav.people'), testId: 'nav-people' }] : []),
        ...(isAdmin ? [{ route: { page: 'fields' } as PlatformRoute, label: t('challenge.nav.fields'), testId: 'nav-fields' }] : []),
        { route: { page: 'challenges' }, label: t('challenge.nav.challenges'), testId: 'nav-challenges' },
        { route: { page: 'orgs' }, label: t('platform.nav.orgs'), testId: 'nav-orgs' },
        { route: { page: 'account' }, label: t('platform.nav.account'), testId: 'nav-account' },
      ]
    : [{ route: { page: 'challenges' }, label: t('challenge.nav.challenges'), testId: 'nav-challenges' }];
  const current = route.page === 'org' ? 'orgs' : route.page === 'challenge' || route.page === 'challengeNew' ? 'challenges' : route.page;

  const signOut = async () => {
    setSigningOut(true);
    await request('POST', '/api/account/logout');
    setSigningOut(false);
    onSignedOut();
  };

  return (
    <div className="platform-shell">
      <header className="platform-header">
        <a
          className="brand"
          href="/platform"
          onClick={(event) => {
            event.preventDefault();
            navigate({ page: 'home' });
          }}
        >
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
          <span className="platform-brand-tag">{t('platform.pageTitle')}</span>
        </a>
        {sections.length > 0 && (
          <nav className="platform-nav" aria-label={t('platform.nav.label')}>
            {sections.map((section) => (
              <a
                key={section.testId}
                href={pathOf(section.route)}
                aria-current={current === section.route.page ? 'page' : undefined}
                data-testid={section.testId}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(section.route);
                }}
              >
                {section.label}
              </a>
            ))}
          </nav>
        )}
        <div className="platform-header-end">
          <LanguageSwitcher lang={lang} />
          {me && (
            <button type="button" className="button button-ghost button-small platform-header-signout" onClick={() => void signOut()} disabled={signingOut} data-testid="sign-out">
              {signingOut ? t('platform.signingOut') : t('platform.signOut')}
            </button>
          )}
        </div>
      </header>
      <main className="platform-main">{children}</main>
    </div>
  );
}
