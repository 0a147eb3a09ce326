import type { CreatedSession } from '@ideasphere/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newBigScreen, newPhone, screenshot } from './support/browser.js';
import { showBoardOnScreens } from './support/seedIdeas.js';
import { expectOnScreen } from './support/visible.js';

/**
 * On stage: the console's results follow the board without a refresh; vote counts stay hidden
 * on phones and the big screen until voting closes; nobody votes for their own idea; the
 * facilitator takes a word out of the word cloud everywhere.
 */
describe('voting rules and live results', () => {
  let app: AppProcess;
  let browser: Browser;
  let created: CreatedSession;
  let consolePage: Page;
  let screen: Page;
  let ann: Page;
  let bo: Page;

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    created = await app.createSession({ title: 'Greener campus', language: 'en' });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  /** Jumps to a console section and waits until its top is in view (see ceremonyConsole). */
  async function showSection(section: 'results' | 'settings'): Promise<void> {
    await consolePage.getByTestId(`tab-${section}`).click();
    await consolePage.evaluate((id) => document.getElementById(id)?.scrollIntoView({ block: 'start', behavior: 'instant' }), `section-${section}`);
    await expect
      .poll(() =>
        consolePage.evaluate((id) => {
          const box = document.getElementById(id)?.getBoundingClientRect();
          return box !== undefined && box.top < window.innerHeight / 2 && box.bottom > 0;
        }, `section-${section}`),
      )
      .toBe(true);
  }

  async function joinedPhone(name: string): Promise<Page> {
    const page = await (await newPhone(browser)).newPage();
    await page.goto(created.joinUrl);
    await page.getByTestId('join-name').fill(name);
    await page.getByTestId('join-submit').click();
    await page.getByTestId('joined-view').waitFor();
    return page;
  }

  async function submit(page: Page, title: string, detail = ''): Promise<void> {
    await page.getByTestId('idea-title-input').fill(title);
    if (detail !== '') await page.getByTestId('idea-detail-input').fill(detail);
    await page.getByTestId('idea-submit').click();
    await expect.poll(() => page.getByTestId('my-idea').filter({ hasText: title }).getAttribute('data-status')).toBe('visible');
  }

  const ranking = () => consolePage.getByTestId('results-ranking-console');
  const cloudWords = (page: Page, testId: string) =>
    page.getByTestId(testId).locator('[data-word]').evaluateAll((items) => items.map((item) => item.getAttribute('data-word')));

  it('switches on hidden counts and no votes for one’s own ideas', async () => {
    consolePage = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    await consolePage.goto(created.facilitatorUrl);
    await consolePage.getByTestId('phase-collect').waitFor();
    await showSection('settings');
    await consolePage.getByTestId('settings-hide-votes').check();
    await consolePage.getByTestId('settings-forbid-own-votes').check();
    await consolePage.getByTestId('settings-save').click();
    await consolePage.getByTestId('settings-saved').waitFor();
    await showBoardOnScreens(app.url, created);
    screen = await (await newBigScreen(browser)).newPage();
    await screen.goto(created.screenUrl);
    ann = await joinedPhone('Ann');
    bo = await joinedPhone('Bo');
  });

  it('shows new ideas in the console results without a refresh, the word cloud weighted per author', async () => {
    await showSection('results');
    await consolePage.getByTestId('results-live').waitFor();
    await submit(ann, 'Solar panels on the canteen roof', 'Solar solar solar: solar everywhere, solar on every roof, solar in the car park.');
    await expect.poll(() => ranking().innerText()).toContain('Solar panels on the canteen roof');
    await submit(bo, 'Bike sheds by the canteen');
    await submit(bo, 'Solar lamps over the paths');
    await expect.poll(() => ranking().locator('.result-row').count()).toBe(3);
    // Ann wrote "solar" a dozen times, Bo once: two authors, weight 2, like "canteen".
    await expect.poll(() => consolePage.getByTestId('word-cloud').locator('[data-word="solar"]').getAttribute('data-weight')).toBe('2');
    expect(await consolePage.getByTestId('word-cloud').locator('[data-word="canteen"]').getAttribute('data-weight')).toBe('2');
    // Stop words ("the", "over"…) stay out.
    expect(await cloudWords(consolePage, 'word-cloud')).not.toContain('the');
    expect(await cloudWords(consolePage, 'word-cloud')).not.toContain('over');
  });

  it('hides a word from the word cloud with one click, and lists it to show it again', async () => {
    await consolePage.getByRole('button', { name: 'Hide “solar” from the word cloud' }).click();
    await expect.poll(() => consolePage.getByTestId('cloud-notice').innerText()).toContain('“solar” is hidden');
    await expect.poll(() => cloudWords(consolePage, 'word-cloud')).not.toContain('solar');
    await consolePage.getByTestId('hidden-words').locator('[data-word="solar"]').waitFor();
    // Hidden and shown again from the list, then hidden again for the rest of the session.
    await consolePage.getByRole('button', { name: 'Show “solar” in the word cloud again' }).click();
    await expect.poll(() => cloudWords(consolePage, 'word-cloud')).toContain('solar');
    await consolePage.getByRole('button', { name: 'Hide “solar” from the word cloud' }).click();
    await expect.poll(() => cloudWords(consolePage, 'word-cloud')).not.toContain('solar');
  });

  it('votes without counts on phones and the big screen, and not for one’s own idea', async () => {
    await consolePage.getByTestId('phase-vote').click();
    await expect.poll(() => ann.getByTestId('phase-indicator').getAttribute('data-phase')).toBe('vote');
    await expectOnScreen(ann, ann.getByTestId('vote-counts-hidden'));
    const own = ann.getByTestId('board-idea').filter({ hasText: 'Solar panels on the canteen roof' });
    expect(await own.getByTestId('vote-plus').isDisabled()).toBe(true);
    expect(await own.getByTestId('vote-own-note').innerText()).toContain('you cannot vote for it');
    const bikes = ann.getByTestId('board-idea').filter({ hasText: 'Bike sheds by the canteen' });
    await bikes.getByTestId('vote-plus').click();
    await bikes.getByTestId('vote-plus').click();
    await expect.poll(() => ann.getByTestId('votes-left').getAttribute('data-left')).toBe('3');
    const roof = bo.getByTestId('board-idea').filter({ hasText: 'Solar panels on the canteen roof' });
    await expect.poll(() => roof.getByTestId('vote-plus').isEnabled()).toBe(true);
    await roof.getByTestId('vote-plus').click();

    // The console's ranking follows the votes by itself (while the section is on screen: the
    // vote phase showed the board, and the Q&A section now sits between); the big screen shows no counts.
    await showSection('results');
    await expect.poll(() => ranking().locator('.result-row').first().innerText()).toContain('Bike sheds by the canteen');
    await expect.poll(() => ranking().locator('.result-row').first().innerText()).toContain('2 votes');
    await expectOnScreen(consolePage, consolePage.getByTestId('results-counts-hidden'));
    await expectOnScreen(screen, screen.getByTestId('screen-counts-hidden'));
    expect(await screen.getByTestId('screen-vote-bar').count()).toBe(0);
    expect(await screen.getByTestId('screen-board').innerText()).not.toMatch(/\d+ votes?/);

    await ann.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
    await own.scrollIntoViewIfNeeded();
    await screenshot(ann, 'vote-phone-counts-hidden-own-idea', { docs: true });
    await screenshot(screen, 'vote-screen-counts-hidden', { docs: true });
    await consolePage.evaluate(() => document.getElementById('section-results')?.scrollIntoView({ block: 'start', behavior: 'instant' }));
    await screenshot(consolePage, 'results-console-live', { docs: true });
  });

  it('shows the counts everywhere when voting closes, without the hidden word', async () => {
    await consolePage.getByTestId('phase-results').click();
    const top = bo.getByTestId('ranking-idea').first();
    await expect.poll(() => top.innerText()).toMatch(/Bike sheds by the canteen[\s\S]*2 votes/);
    await expectOnScreen(screen, screen.getByTestId('screen-top-ideas'));
    await expect.poll(() => screen.getByTestId('screen-top-ideas').innerText()).toMatch(/Bike sheds by the canteen[\s\S]*2/);
    await expectOnScreen(screen, screen.getByTestId('screen-word-cloud'));
    await expect.poll(() => cloudWords(screen, 'screen-word-cloud')).toContain('canteen');
    expect(await cloudWords(screen, 'screen-word-cloud')).not.toContain('solar');
    await screenshot(screen, 'results-screen-word-cloud', { docs: true });
  });
});
