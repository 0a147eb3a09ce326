import { useCallback, useEffect, useState } from 'react';
import { normalizeJoinCode } from '@ideasphere/shared/joinCode.js';
import { browserLanguage, useLanguage } from '../lib/i18n';
import { CreateSessionPage } from './CreateSessionPage';
import { FacilitatorPage } from './FacilitatorPage';

type Route = { page: 'create' } | { page: 'facilitate'; code: string };

function routeOf(pathname: string): Route {
  const match = /^\/f\/([^/]+)\/?$/.exec(pathname);
  const code = match?.[1] ? normalizeJoinCode(decodeURIComponent(match[1])) : null;
  return code ? { page: 'facilitate', code } : { page: 'create' };
}

/** The facilitator console: `/` creates a session, `/f/<code>` runs one. */
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

  return route.page === 'facilitate' ? (
    <FacilitatorPage key={route.code} code={route.code} lang={lang} navigate={navigate} />
  ) : (
    <CreateSessionPage lang={lang} navigate={navigate} />
  );
}
