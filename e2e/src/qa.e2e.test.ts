import type { CreatedSession } from '@ideasphere/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newBigScreen, newPhone, screenshot } from './support/browser.js';
import { expectOnScreen } from './support/visible.js';

/** The screen link with `?track=` before the fragment that holds its key. */
function withTrack(screenUrl: string, trackId: string): string {
  const [base, fragment] = screenUrl.split('#', 2);
  return `${base}?track=${encodeURIComponent(trackId)}${fragment === undefined ? '' : `#${fragment}`}`;
}

/**
 * Issue 14 (audience Q&A), end to end: a facilitator runs Q&A in two tracks (the main stage and
 * Hall B, tied to its venue) with a highlighted question in each; phones ask, upvote and see
 * their own questions marked; one big screen per track at 1920×1080 shows the highlight.
 */
describe('audience Q&A in two tracks', () => {
  let app: AppProcess;
  let browser: Browser;
  let created: CreatedSession;
  let consolePage: Page;
  let mainScreen: Page;
  let hallScreen: Page;
  const phones: Page[] = [];
  const phone = (i: number) => phones[i] as Page;
  const hallVenueId = () => created.venues[1]?.id ?? '';
  const question = (page: Page, text: string) => page.getByTestId('question').filter({ hasText: text });
  const consoleQuestion = (text: string) => consolePage.getByTestId('console-question').filter({ hasText: text });

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    created = await app.createSession({ title: 'Green steel summit', language: 'en', venues: ['Main hall', 'Hall B'] });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('opens the console, adds a track for Hall B and switches Hall B’s screens to the Q&A', async () => {
    consolePage = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    await consolePage.goto(created.facilitatorUrl);
    await consolePage.getByTestId('tab-qa').click();
    await consolePage.getByTestId('qa-track-name').fill('Hall B: hydrogen talk');
    await consolePage.getByTestId('qa-track-venue').selectOption(hallVenueId());
    await consolePage.getByTestId('qa-track-add').click();
    await expect.poll(() => consolePage.getByTestId('qa-track-pick').count()).toBe(2);
    // The new track is the one moderated now; back to the main stage.
    await expect.poll(() => consolePage.getByTestId('qa-track-pick').nth(1).getAttribute('aria-pressed')).toBe('true');
    await consolePage.getByTestId('qa-track-pick').first().click();
    await consolePage.getByTestId('tab-ceremony').click();
    const hallRow = consolePage.locator(`[data-testid="venue-row"][data-venue-id="${hallVenueId()}"]`);
    await hallRow.getByTestId('venue-switch-qa').click();
    await expect.poll(() => hallRow.getByTestId('venue-switch-qa').getAttribute('aria-pressed')).toBe('true');

    mainScreen = await (await newBigScreen(browser)).newPage();
    await mainScreen.goto(withTrack(created.screenUrl, 'main'));
    hallScreen = await (await newBigScreen(browser)).newPage();
    await hallScreen.goto(created.venueScreens[1]?.screenUrl ?? '');
    await mainScreen.getByTestId('qa-screen').waitFor();
    await hallScreen.getByTestId('qa-screen').waitFor();
    await expect.poll(() => hallScreen.locator('.screen-title').innerText()).toBe('Hall B: hydrogen talk');
  });

  it('phones join (one in Hall B, in Chinese), ask into their tracks, and see their own marked', async () => {
    const joins = [
      { name: 'Ann', url: created.joinUrl, locale: 'en-US' },
      { name: 'Bo', url: created.joinUrl, locale: 'en-US' },
      { name: '陈', url: `${created.joinUrl}?v=${encodeURIComponent(hallVenueId())}`, locale: 'zh-CN' },
    ];
    for (const { name, url, locale } of joins) {
      const page = await (await newPhone(browser, locale)).newPage();
      await page.goto(url);
      await page.getByTestId('join-name').fill(name);
      await page.getByTestId('join-submit').click();
      await page.getByTestId('joined-view').waitFor();
      // The page opens in the session's language; a guest switches to theirs.
      if (locale === 'zh-CN') await page.getByTestId('language-switcher').getByRole('button', { name: '中文' }).click();
      await page.getByTestId('join-tab-qa').click();
      await page.getByTestId('phone-qa').waitFor();
      phones.push(page);
    }
    const ask = async (page: Page, text: string, anonymous = false) => {
      await page.getByTestId('question-input').fill(text);
      if (anonymous) await page.getByTestId('question-anonymous').check();
      await page.getByTestId('question-ask').click();
      await expect.poll(() => question(page, text).getAttribute('data-mine')).toBe('true');
    };
    await ask(phone(0), 'How much CO₂ does hydrogen reduction save per tonne?');
    await ask(phone(1), 'What will green steel cost by 2030?', true);
    await ask(phone(1), 'How much CO2 is saved per tonne with hydrogen?');
    // Chen's phone opens Hall B's track (his venue's) by itself.
    await expect.poll(() => phone(2).getByTestId('qa-track').inputValue()).not.toBe('main');
    await ask(phone(2), '电解槽的效率是多少？');
    await expect.poll(() => question(phone(0), 'What will green steel cost').getAttribute('data-mine')).toBe('false');
    await expect.poll(() => question(phone(0), 'What will green steel cost').locator('.question-author').innerText()).toBe('Anonymous');
    await expect.poll(() => question(phone(0), '电解槽').count()).toBe(0);
  });

  it('counts each upvote once and orders by popularity', async () => {
    const target = 'How much CO₂ does hydrogen reduction save';
    for (const i of [1, 0]) {
      const button = question(phone(i), i === 0 ? 'What will green steel cost' : target).getByTestId('upvote');
      await button.click();
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    }
    await phone(2).getByTestId('qa-track').selectOption('main');
    const chenVote = question(phone(2), target).getByTestId('upvote');
    await chenVote.click();
    await expect.poll(() => chenVote.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => consoleQuestion(target).getByTestId('console-question-upvotes').innerText()).toBe('2');
    await phone(0).getByTestId('qa-order-popular').click();
    await expect.poll(() => phone(0).getByTestId('question').first().innerText()).toContain(target);
    await phone(2).getByTestId('qa-track').selectOption({ index: 1 });
  });

  it('merges a duplicate (upvotes combine) and highlights one question per track on every screen', async () => {
    await consolePage.getByTestId('tab-qa').click();
    const duplicate = consoleQuestion('How much CO2 is saved per tonne');
    await duplicate.getByTestId('question-merge').click();
    const dialog = consolePage.getByTestId('question-merge-dialog');
    await dialog.getByTestId('question-merge-target').selectOption({ label: 'How much CO₂ does hydrogen reduction save per tonne? (2)' });
    await screenshot(consolePage, 'qa-console-merge');
    await dialog.getByRole('button', { name: 'Merge' }).click();
    await expect.poll(() => duplicate.count()).toBe(0);
    const main = consoleQuestion('How much CO₂ does hydrogen reduction save');
    // Bo upvoted the target and asked the duplicate: his upvote counts once.
    await expect.poll(() => main.getByTestId('console-question-upvotes').innerText()).toBe('2');

    await main.getByTestId('question-highlight').click();
    await expect.poll(() => mainScreen.getByTestId('qa-screen-now').innerText()).toContain('hydrogen reduction');
    await consolePage.getByTestId('qa-track-pick').nth(1).click();
    await consoleQuestion('电解槽').getByTestId('question-highlight').click();
    await expect.poll(() => hallScreen.getByTestId('qa-screen-now').innerText()).toContain('电解槽的效率是多少');
    await expect.poll(() => mainScreen.getByTestId('qa-screen-now').innerText()).toContain('hydrogen reduction');
    await expect.poll(() => phone(0).getByTestId('qa-now').innerText()).toContain('hydrogen reduction');
    await expect.poll(() => phone(2).getByTestId('qa-now').innerText()).toContain('电解槽');
    await expect.poll(() => mainScreen.getByTestId('qa-screen-question').count()).toBe(1);

    for (const page of [mainScreen, hallScreen]) await expectOnScreen(page, page.getByTestId('qa-screen-now'));
    await screenshot(mainScreen, 'qa-screen-main', { docs: true });
    await screenshot(hallScreen, 'qa-screen-hall-b', { docs: true });
    await screenshot(phone(0), 'qa-phone-en', { docs: true });
    await screenshot(phone(2), 'qa-phone-zh', { docs: true });
    await consolePage.getByTestId('qa-track-pick').first().click();
    await screenshot(consolePage, 'qa-console', { docs: true });
  });

  it('holds questions for approval, marks answered, and the keyboard reaches the upvote', async () => {
    // A switch follows the server's answer, so it is clicked, then seen on.
    await consolePage.getByTestId('qa-setting-preModeration').click();
    await expect.poll(() => consolePage.getByTestId('qa-setting-preModeration').isChecked()).toBe(true);
    await phone(1).getByTestId('question-input').fill('Will the slides be shared?');
    await phone(1).getByTestId('question-ask').click();
    await expect.poll(() => question(phone(1), 'Will the slides').innerText()).toContain('Waiting for approval');
    await expect.poll(() => question(phone(0), 'Will the slides').count()).toBe(0);
    await consolePage.getByTestId('qa-queue').getByTestId('question-approve').click();
    await expect.poll(() => question(phone(0), 'Will the slides').count()).toBe(1);

    await consoleQuestion('What will green steel cost').getByTestId('question-answered').click();
    await expect.poll(() => question(phone(0), 'What will green steel cost').getAttribute('data-answered')).toBe('true');

    const upvote = question(phone(0), 'Will the slides').getByTestId('upvote');
    await upvote.focus();
    await phone(0).keyboard.press('Enter');
    await expect.poll(() => upvote.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => consoleQuestion('Will the slides').getByTestId('console-question-upvotes').innerText()).toBe('1');
  });

  it('hands the Q&A to a moderator by link, who approves a question and can do nothing else', async () => {
    await consolePage.getByTestId('qa-moderator-rotate').click();
    const link = await consolePage.getByTestId('qa-moderator-url').inputValue();
    expect(link).toContain(`/m/${created.code}#token=`);
    const moderator = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })).newPage();
    await moderator.goto(link);
    await moderator.getByTestId('moderator-page').waitFor();
    // The secret leaves the address bar, as the console's does.
    await expect.poll(() => moderator.evaluate(() => window.location.hash)).toBe('');
    expect(await moderator.getByTestId('qa-moderator').count()).toBe(0);
    await phone(0).getByTestId('question-input').fill('Question for the moderator');
    await phone(0).getByTestId('question-ask').click();
    await moderator.getByTestId('qa-queue').getByTestId('question-approve').click();
    await expect.poll(() => question(phone(1), 'Question for the moderator').count()).toBe(1);
    await screenshot(moderator, 'qa-moderator');
  });

  it('lists the Q&A per track in the results, as printed', async () => {
    await consolePage.getByTestId('tab-results').click();
    // Everything shown to everyone: four on the main stage (the duplicate merged away), one in Hall B.
    await expect.poll(() => consolePage.getByTestId('qa-result').count()).toBe(5);
    await consolePage.emulateMedia({ media: 'print' });
    await consolePage.getByTestId('qa-results').scrollIntoViewIfNeeded();
    await screenshot(consolePage, 'qa-results-print');
    await consolePage.emulateMedia({ media: 'screen' });
  });
});
