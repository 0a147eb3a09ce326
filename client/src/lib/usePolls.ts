import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { PollSync, type PollSyncState } from '@ideasphere/shared/sync/PollSync.js';
import { initialPollState, type PollAction, type PollState } from '@ideasphere/shared/sync/pollState.js';
import type { Send } from './useBoard';
import type { SessionSocketResult } from './useSessionSocket';

export interface PollClient {
  state: PollState;
  /** Connected, with this connection's snapshot applied. */
  synced: boolean;
  /** Applies what an ack returned (a phone's own answer). */
  dispatch: (action: PollAction) => void;
  send: Send;
}

const idle: PollSyncState = { polls: initialPollState, synced: false, failure: null };
const noPolls = { subscribe: () => () => undefined, getState: () => idle };
const notConnected = { ok: false as const, error: { code: 'network' as const, message: 'not connected' } };

/**
 * The session's live polls, followed by PollSync (shared/src/sync) on the page's one socket:
 * this hook only starts the engine and subscribes to it.
 */
export function usePolls(live: Pick<SessionSocketResult, 'sync'>): PollClient {
  const { sync } = live;
  const polls = useMemo(() => (sync ? new PollSync(sync) : null), [sync]);
  useEffect(() => {
    if (!polls) return;
    polls.start();
    return () => polls.dispose();
  }, [polls]);
  const source = polls ?? noPolls;
  const state = useSyncExternalStore(source.subscribe, source.getState);
  const dispatch = useCallback((action: PollAction) => polls?.applyAck(action), [polls]);
  const send = useCallback<Send>(
    (event, payload, options) => (sync ? sync.request(event, payload, options?.timeoutMs) : Promise.resolve(notConnected)),
    [sync],
  );
  return useMemo(() => ({ state: state.polls, synced: state.synced, dispatch, send }), [state.polls, state.synced, dispatch, send]);
}
