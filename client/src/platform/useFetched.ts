import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestError } from '../lib/api';
import type { PlatformRequest } from './platformApi';

export interface Fetched<T> {
  /** The latest answer; null until the first one (and without a path). */
  data: T | null;
  error: RequestError | null;
  /** Fetches again (after a change the page made). */
  reload: () => void;
  /**
   * Fetches again and resolves once the answer is shown: a page that reports a change (a
   * member removed) waits for it, so the report never stands beside the old list.
   */
  refresh: () => Promise<void>;
}

/** `GET path` on mount and on every `reload`; no request while `path` is null. A stale answer is dropped. */
export function useFetched<T>(request: PlatformRequest, path: string | null): Fetched<T> {
  const [state, setState] = useState<{ data: T | null; error: RequestError | null }>({ data: null, error: null });
  const [round, setRound] = useState(0);
  // The fetch whose answer may still be shown; any newer one (or a new path) replaces it.
  const latest = useRef(0);

  const fetchNow = useCallback(async () => {
    if (path === null) return;
    const mine = ++latest.current;
    const result = await request<T>('GET', path);
    if (mine !== latest.current) return;
    setState((previous) => (result.ok ? { data: result.data, error: null } : { data: previous.data, error: result.error }));
  }, [request, path]);

  // A new path or round fetches again; an answer to an older fetch is then dropped.
  useEffect(() => {
    void fetchNow();
  }, [fetchNow, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data: state.data, error: state.error, reload, refresh: fetchNow };
}
