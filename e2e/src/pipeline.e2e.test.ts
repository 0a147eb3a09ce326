import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CreatedSession } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiAccount } from './support/apiAccount.js';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newBigScreen, newPhone, screenshot } from './support/browser.js';
import { seedIdeas } from './support/seedIdeas.js';
import { signInAt } from './support/signIn.js';

const PASSWORD = 'pipeline passphrase 管线';

const signIn = (page: Page, base: string, path: string, email: string) => signInAt(page, base, { email, password: PASSWORD }, { path });

const card = (page: Page, title: RegExp | string) => page.getByTestId('pipeline-card').filter({ hasText: title });

/**
 * Issue 12's stage pipeline in a browser: a submitted response appears on the board at
 * "proposal"; the organiser moves it with the keyboard's menu and by dragging; the agreement
 * gate refuses it with a clear message (no review decision on this server); the org admin
 * lifts the gates, the item enters incubation, gets an overdue milestone that stands out on
 * its page and its card; a move back asks for the reason, which the history shows; an idea of
 * a live session is added to the pipeline; the dashboard draws the funnel. Desktop and phone.
 */
describe('pipeline: board, gates, history, milestones, dashboard', () => {
  let app: AppProcess;
  let browser: Browser;
  let desktop: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    const setupUrl = /(http:\/\/\S+\/platform\/setup#token=([A-Za-z0-9_-]{43}))/.exec(app.output.join(''));
    const admin = new ApiAccount(app.url);
    await admin.call('POST', '/api/account/setup', { token: setupUrl?.[2], email: 'ada@ideasphere.test', name: 'Ada Admin', password: PASSWORD });
    const org = await admin.call<{ id: string }>('POST', '/api/orgs', { name: 'Baosteel 宝钢', kind: 'company' });
    const accept = async (email: string, name: string, invite: object) => {
      const created = await admin.call<{ link: { url: string } }>('POST', '/api/invites', { email, ...invite });
      const account = new ApiAccount(app.url);
      await account.call('POST', '/api/account/invites/accept', { token: new URL(created.link.url).hash.replace('#token=', ''), name, password: PASSWORD });
      return account;
    };
    const organiser = await accept('li.na@baosteel.test', '李娜', { organisationId: org.id, orgRole: 'org_admin' });
    const fields = await organiser.call<{ id: string }[]>('GET', '/api/fields');
    const challenge = await organiser.call<{ id: string }>('POST', '/api/challenges', {
      organisationId: org.id,
      title: 'Lighter steel for car doors 更轻的车门钢材',
      problem: 'Doors are too heavy.',
      fieldIds: [fields[0]?.id, fields[1]?.id],
      deadline: { local: '2030-06-30T18:00', timeZone: 'Asia/Shanghai' },
      visibility: 'public',
      criteria: [{ name: 'Feasibility', weight: 100 }],
    });
    await organiser.call('POST', `/api/challenges/${challenge.id}/transitions`, { to: 'open' });
    for (const [email, name, team] of [
      ['wang@solver.test', 'Wang Fang', 'Team 钢铁侠'],
      ['sam@solver.test', 'Sam Lee', 'Light Alloys Lab'],
    ] as const) {
      const solver = await accept(email, name, {});
      const response = await solver.call<{ id: string }>('POST', `/api/challenges/${challenge.id}/responses`, { teamName: team, language: 'en' });
      await solver.call('POST', `/api/responses/${response.id}/submit`);
    }
    const session = await organiser.call<CreatedSession>('POST', '/api/account/live-sessions', { title: 'Green steel workshop 绿色钢铁工作坊' });
    await seedIdeas(app.url, session, 3);
    desktop = await newBigScreen(browser);
    page = await desktop.newPage();
    await signIn(page, app.url, '/platform/pipeline', 'li.na@baosteel.test');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('adds an idea of a live session to the pipeline from the organiser’s sessions page', async () => {
    await page.goto(`${app.url}/platform/live`);
    await page.getByTestId('live-add-to-pipeline').click();
    const sources = page.getByTestId('pipeline-source');
    await expect.poll(() => sources.count()).toBe(3);
    await sources.first().getByTestId('pipeline-source-add').click();
    await page.getByTestId('pipeline-source-added').first().waitFor();
    await screenshot(page, 'pipeline-add-from-live');
    expect(await page.getByTestId('pipeline-source-added').count()).toBe(1);
  });

  it('shows the board with a column per stage, counts and cards; moves by menu; refuses the agreement gate with a clear message', async () => {
    await page.goto(`${app.url}/platform/pipeline`);
    await card(page, 'Team 钢铁侠').waitFor();
    const counts = page.getByTestId('pipeline-column-proposal').getByTestId('pipeline-count');
    expect(await counts.textContent()).toBe('2');
    expect(await page.getByTestId('pipeline-column-idea').getByTestId('pipeline-card').count()).toBe(1);
    await screenshot(page, 'pipeline-board-1920');

    // The keyboard's way: the card's "Move to…" menu.
    await card(page, 'Team 钢铁侠').getByTestId('pipeline-move').focus();
    await card(page, 'Team 钢铁侠').getByTestId('pipeline-move').selectOption('review');
    await page.getByTestId('pipeline-moved').waitFor();
    await page.getByTestId('pipeline-column-review').getByRole('link', { name: /Team 钢铁侠/ }).waitFor();

    // Drag to the agreement stage: no review decision, so the gate refuses it.
    await card(page, 'Team 钢铁侠').dragTo(page.getByTestId('pipeline-column-agreement'));
    const refusal = page.getByTestId('pipeline-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('review decision');
    expect(await page.getByTestId('pipeline-column-agreement').getByTestId('pipeline-card').count()).toBe(0);
    await screenshot(page, 'pipeline-gate-refused');
  });

  it('lets the org admin lift the decision gate; incubation still refuses without a completed agreement until that gate goes too', async () => {
    const settings = async (uncheck: string[]) => {
      await page.goto(`${app.url}/platform/pipeline`);
      await page.getByTestId('pipeline-filter-organisation').selectOption({ label: 'Baosteel 宝钢' });
      await page.getByTestId('pipeline-settings-link').click();
      for (const gate of uncheck) await page.getByTestId(gate).uncheck();
      await page.getByTestId('pipeline-name-en-incubation').fill('Incubator');
      await page.getByTestId('pipeline-settings-save').click();
      await page.getByText('Saved.').waitFor();
      await page.goto(`${app.url}/platform/pipeline`);
    };
    await settings(['pipeline-gate-agreement-decision_advance']);
    await card(page, 'Team 钢铁侠').getByTestId('pipeline-move').selectOption('agreement');
    await page.getByTestId('pipeline-moved').waitFor();
    await page.getByTestId('pipeline-column-agreement').getByRole('link', { name: /Team 钢铁侠/ }).waitFor();
    await card(page, 'Team 钢铁侠').dragTo(page.getByTestId('pipeline-column-incubation'));
    const refusal = page.getByTestId('pipeline-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('completed (signed) agreement');
    expect(await page.getByTestId('pipeline-column-incubation').getByTestId('pipeline-card').count()).toBe(0);
    await screenshot(page, 'pipeline-gate-incubation-refused');

    await settings(['pipeline-gate-incubation-agreement_completed']);
    await card(page, 'Team 钢铁侠').getByTestId('pipeline-move').selectOption('incubation');
    await page.getByTestId('pipeline-moved').waitFor();
    expect(await page.getByTestId('pipeline-column-incubation').locator('h2').textContent()).toContain('Incubator');
  });

  it('keeps milestones in incubation, an overdue one stands out; a move back asks why and the history shows it', async () => {
    await card(page, 'Team 钢铁侠').getByRole('link').click();
    await page.getByTestId('pipeline-item').waitFor();
    await page.getByTestId('pipeline-milestone-title').fill('Pilot line 中试线');
    await page.getByTestId('pipeline-milestone-due').fill('2024-03-01');
    await page.getByTestId('pipeline-milestone-submit').click();
    await page.getByTestId('pipeline-milestone-overdue').waitFor();
    await page.getByTestId('pipeline-update-note').fill('Furnace delayed 设备延迟');
    await page.getByTestId('pipeline-update-status').selectOption('blocked');
    await page.getByTestId('pipeline-update-submit').click();
    await page.getByText('Furnace delayed 设备延迟').waitFor();

    // Back to review: the dialog asks for the reason.
    await page.getByTestId('pipeline-move').selectOption('review');
    const dialog = page.getByTestId('pipeline-back-dialog');
    await dialog.waitFor();
    await dialog.getByRole('textbox').fill('Pilot failed 中试未通过');
    await dialog.getByRole('button', { name: 'Move back' }).click();
    await page.getByTestId('pipeline-moved').waitFor();
    const history = page.getByTestId('pipeline-history-entry');
    await expect.poll(() => history.count()).toBe(5);
    expect(await history.first().textContent()).toContain('Pilot failed 中试未通过');
    await page.getByTestId('pipeline-history').scrollIntoViewIfNeeded();
    await screenshot(page, 'pipeline-item-history');

    // The milestone stays overdue on the card while the item is back in review.
    await page.goto(`${app.url}/platform/pipeline`);
    await card(page, 'Team 钢铁侠').getByTestId('pipeline-card-overdue').waitFor();
  });

  it('draws the dashboard: funnel, by field and organisation, days in stage; CSV export', async () => {
    await page.getByTestId('pipeline-dashboard-link').click();
    await page.getByTestId('pipeline-funnel').waitFor();
    expect(await page.getByTestId('pipeline-funnel').getAttribute('aria-label')).toContain('Proposal 1');
    expect(await page.getByTestId('pipeline-export').getAttribute('href')).toBe('/api/pipeline/dashboard.csv');
    await screenshot(page, 'pipeline-dashboard-1920');
  });

  it('scrolls the columns sideways on a phone, in Chinese', async () => {
    const phone = await newPhone(browser, 'zh-CN');
    const phonePage = await phone.newPage();
    await signIn(phonePage, app.url, '/platform/pipeline', 'li.na@baosteel.test');
    await phonePage.getByTestId('pipeline-board').waitFor();
    const board = phonePage.getByTestId('pipeline-board');
    const overflow = await board.evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX === 'auto');
    expect(overflow).toBe(true);
    expect(await phonePage.getByTestId('nav-pipeline').textContent()).toBe('管线');
    await screenshot(phonePage, 'pipeline-board-390');
    await phonePage.getByTestId('pipeline-board').evaluate((el) => el.scrollBy({ left: 600 }));
    await screenshot(phonePage, 'pipeline-board-390-scrolled');
    // Followed by its address: Playwright's scroll-into-view fights the columns' scroll snapping.
    const href = await card(phonePage, 'Team 钢铁侠').getByRole('link').getAttribute('href');
    await phonePage.goto(`${app.url}${href ?? ''}`);
    await phonePage.getByTestId('pipeline-milestone-overdue').waitFor();
    expect(await phonePage.getByTestId('pipeline-item-stage').textContent()).toContain('评审');
    await screenshot(phonePage, 'pipeline-item-390');
    await phone.close();
  });
});
