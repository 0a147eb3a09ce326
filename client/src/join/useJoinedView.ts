import { useEffect, useState } from 'react';
import type { JoinedView } from './JoinedView';

type JoinedViewComponent = typeof JoinedView;

let loading: Promise<JoinedViewComponent> | null = null;

/**
 * Fetches the code a guest needs only once in (the live board, the socket client, the sync
 * engine), once: the join page's first load is the name form alone, which is what counts when
 * a hall of phones shares one Wi-Fi.
 */
function loadJoinedView(): Promise<JoinedViewComponent> {
  loading ??= import('./JoinedView').then(
    (module) => module.JoinedView,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

type JoinLive = typeof import('./joinLive');
let loadingJoin: Promise<JoinLive> | null = null;

/** The handshake join (the socket client with it), fetched with the joined view while the guest types. */
export function loadJoinLive(): Promise<JoinLive> {
  loadingJoin ??= import('./joinLive').catch((error: unknown) => {
    loadingJoin = null;
    throw error;
  });
  return loadingJoin;
}

export type JoinedViewState = { kind: 'loading' } | { kind: 'ready'; JoinedView: JoinedViewComponent } | { kind: 'offline' };

/**
 * The joined view's component, loaded as soon as the page around it has been painted: while
 * the guest types their name, it arrives in the background, so "Join" shows the board at once.
 *
 * Without a network the load fails, and browsers may keep a failed module import for the
 * page's life: a phone that needs the view then shows that it is offline (`needed`) and
 * reloads once the browser is back online. Its token is kept, so the reload lands in the
 * joined view, and the service worker serves the page even if the network drops again.
 */
export function useJoinedView(needed: boolean): JoinedViewState {
  const [state, setState] = useState<JoinedViewState>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      // Its failure shows when "Join" needs it (offline): the form says so there.
      loadJoinLive().catch(() => undefined);
      loadJoinedView().then(
        (JoinedView) => live && setState({ kind: 'ready', JoinedView }),
        () => live && setState({ kind: 'offline' }),
      );
    }, 0);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, []);

  const offlineAndNeeded = state.kind === 'offline' && needed;
  useEffect(() => {
    if (!offlineAndNeeded) return;
    const reload = () => window.location.reload();
    window.addEventListener('online', reload);
    return () => window.removeEventListener('online', reload);
  }, [offlineAndNeeded]);

  return state;
}
