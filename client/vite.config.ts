import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Connect, type Plugin } from 'vite';
import { firstLoadOf } from './plugins/firstLoad.js';
import { precompress } from './plugins/precompress.js';
import { joinServiceWorker } from './plugins/serviceWorker.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The pages, each its own entry chunk: a phone downloads only the join page. */
const pages = {
  console: here('./index.html'),
  join: here('./join.html'),
  screen: here('./screen.html'),
  proposal: here('./proposal.html'),
  platform: here('./platform.html'),
};

/** Which HTML page serves a path; in production the Express server does the same. */
export function pageForPath(pathname: string): string | null {
  if (pathname === '/j' || pathname.startsWith('/j/')) return '/join.html';
  if (pathname.startsWith('/s/')) return '/screen.html';
  if (pathname.startsWith('/f/')) return '/index.html';
  if (pathname.startsWith('/p/')) return '/proposal.html';
  if (pathname === '/platform' || pathname.startsWith('/platform/')) return '/platform.html';
  return null;
}

/** Dev-server rewrite of the app routes to their pages (`vite` alone has no such routing). */
function pageRoutes(): Plugin {
  const rewrite: Connect.NextHandleFunction = (req, _res, next) => {
    const [pathname = '/', query] = (req.url ?? '/').split('?');
    const page = pageForPath(pathname);
    if (page) req.url = query === undefined ? page : `${page}?${query}`;
    next();
  };
  return {
    name: 'ideasphere-page-routes',
    configureServer: (server) => void server.middlewares.use(rewrite),
    configurePreviewServer: (server) => void server.middlewares.use(rewrite),
  };
}

/** Packages only the server may load, and why. */
const SERVER_ONLY = [
  // shared's schemas are for the server, and zod would add ~50 KB (gzip) to the phone page on
  // the venue Wi-Fi.
  { name: 'zod', hint: "import values from a single shared module, not from '@ideasphere/shared'" },
  // The word cloud (shared/src/wordCloud.ts) is computed on the server; its stop-word lists
  // (stopword holds 62 languages) have no business on a phone.
  { name: 'stopword', hint: 'the word cloud is computed on the server (results:get)' },
  { name: 'stopwords-zh', hint: 'the word cloud is computed on the server (results:get)' },
] as const;

/** Fails the build if a server-only package reaches the browser. */
function keepServerOnlyOut(): Plugin {
  return {
    name: 'ideasphere-keep-server-only-out',
    apply: 'build',
    load(id) {
      for (const { name, hint } of SERVER_ONLY) {
        if (new RegExp(`[\\\\/]node_modules[\\\\/](\\.pnpm[\\\\/][^\\\\/]+[\\\\/]node_modules[\\\\/])?${name}[\\\\/]`).test(id)) {
          this.error(`${name} must not be bundled into the client (${id}); ${hint}.`);
        }
      }
      return null;
    },
  };
}

/** The join page's first load: what a phone needs to show the name form (not the live board). */
const joinFirstLoad = firstLoadOf(/[\\/]client[\\/]join\.html$/);

/** App code several pages share. */
const COMMON_CODE = /[\\/](client[\\/]src[\\/](lib|ui)|shared[\\/]src)[\\/]/;

const apiTarget = process.env.IDEASPHERE_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), pageRoutes(), keepServerOnlyOut(), joinFirstLoad.plugin, joinServiceWorker(here('./sw/joinShell.ts')), precompress()],
  resolve: {
    alias: [
      // Values are imported from single modules (`@ideasphere/shared/limits.js`); the index is
      // for types only, since it re-exports the zod schemas.
      { find: /^@ideasphere\/shared\/(.+)$/, replacement: `${here('../shared/src')}/$1` },
      { find: /^@ideasphere\/shared$/, replacement: here('../shared/src/index.ts') },
    ],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
      '/socket.io': { target: apiTarget, ws: true },
      '/yjs': { target: apiTarget.replace(/^http/, 'ws'), ws: true },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: apiTarget },
      '/healthz': { target: apiTarget },
      '/socket.io': { target: apiTarget, ws: true },
      '/yjs': { target: apiTarget.replace(/^http/, 'ws'), ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Maps for operators reading a phone's stack trace; no sourceMappingURL, and the server never serves them.
    sourcemap: 'hidden',
    // Two lazy chunks are big by nature and load only where needed: three.js (the big screen's
    // ceremony, ~140 KB gzip) and the editor (TipTap + Yjs, proposal page only, ~170 KB gzip).
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      input: pages,
      output: {
        // Named shared chunks: React and the socket client change rarely and stay cached
        // across deploys; page code and the common app code are small.
        codeSplitting: {
          groups: [
            // `node_modules/react/`, not `@tiptap/react/`: the editor binding stays out of this chunk.
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'realtime', test: /[\\/]node_modules[\\/].*(socket\.io|engine\.io|@socket\.io)/ },
            // The proposal editor's libraries (TipTap, ProseMirror, Yjs) only load on /p/… pages.
            { name: 'editor', test: /[\\/]node_modules[\\/].*(@tiptap|prosemirror|yjs|y-websocket|y-protocols|lib0|linkifyjs|orderedmap|rope-sequence|w3c-keyname|diff)[\\/]/ },
            // What the phone's name form needs of the shared code (i18n, API, storage, icons) and
            // of Vite's helpers, in one chunk: each request costs a round trip on a venue's Wi-Fi.
            {
              name: 'base',
              test: (id) => joinFirstLoad.has(id) && (COMMON_CODE.test(id) || id.startsWith('\0vite/')),
            },
            // The rest split by who uses it: the board's sync engine loads once a guest has
            // joined, the console's helpers never reach a phone.
            { name: 'common', test: COMMON_CODE, entriesAware: true, minShareCount: 2 },
          ],
        },
      },
    },
  },
});
