import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const sharedSrc = fileURLToPath(new URL('./shared/src', import.meta.url));
// Deep imports (`@ideasphere/shared/limits.js`, used by the client to keep zod out of its
// bundle) and the package index both resolve to the TypeScript sources.
const alias = [
  { find: /^@ideasphere\/shared\/(.+)$/, replacement: `${sharedSrc}/$1` },
  { find: /^@ideasphere\/shared$/, replacement: `${sharedSrc}/index.ts` },
];

/**
 * Three projects, run separately by the root scripts: `unit` (pure, fast), `integration`
 * (real servers on port 0, real stores, real socket.io clients) and `e2e` (the built app in
 * Debian Chromium through playwright-core).
 */
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['{shared,server,client}/src/**/*.test.{ts,tsx}', 'client/plugins/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**', '**/dist/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['server/src/**/*.integration.test.ts'],
          // A real server on a busy 2-core machine: poll an outcome for up to 10 s, not the default 1 s.
          expect: { poll: { timeout: 10_000, interval: 50 } },
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['e2e/src/**/*.e2e.test.ts'],
          // Browsers and real processes: poll what the user would see for up to 15 s.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
