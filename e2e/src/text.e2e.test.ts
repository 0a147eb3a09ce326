import { type CreatedSession, IDEA_TITLE_MAX_CHARS } from '@ideasphere/shared';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newBigScreen, newPhone, screenshot } from './support/browser.js';
import { showBoardOnScreens } from './support/seedIdeas.js';

const ARABIC_NAME = 'محمد علي';
const ARABIC_TITLE = 'تحسين كفاءة الطاقة في المصنع';
/** One character to a person, five UTF-16 units: a phone counting units cut such a title at 28. */
const CODER = '👩‍💻';
/** Far more stacked marks than the server keeps (it cuts runs at 8): only the clip holds these. */
const HEAVY_ZALGO = Array.from('Zalgo on stage', (c) => `${c}${'\u0336\u0321\u031b\u0358\u0334\u0322\u0327\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308'.repeat(3)}`).join('');

/**
 * The "Text" part of "On stage": what people type is counted in characters on the phone as on
 * the server, refused rather than cut, runs in its own direction, and stacked marks never paint
 * outside their card.
 */
describe('user text on phone and big screen', () => {
  let app: AppProcess;
  let browser: Browser;
  let created: CreatedSession;
  let phone: Page;
  let screen: Page;

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    created = await app.createSession({ title: 'ورشة الأفكار · Ideas 💡', language: 'en' });
    await showBoardOnScreens(app.url, created);
    phone = await (await newPhone(browser)).newPage();
    screen = await (await newBigScreen(browser)).newPage();
    await screen.goto(created.screenUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  const direction = (locator: Locator) => locator.evaluate((el) => getComputedStyle(el).direction);

  it('refuses a name of invisible characters on the phone, before sending it', async () => {
    await phone.goto(created.joinUrl);
    await phone.getByTestId('join-name').fill('\u200b\u3164\u2800');
    const error = phone.getByTestId('text-field-error');
    await expect.poll(() => error.getAttribute('data-problem')).toBe('blank');
    await phone.getByTestId('join-submit').click();
    expect(await phone.getByTestId('join-name').getAttribute('aria-invalid')).toBe('true');
    expect(await phone.getByTestId('joined-view').count()).toBe(0);
  });

  it('joins with an Arabic name, shown right to left', async () => {
    await phone.getByTestId('join-name').fill(ARABIC_NAME);
    expect(await phone.getByTestId('text-field-error').count()).toBe(0);
    await phone.getByTestId('join-submit').click();
    await phone.getByTestId('joined-view').waitFor();
    expect(await phone.getByTestId('joined-name').innerText()).toBe(ARABIC_NAME);
    expect(await direction(phone.getByTestId('joined-name'))).toBe('rtl');
  });

  it('says a pasted title is too long, keeps all of it, and does not send it', async () => {
    const input = phone.getByTestId('idea-title-input');
    const pasted = 'x'.repeat(IDEA_TITLE_MAX_CHARS + 10);
    await input.fill(pasted);
    await expect.poll(() => phone.getByTestId('text-field-error').getAttribute('data-problem')).toBe('too_long');
    expect(await phone.getByTestId('text-field-error').innerText()).toContain(`${IDEA_TITLE_MAX_CHARS + 10} of ${IDEA_TITLE_MAX_CHARS}`);
    expect(await phone.getByTestId('char-counter').innerText()).toBe(`${IDEA_TITLE_MAX_CHARS + 10}/${IDEA_TITLE_MAX_CHARS}`);
    expect(await input.inputValue()).toBe(pasted);
    await screenshot(phone, 'text-phone-too-long', { docs: true });
    await phone.getByTestId('idea-submit').click();
    expect(await phone.getByTestId('my-idea').count()).toBe(0);
    expect(await input.inputValue()).toBe(pasted);
  });

  it('counts a title of emoji sequences in characters: 140 of them go, whole', async () => {
    const input = phone.getByTestId('idea-title-input');
    const title = CODER.repeat(IDEA_TITLE_MAX_CHARS);
    await input.fill(title);
    await expect.poll(() => phone.getByTestId('char-counter').innerText()).toBe(`${IDEA_TITLE_MAX_CHARS}/${IDEA_TITLE_MAX_CHARS}`);
    expect(await phone.getByTestId('text-field-error').count()).toBe(0);
    await phone.getByTestId('idea-submit').click();
    const card = screen.getByTestId('screen-idea');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.first().getAttribute('data-idea-id')).not.toBeNull();
    const ideaId = (await card.first().getAttribute('data-idea-id')) as string;
    const stored = await phone.locator(`[data-testid="board-idea"][data-idea-id="${ideaId}"] .idea-card-title`).innerText();
    expect(stored).toBe(title);
  });

  it('lays Arabic titles out right to left on the phone and the big screen', async () => {
    await phone.getByTestId('idea-title-input').fill(ARABIC_TITLE);
    await phone.getByTestId('idea-submit').click();
    const onScreen = screen.locator('.screen-idea-title', { hasText: ARABIC_TITLE });
    await onScreen.waitFor();
    expect(await direction(onScreen)).toBe('rtl');
    expect(await direction(phone.locator('.idea-card-title', { hasText: ARABIC_TITLE }))).toBe('rtl');
    // The session title starts in Arabic too; a title of emoji alone, with no letter, stays left to right.
    expect(await direction(screen.locator('.screen-title'))).toBe('rtl');
    expect(await direction(screen.locator('.screen-idea-title', { hasText: CODER }))).toBe('ltr');
    await screenshot(screen, 'text-screen-board', { docs: true });
  });

  it('keeps stacked combining marks inside the title, off the tags and lines around it', async () => {
    for (const [page, cardSelector, titleSelector] of [
      [phone, '[data-testid="board-idea"]', '.idea-card-title'],
      [screen, '[data-testid="screen-idea"]', '.screen-idea-title'],
    ] as const) {
      const found = page.locator(cardSelector, { has: page.locator(titleSelector, { hasText: ARABIC_TITLE }) });
      // By id: the locator must still find the card once its title has changed.
      const card = page.locator(`${cardSelector}[data-idea-id="${await found.getAttribute('data-idea-id')}"]`);
      await card.scrollIntoViewIfNeeded();
      const title = card.locator(titleSelector);
      const box = await title.boundingBox();
      if (!box) throw new Error('no title box');
      // Accents of real scripts may reach a fifth of a letter past the title's box; beyond that
      // (the "Yours" tag above, the detail and names below) nothing of the title may paint.
      const reach = Math.ceil((await title.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))) * 0.25) + 1;
      const bands = async () =>
        Promise.all(
          [box.y - reach - 10, box.y + box.height + reach].map((y) =>
            page.screenshot({ clip: { x: box.x, y, width: box.width, height: 10 }, animations: 'disabled' }),
          ),
        );
      const plain = await bands();
      await title.evaluate((el, text) => (el.textContent = text), HEAVY_ZALGO);
      expect(await title.evaluate((el) => el.textContent?.length)).toBe(HEAVY_ZALGO.length);
      const zalgo = await bands();
      expect(zalgo.map((band, i) => band.equals(plain[i] as Buffer))).toEqual([true, true]);
    }
    await screenshot(phone, 'text-phone-zalgo', { docs: true });
  });
});
