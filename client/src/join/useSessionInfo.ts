import { useCallback, useEffect, useState } from 'react';
import type { SessionInfo } from '@ideasphere/shared';
import type { RequestError } from '../lib/api';
import { fetchSessionInfo } from './joinApi';

export type SessionInfoState =
  | { status: 'loading' }
  | { status: 'ready'; info: SessionInfo }
  | { status: 'failed'; error: RequestError };

/** Loads the public info of a session; `retry` tries again (e.g. after the Wi-Fi came back). */
export function useSessionInfo(code: string | null): SessionInfoState & { retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ key: string; state: SessionInfoState } | null>(null);
  const key = `${code ?? ''}#${attempt}`;

  useEffect(() => {
    if (code === null) return;
    const controller = new AbortController();
    fetchSessionInfo(code, controller.signal)
      .then((response) => {
        setResult({
          key,
          state: response.ok ? { status: 'ready', info: response.data } : { status: 'failed', error: response.error },
        });
      })
      .catch(() => {
        // Aborted because the code changed or the page unmounted.
      });
    return () => controller.abort();
  }, [code, key]);

  useEffect(() => {
    const onOnline = () => setAttempt((n) => n + 1);
    if (result?.key !== key || result.state.status !== 'failed') return;
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [result, key]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const state: SessionInfoState = result?.key === key ? result.state : { status: 'loading' };
  return { ...state, retry };
}
