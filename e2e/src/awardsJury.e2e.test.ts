import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiAccount } from './support/apiAccount.js';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newBigScreen, newPhone, screenshot } from './support/browser.js';
import { signInAt } from './support/signIn.js';

const PASSWORD = 'jury passphrase 评审团';
/** Nominees (distinctive names a blind juror must never see) and the citations the juror tells them apart by. */
const NOMINEES = [
  ['lin.hui@ideasphere.test', 'Lin Hui 林慧', 'Led the hydrogen steel pilot.'],
  ['gao.peng@ideasphere.test', 'Gao Peng 高鹏', 'Built the sensor network.'],
] as const;

const signIn = (page: Page, base: string, path: string, email: string) => signInAt(page, base, { email, password: PASSWORD }, { path });

/**
 * The jury of an award category in the browser: the programme's owner opens "Jury review" from
 * the category's jury panel, builds a blind round (a juror by email, automatic assignment) and
 * opens it; the juror scores both nominations from "My reviews" on a phone without seeing a
 * name; the category's ranking then shows the jury scores. One juror scoring 8 and 4 (scale
 * 1–10): their z-scores are +1 and −1, the round's μ = 6 and σ = 2, so the normalised scores are
 * 8 and 4, on 0..1 (x − 1) / 9 = 77.8 % and 33.3 %; without an audience vote the jury counts 100 %.
 */
describe('awards: the jury scores a category through a review round', () => {
  let app: AppProcess;
  let browser: Browser;
  let programmeId = '';
  let categoryId = '';
  let owner: Page;

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    const setupUrl = /(http:\/\/\S+\/platform\/setup#token=([A-Za-z0-9_-]{43}))/.exec(app.output.join(''));
    const admin = new ApiAccount(app.url);
    await admin.call('POST', '/api/account/setup', { token: setupUrl?.[2], email: 'ada@ideasphere.test', name: 'Ada Admin', password: PASSWORD });
    const org = async (name: string) => (await admin.call<{ id: string }>('POST', '/api/orgs', { name, kind: 'company' })).id;
    const conference = await org('Innovation Conference 创新大会');
    const experts = await org('Expert panel 专家库');
    const accept = async (email: string, name: string, organisationId?: string, orgRole?: 'org_admin') => {
      const invite = await admin.call<{ link: { url: string } }>('POST', '/api/invites', { email, ...(organisationId ? { organisationId } : {}), ...(orgRole ? { orgRole } : {}) });
      const account = new ApiAccount(app.url);
      await account.call('POST', '/api/account/invites/accept', { token: new URL(invite.link.url).hash.replace('#token=', ''), name, password: PASSWORD });
      return account;
    };
    const boss = await accept('wang.fang@ideasphere.test', 'Wang Fang 王芳', conference, 'org_admin');
    await accept('juror@experts.test', 'Juror Xu 徐评委', experts);
    for (const [email, name] of NOMINEES) await accept(email, name, conference);
    const created = await boss.call<{ programme: { id: string; categories: { id: string }[] } }>('POST', '/api/awards', { organisationId: conference, name: 'Innovation awards 创新奖', year: 2026 });
    programmeId = created.programme.id;
    categoryId = created.programme.categories[0]?.id ?? '';
    await boss.call('PATCH', `/api/awards/${programmeId}/categories/${categoryId}`, {
      criteria: [
        { name: 'Impact 影响力', weight: 60, guidance: 'What changed, for whom.' },
        { name: 'Novelty 创新性', weight: 40, guidance: '' },
      ],
    });
    for (const [email, , citation] of NOMINEES) {
      const nomination = await boss.call<{ id: string }>('POST', `/api/awards/${programmeId}/nominations`, { categoryId, nominee: { kind: 'person', email }, citation });
      await boss.call('POST', `/api/awards/${programmeId}/nominations/${nomination.id}/decision`, { decision: 'accept' });
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('the owner opens "Jury review" from the category, builds a blind round and opens it', async () => {
    owner = await (await newBigScreen(browser)).newPage();
    await signIn(owner, app.url, `/platform/awards/${programmeId}`, 'wang.fang@ideasphere.test');
    const jury = owner.getByTestId('award-category').first().getByTestId('jury-state');
    await expect.poll(() => jury.getByTestId('jury-nomination').evaluateAll((items) => items.map((i) => i.getAttribute('data-scored')))).toEqual(['false', 'false']);
    await jury.getByTestId('jury-review').click();
    await owner.getByTestId('review-rounds-empty').waitFor();
    expect(new URL(owner.url()).pathname).toBe(`/platform/awards/categories/${categoryId}/review`);
    expect(await owner.getByTestId('review-scope-back').innerText()).toBe('Innovation awards 创新奖 · 科技之星 Science and technology star');
    await owner.getByTestId('review-round-name').fill('Jury 评审');
    await owner.getByTestId('review-round-k').fill('1');
    await owner.getByTestId('review-round-create').click();
    await owner.getByTestId('review-round').waitFor();
    await owner.getByTestId('review-pool-email').fill('juror@experts.test');
    await owner.getByTestId('review-pool-add').click();
    await expect.poll(() => owner.getByTestId('review-pool-reviewer').count()).toBe(1);
    await owner.getByTestId('review-auto-assign').click();
    await expect.poll(() => owner.locator('[data-testid="review-assignment-table"] [data-status="assigned"]').count()).toBe(2);
    await owner.getByTestId('review-round-open').click();
    await expect.poll(() => owner.getByTestId('review-round-status').textContent()).toBe('Open');
    await screenshot(owner, 'awards-jury-round-1920');
    // Back links follow the scope: the round goes back to the category's rounds, those to the programme.
    await owner.getByTestId('review-round-back').click();
    await owner.getByTestId('review-round-link').waitFor();
    await owner.getByTestId('review-scope-back').click();
    await owner.getByTestId('award-page').waitFor();
    expect(new URL(owner.url()).pathname).toBe(`/platform/awards/${programmeId}`);
  });

  it('the juror scores both nominations from "My reviews" on a phone, never seeing a name', async () => {
    const phone = await (await newPhone(browser)).newPage();
    await signIn(phone, app.url, '/platform/reviews', 'juror@experts.test');
    await expect.poll(() => phone.getByTestId('my-review-progress').textContent()).toBe('0 of 2 done');
    await screenshot(phone, 'awards-jury-my-reviews-phone');
    for (let index = 0; index < 2; index += 1) {
      await phone.getByTestId('my-review-item').nth(index).click();
      await phone.getByTestId('scorecard-blind').waitFor();
      const document = await phone.getByTestId('scorecard-document').innerText();
      for (const [, name] of NOMINEES) expect(document).not.toContain(name);
      // The citation tells the juror what they are scoring: the pilot gets 8 and 8 (→ 8), the network 4 and 4 (→ 4).
      const score = document.includes(NOMINEES[0][2]) ? 8 : 4;
      const criteria = await phone.getByTestId('scorecard-criterion').count();
      expect(criteria).toBe(2);
      for (let c = 0; c < criteria; c += 1) await phone.getByTestId('scorecard-criterion').nth(c).locator(`input[type="radio"][value="${score}"]`).check();
      if (index === 0) await screenshot(phone, 'awards-jury-scorecard-phone');
      await phone.getByTestId('scorecard-submit').click();
      await expect.poll(() => phone.getByTestId('scorecard-page').getAttribute('data-status')).toBe('submitted');
      await phone.goto(`${app.url}/platform/reviews`);
    }
    await expect.poll(() => phone.getByTestId('my-review-progress').textContent()).toBe('2 of 2 done');
    const text = await phone.locator('body').innerText();
    for (const [, name] of NOMINEES) expect(text).not.toContain(name);
  });

  it('the category’s ranking shows the jury scores: 77.8 % and 33.3 %', async () => {
    await owner.reload();
    const category = owner.getByTestId('award-category').first();
    await expect.poll(() => category.getByTestId('jury-nomination').evaluateAll((items) => items.map((i) => i.getAttribute('data-scored')))).toEqual(['true', 'true']);
    await expect.poll(() => category.getByTestId('ranking-row').locator('td:nth-child(2)').allInnerTexts()).toEqual([NOMINEES[0][1], NOMINEES[1][1]].map((n) => expect.stringContaining(n)));
    expect(await category.getByTestId('ranking-row').locator('td:nth-child(3)').allInnerTexts()).toEqual(['77.8%', '33.3%']);
    expect(await category.getByTestId('ranking-combined').allInnerTexts()).toEqual(['77.8%', '33.3%']);
    await category.getByTestId('jury-state').scrollIntoViewIfNeeded();
    await screenshot(owner, 'awards-jury-ranking-1920');
    const phone = await (await newPhone(browser, 'zh-CN')).newPage();
    await signIn(phone, app.url, `/platform/awards/${programmeId}`, 'wang.fang@ideasphere.test');
    const small = phone.getByTestId('award-category').first();
    await expect.poll(() => small.getByTestId('ranking-row').count()).toBe(2);
    await small.getByTestId('jury-state').scrollIntoViewIfNeeded();
    await screenshot(phone, 'awards-jury-panel-phone-zh');
    await small.getByTestId('ranking').scrollIntoViewIfNeeded();
    await screenshot(phone, 'awards-jury-ranking-phone-zh');
  });
});
