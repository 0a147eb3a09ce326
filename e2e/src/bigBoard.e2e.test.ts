import type { CreatedSession } from '@ideasphere/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newBigScreen, newPhone, screenshot } from './support/browser.js';
import { seedIdeas, showBoardOnScreens } from './support/seedIdeas.js';
import { expectOnScreen } from './support/visible.js';

const IDEAS = 2_000;

/**
 * With 2,000 ideas on the board the big screen renders a bounded number of cards (the frame
 * rate itself is measured by `pnpm bench`), and a phone still loads the whole board by pages.
 */
describe('a board of 2,000 ideas', () => {
  let app: AppProcess;
  let browser: Browser;
  let created: CreatedSession;

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    created = await app.createSession({ title: 'Two thousand ideas', language: 'en' });
    await seedIdeas(app.url, created, IDEAS);
    await showBoardOnScreens(app.url, created);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('keeps the big screen to a readable, bounded set of cards', async () => {
    const screen = await (await newBigScreen(browser)).newPage();
    await screen.goto(created.screenUrl);
    await expectOnScreen(screen, screen.getByTestId('screen-board'));
    await expect.poll(() => screen.locator('body').innerText(), { timeout: 30_000 }).toMatch(/2,?000 ideas/);
    const cards = await screen.getByTestId('screen-idea').count();
    expect(cards).toBeGreaterThan(0);
    expect(cards).toBeLessThanOrEqual(60);
    await screenshot(screen, 'board-screen-2000', { docs: true });
  });

  it('gives a late-joining phone the whole board', async () => {
    const page = await (await newPhone(browser)).newPage();
    await page.goto(created.joinUrl);
    await page.getByTestId('join-name').fill('Late guest');
    await page.getByTestId('join-submit').click();
    await page.getByTestId('joined-view').waitFor();
    // Every page arrived (the heading counts them), while the phone renders only a first batch.
    await expect.poll(() => page.locator('body').innerText(), { timeout: 30_000 }).toMatch(/2,?000/);
    const rendered = await page.getByTestId('board-idea').count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(IDEAS);
  });
});
