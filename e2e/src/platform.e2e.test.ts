import { LOGIN_FAILURES_BEFORE_LOCKOUT } from '@ideasphere/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newPhone, screenshot } from './support/browser.js';
import { signInAt } from './support/signIn.js';

const DESKTOP = { width: 1440, height: 900 } as const;
const ADMIN = { email: 'ada@ideasphere.test', password: 'platform admin passphrase' };
const MEMBER = { email: 'wang.fang@tongji.edu.cn', password: 'member passphrase 同济' };
const ORG = 'Tongji University 同济大学';

/**
 * Accounts and organisations as people use them: the first admin from the setup link the
 * server printed, an organisation, a member invited by link who sets a password and signs in,
 * sees only what a member may, and signs out everywhere; a locked-out sign-in says until when.
 */
describe('platform: accounts and organisations', () => {
  let app: AppProcess;
  let browser: Browser;
  let admin: Page;
  let inviteUrl: string;

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  const desktop = (): Promise<BrowserContext> => browser.newContext({ viewport: DESKTOP, locale: 'en-US' });

  async function fillPassword(page: Page, password: string): Promise<void> {
    await page.getByTestId('link-password').fill(password);
    await page.getByTestId('link-confirm').fill(password);
  }

  it('creates the first platform admin from the setup link the server printed', async () => {
    const printed = /(http:\/\/\S+\/platform\/setup#token=[A-Za-z0-9_-]{43})/.exec(app.output.join(''));
    expect(printed?.[1]).toBeDefined();
    admin = await (await desktop()).newPage();
    await admin.goto(printed?.[1] ?? '');
    await admin.getByTestId('link-form-setup').waitFor();
    // The token left the address bar as soon as the page read it.
    expect(new URL(admin.url()).hash).toBe('');
    await admin.getByTestId('link-name').fill('Ada Admin');
    await admin.getByTestId('link-email').fill(ADMIN.email);
    await fillPassword(admin, 'too short');
    await admin.getByTestId('link-submit').click();
    await expect.poll(() => admin.getByTestId('link-error').textContent()).toContain('at least 12');
    await fillPassword(admin, ADMIN.password);
    await screenshot(admin, 'platform-setup-desktop');
    await admin.getByTestId('link-submit').click();
    await admin.getByTestId('platform-home').waitFor();
    expect(await admin.getByTestId('nav-admin').isVisible()).toBe(true);

    // The link worked once.
    const again = await (await desktop()).newPage();
    await again.goto(printed?.[1] ?? '');
    await again.getByTestId('link-invalid').waitFor();
    await again.context().close();
  });

  it('creates an organisation and invites a member by link', async () => {
    await admin.getByTestId('nav-orgs').click();
    await admin.getByTestId('orgs-empty').waitFor();
    await admin.getByTestId('org-name').fill(ORG);
    await admin.getByTestId('org-kind').selectOption('university');
    await admin.getByTestId('org-submit').click();
    await admin.getByTestId('org-created').waitFor();
    await admin.getByRole('link', { name: ORG }).click();
    await admin.getByTestId('org-page').waitFor();
    expect(await admin.getByTestId('org-title').textContent()).toBe(ORG);

    await admin.getByTestId('invite-email').fill(MEMBER.email);
    await admin.getByTestId('invite-submit').click();
    inviteUrl = await admin.getByTestId('invite-link-url').inputValue();
    expect(inviteUrl).toMatch(/\/platform\/invite#token=[A-Za-z0-9_-]{43}$/);
    await expect.poll(() => admin.getByTestId('open-invites').textContent()).toContain(MEMBER.email);
    await admin.getByTestId('invite-link').scrollIntoViewIfNeeded();
    await screenshot(admin, 'platform-org-admin-desktop', { docs: true });
  });

  it('lets the member set a password, sign in, and see only what a member may', async () => {
    const phone = await (await newPhone(browser)).newPage();
    await phone.goto(inviteUrl);
    await phone.getByTestId('link-form-invite').waitFor();
    expect(await phone.getByTestId('link-form-invite').textContent()).toContain(MEMBER.email);
    await phone.getByTestId('link-name').fill('王芳');
    await fillPassword(phone, MEMBER.password);
    await screenshot(phone, 'platform-invite-phone');
    await phone.getByTestId('link-submit').click();
    await phone.getByTestId('platform-home').waitFor();
    await expect.poll(() => phone.getByTestId('home-orgs').textContent()).toContain(ORG);
    expect(await phone.getByTestId('home-orgs').textContent()).toContain('Member');
    await screenshot(phone, 'platform-member-home-phone');

    // No people section, and the server refuses it to a member.
    expect(await phone.getByTestId('nav-people').count()).toBe(0);
    const people = await phone.evaluate(async () => (await fetch('/api/accounts')).status);
    expect(people).toBe(403);
    await phone.goto(`${app.url}/platform/people`);
    await phone.getByTestId('platform-forbidden').waitFor();

    // The organisation, but not its member list or its invites.
    await phone.getByTestId('nav-orgs').click();
    await phone.getByRole('link', { name: ORG }).click();
    await phone.getByTestId('members-hidden').waitFor();
    await screenshot(phone, 'platform-member-org-phone');
    expect(await phone.getByTestId('invite-panel').count()).toBe(0);
    expect(await phone.getByTestId('org-rename').count()).toBe(0);
    await phone.context().close();

    // The admin's list shows them as a member now, and the invite is no longer open.
    await admin.reload();
    await expect.poll(() => admin.getByTestId('members-list').textContent()).toContain(MEMBER.email);
    await expect.poll(() => admin.getByTestId('invite-panel').textContent()).toContain('No open invites');
  });

  it('makes the member an org admin, who then manages their own organisation only', async () => {
    const row = admin.getByTestId('member-row').filter({ hasText: MEMBER.email });
    await row.getByTestId('member-role').selectOption('org_admin');
    await expect.poll(() => admin.getByTestId('org-notice').textContent()).toContain('Org admin');

    const page = await (await desktop()).newPage();
    await page.goto(`${app.url}/platform/orgs`);
    await page.getByTestId('sign-in-email').fill(MEMBER.email);
    await page.getByTestId('sign-in-password').fill(MEMBER.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByRole('link', { name: ORG }).click();
    await page.getByTestId('members-list').waitFor();
    // Their own row cannot be changed or removed; invites are into this organisation, as plain users.
    const own = page.getByTestId('member-row').filter({ hasText: MEMBER.email });
    expect(await own.getByTestId('member-role').isDisabled()).toBe(true);
    expect(await own.getByTestId('member-remove').count()).toBe(0);
    expect(await page.getByTestId('invite-platform-role').count()).toBe(0);
    expect(await page.getByTestId('invite-organisation').count()).toBe(0);
    await page.getByTestId('invite-email').fill('li.lei@tongji.edu.cn');
    await page.getByTestId('invite-submit').click();
    await page.getByTestId('invite-link').waitFor();
    await screenshot(page, 'platform-org-admin-view-desktop');
    expect(await page.getByTestId('nav-people').count()).toBe(0);
    await page.context().close();
  });

  it('signs out everywhere: another browser loses its session', async () => {
    const laptop = await (await desktop()).newPage();
    await laptop.goto(`${app.url}/platform`);
    await laptop.getByTestId('sign-in-email').fill(MEMBER.email);
    await laptop.getByTestId('sign-in-password').fill(MEMBER.password);
    await laptop.getByTestId('sign-in-submit').click();
    await laptop.getByTestId('platform-home').waitFor();

    const phone = await (await newPhone(browser)).newPage();
    await phone.goto(`${app.url}/platform/account`);
    await phone.getByTestId('sign-in-email').fill(MEMBER.email);
    await phone.getByTestId('sign-in-password').fill(MEMBER.password);
    await phone.getByTestId('sign-in-submit').click();
    await phone.getByTestId('account-page').waitFor();
    expect(await phone.getByTestId('account-email').textContent()).toBe(MEMBER.email);
    await phone.getByTestId('account-everywhere').click();
    await screenshot(phone, 'platform-account-phone');
    await phone.getByTestId('everywhere-confirm').click();
    await phone.getByTestId('sign-in-form').waitFor();
    await expect.poll(() => phone.getByTestId('sign-in-notice').textContent()).toContain('signed out');

    // The laptop's next request finds its session gone and says so.
    await laptop.getByTestId('nav-orgs').click();
    await laptop.getByTestId('sign-in-notice').waitFor();
    expect(await laptop.getByTestId('sign-in-notice').textContent()).toContain('session has ended');
    await laptop.reload();
    await laptop.getByTestId('sign-in-form').waitFor();
    // The admin, another account, is still signed in.
    await admin.getByTestId('nav-admin').click();
    await admin.getByTestId('nav-people').click();
    await admin.getByTestId('people-table').waitFor();
    await laptop.context().close();
    await phone.context().close();
  });

  it('shows the people list at desktop and phone sizes', async () => {
    await expect.poll(() => admin.getByTestId('person-row').count()).toBe(2);
    await screenshot(admin, 'platform-people-desktop', { docs: true });
    const phone = await (await newPhone(browser)).newPage();
    await phone.goto(`${app.url}/platform/people`);
    await phone.getByTestId('sign-in-email').fill(ADMIN.email);
    await phone.getByTestId('sign-in-password').fill(ADMIN.password);
    await phone.getByTestId('sign-in-submit').click();
    await phone.getByTestId('people-table').waitFor();
    await screenshot(phone, 'platform-people-phone');
    await phone.context().close();
  });

  it("keeps an admin's sections on one row at 1920 px, the account's own lists in a menu a keyboard opens", async () => {
    const wide = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' })).newPage();
    await signInAt(wide, app.url, ADMIN);
    await wide.getByTestId('platform-home').waitFor();
    // Every section link and the menu's button sit on one row.
    const tops = await wide.locator('.platform-nav > a, .platform-nav .nav-menu-button').evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)));
    await screenshot(wide, 'platform-nav-1920');
    expect(tops.length).toBeGreaterThan(8);
    expect(new Set(tops).size).toBe(1);
    expect(await wide.getByTestId('nav-kept').isVisible()).toBe(false);

    // Keyboard: Enter opens, Tab reaches the links, Escape closes and returns to the button.
    const mine = wide.getByTestId('nav-mine');
    await mine.focus();
    await wide.keyboard.press('Enter');
    expect(await mine.getAttribute('aria-expanded')).toBe('true');
    await wide.keyboard.press('Tab');
    expect(await wide.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-kept');
    await screenshot(wide, 'platform-nav-mine-1920');
    await wide.keyboard.press('Escape');
    expect(await mine.getAttribute('aria-expanded')).toBe('false');
    expect(await wide.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-mine');

    // A link in it opens its page, closes the menu and marks the menu's button as where one is.
    await mine.click();
    await wide.getByTestId('nav-reviews').click();
    await expect.poll(() => new URL(wide.url()).pathname).toBe('/platform/reviews');
    expect(await mine.getAttribute('aria-expanded')).toBe('false');
    expect(await mine.getAttribute('data-current')).toBe('true');
    // A click elsewhere closes an open menu.
    await mine.click();
    await wide.mouse.click(20, 700);
    expect(await mine.getAttribute('aria-expanded')).toBe('false');
    await wide.context().close();

    const phone = await (await newPhone(browser)).newPage();
    await signInAt(phone, app.url, ADMIN);
    await phone.getByTestId('platform-home').waitFor();
    await phone.getByTestId('nav-mine').click();
    await phone.getByTestId('nav-responses').waitFor();
    await screenshot(phone, 'platform-nav-mine-phone');
    await phone.context().close();
  });

  it('locks sign-in after repeated failures and says until when', async () => {
    const phone = await (await newPhone(browser)).newPage();
    await phone.goto(`${app.url}/platform`);
    await phone.getByTestId('sign-in-email').fill(MEMBER.email);
    for (let attempt = 1; attempt <= LOGIN_FAILURES_BEFORE_LOCKOUT; attempt++) {
      await phone.getByTestId('sign-in-password').fill(`wrong password ${attempt}`);
      await phone.getByTestId('sign-in-submit').click();
      const expected = attempt < LOGIN_FAILURES_BEFORE_LOCKOUT ? 'credentials_invalid' : 'login_locked';
      await expect.poll(() => phone.getByTestId('sign-in-error').getAttribute('data-reason')).toBe(expected);
      await expect.poll(() => phone.getByTestId('sign-in-submit').isEnabled()).toBe(true);
    }
    // The right password is refused too while the lock holds.
    await phone.getByTestId('sign-in-password').fill(MEMBER.password);
    await phone.getByTestId('sign-in-submit').click();
    await expect.poll(() => phone.getByTestId('sign-in-error').textContent()).toMatch(/try again at \d{2}:\d{2} \(in about 15 min\)/);
    expect(await phone.getByTestId('platform-home').count()).toBe(0);
    await screenshot(phone, 'platform-locked-phone', { docs: true });

    // The same screen in Chinese.
    await phone.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => phone.getByTestId('sign-in-error').textContent()).toMatch(/您可在 \d{2}:\d{2}（约 15 分钟后）再试/);
    await screenshot(phone, 'platform-locked-phone-zh');
    await phone.context().close();
  });
});
