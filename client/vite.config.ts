import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Connect, type Plugin } from 'vite';

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

/**
 * Fails the build if zod reaches the browser: shared's schemas are for the server, and zod
 * would add ~50 KB (gzip) to the phone page on the venue Wi-Fi.
 */
function keepZodOut(): Plugin {
  return {
    name: 'ideasphere-keep-zod-out',
    apply: 'build',
    load(id) {
      if (/[\\/]node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?zod[\\/]/.test(id)) {
        this.error(`zod must not be bundled into the client (${id}); import values from a single shared module, not from '@ideasphere/shared'.`);
      }
      return null;
    },
  };
}

const apiTarget = process.env.IDEASPHERE_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), pageRoutes(), keepZodOut()],
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
            { name: 'common', test: /[\\/](client[\\/]src[\\/](lib|ui)|shared[\\/]src)[\\/]/ },
          ],
        },
      },
    },
  },
});
