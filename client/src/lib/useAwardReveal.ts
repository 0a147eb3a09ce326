import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { AwardRevealState } from '@ideasphere/shared';
import { AwardRevealSync, type AwardRevealSyncState } from '@ideasphere/shared/sync/AwardRevealSync.js';
import type { SessionSocketResult } from './useSessionSocket';

const idle: AwardRevealSyncState = { reveal: null };
const none = { subscribe: () => () => undefined, getState: () => idle };

export interface AwardRevealClient {
  reveal: AwardRevealState | null;
  /** Takes the state an ack returned (the console's own reveal), before its broadcast arrives. */
  offer: (state: AwardRevealState) => void;
  /** Reads the state again (after a refusal that says the list moved on). */
  refresh: () => void;
}

/** The session's awards reveal, followed by AwardRevealSync on the page's one socket. */
export function useAwardReveal(live: Pick<SessionSocketResult, 'sync'>): AwardRevealClient {
  const { sync } = live;
  const follower = useMemo(() => (sync ? new AwardRevealSync(sync) : null), [sync]);
  useEffect(() => {
    if (!follower) return;
    follower.start();
    return () => follower.dispose();
  }, [follower]);
  const source = follower ?? none;
  const state = useSyncExternalStore(source.subscribe, source.getState);
  return useMemo(
    () => ({ reveal: state.reveal, offer: (s: AwardRevealState) => follower?.offer(s), refresh: () => void follower?.refresh() }),
    [state.reveal, follower],
  );
}
