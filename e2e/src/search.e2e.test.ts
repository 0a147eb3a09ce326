import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiAccount } from './support/apiAccount.js';
import { AppProcess } from './support/appProcess.js';
import { BIG_SCREEN, launchChromium, newBigScreen, newPhone, screenshot } from './support/browser.js';

const POSTER = { email: 'zhou@baosteel.test', password: 'poster passphrase 宝钢' };
const SOLVER = { email: 'zhao.lei@example.cn', password: 'solver passphrase 涂层' };
const TITLE = '船用钢板的防腐涂层';
const IDEA = '石墨烯复合防腐涂层';
const TEAM_OWNER = { email: 'sun.wei@example.cn', password: 'team owner passphrase 蓝海' };

/**
 * Creative-source seeking: a visitor finds a challenge by a Chinese search, with the words that
 * matched; the organisation that posted it sees who could solve it and why; a team that responds
 * presents itself with a profile anyone can find.
 */
describe('search and matching', () => {
  let app: AppProcess;
  let browser: Browser;
  let challengeId = '';
  let poster: ApiAccount;

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    const setupUrl = /(http:\/\/\S+\/platform\/setup#token=([A-Za-z0-9_-]{43}))/.exec(app.output.join(''));
    const admin = new ApiAccount(app.url);
    await admin.call('POST', '/api/account/setup', { token: setupUrl?.[2], email: 'ada@ideasphere.test', name: 'Ada Admin', password: 'platform admin passphrase' });
    const org = await admin.call<{ id: string }>('POST', '/api/orgs', { name: 'Baosteel 宝钢', kind: 'company' });
    const invite = await admin.call<{ link: { url: string } }>('POST', '/api/invites', { email: POSTER.email, organisationId: org.id });
    poster = new ApiAccount(app.url);
    await poster.call('POST', '/api/account/invites/accept', { token: new URL(invite.link.url).hash.replace('#token=', ''), name: '周敏', password: POSTER.password });
    const fields = await poster.call<{ id: string; nameEn: string }[]>('GET', '/api/fields');
    const materials = fields.find((field) => field.nameEn === 'New materials')?.id ?? '';
    const created = await poster.call<{ id: string }>('POST', '/api/challenges', {
      organisationId: org.id,
      title: TITLE,
      problem: '海水中的钢板需要更耐久的**防腐涂层**，寿命十年以上。',
      fieldIds: [materials],
      deadline: { local: '2031-06-30T18:00', timeZone: 'Asia/Shanghai' },
      visibility: 'public',
      criteria: [{ name: '可行性', weight: 100 }],
    });
    challengeId = created.id;
    await poster.call('POST', `/api/challenges/${challengeId}/transitions`, { to: 'open' });
    const solver = new ApiAccount(app.url);
    const me = await solver.call<{ account: { id: string } }>('POST', '/api/account/signup', { email: SOLVER.email, name: 'Zhao Lei 赵磊', password: SOLVER.password });
    await solver.call('PUT', `/api/profiles/person/${me.account.id}`, {
      headline: '涂层工程师 Coatings engineer',
      bio: '十年海洋环境防腐涂层经验。',
      fields: [materials],
      skills: ['防腐涂层', 'Corrosion testing'],
      keywords: ['海水', '钢板'],
      visibility: 'public',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('finds the challenge and the solver by a Chinese search on a phone, signed out', async () => {
    const phone = await (await newPhone(browser, 'zh-CN')).newPage();
    await phone.goto(`${app.url}/platform/search`);
    await phone.getByTestId('search-input').fill('防腐涂层');
    await phone.getByTestId('search-submit').click();
    await expect.poll(() => phone.getByTestId('search-hit').count()).toBe(2);
    expect(await phone.getByTestId('search-results').textContent()).toContain(TITLE);
    expect(await phone.getByTestId('search-results').textContent()).toContain('Zhao Lei 赵磊');
    // The address keeps the query, so the search can be shared and reloaded.
    expect(new URL(phone.url()).searchParams.get('q')).toBe('防腐涂层');
    await screenshot(phone, 'search-phone-zh', { docs: true });

    await phone.getByTestId('search-kind-challenge').click();
    await expect.poll(() => phone.getByTestId('search-hit').count()).toBe(1);
    await phone.getByRole('link', { name: TITLE }).click();
    await phone.getByTestId('challenge-page').waitFor();
    expect(new URL(phone.url()).pathname).toBe(`/platform/challenges/${challengeId}`);
    await phone.context().close();
  });

  it('shows the posting organisation who could solve its challenge, and why, and runs a live session for it', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    await page.goto(`${app.url}/platform`);
    await page.getByTestId('sign-in-email').fill(POSTER.email);
    await page.getByTestId('sign-in-password').fill(POSTER.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('platform-home').waitFor();
    await page.goto(`${app.url}/platform/challenges/${challengeId}`);
    await expect.poll(() => page.getByTestId('challenge-matches').getByTestId('match').count()).toBe(1);
    const match = await page.getByTestId('challenge-matches').textContent();
    expect(match).toContain('Zhao Lei 赵磊');
    expect(match).toContain('New materials');
    await page.getByTestId('challenge-matches').scrollIntoViewIfNeeded();
    await screenshot(page, 'challenge-matches-desktop', { docs: true });

    // A live brainstorm run for the challenge: it opens in the console and is listed with it.
    await page.getByTestId('challenge-live-session').click();
    await page.waitForURL(/\/f\/[A-Z0-9]{6}/);
    await page.getByTestId('console-qr').waitFor();
    await page.goto(`${app.url}/platform/live`);
    await expect.poll(() => page.getByTestId('live-session-challenge').textContent()).toContain(TITLE);
    await page.context().close();
  });

  it('finds an idea a guest kept and showed on their profile by a Chinese search, and among the challenge’s matches', async () => {
    const session = await poster.call<{ code: string }>('POST', '/api/account/live-sessions', { title: '海洋材料工作坊', language: 'zh' });
    // The solver took part from their phone, then keeps the idea in their account and shows it.
    const phone = await (await newPhone(browser, 'zh-CN')).newPage();
    await phone.goto(`${app.url}/j/${session.code}`);
    await phone.getByTestId('join-name').fill('赵磊');
    await phone.getByTestId('join-submit').click();
    await phone.getByTestId('joined-view').waitFor();
    await phone.getByTestId('idea-title-input').fill(IDEA);
    await phone.getByTestId('idea-submit').click();
    await expect.poll(() => phone.getByTestId('my-idea').first().getAttribute('data-status')).toBe('visible');
    await phone.goto(`${app.url}/platform`);
    await phone.getByTestId('sign-in-email').fill(SOLVER.email);
    await phone.getByTestId('sign-in-password').fill(SOLVER.password);
    await phone.getByTestId('sign-in-submit').click();
    await phone.getByTestId('platform-home').waitFor();
    await phone.goto(`${app.url}/platform/kept`);
    await phone.getByTestId('kept-keep').click();
    await expect.poll(() => phone.getByTestId('kept-session').textContent()).toContain(IDEA);
    const toggle = phone.getByTestId('show-on-profile-idea');
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await expect.poll(() => toggle.isDisabled()).toBe(false);
    await screenshot(phone, 'kept-show-on-profile-phone-zh');
    await phone.context().close();

    // Anyone, signed out, finds it by a Chinese search, labelled as an idea, and reaches it on the profile.
    const visitor = await (await newPhone(browser, 'zh-CN')).newPage();
    await visitor.goto(`${app.url}/platform/search?q=${encodeURIComponent('石墨烯')}`);
    await expect.poll(() => visitor.getByTestId('search-hit').count()).toBe(1);
    expect(await visitor.getByTestId('search-hit').textContent()).toContain('创意');
    expect(await visitor.getByTestId('search-kind-idea').textContent()).toContain('(1)');
    await screenshot(visitor, 'search-idea-phone-zh');
    await visitor.getByRole('link', { name: IDEA }).click();
    await visitor.getByTestId('profile-publication').waitFor();
    expect(await visitor.getByTestId('profile-publications').textContent()).toContain('海洋材料工作坊');
    await screenshot(visitor, 'profile-publications-phone-zh');
    await visitor.context().close();

    // The organisation that posted the challenge sees the idea among those that could solve it.
    const desk = await (await browser.newContext({ viewport: BIG_SCREEN, locale: 'en-US' })).newPage();
    await desk.goto(`${app.url}/platform`);
    await desk.getByTestId('sign-in-email').fill(POSTER.email);
    await desk.getByTestId('sign-in-password').fill(POSTER.password);
    await desk.getByTestId('sign-in-submit').click();
    await desk.getByTestId('platform-home').waitFor();
    await desk.goto(`${app.url}/platform/challenges/${challengeId}`);
    await expect.poll(() => desk.getByTestId('challenge-matches').textContent()).toContain(IDEA);
    expect(await desk.getByTestId('challenge-matches').textContent()).toContain('Idea');
    await desk.getByTestId('challenge-matches').scrollIntoViewIfNeeded();
    await screenshot(desk, 'challenge-matches-idea-desktop');
    await desk.goto(`${app.url}/platform/search?q=${encodeURIComponent('防腐涂层')}`);
    await expect.poll(() => desk.getByTestId('search-hit').count()).toBe(3);
    await screenshot(desk, 'search-idea-desktop-en');
    await desk.context().close();
  });
  it('lets a team fill in its profile from My responses, and a visitor find it on a phone with only what they may see', async () => {
    // A team of two answers the challenge: its owner, and the solver (whose person profile is public).
    const owner = new ApiAccount(app.url);
    await owner.call('POST', '/api/account/signup', { email: TEAM_OWNER.email, name: 'Sun Wei 孙伟', password: TEAM_OWNER.password });
    const response = await owner.call<{ id: string }>('POST', `/api/challenges/${challengeId}/responses`, { teamName: 'Team 蓝海' });
    await owner.call('POST', `/api/responses/${response.id}/members`, { email: SOLVER.email });

    const desk = await (await newBigScreen(browser, 'en-US')).newPage();
    await desk.goto(`${app.url}/platform`);
    await desk.getByTestId('sign-in-email').fill(TEAM_OWNER.email);
    await desk.getByTestId('sign-in-password').fill(TEAM_OWNER.password);
    await desk.getByTestId('sign-in-submit').click();
    await desk.getByTestId('platform-home').waitFor();
    await desk.goto(`${app.url}/platform/responses`);
    await desk.getByTestId('my-response-team-profile').click();
    await desk.getByTestId('profile-page').waitFor();
    expect(new URL(desk.url()).pathname).toBe(`/platform/profiles/team/${response.id}`);
    expect(await desk.getByTestId('profile-kind').textContent()).toBe('Team');
    await desk.getByTestId('profile-edit').click();
    await desk.getByTestId('profile-team-name-input').fill('Blue Ocean 蓝海');
    await desk.getByTestId('profile-headline-input').fill('海洋腐蚀防护团队 Marine corrosion team');
    await desk.getByTestId('profile-bio-input').fill('两位工程师：涂层与阴极保护。Two engineers: coatings and cathodic protection.');
    await desk.getByTestId('profile-skills-input').fill('阴极保护, Marine coatings');
    await desk.getByTestId('profile-visibility-public').check();
    await screenshot(desk, 'team-profile-form-desktop-en');
    await desk.getByTestId('profile-save').click();
    await expect.poll(() => desk.getByTestId('profile-name').textContent()).toBe('Blue Ocean 蓝海');
    // Signed in, every member is named; the team's way back to its response is the members' only.
    expect(await desk.getByTestId('team-members').textContent()).toContain('Sun Wei 孙伟');
    expect(await desk.getByTestId('team-members').textContent()).toContain('Zhao Lei 赵磊');
    await desk.getByTestId('team-response').waitFor();
    await screenshot(desk, 'team-profile-desktop-en', { docs: true });
    await desk.context().close();

    // On the owner's phone, My responses leads to the team's profile as well.
    const ownerPhone = await (await newPhone(browser, 'zh-CN')).newPage();
    await ownerPhone.goto(`${app.url}/platform`);
    await ownerPhone.getByTestId('sign-in-email').fill(TEAM_OWNER.email);
    await ownerPhone.getByTestId('sign-in-password').fill(TEAM_OWNER.password);
    await ownerPhone.getByTestId('sign-in-submit').click();
    await ownerPhone.getByTestId('platform-home').waitFor();
    await ownerPhone.goto(`${app.url}/platform/responses`);
    await ownerPhone.getByTestId('my-response-team-profile').waitFor();
    await screenshot(ownerPhone, 'team-my-responses-phone-zh');
    await ownerPhone.goto(`${app.url}/platform/responses/${response.id}`);
    await ownerPhone.getByTestId('response-team-profile').click();
    await expect.poll(() => ownerPhone.getByTestId('profile-name').textContent()).toBe('Blue Ocean 蓝海');
    await ownerPhone.context().close();

    // Signed out on a phone: found by a Chinese search, labelled as a team; the member without a
    // public profile is only counted; the public challenge is linked, the response never.
    const visitor = await (await newPhone(browser, 'zh-CN')).newPage();
    await visitor.goto(`${app.url}/platform/search?q=${encodeURIComponent('阴极保护')}`);
    await expect.poll(() => visitor.getByTestId('search-hit').count()).toBe(1);
    expect(await visitor.getByTestId('search-hit').textContent()).toContain('团队');
    await screenshot(visitor, 'team-search-phone-zh');
    await visitor.getByRole('link', { name: 'Blue Ocean 蓝海' }).click();
    await visitor.getByTestId('team-facts').waitFor();
    expect(await visitor.getByTestId('team-members').textContent()).toBe('Zhao Lei 赵磊');
    expect(await visitor.getByTestId('team-other-members').textContent()).toContain('1');
    expect(await visitor.getByTestId('team-challenge').textContent()).toBe(TITLE);
    expect(await visitor.getByTestId('team-response').count()).toBe(0);
    expect(await visitor.getByTestId('profile-edit').count()).toBe(0);
    await screenshot(visitor, 'team-profile-phone-zh', { docs: true });
    await visitor.getByRole('link', { name: 'Zhao Lei 赵磊' }).click();
    await expect.poll(() => visitor.getByTestId('profile-name').textContent()).toBe('Zhao Lei 赵磊');
    await visitor.context().close();
  });
});
