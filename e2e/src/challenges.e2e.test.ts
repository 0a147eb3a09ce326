import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newBigScreen, newPhone, screenshot } from './support/browser.js';
import { decodeQr } from './support/zbar.js';
import { ApiAccount } from './support/apiAccount.js';

const ADMIN = { email: 'ada@ideasphere.test', password: 'platform admin passphrase' };
const POSTER = { email: 'li.na@baosteel.test', password: 'poster passphrase 宝钢' };
const TITLE = 'Lighter steel for car doors 更轻的车门钢材';

/**
 * Challenges as people use them: an organisation's member posts a challenge with criteria and
 * fields and publishes it; an anonymous visitor on a phone finds it in the catalogue by its
 * field and reads it; a conference screen shows it with a QR code that scans to its page.
 */
describe('challenges: post, publish, find, present', () => {
  let app: AppProcess;
  let browser: Browser;
  let challengeUrl = '';

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    const setupUrl = /(http:\/\/\S+\/platform\/setup#token=([A-Za-z0-9_-]{43}))/.exec(app.output.join(''));
    const admin = new ApiAccount(app.url);
    await admin.call('POST', '/api/account/setup', { token: setupUrl?.[2], email: ADMIN.email, name: 'Ada Admin', password: ADMIN.password });
    const org = await admin.call<{ id: string }>('POST', '/api/orgs', { name: 'Baosteel 宝钢', kind: 'company' });
    const invite = await admin.call<{ link: { url: string } }>('POST', '/api/invites', { email: POSTER.email, organisationId: org.id });
    const poster = new ApiAccount(app.url);
    await poster.call('POST', '/api/account/invites/accept', { token: new URL(invite.link.url).hash.replace('#token=', ''), name: '李娜', password: POSTER.password });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('lets an organisation member post a challenge with fields and criteria, then publish it', async () => {
    const page: Page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    await page.goto(`${app.url}/platform/challenges/new`);
    await page.getByTestId('sign-in-email').fill(POSTER.email);
    await page.getByTestId('sign-in-password').fill(POSTER.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('challenge-form-page').waitFor();
    await page.getByTestId('challenge-title-input').fill(TITLE);
    await page.getByTestId('challenge-problem').fill('## Goal\nDoors **20 % lighter** that keep their crash strength.\n\n- cold-formable\n- weldable on our lines\n\n<script>alert(1)</script>');
    await page.getByTestId('challenge-desiredOutcomes').fill('A tested prototype alloy and its process window.');
    await page.getByTestId('challenge-reward').fill('¥500,000 for the chosen solution');
    await page.locator('[data-testid="challenge-field-option"][data-name="New materials"]').check();
    await page.locator('[data-testid="challenge-field-option"][data-name="Smart manufacturing"]').check();
    await page.getByTestId('challenge-deadline-input').fill('2030-06-30T18:00');
    await page.getByTestId('challenge-zone').selectOption('Asia/Shanghai');
    await page.getByTestId('criterion-name').first().fill('Feasibility 可行性');
    await page.getByTestId('criterion-weight').first().fill('60');
    await page.getByTestId('criterion-add').click();
    await page.getByTestId('criterion-name').nth(1).fill('Cost');
    await page.getByTestId('criterion-weight').nth(1).fill('30');
    // Weights that do not add up to 100 are caught before anything is sent.
    await page.getByTestId('challenge-submit').click();
    await expect.poll(() => page.getByTestId('challenge-form-error').textContent()).toContain('exactly 100');
    await page.getByTestId('criterion-weight').nth(1).fill('40');
    await screenshot(page, 'challenge-form-desktop');
    await page.getByTestId('challenge-submit').click();
    await page.getByTestId('challenge-page').waitFor();
    expect(await page.getByTestId('challenge-status').textContent()).toBe('Draft');
    await page.getByTestId('challenge-move-open').click();
    await expect.poll(() => page.getByTestId('challenge-status').textContent()).toBe('Open');
    expect(await page.getByTestId('challenge-deadline').textContent()).toContain('(Asia/Shanghai)');
    expect(await page.getByTestId('challenge-deadline').textContent()).toContain('30 Jun 2030, 18:00');
    // The script tag is shown as text, never run.
    expect(await page.locator('.markdown script').count()).toBe(0);
    expect(await page.getByTestId('challenge-page').textContent()).toContain('<script>alert(1)</script>');
    challengeUrl = page.url();
    await screenshot(page, 'challenge-page-owner-desktop');
    await page.context().close();
  });

  it('lets an anonymous visitor on a phone find it in the catalogue by its field and read it', async () => {
    const phone = await (await newPhone(browser)).newPage();
    await phone.goto(`${app.url}/platform/challenges`);
    await phone.getByTestId('catalogue-page').waitFor();
    await expect.poll(() => phone.getByTestId('catalogue-item').count()).toBe(1);
    await phone.getByTestId('catalogue-field').selectOption({ label: 'Biomedicine' });
    await phone.getByTestId('catalogue-empty').waitFor();
    await phone.getByTestId('catalogue-field').selectOption({ label: 'New materials' });
    await expect.poll(() => phone.getByTestId('catalogue-item').textContent()).toContain(TITLE);
    await screenshot(phone, 'challenge-catalogue-phone');
    await phone.getByRole('link', { name: TITLE }).click();
    await phone.getByTestId('challenge-page').waitFor();
    expect(await phone.getByTestId('challenge-manage').count()).toBe(0);
    expect(await phone.getByTestId('challenge-criteria').textContent()).toContain('Feasibility 可行性');
    await screenshot(phone, 'challenge-page-phone');
    await phone.context().close();
  });

  it('presents it on a 1920×1080 screen with a QR code that scans to its page', async () => {
    const screen = await (await newBigScreen(browser)).newPage();
    await screen.goto(`${challengeUrl}?screen=1`);
    await screen.getByTestId('challenge-page').waitFor();
    await screen.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="challenge-qr"]');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    await screenshot(screen, 'challenge-screen-1920');
    const qr = await screen.getByTestId('challenge-qr').screenshot();
    expect(await decodeQr(qr)).toBe(challengeUrl);
    await screen.context().close();
  });
});
