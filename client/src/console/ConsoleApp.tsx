import { useCallback, useEffect, useState } from 'react';
import { normalizeJoinCode } from '@ideasphere/shared/joinCode.js';
import { browserLanguage, useLanguage } from '../lib/i18n';
import { CreateSessionPage } from './CreateSessionPage';
import { FacilitatorPage } from './FacilitatorPage';
import { ModeratorPage } from './qa/ModeratorPage';

type Route = { page: 'create' } | { page: 'facilitate'; code: string } | { page: 'moderate'; code: string };

function routeOf(pathname: string): Route {
  const match = /^\/([fm])\/([^/]+)\/?$/.exec(pathname);
  const code = match?.[2] ? normalizeJoinCode(decodeURIComponent(match[2])) : null;
  if (!code) return { page: 'create' };
  return match?.[1] === 'm' ? { page: 'moderate', code } : { page: 'facilitate', code };
}

/** The facilitator console: `/` creates a session, `/f/<code>` runs one, `/m/<code>` moderates its Q&A. */
export function ConsoleApp() {
  const lang = useLanguage(browserLanguage());
  const [route, setRoute] = useState<Route>(() => routeOf(window.location.pathname));

  useEffect(() => {
    const onPopState = () => setRoute(routeOf(window.location.pathname));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const navigate = useCallback((url: string) => {
    window.history.pushState(null, '', url);
    setRoute(routeOf(window.location.pathname));
    window.scrollTo(0, 0);
  }, []);

  if (route.page === 'moderate') return <ModeratorPage key={route.code} code={route.code} lang={lang} />;
  return route.page === 'facilitate' ? (
    <FacilitatorPage key={route.code} code={route.code} lang={lang} navigate={navigate} />
  ) : (
    <CreateSessionPage lang={lang} navigate={navigate} />
  );
}
