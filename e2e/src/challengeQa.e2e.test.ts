import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newPhone, screenshot } from './support/browser.js';
import { ApiAccount } from './support/apiAccount.js';
import { type Credentials, signInAt } from './support/signIn.js';

const ADMIN = { email: 'ada@ideasphere.test', password: 'platform admin passphrase' };
const POSTER = { email: 'li.na@baosteel.test', password: 'poster passphrase 宝钢', name: '李娜' };
const ASKER = { email: 'wang.wei@tongji.test', password: 'asker passphrase 同济', name: '王伟' };
const TITLE = 'Lighter steel for car doors 更轻的车门钢材';
const QUESTION = '请问回收钢材的比例有上限吗？样品需要在哪里测试？';
const ANSWER = 'No upper limit on recycled content. 样品可在我们上海的实验室测试。';

/** Signs in through the sign-in page (a signed-out visit to the notification centre shows it). */
const signIn = (page: Page, base: string, account: Credentials) => signInAt(page, base, account, { landing: '/platform/notifications' });

/**
 * Q&A on a challenge as people use it: a participant of another organisation asks in Chinese
 * on a phone; the owner organisation's member answers publicly on a desktop; the asker sees
 * the answer and the bell's unread badge; an anonymous visitor reads the public answer
 * without the asker's name.
 */
describe('challenge Q&A: ask, answer publicly, be told', () => {
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
    const accept = async (email: string, organisationId: string | undefined, name: string, password: string) => {
      const invite = await admin.call<{ link: { url: string } }>('POST', '/api/invites', { email, ...(organisationId ? { organisationId } : {}) });
      const account = new ApiAccount(app.url);
      await account.call('POST', '/api/account/invites/accept', { token: new URL(invite.link.url).hash.replace('#token=', ''), name, password });
      return account;
    };
    const poster = await accept(POSTER.email, org.id, POSTER.name, POSTER.password);
    await accept(ASKER.email, undefined, ASKER.name, ASKER.password);
    const fields = await poster.call<{ id: string; nameEn: string }[]>('GET', '/api/fields');
    const challenge = await poster.call<{ id: string; url: string }>('POST', '/api/challenges', {
      organisationId: org.id,
      title: TITLE,
      problem: 'Doors **20 % lighter** that keep their crash strength.',
      fieldIds: [fields.find((f) => f.nameEn === 'New materials')?.id],
      deadline: { local: '2030-06-30T18:00', timeZone: 'Asia/Shanghai' },
      visibility: 'public',
      criteria: [{ name: 'Feasibility 可行性', weight: 100 }],
    });
    await poster.call('POST', `/api/challenges/${challenge.id}/transitions`, { to: 'open' });
    challengeUrl = `${app.url}/platform/challenges/${challenge.id}`;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('lets a participant ask in Chinese on a phone; the question waits, seen by them alone', async () => {
    const phone = await (await newPhone(browser, 'zh-CN')).newPage();
    await signIn(phone, app.url, ASKER);
    await phone.goto(challengeUrl);
    await phone.getByTestId('qa-section').waitFor();
    await phone.getByTestId('qa-public-empty').waitFor();
    // Blank is caught before anything is sent.
    await phone.getByTestId('qa-ask-submit').click();
    await phone.getByTestId('text-field-error').waitFor();
    await phone.getByTestId('qa-ask-input').fill(QUESTION);
    expect(await phone.getByTestId('char-counter').textContent()).toBe(`${[...QUESTION].length}/1000`);
    await phone.getByTestId('qa-ask-submit').click();
    await phone.getByTestId('qa-asked').waitFor();
    const mine = phone.getByTestId('qa-mine-list');
    await expect.poll(() => mine.textContent()).toContain(QUESTION);
    expect(await mine.getByTestId('qa-question').getAttribute('data-state')).toBe('pending');
    expect(await mine.textContent()).toContain('等待答复');
    await phone.getByTestId('qa-section').scrollIntoViewIfNeeded();
    await screenshot(phone, 'challenge-qa-asked-phone');
    await phone.context().close();

    // Nobody else sees an unanswered question.
    const visitor = await (await newPhone(browser, 'zh-CN')).newPage();
    await visitor.goto(challengeUrl);
    await visitor.getByTestId('qa-public-empty').waitFor();
    expect(await visitor.getByTestId('qa-section').textContent()).not.toContain(QUESTION);
    expect(await visitor.getByTestId('qa-cannot-ask').textContent()).toBe('登录后即可提问。');
    await visitor.context().close();
  });

  it('lets the owner organisation answer publicly on a desktop, unanswered questions first, with the asker named', async () => {
    const desk = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    await signIn(desk, app.url, POSTER);
    await desk.goto(challengeUrl);
    const waiting = desk.getByTestId('qa-unanswered-list');
    await expect.poll(() => waiting.textContent()).toContain(QUESTION);
    expect(await waiting.textContent()).toContain(ASKER.name);
    expect(await desk.getByTestId('qa-section').textContent()).not.toContain(ASKER.email);
    expect(await desk.getByTestId('qa-ask-form').count()).toBe(0);
    await desk.getByTestId('qa-answer-input').fill(ANSWER);
    await desk.getByTestId('qa-answer-public').check();
    await desk.getByTestId('qa-section').scrollIntoViewIfNeeded();
    await screenshot(desk, 'challenge-qa-owner-desktop');
    await desk.getByTestId('qa-answer-submit').click();
    await desk.getByTestId('qa-answer-saved').waitFor();
    await desk.getByTestId('qa-unanswered-empty').waitFor();
    expect(await desk.getByTestId('qa-answered-list').getByTestId('qa-answer-text').textContent()).toBe(ANSWER);
    await screenshot(desk, 'challenge-qa-answered-desktop');
    await desk.context().close();
  });

  it('shows the asker the answer and the unread badge; the notification leads back to the challenge', async () => {
    const phone = await (await newPhone(browser, 'zh-CN')).newPage();
    await signIn(phone, app.url, ASKER);
    await expect.poll(() => phone.getByTestId('unread-badge').textContent()).toBe('1');
    await phone.goto(challengeUrl);
    const answered = phone.getByTestId('qa-public-list');
    await expect.poll(() => answered.textContent()).toContain(ANSWER);
    expect(await answered.getByTestId('qa-question').getAttribute('data-state')).toBe('public');
    expect(await answered.textContent()).toContain('您');
    expect(await phone.getByTestId('qa-mine-list').count()).toBe(0);
    await phone.getByTestId('qa-section').scrollIntoViewIfNeeded();
    await screenshot(phone, 'challenge-qa-answer-phone');
    await phone.goto(`${app.url}/platform/notifications`);
    await expect.poll(() => phone.locator('body').textContent()).toContain(`您在“${TITLE}”中的提问已获答复`);
    await screenshot(phone, 'challenge-qa-notification-phone');
    await phone.getByTestId('notification').click();
    await phone.getByTestId('qa-public-list').waitFor();
    expect(phone.url()).toBe(challengeUrl);
    await expect.poll(() => phone.getByTestId('unread-badge').count()).toBe(0);
    await phone.context().close();

    // An anonymous visitor reads the public answer, the asker unnamed.
    const visitor = await (await newPhone(browser, 'en-US')).newPage();
    await visitor.goto(challengeUrl);
    const seen = visitor.getByTestId('qa-public-list');
    await expect.poll(() => seen.textContent()).toContain(ANSWER);
    expect(await seen.textContent()).toContain('A participant');
    expect(await seen.textContent()).not.toContain(ASKER.name);
    await visitor.context().close();
  });
});
