import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { QaSync, type QaSyncState } from '@ideasphere/shared/sync/QaSync.js';
import { initialQaState, type QaAction, type QaState } from '@ideasphere/shared/sync/qaState.js';
import type { Send } from './useBoard';
import type { SessionSocketResult } from './useSessionSocket';

export interface QaClient {
  state: QaState;
  /** Connected, with this connection's Q&A snapshot or catch-up applied. */
  synced: boolean;
  /** Applies what an ack returned, before the broadcast that confirms it arrives. */
  dispatch: (action: QaAction) => void;
  send: Send;
}

const idle: QaSyncState = { qa: initialQaState, synced: false, failure: null, version: null };
const noQa = { subscribe: () => () => undefined, getState: () => idle };
const notConnected = { ok: false as const, error: { code: 'network' as const, message: 'not connected' } };

/**
 * The session's audience Q&A, followed by QaSync (shared/src/sync) on the page's one socket:
 * this hook only starts the engine and subscribes to it.
 */
export function useQa(live: Pick<SessionSocketResult, 'sync'>): QaClient {
  const { sync } = live;
  const qa = useMemo(() => (sync ? new QaSync(sync) : null), [sync]);
  useEffect(() => {
    if (!qa) return;
    qa.start();
    return () => qa.dispose();
  }, [qa]);
  const source = qa ?? noQa;
  const state = useSyncExternalStore(source.subscribe, source.getState);
  const dispatch = useCallback((action: QaAction) => qa?.applyAck(action), [qa]);
  const send = useCallback<Send>(
    (event, payload, options) => (sync ? sync.request(event, payload, options?.timeoutMs) : Promise.resolve(notConnected)),
    [sync],
  );
  return useMemo(() => ({ state: state.qa, synced: state.synced, dispatch, send }), [state.qa, state.synced, dispatch, send]);
}

/** The track a viewer opens first: the one of its venue, else the main one. */
export function trackForVenue(state: QaState, venueId: string | null | undefined): string {
  return state.tracks.find((t) => venueId && t.venueId === venueId)?.id ?? 'main';
}
