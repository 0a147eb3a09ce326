import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newPhone, screenshot } from './support/browser.js';
import { fillSignIn } from './support/signIn.js';

const DESKTOP = { width: 1440, height: 900 } as const;
const ADMIN = { email: 'host@ideasphere.test', password: 'platform host passphrase' };
const GUEST = { email: 'li.na@example.cn', password: 'guest passphrase 创意' };
const TITLE = 'Launch ceremony 发布会';
const IDEA = 'Shared pilot lines for small suppliers';

/**
 * The live event meets the platform: an organiser creates a live session from the platform and
 * lands in its console; a guest who joined by QR code keeps their idea in a new account; the
 * organiser opens the console from another browser, and the old console is closed.
 */
describe('platform: live sessions and kept ideas', () => {
  let app: AppProcess;
  let browser: Browser;
  let host: Page;
  let code = '';

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  const desktop = (): Promise<BrowserContext> => browser.newContext({ viewport: DESKTOP, locale: 'en-US' });

  it('creates a live session from the platform and opens its console', async () => {
    const printed = /(http:\/\/\S+\/platform\/setup#token=[A-Za-z0-9_-]{43})/.exec(app.output.join(''));
    host = await (await desktop()).newPage();
    await host.goto(printed?.[1] ?? '');
    await host.getByTestId('link-name').fill('Hu Host');
    await host.getByTestId('link-email').fill(ADMIN.email);
    await host.getByTestId('link-password').fill(ADMIN.password);
    await host.getByTestId('link-confirm').fill(ADMIN.password);
    await host.getByTestId('link-submit').click();
    await host.getByTestId('platform-home').waitFor();

    await host.getByTestId('nav-live').click();
    await host.getByTestId('live-empty').waitFor();
    await host.getByTestId('live-create-submit').click();
    await expect.poll(() => host.getByTestId('live-create').textContent()).toContain('Enter a title');
    await host.getByTestId('live-title').fill(TITLE);
    await host.getByTestId('live-create-submit').click();
    await host.waitForURL(/\/f\/[A-Z0-9]+/);
    await host.getByTestId('console-qr').waitFor();
    code = /\/f\/([A-Z0-9]+)/.exec(host.url())?.[1] ?? '';
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
  });

  it('lets a guest keep the idea they shared in a new account', async () => {
    const phone = await (await newPhone(browser)).newPage();
    await phone.goto(`${app.url}/j/${code}`);
    await phone.getByTestId('join-name').fill('李娜');
    await phone.getByTestId('join-submit').click();
    await phone.getByTestId('joined-view').waitFor();
    await phone.getByTestId('idea-title-input').fill(IDEA);
    await phone.getByTestId('idea-submit').click();
    await expect.poll(() => phone.getByTestId('my-idea').first().getAttribute('data-status')).toBe('visible');
    await phone.getByTestId('joined-keep').scrollIntoViewIfNeeded();
    await screenshot(phone, 'live-keep-link-phone');

    await phone.getByTestId('joined-keep').click();
    await phone.getByTestId('sign-in-form').waitFor();
    await phone.getByTestId('to-sign-up').click();
    await phone.getByTestId('link-form-signup').waitFor();
    await phone.getByTestId('link-name').fill('Li Na');
    await phone.getByTestId('link-email').fill(GUEST.email);
    await phone.getByTestId('link-password').fill(GUEST.password);
    await phone.getByTestId('link-confirm').fill(GUEST.password);
    await screenshot(phone, 'platform-sign-up-phone');
    await phone.getByTestId('link-submit').click();

    // Signed in, on the page the link asked for: this phone's session is offered for keeping.
    await phone.getByTestId('kept-on-device').waitFor();
    expect(await phone.getByTestId('kept-on-device').textContent()).toContain(code);
    await phone.getByTestId('kept-keep').click();
    await phone.getByTestId('kept-notice').waitFor();
    await expect.poll(() => phone.getByTestId('kept-session').textContent()).toContain(IDEA);
    expect(await phone.getByTestId('kept-session').textContent()).toContain(TITLE);
    expect(await phone.getByTestId('kept-on-device').count()).toBe(0);
    await screenshot(phone, 'platform-kept-phone', { docs: true });

    // Kept across sign-in: another browser of the same account sees it too.
    const elsewhere = await (await desktop()).newPage();
    await elsewhere.goto(`${app.url}/platform/kept`);
    await fillSignIn(elsewhere, GUEST);
    await expect.poll(() => elsewhere.getByTestId('kept-session').textContent()).toContain(IDEA);
    // A profile of one's own, in the directory of sources.
    await elsewhere.getByTestId('nav-profiles').click();
    await elsewhere.getByTestId('my-profile').click();
    await elsewhere.getByTestId('profile-edit').click();
    await elsewhere.getByTestId('profile-headline-input').fill('Supply-chain analyst 供应链分析师');
    await elsewhere.getByTestId('profile-bio-input').fill('I map small suppliers and their tooling.\n熟悉长三角中小供应商。');
    await elsewhere.getByTestId('profile-skills-input').fill('供应链, Data analysis，Lean');
    await elsewhere.getByTestId('profile-keywords-input').fill('pilot lines, SMEs');
    await elsewhere.getByTestId('profile-visibility-public').check();
    await elsewhere.getByTestId('profile-save').click();
    await expect.poll(() => elsewhere.getByTestId('profile-skills').textContent()).toBe('供应链Data analysisLean');
    await screenshot(elsewhere, 'platform-profile-desktop');
    await elsewhere.getByTestId('nav-profiles').click();
    await expect.poll(() => elsewhere.getByTestId('profiles').textContent()).toContain('Supply-chain analyst');

    // Nothing to be told yet: the centre says what will show there.
    await elsewhere.getByTestId('nav-notifications').click();
    await elsewhere.getByTestId('notifications-empty').waitFor();
    expect(await elsewhere.getByTestId('unread-badge').count()).toBe(0);
    // A plain account runs no live sessions.
    await elsewhere.getByTestId('nav-live').click();
    await elsewhere.getByTestId('live-not-organiser').waitFor();
    await elsewhere.context().close();
    await phone.context().close();
  });

  it('opens the console from another browser with a new link; the old console closes', async () => {
    const laptop = await (await desktop()).newPage();
    await laptop.goto(`${app.url}/platform/live`);
    await fillSignIn(laptop, ADMIN);
    await expect.poll(() => laptop.getByTestId('live-session').textContent()).toContain(TITLE);
    expect(await laptop.getByTestId('live-session').textContent()).toContain('participants: 1 · ideas: 1');
    expect(await laptop.getByTestId('live-open-console').textContent()).toBe('Open console here');
    await screenshot(laptop, 'platform-live-desktop', { docs: true });

    await laptop.getByTestId('live-open-console').click();
    await laptop.getByTestId('take-over-dialog').waitFor();
    await screenshot(laptop, 'platform-live-take-over-desktop');
    await laptop.getByTestId('dialog-confirm').click();
    await laptop.waitForURL(new RegExp(`/f/${code}$`));
    await laptop.getByTestId('console-qr').waitFor();

    await host.getByTestId('console-no-access').waitFor();
    expect(await host.getByTestId('console-from-platform').getAttribute('href')).toBe('/platform/live');
    await laptop.context().close();
  });
});
