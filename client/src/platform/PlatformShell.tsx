import { useState, type ReactNode } from 'react';
import type { Me } from '@ideasphere/shared';
import type { LanguageState } from '../lib/i18n';
import { LanguageSwitcher } from '../ui/LanguageSwitcher';
import { BellIcon } from '../ui/icons';
import { initials } from '../lib/initials';
import type { PlatformRequest } from './platformApi';
import { pathOf, type PlatformRoute } from './platformRoutes';
import { NavMenu } from './NavMenu';

interface Section {
  route: PlatformRoute;
  label: string;
  testId: string;
}

interface PlatformShellProps {
  lang: LanguageState;
  me: Me | null;
  route: PlatformRoute;
  navigate: (route: PlatformRoute) => void;
  request: PlatformRequest;
  onSignedOut: () => void;
  /** Unread notifications of the signed-in account (the bell's badge). */
  unread?: number;
  children: ReactNode;
}

/** The frame of every platform page: brand (the overview), the sections the account may open, notifications, language, the account, sign-out. */
export function PlatformShell({ lang, me, route, navigate, request, onSignedOut, unread = 0, children }: PlatformShellProps) {
  const { t } = lang;
  const [signingOut, setSigningOut] = useState(false);
  const isAdmin = me?.account.platformRole === 'platform_admin';
  const sections: Section[] = me
    ? [
        { route: { page: 'challenges' }, label: t('challenge.nav.challenges'), testId: 'nav-challenges' },
        { route: { page: 'search', q: '' }, label: t('search.nav'), testId: 'nav-search' },
        { route: { page: 'agreements' }, label: t('agreement.nav'), testId: 'nav-agreements' },
        { route: { page: 'pipeline' }, label: t('pipeline.nav'), testId: 'nav-pipeline' },
        { route: { page: 'awards' }, label: t('award.nav'), testId: 'nav-awards' },
        { route: { page: 'orgs' }, label: t('platform.nav.orgs'), testId: 'nav-orgs' },
        { route: { page: 'profiles' }, label: t('platform.nav.profiles'), testId: 'nav-profiles' },
        { route: { page: 'live' }, label: t('platform.nav.live'), testId: 'nav-live' },
      ]
    : [
        { route: { page: 'challenges' }, label: t('challenge.nav.challenges'), testId: 'nav-challenges' },
        { route: { page: 'search', q: '' }, label: t('search.nav'), testId: 'nav-search' },
      ];
  // The account's own lists and an admin's pages are menus: thirteen links do not fit one row
  // even at 1920 px.
  const menus: { label: string; testId: string; sections: Section[] }[] = [
    {
      label: t('platform.nav.mine'),
      testId: 'nav-mine',
      sections: me
        ? [
            { route: { page: 'kept' }, label: t('platform.nav.kept'), testId: 'nav-kept' },
            { route: { page: 'myResponses' }, label: t('response.nav'), testId: 'nav-responses' },
            { route: { page: 'reviews' }, label: t('review.nav'), testId: 'nav-reviews' },
          ]
        : [],
    },
    {
      label: t('platform.nav.admin'),
      testId: 'nav-admin',
      sections: isAdmin
        ? [
            { route: { page: 'people' }, label: t('platform.nav.people'), testId: 'nav-people' },
            { route: { page: 'fields' }, label: t('challenge.nav.fields'), testId: 'nav-fields' },
          ]
        : [],
    },
  ];
  const current =
    route.page === 'org' ? 'orgs' : route.page === 'profile' ? 'profiles' : route.page === 'scorecard' ? 'reviews' : route.page === 'challenge' || route.page === 'challengeNew' || route.page === 'challengeReview' || route.page === 'reviewRound'
        ? 'challenges'
        : route.page === 'agreement' || route.page === 'agreementNew'
          ? 'agreements'
          : route.page === 'pipelineItem' || route.page === 'pipelineDashboard' || route.page === 'pipelineSettings'
            ? 'pipeline'
          : route.page === 'award' || route.page === 'categoryReview'
            ? 'awards'
          : route.page === 'response'
            ? 'myResponses'
            : route.page;

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
              <SectionLink key={section.testId} section={section} current={current} navigate={navigate} />
            ))}
            {menus
              .filter((menu) => menu.sections.length > 0)
              .map((menu) => (
                <NavMenu key={menu.testId} label={menu.label} current={menu.sections.some((section) => section.route.page === current)} testId={menu.testId}>
                  {(close) =>
                    menu.sections.map((section) => <SectionLink key={section.testId} section={section} current={current} navigate={navigate} onNavigate={close} />)
                  }
                </NavMenu>
              ))}
          </nav>
        )}
        <div className="platform-header-end">
          {me && (
            <a
              className="platform-bell"
              href="/platform/notifications"
              aria-current={route.page === 'notifications' ? 'page' : undefined}
              aria-label={unread > 0 ? `${t('platform.nav.notifications')}, ${t('platform.notify.unread', { count: unread })}` : t('platform.nav.notifications')}
              data-testid="nav-notifications"
              onClick={(event) => {
                event.preventDefault();
                navigate({ page: 'notifications' });
              }}
            >
              <BellIcon size={20} />
              {unread > 0 && (
                <span className="platform-bell-badge" data-testid="unread-badge">
                  {unread > 99 ? '99+' : unread}
                </span>
              )}
            </a>
          )}
          <LanguageSwitcher lang={lang} />
          {me && (
            <a
              className="platform-account-link"
              href="/platform/account"
              aria-current={route.page === 'account' ? 'page' : undefined}
              title={t('platform.nav.account')}
              data-testid="nav-account"
              onClick={(event) => {
                event.preventDefault();
                navigate({ page: 'account' });
              }}
            >
              <span className="platform-account-name" dir="auto">
                {me.account.name}
              </span>
              <span className="platform-account-initials" aria-hidden="true">
                {initials(me.account.name)}
              </span>
            </a>
          )}
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

/** One section's link: a real link (open in a new tab works), followed in the page. */
function SectionLink({ section, current, navigate, onNavigate }: { section: Section; current: string; navigate: (route: PlatformRoute) => void; onNavigate?: () => void }) {
  return (
    <a
      href={pathOf(section.route)}
      aria-current={current === section.route.page ? 'page' : undefined}
      data-testid={section.testId}
      onClick={(event) => {
        event.preventDefault();
        onNavigate?.();
        navigate(section.route);
      }}
    >
      {section.label}
    </a>
  );
}
