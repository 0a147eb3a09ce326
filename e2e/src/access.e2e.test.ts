import type { CreatedSession, SessionInfo } from '@ideasphere/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newPhone, screenshot } from './support/browser.js';

/**
 * Issue 9, as people see it: the facilitator closes the doors and a late phone is told so;
 * a removed guest stays out (a reload, or a new name, does not bring them back); a leaked
 * console link is replaced and the old one stops working while this console carries on.
 */
describe('doors, removals that hold, and replaced links', () => {
  let app: AppProcess;
  let browser: Browser;
  let created: CreatedSession;
  let consolePage: Page;

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    created = await app.createSession({ title: 'Doors and links', language: 'en' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    consolePage = await context.newPage();
    await consolePage.goto(`${app.url}/f/${created.code}#token=${created.facilitatorToken}`);
    await consolePage.getByTestId('joining-open').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  async function phoneJoins(name: string): Promise<Page> {
    const page = await (await newPhone(browser)).newPage();
    await page.goto(`${app.url}/j/${created.code}`);
    await page.getByTestId('join-name').fill(name);
    await page.getByTestId('join-submit').click();
    await page.getByTestId('joined-view').waitFor({ state: 'visible' });
    return page;
  }

  async function participantCount(): Promise<number> {
    return ((await (await fetch(`${app.url}/api/sessions/${created.code}`)).json()) as SessionInfo).participantCount;
  }

  it('closes the doors: a late phone sees "joining is closed", guests already in stay', async () => {
    const early = await phoneJoins('Early bird');
    // This phone opened the form before the doors closed, and presses Join after.
    const waiting = await (await newPhone(browser)).newPage();
    await waiting.goto(`${app.url}/j/${created.code}`);
    await waiting.getByTestId('join-name').fill('On the stairs');
    await expect.poll(() => consolePage.getByTestId('joining-open').isEnabled()).toBe(true);
    await consolePage.getByTestId('joining-open').click();
    await expect.poll(() => consolePage.getByTestId('joining-open').isChecked()).toBe(false);
    await screenshot(consolePage, 'console-doors-closed');
    const late = await (await newPhone(browser)).newPage();
    await late.goto(`${app.url}/j/${created.code}`);
    await late.getByTestId('join-closed').waitFor({ state: 'visible' });
    expect(await late.getByTestId('join-name').count()).toBe(0);
    await screenshot(late, 'phone-joining-closed');
    // The join in the socket's handshake is refused with the reason; the name stays typed.
    await waiting.getByTestId('join-submit').click();
    await expect.poll(() => waiting.getByTestId('join-error').innerText()).toBe('The facilitator has closed joining for this session.');
    expect(await waiting.getByTestId('join-name').inputValue()).toBe('On the stairs');
    expect(await waiting.getByTestId('join-submit').isEnabled()).toBe(true);
    await screenshot(waiting, 'phone-join-refused');
    // The guest already in still has the board.
    await expect.poll(() => early.getByTestId('connection-state').getAttribute('data-state')).toBe('connected');
    await consolePage.getByTestId('joining-open').click();
    await expect.poll(() => consolePage.getByTestId('joining-open').isChecked()).toBe(true);
    await late.reload();
    await late.getByTestId('join-name').waitFor({ state: 'visible' });
    expect(await participantCount()).toBe(1);
    // Doors open again: the same press of Join now gets the guest in.
    await waiting.getByTestId('join-submit').click();
    await waiting.getByTestId('joined-view').waitFor({ state: 'visible' });
    await expect.poll(() => waiting.getByTestId('joined-name').innerText()).toBe('On the stairs');
    expect(await participantCount()).toBe(2);
  });

  it('keeps a removed guest out, after a reload and under a new name', async () => {
    const ann = await phoneJoins('Ann Removed');
    const row = consolePage.getByTestId('participant-item').filter({ hasText: 'Ann Removed' });
    await row.getByTestId('participant-remove').click();
    await consolePage.getByTestId('remove-dialog').getByTestId('dialog-confirm').click();
    await ann.getByTestId('join-kicked').waitFor({ state: 'visible' });
    await screenshot(ann, 'phone-removed');
    await ann.reload();
    await ann.getByTestId('join-kicked').waitFor({ state: 'visible' });
    expect(await ann.getByTestId('join-name').count()).toBe(0);
    // Even with its storage wiped, the browser itself stays out (the server remembers it).
    await ann.evaluate(() => window.localStorage.clear());
    await ann.reload();
    await ann.getByTestId('join-name').fill('Not Ann');
    await ann.getByTestId('join-submit').click();
    await ann.getByTestId('join-kicked').waitFor({ state: 'visible' });
  });

  it('replaces the console link: the old link stops working, this console carries on', async () => {
    const other = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await other.goto(`${app.url}/f/${created.code}#token=${created.facilitatorToken}`);
    await other.getByTestId('join-code').waitFor();
    await consolePage.getByTestId('links-console-replace').click();
    await consolePage.getByTestId('links-console-confirm').click();
    const url = consolePage.getByTestId('links-console-url');
    await url.waitFor({ state: 'visible' });
    const newLink = await url.inputValue();
    expect(newLink).toContain(`/f/${created.code}#token=`);
    expect(newLink).not.toContain(created.facilitatorToken);
    await screenshot(consolePage, 'console-links-replaced');
    // The other console, on the old link, is shut out.
    await other.getByTestId('console-no-access').waitFor({ state: 'visible' });
    // This console still works with the new link: it can close and open the doors.
    await expect.poll(() => consolePage.getByTestId('connection-state').getAttribute('data-state')).toBe('connected');
    await consolePage.getByTestId('joining-open').click();
    await expect.poll(() => consolePage.getByTestId('joining-open').isChecked()).toBe(false);
    await consolePage.getByTestId('joining-open').click();
    await expect.poll(() => consolePage.getByTestId('joining-open').isChecked()).toBe(true);
    await consolePage.reload();
    await consolePage.getByTestId('join-code').waitFor();
    await expect.poll(() => consolePage.getByTestId('connection-state').getAttribute('data-state')).toBe('connected');
  });

  it('joins over HTTP when the code that joins in the handshake cannot load, and is in all the same', async () => {
    // No service worker: this phone's requests all pass the route below.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.route(/\/assets\/joinLive-[^/]+\.js$/, (route) => route.abort());
    const joinPosts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/participants')) joinPosts.push(request.url());
    });
    await page.goto(`${app.url}/j/${created.code}`);
    await page.getByTestId('join-name').fill('Over HTTP');
    await page.getByTestId('join-submit').click();
    await page.getByTestId('joined-view').waitFor({ state: 'visible' });
    await expect.poll(() => page.getByTestId('connection-state').getAttribute('data-state')).toBe('connected');
    await expect.poll(() => page.getByTestId('joined-name').innerText()).toBe('Over HTTP');
    expect(joinPosts).toHaveLength(1);
    await expect.poll(() => consolePage.getByTestId('participant-item').filter({ hasText: 'Over HTTP' }).count()).toBe(1);
    await context.close();
  });
});
