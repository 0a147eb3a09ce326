import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoardResults } from '@ideasphere/shared';
import { RESULTS_REFRESH_MS } from '@ideasphere/shared/limits.js';
import { ResultsFollower } from './resultsFollower';
import type { Send, SendError } from './useBoard';

export interface ResultsState {
  results: BoardResults | null;
  error: SendError | null;
  loading: boolean;
  /** Fetches now, whatever the throttle says. */
  refresh: () => void;
}

/**
 * `results:get`, fetched when `enabled`, then again whenever `trigger` changes (pass the board
 * state: ideas, votes, clusters, phase and settings all change it), at most once every
 * RESULTS_REFRESH_MS, and never losing a change that arrives during a request (ResultsFollower).
 */
export function useResults(send: Send, options: { enabled: boolean; trigger: unknown }): ResultsState {
  const { enabled, trigger } = options;
  const [results, setResults] = useState<BoardResults | null>(null);
  const [error, setError] = useState<SendError | null>(null);
  const [loading, setLoading] = useState(false);
  const follower = useRef<ResultsFollower | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const current = new ResultsFollower(async () => {
      setLoading(true);
      const result = await send('results:get', {});
      if (follower.current !== current) return;
      setLoading(false);
      if (result.ok) {
        setResults(result.data);
        setError(null);
      } else setError(result.error);
    }, RESULTS_REFRESH_MS);
    follower.current = current;
    return () => {
      current.dispose();
      if (follower.current === current) follower.current = null;
    };
  }, [enabled, send]);

  // Runs after the effect above in the same commit: a new follower asks at once, then again
  // whenever the board changes.
  useEffect(() => {
    follower.current?.changed();
  }, [trigger, enabled, send]);

  const refresh = useCallback(() => follower.current?.refresh(), []);
  return { results, error, loading, refresh };
}
