import { useState } from 'react';
import type { RequestError } from '../lib/api';
import type { PlatformRequest } from '../platform/platformApi';

export type Notice = { kind: 'ok'; text: string } | { kind: 'error'; error: RequestError };

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One change at a time on a review page: `busy` while it runs (buttons disable and say so),
 * then a notice (success text, or the refusal's reason) for the live region.
 */
export function useAction(request: PlatformRequest) {
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  async function run<T>(key: string, method: Method, path: string, body: object | undefined, done: (data: T) => string | null): Promise<T | null> {
    setBusy(key);
    setNotice(null);
    const result = await request<T>(method, path, body);
    setBusy(null);
    if (!result.ok) {
      setNotice({ kind: 'error', error: result.error });
      return null;
    }
    const text = done(result.data);
    setNotice(text === null ? null : { kind: 'ok', text });
    return result.data;
  }

  return { busy, notice, run, setNotice };
}
