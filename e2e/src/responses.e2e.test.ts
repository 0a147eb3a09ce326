import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newPhone, screenshot } from './support/browser.js';
import { signInAt } from './support/signIn.js';

const PASSWORD = 'responses passphrase 方案';
const TITLE = 'Lighter steel for car doors 更轻的车门钢材';
const PROMOTED = 'Hot-stamped tailor blanks 热冲压拼焊板';

/** One browser-less account over the API (cookie and CSRF token), to set the stage quickly. */
class ApiAccount {
  cookie = '';
  csrf = '';
  constructor(private readonly base: string) {}
  async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrf },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const set = res.headers.getSetCookie().find((line) => line.startsWith('ideasphere_account='));
    if (set) this.cookie = set.split(';')[0] ?? '';
    const parsed = (await res.json()) as T & { csrfToken?: string };
    if (typeof parsed.csrfToken === 'string') this.csrf = parsed.csrfToken;
    return { status: res.status, body: parsed };
  }
  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const reply = await this.call<T>(method, path, body);
    if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }
}

const signIn = (page: Page, base: string, path: string, email: string) => signInAt(page, base, { email, password: PASSWORD }, { path });

async function sectionText(page: Page, key: string): Promise<string> {
  return (await page.getByTestId(key).textContent()) ?? '';
}

/**
 * Issue 11, end to end: a team of two co-writes a response to a challenge in the proposal
 * editor, submits it before the deadline; the organisation reads the frozen version (not later
 * draft edits); once the organisation closes the challenge a submission is refused.
 */
describe('responses: a team writes, submits; the organisation reads the frozen version', () => {
  let app: AppProcess;
  let browser: Browser;
  let poster: ApiAccount;
  let challengeId = '';
  let responseUrl = '';
  let solver: Page;
  let mate: Page;

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    const setupUrl = /(http:\/\/\S+\/platform\/setup#token=([A-Za-z0-9_-]{43}))/.exec(app.output.join(''));
    const admin = new ApiAccount(app.url);
    await admin.ok('POST', '/api/account/setup', { token: setupUrl?.[2], email: 'ada@ideasphere.test', name: 'Ada Admin', password: PASSWORD });
    const org = await admin.ok<{ id: string }>('POST', '/api/orgs', { name: 'Baosteel 宝钢', kind: 'company' });
    const accept = async (email: string, name: string, organisationId?: string) => {
      const invite = await admin.ok<{ link: { url: string } }>('POST', '/api/invites', { email, ...(organisationId ? { organisationId } : {}) });
      const account = new ApiAccount(app.url);
      await account.ok('POST', '/api/account/invites/accept', { token: new URL(invite.link.url).hash.replace('#token=', ''), name, password: PASSWORD });
      return account;
    };
    poster = await accept('li.na@baosteel.test', '李娜', org.id);
    await accept('wang@solver.test', 'Wang Fang');
    await accept('sam@solver.test', 'Sam Lee');
    const fields = await poster.ok<{ id: string }[]>('GET', '/api/fields');
    const challenge = await poster.ok<{ id: string }>('POST', '/api/challenges', {
      organisationId: org.id,
      title: TITLE,
      problem: 'Doors **20 % lighter** that keep their crash strength.',
      fieldIds: [fields[0]?.id],
      deadline: { local: '2030-06-30T18:00', timeZone: 'Asia/Shanghai' },
      visibility: 'platform',
      criteria: [{ name: 'Feasibility', weight: 100 }],
    });
    challengeId = challenge.id;
    await poster.ok('POST', `/api/challenges/${challengeId}/transitions`, { to: 'open' });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('a solver responds from the challenge page and invites a teammate by email', async () => {
    solver = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    await signIn(solver, app.url, `/platform/challenges/${challengeId}`, 'wang@solver.test');
    await solver.getByTestId('challenge-respond').waitFor();
    await screenshot(solver, 'responses-desktop-challenge-respond');
    await solver.getByTestId('response-team-name').fill('Team Alloy 合金队');
    await solver.getByTestId('response-start').click();
    await solver.getByTestId('response-page').waitFor();
    await expect.poll(() => solver.getByTestId('response-status').getAttribute('data-status')).toBe('draft');
    responseUrl = solver.url();
    await solver.getByTestId('response-invite-email').fill('sam@solver.test');
    await solver.getByTestId('response-invite').click();
    await expect.poll(() => solver.getByTestId('response-team').textContent()).toContain('Sam Lee');
  });

  it('both open the editor; text from one appears for the other', async () => {
    mate = await (await newPhone(browser)).newPage();
    await signIn(mate, app.url, new URL(responseUrl).pathname, 'sam@solver.test');
    await mate.getByTestId('response-page').waitFor();
    await screenshot(mate, 'responses-phone-response-page');
    for (const page of [solver, mate]) {
      await page.getByTestId('response-open-editor').click();
      await page.waitForURL(/\/p\//);
      await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-state'), { timeout: 30_000 }).toBe('synced');
    }
    await solver.getByTestId('section-editor-problem').click();
    await solver.keyboard.press('Control+End');
    await solver.keyboard.type('Boron steel press-hardened at 900 °C.', { delay: 10 });
    await expect.poll(() => sectionText(mate, 'section-editor-problem')).toContain('Boron steel press-hardened');
    await mate.getByTestId('section-editor-solution').click();
    await mate.keyboard.press('Control+End');
    await mate.keyboard.type('Tailor-welded blanks from Sam.', { delay: 10 });
    await expect.poll(() => sectionText(solver, 'section-editor-solution')).toContain('Tailor-welded blanks');
    await screenshot(mate, 'responses-phone-editor');
  });

  it('submits with confirmation before the deadline; later draft edits stay out of the frozen version', async () => {
    await solver.goto(responseUrl);
    await solver.getByTestId('response-submit').click();
    await solver.getByTestId('response-confirm').waitFor();
    await solver.getByTestId('response-confirm-submit').click();
    await expect.poll(() => solver.getByTestId('response-status').getAttribute('data-status')).toBe('submitted');
    await expect.poll(() => solver.getByTestId('response-hash').first().textContent()).toMatch(/[0-9a-f]{64}/);
    await screenshot(solver, 'responses-desktop-submitted');
    // The teammate keeps writing in the live draft after the submission.
    await mate.getByTestId('section-editor-solution').click();
    await mate.keyboard.press('Control+End');
    await mate.keyboard.type(' DRAFT-AFTER-SUBMIT', { delay: 10 });
    await expect.poll(() => sectionText(mate, 'section-editor-solution')).toContain('DRAFT-AFTER-SUBMIT');
    // The live draft on the server has it: a fresh editor of the solver loads it.
    await solver.getByTestId('response-open-editor').click();
    await solver.waitForURL(/\/p\//);
    await expect.poll(() => sectionText(solver, 'section-editor-solution'), { timeout: 30_000 }).toContain('DRAFT-AFTER-SUBMIT');
  });

  it('the organisation sees the submission and its frozen text, not the later edit', async () => {
    const owner = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    await signIn(owner, app.url, `/platform/challenges/${challengeId}`, 'li.na@baosteel.test');
    await owner.getByTestId('challenge-submissions').waitFor();
    await expect.poll(() => owner.getByTestId('submission-list').textContent()).toContain('Team Alloy 合金队');
    await owner.getByTestId('submission-list').getByRole('link').first().click();
    await owner.getByTestId('response-page').waitFor();
    await expect.poll(() => owner.getByTestId('response-work').count()).toBe(0);
    await owner.getByTestId('response-view').first().click();
    await expect.poll(() => owner.getByTestId('response-frozen').textContent()).toContain('Tailor-welded blanks from Sam.');
    expect(await owner.getByTestId('response-frozen').textContent()).toContain('Boron steel press-hardened');
    expect(await owner.getByTestId('response-frozen').textContent()).not.toContain('DRAFT-AFTER-SUBMIT');
    await screenshot(owner, 'responses-desktop-owner-frozen');
    const phone = await (await newPhone(browser, 'zh-CN')).newPage();
    await signIn(phone, app.url, new URL(owner.url()).pathname, 'li.na@baosteel.test');
    await phone.getByTestId('response-view').first().click();
    await phone.getByTestId('response-frozen').waitFor();
    await screenshot(phone, 'responses-phone-owner-frozen');
  });

  it('a live session run for the challenge promotes an idea into a response', async () => {
    const session = await poster.ok<{ code: string }>('POST', '/api/account/live-sessions', { title: 'Door steel brainstorm', language: 'en', challengeId });
    const phone = await (await newPhone(browser)).newPage();
    await phone.goto(`${app.url}/j/${session.code}`);
    await phone.getByTestId('join-name').fill('Wang 王');
    await phone.getByTestId('join-submit').click();
    await phone.getByTestId('joined-view').waitFor();
    await phone.getByTestId('idea-title-input').fill(PROMOTED);
    await phone.getByTestId('idea-submit').click();
    await expect.poll(() => phone.getByTestId('my-idea').first().getAttribute('data-status')).toBe('visible');
    // The guest keeps the idea in their (existing) account, then finds it on the challenge page.
    await phone.getByTestId('joined-keep').click();
    await phone.getByTestId('sign-in-form').waitFor();
    await phone.getByTestId('sign-in-email').fill('wang@solver.test');
    await phone.getByTestId('sign-in-password').fill(PASSWORD);
    await phone.getByTestId('sign-in-submit').click();
    await phone.getByTestId('kept-keep').click();
    await expect.poll(() => phone.getByTestId('kept-session').textContent()).toContain(PROMOTED);
    await phone.goto(`${app.url}/platform/challenges/${challengeId}`);
    await phone.getByTestId('promote-ideas').waitFor();
    expect(await phone.getByTestId('promote-ideas').textContent()).toContain('Door steel brainstorm');
    await expect.poll(() => phone.getByTestId('promote-submit').isDisabled()).toBe(true);
    await phone.getByTestId('promote-idea').first().check();
    await phone.getByTestId('promote-team-name').fill('Team Pilot 试点队');
    await phone.getByTestId('promote-ideas').scrollIntoViewIfNeeded();
    await screenshot(phone, 'responses-phone-promote-ideas');
    await solver.setViewportSize({ width: 1920, height: 1080 });
    await solver.goto(`${app.url}/platform/challenges/${challengeId}`);
    await solver.getByTestId('promote-ideas').scrollIntoViewIfNeeded();
    await screenshot(solver, 'responses-desktop-promote-ideas');

    await phone.getByTestId('promote-submit').click();
    await phone.getByTestId('response-page').waitFor();
    await expect.poll(() => phone.getByTestId('response-page').textContent()).toContain('Team Pilot 试点队');
    await phone.getByTestId('response-open-editor').click();
    await phone.waitForURL(/\/p\//);
    await expect.poll(() => sectionText(phone, 'section-editor-solution'), { timeout: 30_000 }).toContain(`${PROMOTED} (Wang 王)`);
    await screenshot(phone, 'responses-phone-promoted-editor');
    await phone.context().close();
  });

  it('the owner takes a teammate off a team; My responses lists what is left, or says there is none', async () => {
    await solver.goto(`${app.url}/platform/responses`);
    await solver.getByTestId('my-responses').getByText('Team Pilot 试点队').click();
    await solver.getByTestId('response-page').waitFor();
    await solver.getByTestId('response-invite-email').fill('sam@solver.test');
    await solver.getByTestId('response-invite').click();
    await expect.poll(() => solver.getByTestId('response-team').textContent()).toContain('Sam Lee');
    await solver.getByTestId('response-remove-member').click();
    await solver.getByTestId('response-remove-confirm').waitFor();
    await screenshot(solver, 'responses-desktop-remove-member');
    await solver.getByTestId('response-remove-confirm-yes').click();
    await expect.poll(() => solver.getByTestId('response-notice').textContent()).toContain('Sam Lee');
    // The notice comes once the page shows the change: never beside the old list.
    expect(await solver.getByTestId('response-team').textContent()).not.toContain('Sam Lee');

    await mate.goto(`${app.url}/platform/responses`);
    await expect.poll(() => mate.getByTestId('my-responses').textContent()).toContain('Team Alloy 合金队');
    expect(await mate.getByTestId('my-responses').textContent()).not.toContain('Team Pilot');
    await screenshot(mate, 'responses-phone-my-responses');
    const organiser = await (await newPhone(browser, 'zh-CN')).newPage();
    await signIn(organiser, app.url, '/platform/responses', 'li.na@baosteel.test');
    await organiser.getByTestId('my-responses-empty').waitFor();
    await screenshot(organiser, 'responses-phone-my-responses-empty');
    await organiser.context().close();
  });

  it('after the organisation closes the challenge, a submission is refused', async () => {
    await poster.ok('POST', `/api/challenges/${challengeId}/transitions`, { to: 'closed' });
    await mate.goto(responseUrl);
    await mate.getByTestId('response-page').waitFor();
    await expect.poll(() => mate.getByTestId('response-submit').count()).toBe(0);
    // The server refuses it too, whatever a page shows.
    const csrf = await mate.evaluate(async () => ((await (await fetch('/api/account/me')).json()) as { csrfToken: string }).csrfToken);
    const reply = await mate.evaluate(
      async ({ path, token }) => {
        const res = await fetch(path, { method: 'POST', headers: { 'x-csrf-token': token } });
        return { status: res.status, body: (await res.json()) as { error?: { reason?: string } } };
      },
      { path: `/api/responses/${new URL(responseUrl).pathname.split('/').pop() ?? ''}/submit`, token: csrf },
    );
    expect([reply.status, reply.body.error?.reason]).toEqual([403, 'challenge_deadline_passed']);
    await screenshot(mate, 'responses-phone-closed');
  });
});
