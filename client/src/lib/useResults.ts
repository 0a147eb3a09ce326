import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoardResults } from '@ideasphere/shared';
import type { Send, SendError } from './useBoard';

export interface ResultsState {
  results: BoardResults | null;
  error: SendError | null;
  loading: boolean;
  /** Fetches now, whatever the throttle says. */
  refresh: () => void;
}

/**
 * `results:get`, fetched when `enabled`, then again whenever `trigger` changes (phase, vote
 * tallies), at most once every `minIntervalMs`: a hall voting at once must not make every
 * screen ask for results 7 times a second.
 */
export function useResults(send: Send, options: { enabled: boolean; trigger: unknown; minIntervalMs: number }): ResultsState {
  const { enabled, trigger, minIntervalMs } = options;
  const [results, setResults] = useState<BoardResults | null>(null);
  const [error, setError] = useState<SendError | null>(null);
  const [loading, setLoading] = useState(false);
  const last = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef(false);

  const fetchNow = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    last.current = Date.now();
    setLoading(true);
    const result = await send('results:get', {});
    inFlight.current = false;
    setLoading(false);
    if (result.ok) {
      setResults(result.data);
      setError(null);
    } else setError(result.error);
  }, [send]);

  useEffect(() => {
    if (!enabled) return;
    const wait = Math.max(0, last.current + minIntervalMs - Date.now());
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void fetchNow(), wait);
    return () => window.clearTimeout(timer.current);
  }, [enabled, trigger, minIntervalMs, fetchNow]);

  const refresh = useCallback(() => void fetchNow(), [fetchNow]);
  return { results, error, loading, refresh };
}
