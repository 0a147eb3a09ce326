import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (scripts/ensure-test-tools.mjs installs it), or CHROMIUM_PATH. Never a Playwright-downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const PHONE = { width: 390, height: 844 } as const;
export const BIG_SCREEN = { width: 1920, height: 1080 } as const;

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const ARTIFACTS_DIR = path.join(repoRoot, 'e2e/artifacts');
export const DOCS_SCREENSHOTS_DIR = path.join(repoRoot, 'docs/screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** A phone-sized context: touch, mobile viewport, its own storage (a separate phone). */
export function newPhone(browser: Browser, locale = 'en-US'): Promise<BrowserContext> {
  return browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale,
  });
}

export function newBigScreen(browser: Browser, locale = 'en-US'): Promise<BrowserContext> {
  return browser.newContext({ viewport: BIG_SCREEN, locale });
}

/** Waits for every finite animation on the page (as source text: see screenBench.ts). */
const SETTLE_ANIMATIONS = `Promise.all(document.getAnimations()
  .filter((a) => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
  .map((a) => a.finished.catch(() => undefined)))`;

/**
 * Saves a screenshot under e2e/artifacts (git-ignored). Shots marked `docs` are also written
 * to docs/screenshots when UPDATE_SCREENSHOTS=1, so ordinary test runs leave the tree clean.
 */
export async function screenshot(page: Page, name: string, options: { docs?: boolean } = {}): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  // Let entrance animations finish (endless ones, like a pulsing dot, are left running), so
  // the picture shows the settled screen a person would look at.
  await page.evaluate(SETTLE_ANIMATIONS);
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  if (options.docs && process.env.UPDATE_SCREENSHOTS === '1') {
    await mkdir(DOCS_SCREENSHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(DOCS_SCREENSHOTS_DIR, `${name}.png`) });
  }
  return file;
}
