/**
 * Registers the join page's service worker (client/sw/joinShell.ts, built to /sw.js) once the
 * page has loaded, so it never competes with the name form for the Wi-Fi. From then on a
 * reload without a network still opens the page, which says it is offline.
 *
 * Browsers offer service workers only on HTTPS and on localhost: on a plain-HTTP venue LAN the
 * page works as before, without the offline shell. The worker script is always revalidated
 * (`updateViaCache: 'none'`, and the server sends it with `no-cache`), so a new build reaches
 * a phone at its next load.
 */
export function registerJoinShell(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/j', updateViaCache: 'none' }).catch(() => {
      // No offline shell this time (private mode, storage full): the page itself is unaffected.
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
