import { useEffect } from 'react';

/**
 * Keeps the projector laptop from dimming or sleeping while the big screen is open. The lock
 * is released whenever the tab is hidden, so it is taken again when the tab shows.
 */
export function useWakeLock(): void {
  useEffect(() => {
    if (!('wakeLock' in navigator)) return;
    let lock: WakeLockSentinel | null = null;
    let disposed = false;
    const acquire = () => {
      if (document.visibilityState !== 'visible') return;
      navigator.wakeLock
        .request('screen')
        .then((sentinel) => {
          if (disposed) void sentinel.release();
          else lock = sentinel;
        })
        .catch(() => {
          // Not allowed (no user gesture yet, battery saver): the screen may dim, nothing else.
        });
    };
    acquire();
    document.addEventListener('visibilitychange', acquire);
    return () => {
      disposed = true;
      document.removeEventListener('visibilitychange', acquire);
      void lock?.release();
    };
  }, []);
}
