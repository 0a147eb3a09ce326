import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiAccount } from './support/apiAccount.js';
import { AppProcess } from './support/appProcess.js';
import { BIG_SCREEN, launchChromium, newBigScreen, newPhone, screenshot } from './support/browser.js';
import { selfiePng } from './support/selfie.js';
import { fillSignIn } from './support/signIn.js';

const PASSWORD = 'awards passphrase 颁奖';
const DESKTOP = { width: 1440, height: 900 } as const;

interface CreatedSession {
  code: string;
  joinUrl: string;
  facilitatorUrl: string;
  screenUrl: string;
}

/**
 * The awards as an organiser runs them: a programme (seeded with 科技之星, 新星, 先进团队),
 * nominations with citations accepted on the programme page, an audience vote held on the
 * phones of a live session with the board's own voting, the combined ranking, winners
 * confirmed, and the reveal from the console on a 1920×1080 screen: the winner large, with the
 * photo she consented to in that session.
 */
describe('awards: nominate, vote on phones, rank, reveal', () => {
  let app: AppProcess;
  let browser: Browser;
  let owner: ApiAccount;
  let member: ApiAccount;
  let lina: ApiAccount;
  let bo: ApiAccount;
  let orgId = '';
  let programmeId = '';
  // Shared by the steps below, in order.
  let page: Page;
  let live: CreatedSession;
  const phones: Page[] = [];
  const star = () => page.getByTestId('award-category').first();

  async function invite(admin: ApiAccount, email: string, name: string, orgRole?: 'org_admin' | 'member'): Promise<ApiAccount> {
    const invited = await admin.call<{ link: { url: string } }>('POST', '/api/invites', { email, ...(orgRole ? { organisationId: orgId, orgRole } : {}) });
    const account = new ApiAccount(app.url);
    await account.call('POST', '/api/account/invites/accept', { token: new URL(invited.link.url).hash.replace('#token=', ''), name, password: PASSWORD });
    return account;
  }

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    const setupUrl = /(http:\/\/\S+\/platform\/setup#token=([A-Za-z0-9_-]{43}))/.exec(app.output.join(''));
    const admin = new ApiAccount(app.url);
    await admin.call('POST', '/api/account/setup', { token: setupUrl?.[2], email: 'ada@ideasphere.test', name: 'Ada Admin', password: PASSWORD });
    orgId = (await admin.call<{ id: string }>('POST', '/api/orgs', { name: 'Innovation Conference 创新大会', kind: 'company' })).id;
    owner = await invite(admin, 'wang.fang@ideasphere.test', '王芳', 'org_admin');
    member = await invite(admin, 'zhou.min@ideasphere.test', 'Zhou Min', 'member');
    lina = await invite(admin, 'li.na@ideasphere.test', '李娜', 'member');
    bo = await invite(admin, 'bo.chen@ideasphere.test', 'Bo Chen');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${app.url}/platform/awards`);
    await fillSignIn(page, { email, password: PASSWORD });
  }

  it('creates a programme, takes nominations and holds the audience vote on phones', async () => {
    page = await (await browser.newContext({ viewport: DESKTOP, locale: 'en-US' })).newPage();
    await signIn(page, 'wang.fang@ideasphere.test');
    await page.getByTestId('awards-empty').waitFor();
    await page.getByTestId('award-create-name').fill('Innovation awards 创新奖');
    await page.getByTestId('award-create-submit').click();
    await page.getByTestId('award-page').waitFor();
    const categories = page.getByTestId('award-category');
    expect(await categories.count()).toBe(3);
    expect(await categories.locator('h2').allInnerTexts()).toEqual(['Science and technology star', 'New star', 'Advanced team']);
    programmeId = /\/platform\/awards\/([A-Za-z0-9_-]+)/.exec(page.url())?.[1] ?? '';

    // The owner nominates Li Na on the page; a member nominates Bo over the API.
    await page.getByTestId('nominate-ref').fill('li.na@ideasphere.test');
    await page.getByTestId('nominate-citation').fill('Led the hydrogen steel pilot 氢冶金试点, from first idea to the first ton.');
    await page.getByTestId('nominate-submit').click();
    await page.getByTestId('nominate-done').waitFor();
    const starId = (await owner.call<{ programme: { categories: { id: string }[] } }>('GET', `/api/awards/${programmeId}`)).programme.categories[0]?.id;
    await member.call('POST', `/api/awards/${programmeId}/nominations`, { categoryId: starId, nominee: { kind: 'person', email: 'bo.chen@ideasphere.test' }, citation: 'Built the sensor network every line now runs on.' });
    await page.reload();
    await expect.poll(() => star().getByTestId('nomination').count()).toBe(2);
    for (let i = 0; i < 2; i++) {
      await star().getByTestId('nomination-accept').first().click();
      await expect.poll(() => star().locator('[data-testid="nomination"][data-status="accepted"]').count()).toBe(i + 1);
    }

    // The owner's live session: phones join; the category's audience vote opens on their board.
    live = await owner.call<CreatedSession>('POST', '/api/account/live-sessions', { title: 'Awards night 颁奖之夜', language: 'en' });
    for (const name of ['Li Na', 'Ann', 'Ben']) {
      const phone = await (await newPhone(browser)).newPage();
      await phone.goto(live.joinUrl);
      await phone.getByTestId('join-name').fill(name);
      await phone.getByTestId('join-submit').click();
      await phone.getByTestId('joined-view').waitFor();
      phones.push(phone);
    }
    // Li Na's phone gives its photo with consent for the big screen, and her account keeps this participant.
    const linaPhone = phones[0] as Page;
    const linaToken = await linaPhone.evaluate((code) => window.localStorage.getItem(`ideasphere:participant:${code}`), live.code);
    const photo = await fetch(`${app.url}/api/sessions/${live.code}/participants/me/photo?consent=yes`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${linaToken}`, 'content-type': 'image/png' },
      body: new Uint8Array(await selfiePng(browser)),
    });
    expect(photo.status).toBe(200);
    await lina.call('POST', '/api/account/claims', { code: live.code, participantToken: linaToken });

    await page.reload();
    await star().getByTestId('session-select').selectOption(live.code);
    await star().getByTestId('session-link').click();
    await star().getByTestId('audience-start').waitFor();
    await star().getByTestId('audience-start').click();
    await expect.poll(() => star().getByTestId('audience-vote-state').innerText()).toContain('Open on the session’s board');

    const vote = async (phone: Page, nominee: string, times: number) => {
      await expect.poll(() => phone.getByTestId('phase-indicator').getAttribute('data-phase')).toBe('vote');
      const card = phone.getByTestId('board-idea').filter({ hasText: nominee });
      for (let i = 0; i < times; i++) await card.getByTestId('vote-plus').click();
    };
    await vote(phones[1] as Page, '李娜', 2);
    await vote(phones[2] as Page, '李娜', 1);
    await vote(linaPhone, 'Bo Chen', 1);
    await expect.poll(() => (phones[1] as Page).getByTestId('votes-left').getAttribute('data-left')).toBe('3');
    await screenshot(phones[1] as Page, 'awards-phone-vote-390');
  }, 300_000);

  it('counts the vote, ranks the nominations and confirms the winner', async () => {

    await expect.poll(async () => {
      await page.reload();
      return star().getByTestId('audience-vote-state').innerText();
    }).toContain('4 votes so far');
    await star().getByTestId('audience-close').click();
    await expect.poll(() => star().getByTestId('audience-vote-state').innerText()).toContain('Closed with 4 votes');

    // No jury round is wired here, so the audience counts 100 %: Li Na 75 %, Bo 25 %.
    const rows = star().getByTestId('ranking-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().innerText()).toContain('李娜');
    expect(await rows.first().getByTestId('ranking-combined').innerText()).toBe('75%');
    expect(await rows.first().getAttribute('data-proposed')).toBe('true');
    expect(await rows.nth(1).getByTestId('ranking-combined').innerText()).toBe('25%');
    await star().getByTestId('winners-confirm').click();
    await expect.poll(() => star().getByTestId('winners-state').innerText()).toContain('Confirmed');
    await star().getByTestId('ranking').scrollIntoViewIfNeeded();
    await screenshot(page, 'awards-programme-desktop');

    const ownerPhone = await (await newPhone(browser)).newPage();
    await signIn(ownerPhone, 'wang.fang@ideasphere.test');
    await ownerPhone.getByTestId('award-row').first().locator('a').click();
    await ownerPhone.getByTestId('ranking').first().scrollIntoViewIfNeeded();
    await screenshot(ownerPhone, 'awards-programme-phone-390');
  });

  it('reveals the winner from the console on a 1920×1080 screen, a late screen and the phones', async () => {

    // The reveal: from the console, with a confirm step, on a 1920×1080 screen.
    const consolePage = await (await browser.newContext({ viewport: DESKTOP, locale: 'en-US' })).newPage();
    await consolePage.goto(live.facilitatorUrl);
    const screen = await (await newBigScreen(browser)).newPage();
    await screen.goto(live.screenUrl);
    await consolePage.getByTestId('award-next').waitFor();
    expect(await consolePage.getByTestId('award-next').innerText()).toContain('Science and technology star');
    await consolePage.getByTestId('award-reveal-next').focus();
    await consolePage.keyboard.press('Enter');
    await consolePage.getByTestId('award-reveal-dialog').waitFor();
    await consolePage.getByTestId('award-reveal-dialog').getByRole('button', { name: 'Reveal now' }).click();
    await consolePage.getByTestId('award-reveal-done').waitFor();

    const reveal = screen.getByTestId('award-reveal');
    await reveal.waitFor();
    expect(await screen.getByTestId('award-reveal-title').innerText()).toBe('Science and technology star');
    expect(await screen.getByTestId('award-reveal-name').innerText()).toBe('李娜');
    expect(await screen.getByTestId('award-reveal-winner').getAttribute('data-photo')).toBe('true');
    await expect.poll(() => screen.locator('.award-reveal-avatar img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await screenshot(screen, 'awards-reveal-1920');
    await screen.setViewportSize({ width: 3840, height: 2160 });
    await screenshot(screen, 'awards-reveal-3840');

    // A screen that opens after the reveal shows it too.
    const late = await (await newBigScreen(browser)).newPage();
    await late.goto(live.screenUrl);
    await late.getByTestId('award-reveal').waitFor();
    expect(await late.getByTestId('award-reveal-name').innerText()).toBe('李娜');
    // Phones show the winners too.
    await (phones[1] as Page).getByTestId('phone-winners').waitFor();
    expect(await (phones[1] as Page).getByTestId('phone-winner').innerText()).toContain('李娜');
    await (phones[1] as Page).getByTestId('phone-winners').scrollIntoViewIfNeeded();
    await screenshot(phones[1] as Page, 'awards-phone-winners-390');
    await consolePage.getByTestId('award-reveal-panel').scrollIntoViewIfNeeded();
    await screenshot(consolePage, 'awards-console-desktop');
    // Four browsers and a 3840×2160 shot on a shared machine: this step gets a longer budget than the default 120 s.
  }, 300_000);

  it('nominates a team picked from the list (no ids typed), on a 1920×1080 desktop and a 390×844 phone', async () => {
    // The organisation's challenge, answered and submitted by Bo's team (the picker lists only submitted teams).
    const field = (await owner.call<{ id: string }[]>('GET', '/api/fields'))[0]?.id ?? '';
    const challenge = await owner.call<{ id: string }>('POST', '/api/challenges', {
      organisationId: orgId,
      title: 'Cleaner furnaces 更清洁的炉子',
      problem: 'Cut the **emissions** of the blast furnaces.',
      fieldIds: [field],
      deadline: { local: '2030-06-30T18:00', timeZone: 'Asia/Shanghai' },
      visibility: 'public',
      criteria: [{ name: 'Feasibility', weight: 100 }],
    });
    await owner.call('POST', `/api/challenges/${challenge.id}/transitions`, { to: 'open' });
    const response = await bo.call<{ id: string }>('POST', `/api/challenges/${challenge.id}/responses`, { teamName: 'Team Hydrogen 氢能队', language: 'en' });
    await bo.call('POST', `/api/responses/${response.id}/submit`);

    const desk = await (await browser.newContext({ viewport: BIG_SCREEN, locale: 'en-US' })).newPage();
    await signIn(desk, 'zhou.min@ideasphere.test');
    await desk.getByTestId('award-row').first().waitFor();
    await desk.goto(`${app.url}/platform/awards/${programmeId}`);
    await desk.getByTestId('award-page').waitFor();
    const form = desk.getByTestId('nominate-form');
    await form.getByTestId('nominate-category').selectOption({ label: 'Advanced team' });
    await form.getByTestId('nominate-kind-team').check();
    // Nothing picked: the form says so instead of sending.
    await form.getByTestId('nominate-citation').fill('Took hydrogen from the lab bench to the furnace 氢能从实验台走到高炉.');
    await form.getByTestId('nominate-submit').click();
    await form.getByTestId('nominate-unpicked').waitFor();
    // Search by the challenge's title, then by the team's name; pick with the keyboard.
    await form.getByTestId('nominee-search').fill('furnaces');
    await expect.poll(() => form.getByTestId('nominee-state').getAttribute('data-status')).toBe('done');
    expect(await form.getByTestId('nominee-option').allInnerTexts()).toEqual([expect.stringContaining('Team Hydrogen 氢能队')]);
    await form.getByTestId('nominee-search').fill('nobody here');
    await expect.poll(() => form.getByTestId('nominee-state').innerText()).toContain('No team to nominate matches');
    await form.getByTestId('nominee-search').fill('氢能');
    await form.getByTestId('nominee-option').first().waitFor();
    await form.getByTestId('nominee-option').first().locator('input').focus();
    await desk.keyboard.press('Space');
    expect(await form.getByTestId('nominee-option').first().locator('input').isChecked()).toBe(true);
    await screenshot(desk, 'awards-nominee-picker-1920');
    await form.getByTestId('nominate-submit').click();
    await form.getByTestId('nominate-done').waitFor();

    // The nomination is in the Advanced team category, as a team, for everyone who opens the page.
    await desk.reload();
    const advanced = desk.getByTestId('award-category').filter({ has: desk.locator('h2', { hasText: 'Advanced team' }) });
    await expect.poll(() => advanced.getByTestId('nomination').count()).toBe(1);
    expect(await advanced.getByTestId('nomination').innerText()).toContain('Team Hydrogen 氢能队');
    const view = await owner.call<{ nominations: { nominee: { kind: string; refId: string; name: string } }[] }>('GET', `/api/awards/${programmeId}`);
    expect(view.nominations.map((n) => n.nominee)).toContainEqual({ kind: 'team', refId: response.id, name: 'Team Hydrogen 氢能队' });
    await advanced.scrollIntoViewIfNeeded();
    await screenshot(desk, 'awards-team-nominated-1920');

    // On a phone the picker stacks under the categories and works the same.
    const phone = await (await newPhone(browser)).newPage();
    await signIn(phone, 'zhou.min@ideasphere.test');
    await phone.getByTestId('award-row').first().waitFor();
    await phone.goto(`${app.url}/platform/awards/${programmeId}`);
    const phoneForm = phone.getByTestId('nominate-form');
    await phoneForm.getByTestId('nominate-kind-team').check();
    await phoneForm.getByTestId('nominee-option').first().waitFor();
    await phoneForm.getByTestId('nominee-option').first().click();
    await phoneForm.scrollIntoViewIfNeeded();
    await screenshot(phone, 'awards-nominee-picker-390');
  }, 180_000);
});
