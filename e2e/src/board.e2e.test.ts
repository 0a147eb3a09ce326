import type { CreatedSession } from '@ideasphere/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newBigScreen, newPhone, screenshot } from './support/browser.js';
import { showBoardOnScreens } from './support/seedIdeas.js';
import { expectOnScreen } from './support/visible.js';

/**
 * Issue 3, end to end: a facilitator and three phones run collect → vote → results while the
 * big screen follows; one phone submits while offline and its idea arrives when it is back.
 */
describe('live idea board: collect, vote, results', () => {
  let app: AppProcess;
  let browser: Browser;
  let created: CreatedSession;
  let consolePage: Page;
  let screen: Page;
  const phones: { context: BrowserContext; page: Page }[] = [];
  const ideas = ['Hydrogen-based direct reduction', 'Recover waste heat from slag', 'Predictive maintenance with sensors'];

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    created = await app.createSession({ title: 'Cost reduction ideas', language: 'en' });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  const phonePage = (i: number) => phones[i]?.page as Page;

  it('opens the console and the big screen, and three phones join', async () => {
    consolePage = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    await consolePage.goto(created.facilitatorUrl);
    await consolePage.getByTestId('phase-collect').waitFor();
    await showBoardOnScreens(app.url, created);
    screen = await (await newBigScreen(browser)).newPage();
    await screen.goto(created.screenUrl);
    for (const name of ['Ann', 'Bo', 'Chen']) {
      const context = await newPhone(browser);
      const page = await context.newPage();
      await page.goto(created.joinUrl);
      await page.getByTestId('join-name').fill(name);
      await page.getByTestId('join-submit').click();
      await page.getByTestId('joined-view').waitFor();
      phones.push({ context, page });
    }
    await expect.poll(() => screen.getByTestId('screen-participant-count').innerText()).toContain('3');
  });

  it('streams ideas from phones to every board', async () => {
    for (const [i, title] of ideas.entries()) {
      const page = phonePage(i);
      await expect.poll(() => page.getByTestId('phase-indicator').getAttribute('data-phase')).toBe('collect');
      await page.getByTestId('idea-title-input').fill(title);
      await page.getByTestId('idea-submit').click();
      await expect.poll(() => page.getByTestId('my-idea').first().getAttribute('data-status')).toBe('visible');
    }
    await expect.poll(() => consolePage.getByTestId('console-idea').count()).toBe(3);
    await expect.poll(() => screen.getByTestId('screen-idea').count()).toBe(3);
    for (let i = 0; i < 3; i++) await expect.poll(() => phonePage(i).getByTestId('board-idea').count()).toBe(3);
    await expectOnScreen(screen, screen.getByTestId('screen-board'));
    await expectOnScreen(phonePage(0), phonePage(0).getByTestId('idea-title-input'));
    await screenshot(phonePage(0), 'board-phone-collect', { docs: true });
    await screenshot(screen, 'board-screen-collect', { docs: true });
  });

  it('queues an idea typed offline and delivers it once back online', async () => {
    const phone = phones[1] as { context: BrowserContext; page: Page };
    await phone.context.setOffline(true);
    await expect.poll(() => phone.page.getByTestId('connection-state').getAttribute('data-state'), { timeout: 30_000 }).not.toBe('connected');
    await phone.page.getByTestId('idea-title-input').fill('Idea written in the basement');
    await phone.page.getByTestId('idea-submit').click();
    const queued = phone.page.getByTestId('my-idea').filter({ hasText: 'Idea written in the basement' });
    await expect.poll(() => queued.getAttribute('data-status')).toMatch(/queued|sending/);
    await phone.context.setOffline(false);
    await expect.poll(() => queued.getAttribute('data-status'), { timeout: 30_000 }).toBe('visible');
    await expect.poll(() => screen.getByTestId('screen-idea').count()).toBe(4);
  });

  it('hides an idea on every screen when the facilitator moderates it', async () => {
    const card = consolePage.getByTestId('console-idea').filter({ hasText: 'Idea written in the basement' });
    await card.getByTestId('idea-hide').click();
    await expect.poll(() => screen.getByTestId('screen-idea').count()).toBe(3);
    await expect.poll(() => phonePage(0).getByTestId('board-idea').count()).toBe(3);
    await screenshot(consolePage, 'board-console', { docs: true });
  });

  it('runs the vote phase with budgets on phones and vote bars on the big screen', async () => {
    await consolePage.getByTestId('phase-vote').click();
    for (let i = 0; i < 3; i++) {
      const page = phonePage(i);
      await expect.poll(() => page.getByTestId('phase-indicator').getAttribute('data-phase')).toBe('vote');
      const target = page.getByTestId('board-idea').filter({ hasText: ideas[0] as string });
      await target.getByTestId('vote-plus').click();
      await target.getByTestId('vote-plus').click();
      await expect.poll(() => page.getByTestId('votes-left').innerText()).toMatch(/3/);
    }
    await expectOnScreen(phonePage(0), phonePage(0).getByTestId('votes-left'));
    await expect.poll(() => screen.getByTestId('screen-vote-bar').count()).toBeGreaterThan(0);
    await expectOnScreen(screen, screen.getByTestId('screen-vote-bar'));
    await screenshot(phonePage(0), 'board-phone-vote', { docs: true });
    await screenshot(screen, 'board-screen-vote', { docs: true });
  });

  it('shows the results: ranking on phones, word cloud and top ideas on the big screen', async () => {
    // Phones count a vote before the server has it: all six are stored before voting closes.
    const exported = async () =>
      (await fetch(`${app.url}/api/sessions/${created.code}/export.csv`, { headers: { authorization: `Bearer ${created.facilitatorToken}` } })).text();
    await expect.poll(exported).toContain(',6,');
    await consolePage.getByTestId('phase-results').click();
    await expectOnScreen(consolePage, consolePage.getByTestId('results-view'));
    await expect.poll(() => consolePage.getByTestId('results-view').innerText()).toContain(ideas[0] as string);
    for (let i = 0; i < 3; i++) await expectOnScreen(phonePage(i), phonePage(i).getByTestId('results-ranking'));
    expect(await phonePage(0).getByTestId('results-ranking').innerText()).toContain(ideas[0] as string);
    await expectOnScreen(screen, screen.getByTestId('screen-top-ideas'));
    await expectOnScreen(screen, screen.getByTestId('screen-word-cloud'));
    expect(await screen.getByTestId('screen-top-ideas').innerText()).toContain(ideas[0] as string);
    await screenshot(phonePage(0), 'board-phone-results', { docs: true });
    await screenshot(screen, 'board-screen-results', { docs: true });
    await screenshot(consolePage, 'board-console-results', { docs: true });

    const text = await exported();
    expect(text.split('\r\n')[1]).toContain(ideas[0] as string);
    expect(text).toContain(',6,');
  });
});
