import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { Me } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { browserLanguage, errorText, useLanguage } from '../lib/i18n';
import { StatusScreen } from '../ui/StatusScreen';
import { KeyIcon, WifiOffIcon } from '../ui/icons';
import { AccountPage } from './AccountPage';
import { HomePage } from './HomePage';
import { KeptPage } from './KeptPage';
import { LinkPage } from './LinkPage';
import { LivePage } from './LivePage';
import { NotificationsPage } from './NotificationsPage';
import { OrganisationPage } from './OrganisationPage';
import { OrganisationsPage } from './OrganisationsPage';
import { PeoplePage } from './PeoplePage';
import { ProfilePage } from './ProfilePage';
import { ProfilesPage } from './ProfilesPage';
import { SearchPage } from '../search/SearchPage';
import { PlatformShell } from './PlatformShell';
import { loadMe, platformRequest } from './platformApi';
import { pathOf, routeOf, type PlatformRoute } from './platformRoutes';
import { SignInPage } from './SignInPage';
import { useUnread } from './useUnread';
import { Loading } from './Loading';
import { VerifyPage } from './VerifyPage';

// The challenges domain is its own chunk: pages of people and organisations never load it.
const FieldsPage = lazy(() => import('../challenges/FieldsPage').then((m) => ({ default: m.FieldsPage })));
const CataloguePage = lazy(() => import('../challenges/CataloguePage').then((m) => ({ default: m.CataloguePage })));
const ChallengePage = lazy(() => import('../challenges/ChallengePage').then((m) => ({ default: m.ChallengePage })));
const MyResponsesPage = lazy(() => import('../challenges/MyResponsesPage').then((m) => ({ default: m.MyResponsesPage })));
const ResponsePage = lazy(() => import('../challenges/ResponsePage').then((m) => ({ default: m.ResponsePage })));
const ChallengeFormPage = lazy(() => import('../challenges/ChallengeFormPage').then((m) => ({ default: m.ChallengeFormPage })));

// Review is its own chunk: rounds, scorecards and results load only when opened.
const MyReviewsPage = lazy(() => import('../review/MyReviewsPage').then((m) => ({ default: m.MyReviewsPage })));
const ScopeRoundsPage = lazy(() => import('../review/ScopeRoundsPage').then((m) => ({ default: m.ScopeRoundsPage })));
const RoundPage = lazy(() => import('../review/RoundPage').then((m) => ({ default: m.RoundPage })));
const ScorecardPage = lazy(() => import('../review/ScorecardPage').then((m) => ({ default: m.ScorecardPage })));

// Agreements are their own chunk too (the signature canvas, the forms).
const AgreementsPage = lazy(() => import('../agreements/AgreementsPage').then((m) => ({ default: m.AgreementsPage })));
const AgreementFormPage = lazy(() => import('../agreements/AgreementFormPage').then((m) => ({ default: m.AgreementFormPage })));
const AgreementPage = lazy(() => import('../agreements/AgreementPage').then((m) => ({ default: m.AgreementPage })));
const AwardsPage = lazy(() => import('../awards/AwardsPage').then((m) => ({ default: m.AwardsPage })));
const AwardProgrammePage = lazy(() => import('../awards/AwardProgrammePage').then((m) => ({ default: m.AwardProgrammePage })));

// The pipeline is its own chunk too (board, charts).
const PipelineBoardPage = lazy(() => import('../pipeline/PipelineBoardPage').then((m) => ({ default: m.PipelineBoardPage })));
const PipelineItemPage = lazy(() => import('../pipeline/PipelineItemPage').then((m) => ({ default: m.PipelineItemPage })));
const PipelineDashboardPage = lazy(() => import('../pipeline/PipelineDashboardPage').then((m) => ({ default: m.PipelineDashboardPage })));
const PipelineSettingsPage = lazy(() => import('../pipeline/PipelineSettingsPage').then((m) => ({ default: m.PipelineSettingsPage })));

type Session =
  | { kind: 'loading' }
  | { kind: 'signedOut'; notice: 'ended' | 'signedOut' | null }
  | { kind: 'signedIn'; me: Me }
  | { kind: 'failed'; error: RequestError };

/** `/platform/…`: sign-in, one-time links, and what the signed-in account may see and do. */
export function PlatformApp() {
  const lang = useLanguage(browserLanguage());
  const { t } = lang;
  const [route, setRoute] = useState<PlatformRoute>(() => routeOf(window.location.pathname, window.location.hash, window.location.search));
  const [session, setSession] = useState<Session>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // A link's token travels in the fragment; once read, it leaves the address bar and history.
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  }, []);

  useEffect(() => {
    const onPopState = () => setRoute(routeOf(window.location.pathname, '', window.location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void loadMe(controller.signal)
      .then((result) => {
        if (result.ok) setSession({ kind: 'signedIn', me: result.data });
        else if (result.error.code === 'unauthorized') setSession({ kind: 'signedOut', notice: null });
        else setSession({ kind: 'failed', error: result.error });
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [attempt]);

  const navigate = useCallback((next: PlatformRoute) => {
    window.history.pushState(null, '', pathOf(next));
    setRoute(next);
    window.scrollTo(0, 0);
  }, []);

  const signedIn = useCallback((me: Me) => setSession({ kind: 'signedIn', me }), []);
  const sessionEnded = useCallback(() => setSession({ kind: 'signedOut', notice: 'ended' }), []);
  const signedOut = useCallback(() => setSession({ kind: 'signedOut', notice: 'signedOut' }), []);
  const refreshMe = useCallback(() => setAttempt((n) => n + 1), []);

  const me = session.kind === 'signedIn' ? session.me : null;
  const request = useMemo(() => platformRequest(me?.csrfToken ?? null, sessionEnded), [me?.csrfToken, sessionEnded]);
  const unread = useUnread(request, me !== null);

  useEffect(() => {
    document.title = `${t('platform.pageTitle')} · ${t('app.name')}`;
  }, [t]);

  // Verification is public: anyone holding a PDF may check it, signed in or not.
  if (route.page === 'verify') {
    return (
      <PlatformShell lang={lang} me={me} route={route} navigate={navigate} request={request} onSignedOut={signedOut}>
        <VerifyPage lang={lang} />
      </PlatformShell>
    );
  }

  if (route.page === 'link') {
    return (
      <PlatformShell lang={lang} me={null} route={route} navigate={navigate} request={request} onSignedOut={signedOut}>
        <LinkPage
          kind={route.kind}
          token={route.token}
          lang={lang}
          onDone={(next) => {
            signedIn(next);
            navigate({ page: 'home' });
          }}
          onSignIn={() => navigate({ page: 'home' })}
        />
      </PlatformShell>
    );
  }

  let content;
  if (session.kind === 'loading') {
    content = (
      <Loading t={t} />
    );
  } else if (session.kind === 'failed') {
    content = (
      <StatusScreen icon={<WifiOffIcon size={32} />} tone="error" title={t('platform.loadFailed')} body={errorText(t, session.error)} testId="platform-load-failed">
        <button type="button" className="button button-primary" onClick={refreshMe}>
          {t('common.retry')}
        </button>
      </StatusScreen>
    );
  } else if ((route.page === 'challenges' || route.page === 'challenge' || route.page === 'search' || route.page === 'profile') && session.kind === 'signedOut') {
    // The catalogue, a challenge's page, search and profiles are open to anonymous visitors (public ones).
    const props = { me: null, lang, request, navigate };
    if (route.page === 'challenges') content = <CataloguePage {...props} />;
    else if (route.page === 'challenge') content = <ChallengePage key={route.id} {...props} id={route.id} screen={route.screen} />;
    else if (route.page === 'search') content = <SearchPage {...props} initialQuery={route.q} />;
    else content = <ProfilePage key={`${route.kind}:${route.id}`} {...props} kind={route.kind} id={route.id} />;
  } else if (session.kind === 'signedOut') {
    content = <SignInPage lang={lang} notice={session.notice} onSignedIn={signedIn} />;
  } else {
    const props = { me: session.me, lang, request, navigate };
    switch (route.page) {
      case 'home':
        content = <HomePage {...props} />;
        break;
      case 'account':
        content = <AccountPage {...props} onSignedOut={signedOut} />;
        break;
      case 'people':
      case 'fields':
        // The server refuses these to anyone else; the page says so instead of failing.
        content =
          session.me.account.platformRole !== 'platform_admin' ? (
            <StatusScreen icon={<KeyIcon size={32} />} tone="error" title={t('reason.role_forbidden')} testId="platform-forbidden">
              <button type="button" className="button button-primary" onClick={() => navigate({ page: 'home' })}>
                {t('platform.nav.home')}
              </button>
            </StatusScreen>
          ) : route.page === 'people' ? (
            <PeoplePage {...props} />
          ) : (
            <FieldsPage {...props} />
          );
        break;
      case 'orgs':
        content = <OrganisationsPage {...props} />;
        break;
      case 'org':
        content = <OrganisationPage key={route.id} {...props} organisationId={route.id} />;
        break;
      case 'live':
        content = <LivePage {...props} />;
        break;
      case 'kept':
        content = <KeptPage {...props} />;
        break;
      case 'notifications':
        content = <NotificationsPage {...props} onUnread={unread.set} />;
        break;
      case 'profiles':
        content = <ProfilesPage {...props} />;
        break;
      case 'search':
        content = <SearchPage {...props} initialQuery={route.q} />;
        break;
      case 'profile':
        content = <ProfilePage key={`${route.kind}:${route.id}`} {...props} kind={route.kind} id={route.id} />;
        break;
      case 'challenges':
        content = <CataloguePage {...props} />;
        break;
      case 'challengeNew':
        content = <ChallengeFormPage {...props} />;
        break;
      case 'challenge':
        content = <ChallengePage key={route.id} {...props} id={route.id} screen={route.screen} />;
        break;
      case 'reviews':
        content = <MyReviewsPage {...props} />;
        break;
      case 'challengeReview':
        content = <ScopeRoundsPage key={route.id} {...props} scope={{ kind: 'challenge', id: route.id }} />;
        break;
      case 'categoryReview':
        content = <ScopeRoundsPage key={route.id} {...props} scope={{ kind: 'award_category', id: route.id }} />;
        break;
      case 'reviewRound':
        content = <RoundPage key={route.id} {...props} id={route.id} />;
        break;
      case 'scorecard':
        content = <ScorecardPage key={`${route.roundId}:${route.subjectId}`} {...props} roundId={route.roundId} subjectId={route.subjectId} />;
        break;
      case 'response':
        content = <ResponsePage key={route.id} {...props} id={route.id} />;
        break;
      case 'myResponses':
        content = <MyResponsesPage {...props} />;
        break;
      case 'agreements':
        content = <AgreementsPage {...props} />;
        break;
      case 'agreementNew':
        content = <AgreementFormPage key={route.responseId ?? 'new'} {...props} {...(route.responseId ? { responseId: route.responseId } : {})} />;
        break;
      case 'agreement':
        content = <AgreementPage key={route.id} {...props} id={route.id} />;
        break;
      case 'pipeline':
        content = <PipelineBoardPage {...props} />;
        break;
      case 'pipelineItem':
        content = <PipelineItemPage key={route.id} {...props} id={route.id} />;
        break;
      case 'pipelineDashboard':
        content = <PipelineDashboardPage {...props} />;
        break;
      case 'pipelineSettings':
        content = <PipelineSettingsPage key={route.orgId} {...props} organisationId={route.orgId} />;
        break;
      case 'awards':
        content = <AwardsPage {...props} />;
        break;
      case 'award':
        content = <AwardProgrammePage key={route.id} {...props} id={route.id} />;
        break;
    }
  }

  return (
    <PlatformShell lang={lang} me={me} route={route} navigate={navigate} request={request} onSignedOut={signedOut} unread={unread.unread}>
      <Suspense fallback={<Loading t={t} />}>{content}</Suspense>
    </PlatformShell>
  );
}
