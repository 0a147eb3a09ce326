import { useCallback, useState } from 'react';
import type { ApiResult, RequestError } from '../lib/api';

export interface AwardAction {
  /** The key of the action under way (a button's), or null. */
  busy: string | null;
  error: RequestError | null;
  /** Key of the last action that succeeded, for a short "saved" note. */
  done: string | null;
  run: <T>(key: string, call: () => Promise<ApiResult<T>>) => Promise<T | null>;
}

/** One change at a time on a programme page: progress on the button that started it, the refusal's text after. */
export function useAwardAction(onChanged: () => void): AwardAction {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<RequestError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(
    async <T,>(key: string, call: () => Promise<ApiResult<T>>): Promise<T | null> => {
      setBusy(key);
      setError(null);
      setDone(null);
      const result = await call();
      setBusy(null);
      if (!result.ok) {
        setError(result.error);
        return null;
      }
      setDone(key);
      onChanged();
      return result.data;
    },
    [onChanged],
  );
  return { busy, error, done, run };
}
