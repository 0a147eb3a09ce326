import { useEffect, useState } from 'react';
import { NOTIFICATION_POLL_MS } from '@ideasphere/shared/accounts/notificationModel.js';
import type { PlatformRequest } from './platformApi';

/**
 * The unread notification count of the signed-in account: asked at once, then every
 * NOTIFICATION_POLL_MS while the page is visible, and again when it becomes visible. `set`
 * takes the count a page just learned (after marking some read).
 */
export function useUnread(request: PlatformRequest, signedIn: boolean): { unread: number; set: (unread: number) => void } {
  const [unread, setUnread] = useState(0);

  useEffect(() => {
    if (!signedIn) return;
    let current = true;
    const ask = () => {
      if (document.visibilityState !== 'visible') return;
      void request<{ unread: number }>('GET', '/api/account/notifications/unread').then((result) => {
        if (current && result.ok) setUnread(result.data.unread);
      });
    };
    ask();
    const timer = window.setInterval(ask, NOTIFICATION_POLL_MS);
    document.addEventListener('visibilitychange', ask);
    return () => {
      current = false;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', ask);
    };
  }, [request, signedIn]);

  // Signed out, there is nothing to count (the last account's count is not shown to the next).
  return { unread: signedIn ? unread : 0, set: setUnread };
}
