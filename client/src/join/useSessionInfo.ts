import { useCallback, useEffect, useState } from 'react';
import type { SessionInfo } from '@ideasphere/shared';
import { RECONNECT_DELAY_MAX_MS, RECONNECT_DELAY_MS } from '@ideasphere/shared/limits.js';
import type { RequestError } from '../lib/api';
import { fetchSessionInfo } from './joinApi';

export type SessionInfoState =
  | { status: 'loading' }
  | { status: 'ready'; info: SessionInfo }
  | { status: 'failed'; error: RequestError };

/**
 * Loads the public info of a session; `retry` tries again. Without a network (the venue's
 * Wi-Fi dropped, or the phone reloaded offline) it tries again by itself when the browser says
 * it is back online, and also every few seconds (a phone can have Wi-Fi but no way to the
 * server), spread out like socket reconnects; meanwhile it keeps reporting the failure rather
 * than flickering back to "loading".
 */
export function useSessionInfo(code: string | null): SessionInfoState & { retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ code: string; attempt: number; state: SessionInfoState } | null>(null);

  useEffect(() => {
    if (code === null) return;
    const controller = new AbortController();
    fetchSessionInfo(code, controller.signal)
      .then((response) => {
        setResult({
          code,
          attempt,
          state: response.ok ? { status: 'ready', info: response.data } : { status: 'failed', error: response.error },
        });
      })
      .catch(() => {
        // Aborted because the code changed or the page unmounted.
      });
    return () => controller.abort();
  }, [code, attempt]);

  const current = result?.code === code ? result : null;
  const failed = current?.attempt === attempt && current.state.status === 'failed' ? current.state.error : null;
  useEffect(() => {
    if (failed === null) return;
    const again = () => setAttempt((n) => n + 1);
    window.addEventListener('online', again);
    const timer = failed.code === 'network' ? window.setTimeout(again, retryDelay(attempt)) : undefined;
    return () => {
      window.removeEventListener('online', again);
      window.clearTimeout(timer);
    };
  }, [failed, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  let state: SessionInfoState = { status: 'loading' };
  if (current?.attempt === attempt) state = current.state;
  // While trying again without a network, the page goes on saying it is offline.
  else if (current?.state.status === 'failed' && current.state.error.code === 'network') state = current.state;
  return { ...state, retry };
}

/** Doubling from RECONNECT_DELAY_MS up to RECONNECT_DELAY_MAX_MS, ±50 %: a hall of phones does not retry in step. */
function retryDelay(attempt: number): number {
  return Math.min(RECONNECT_DELAY_MS * 2 ** attempt, RECONNECT_DELAY_MAX_MS) * (0.5 + Math.random());
}
