/*
 * The join page's service worker: an offline shell for phones on a venue's Wi-Fi.
 *
 * A classic script (no imports), built by client/plugins/serviceWorker.ts, which puts the
 * SHELL constant in front of it. Registered by the join page with scope /j, so it sees only
 * the join page's requests, and of those it answers only two kinds:
 *   - opening /j or /j/<code>: from the network; without one (or when it does not answer
 *     within NETWORK_WAIT_MS), the join page kept at install;
 *   - hashed files under /assets/: from the cache, else from the network (kept for next time).
 * Everything else (the API, Socket.IO, photos) goes to the network untouched: nothing live is
 * ever cached. Each build has its own cache, filled at install and the only one kept once it
 * is active, so a phone never mixes two builds; pages come from the network whenever it
 * answers, so a new build reaches a phone at its next load.
 */

/** Written by the build: the page kept for offline loads, the files it needs, and their version. */
declare const SHELL: { version: string; page: string; files: string[] };

const sw = self as unknown as ServiceWorkerGlobalScope;

const CACHE_PREFIX = 'ideasphere-join-';
const CACHE = `${CACHE_PREFIX}${SHELL.version}`;

/**
 * How long a page load waits for the network before showing the kept page: a Wi-Fi that is
 * connected but passes nothing would otherwise leave a blank screen for the browser's full
 * timeout. The page then says it is offline and keeps trying by itself.
 */
const NETWORK_WAIT_MS = 4_000;

/** The join page's paths, as the server routes them: /j and /j/<code>. */
const JOIN_PAGE = /^\/j(?:\/[^/]+)?\/?$/;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([SHELL.page, ...SHELL.files]);
      // Take over from an older build's worker at once: its cache goes at activation.
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
      // The page that registered this worker is served by it from now on (its board loads next).
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (request.mode === 'navigate' && JOIN_PAGE.test(url.pathname)) event.respondWith(joinPage(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(hashedFile(event));
});

/** The page from the network; the kept one when the network fails or does not answer in time. */
async function joinPage(request: Request): Promise<Response> {
  const network = fetch(request);
  // When the kept page answered first, a later failure of the network is nobody's concern.
  network.catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), NETWORK_WAIT_MS);
  });
  try {
    const response = await Promise.race([network, late]);
    if (response) return response;
  } catch {
    // Offline: the kept page below.
  } finally {
    clearTimeout(timer);
  }
  const kept = await caches.match(SHELL.page, { cacheName: CACHE });
  return kept ?? network;
}

/** A hashed file never changes: the kept copy if there is one, else the network's, kept. */
async function hashedFile(event: FetchEvent): Promise<Response> {
  const cache = await caches.open(CACHE);
  // The copies are decoded bodies, the same whatever Accept-Encoding asked for them.
  const kept = await cache.match(event.request, { ignoreVary: true });
  if (kept) return kept;
  const response = await fetch(event.request);
  if (response.ok && response.type === 'basic') event.waitUntil(cache.put(event.request, response.clone()));
  return response;
}
