import { useCallback, useEffect, useState } from 'react';
import type { RequestError } from '../lib/api';
import type { PlatformRequest } from './platformApi';

export interface Fetched<T> {
  /** The latest answer; null until the first one (and without a path). */
  data: T | null;
  error: RequestError | null;
  /** Fetches again (after a change the page made). */
  reload: () => void;
}

/** `GET path` on mount and on every `reload`; no request while `path` is null. A stale answer is dropped. */
export function useFetched<T>(request: PlatformRequest, path: string | null): Fetched<T> {
  const [state, setState] = useState<{ data: T | null; error: RequestError | null }>({ data: null, error: null });
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (path === null) return;
    let current = true;
    void request<T>('GET', path).then((result) => {
      if (!current) return;
      setState((previous) => (result.ok ? { data: result.data, error: null } : { data: previous.data, error: result.error }));
    });
    return () => {
      current = false;
    };
  }, [request, path, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data: state.data, error: state.error, reload };
}
