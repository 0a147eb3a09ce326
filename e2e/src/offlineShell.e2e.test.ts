import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { CreatedSession } from '@ideasphere/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newPhone, screenshot } from './support/browser.js';
import { expectOnScreen } from './support/visible.js';

const builtClient = fileURLToPath(new URL('../../client/dist/', import.meta.url));

/** What the page's caches hold: cache name → the paths kept in it. */
const CACHED = `(async () => {
  const out = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    out[name] = (await cache.keys()).map((request) => new URL(request.url).pathname);
  }
  return out;
})()`;

/**
 * Issue "On stage", a hall full of phones: a phone that opened the join page once and reloads
 * while the venue's Wi-Fi is down still opens its page, says it is offline, and carries on
 * when the network is back; a new build reaches it at its next load and the old cache goes.
 */
describe('join page offline shell', () => {
  let app: AppProcess;
  let browser: Browser;
  let created: CreatedSession;
  let clientDist: string;
  let phone: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // A copy of the build, so the last test can deploy a "new build" over it.
    clientDist = await mkdtemp(path.join(tmpdir(), 'ideasphere-client-'));
    await cp(builtClient, clientDist, { recursive: true });
    app = await AppProcess.start({ CLIENT_DIST: clientDist });
    browser = await launchChromium();
    created = await app.createSession({ title: 'Green steel: open innovation', language: 'en' });
    phone = await newPhone(browser);
    page = await phone.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
    await rm(clientDist, { recursive: true, force: true });
  });

  /** How many loads of the join page reached the server (its access log). */
  function pageLoadsServed(): number {
    return app.output.join('').split(`/j/${created.code}`).length - 1;
  }

  async function cached(): Promise<Record<string, string[]>> {
    return (await page.evaluate(CACHED)) as Record<string, string[]>;
  }

  it('keeps the join page and its files, and nothing live, once the page has been opened', async () => {
    await page.goto(created.joinUrl);
    await page.getByTestId('join-name').waitFor();
    await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);
    const caches = await cached();
    const names = Object.keys(caches);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^ideasphere-join-[0-9a-f]{12}$/);
    const paths = caches[names[0] as string] ?? [];
    expect(paths).toContain('/join.html');
    // The page's own scripts are kept, and so is what loads after joining (the board).
    for (const script of await page.locator('script[type=module]').evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).src))) {
      expect(paths).toContain(new URL(script).pathname);
    }
    expect(paths.some((p) => /^\/assets\/JoinedView-.+\.js$/.test(p))).toBe(true);
    expect(paths.filter((p) => p !== '/join.html' && !p.startsWith('/assets/'))).toEqual([]);
  });

  it('opens offline after a reload, says so, and carries on when the network is back', async () => {
    const served = pageLoadsServed();
    expect(served).toBeGreaterThan(0);
    await phone.setOffline(true);
    await page.reload();
    const offline = page.getByTestId('join-offline');
    await expectOnScreen(page, offline);
    expect(await offline.innerText()).toContain('You’re offline');
    // The page came from the phone itself, not from the server.
    expect(pageLoadsServed()).toBe(served);
    await screenshot(page, 'phone-offline');

    await phone.setOffline(false);
    // No tap needed: the page notices the network and loads the session by itself.
    await page.getByTestId('join-name').fill('Ann');
    await page.getByTestId('join-submit').click();
    await page.getByTestId('joined-view').waitFor();
    await expect.poll(() => page.getByTestId('connection-state').getAttribute('data-state')).toBe('connected');
    const paths = Object.values(await cached()).flat();
    expect(paths.filter((p) => p.startsWith('/api/') || p.startsWith('/socket.io'))).toEqual([]);
  });

  it('brings a joined phone back to its board after an offline reload', async () => {
    await phone.setOffline(true);
    await page.reload();
    await page.getByTestId('join-offline').waitFor();
    await phone.setOffline(false);
    await page.getByTestId('joined-view').waitFor();
    expect(await page.getByTestId('joined-name').innerText()).toBe('Ann');
    await expect.poll(() => page.getByTestId('connection-state').getAttribute('data-state')).toBe('connected');
  });

  it('loads a new build at the next reload and drops the old build’s cache', async () => {
    const [oldCache] = Object.keys(await cached());
    // A new build: the page is marked, and the worker carries a new version.
    const marked = (await readFile(path.join(clientDist, 'join.html'), 'utf8')).replace('<head>', '<head><meta name="ideasphere-build" content="next">');
    const worker = (await readFile(path.join(clientDist, 'sw.js'), 'utf8')).replace(/"version":"([0-9a-f]+)"/, '"version":"$1next"');
    for (const [file, text] of [['join.html', marked], ['sw.js', worker]] as const) {
      await writeFile(path.join(clientDist, file), text);
      await writeFile(path.join(clientDist, `${file}.br`), brotliCompressSync(text));
      await writeFile(path.join(clientDist, `${file}.gz`), gzipSync(text));
    }
    await app.restart();

    await page.reload();
    await page.getByTestId('joined-view').waitFor();
    expect(await page.locator('meta[name=ideasphere-build]').count()).toBe(1);
    await expect.poll(async () => Object.keys(await cached())).toEqual([`${oldCache}next`]);

    // Offline, the kept page is now the new build's.
    await phone.setOffline(true);
    await page.reload();
    await page.getByTestId('join-offline').waitFor();
    expect(await page.locator('meta[name=ideasphere-build]').count()).toBe(1);
    await phone.setOffline(false);
    await page.getByTestId('joined-view').waitFor();
  });
});
