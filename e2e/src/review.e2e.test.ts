import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { ApiAccount } from './support/apiAccount.js';
import { launchChromium, newBigScreen, newPhone, screenshot } from './support/browser.js';
import { signInAt } from './support/signIn.js';

const PASSWORD = 'review passphrase 评审';
const TEAMS = ['Team Alpha 甲队', 'Team Beta 乙队', 'Team Gamma 丙队', 'Team Delta 丁队'] as const;
const SOLVERS = [
  ['zhang@acme.test', 'Zhang Wei 张伟'],
  ['li@solver.test', 'Li Na 李娜'],
  ['wang@solver.test', 'Wang Fang 王芳'],
  ['chen@solver.test', 'Chen Jie 陈杰'],
] as const;
const ACME = 'Acme Robotics 阿克米';
/** Everything a blind reviewer must never see. */
const HIDDEN = [...TEAMS, ...SOLVERS.map(([, name]) => name), ACME];

// The hand-computed fixture of server/src/review/review.integration.test.ts (criteria 60 % / 40 %):
//   R1 S1 (2,7)→4, S2 2, S3 3, S4 5 · R2 S1 (10,5)→8, S2 6, S3 7, S4 9 · R3 S1 9, S2 10, S3 8, S4 conflict.
//   Normalised: S4 9.8565, S1 7.2105, S2 5.2217, S3 4.6634 (means 7, 7, 6, 6).
const SCORES: Record<'r1' | 'r2' | 'r3', ({ c0: number; c1: number } | null)[]> = {
  r1: [{ c0: 2, c1: 7 }, { c0: 2, c1: 2 }, { c0: 3, c1: 3 }, { c0: 5, c1: 5 }],
  r2: [{ c0: 10, c1: 5 }, { c0: 6, c1: 6 }, { c0: 7, c1: 7 }, { c0: 9, c1: 9 }],
  r3: [{ c0: 9, c1: 9 }, { c0: 10, c1: 10 }, { c0: 8, c1: 8 }, null],
};

const signIn = (page: Page, base: string, path: string, email: string) => signInAt(page, base, { email, password: PASSWORD }, { path });

async function expectNoHiddenNames(page: Page): Promise<void> {
  const text = (await page.locator('body').innerText()) + (await page.content());
  for (const name of HIDDEN) expect(text.includes(name), `page shows "${name}"`).toBe(false);
}

/**
 * Issue 12, review: an owner builds a blind round in the browser (reviewers by email, automatic
 * assignment), three reviewers score four responses (one declares a conflict and is skipped),
 * nobody reviewing sees a name, the owner's normalised ranking matches the hand-computed
 * fixture, and the team reads the recorded decision with its feedback.
 */
describe('review: blind round, three reviewers, four responses, a conflict, a decision the team reads', () => {
  let app: AppProcess;
  let browser: Browser;
  let challengeId = '';
  let roundId = '';
  const subjects: string[] = [];
  const reviewers: Record<'r1' | 'r2' | 'r3', ApiAccount> = {} as never;
  let owner: Page;

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    const setupUrl = /(http:\/\/\S+\/platform\/setup#token=([A-Za-z0-9_-]{43}))/.exec(app.output.join(''));
    const admin = new ApiAccount(app.url);
    await admin.call('POST', '/api/account/setup', { token: setupUrl?.[2], email: 'ada@ideasphere.test', name: 'Ada Admin', password: PASSWORD });
    const org = async (name: string) => (await admin.call<{ id: string }>('POST', '/api/orgs', { name, kind: 'company' })).id;
    const steel = await org('Baosteel 宝钢');
    const experts = await org('Expert panel 专家库');
    const acme = await org(ACME);
    const accept = async (email: string, name: string, organisationId?: string) => {
      const invite = await admin.call<{ link: { url: string } }>('POST', '/api/invites', { email, ...(organisationId ? { organisationId } : {}) });
      const account = new ApiAccount(app.url);
      await account.call('POST', '/api/account/invites/accept', { token: new URL(invite.link.url).hash.replace('#token=', ''), name, password: PASSWORD });
      return account;
    };
    const poster = await accept('owner@baosteel.test', 'Owner Liu 刘主任', steel);
    reviewers.r1 = await accept('r1@experts.test', 'Reviewer One', experts);
    reviewers.r2 = await accept('r2@experts.test', 'Reviewer Two', experts);
    reviewers.r3 = await accept('r3@experts.test', 'Reviewer Three', experts);
    const fields = await poster.call<{ id: string }[]>('GET', '/api/fields');
    const challenge = await poster.call<{ id: string }>('POST', '/api/challenges', {
      organisationId: steel,
      title: 'Lighter car doors 更轻的车门',
      problem: 'Doors **20 % lighter** that keep their crash strength.',
      fieldIds: [fields[0]?.id],
      deadline: { local: '2030-06-30T18:00', timeZone: 'Asia/Shanghai' },
      visibility: 'platform',
      criteria: [
        { name: 'Feasibility 可行性', weight: 60 },
        { name: 'Impact 影响', weight: 40 },
      ],
    });
    challengeId = challenge.id;
    await poster.call('POST', `/api/challenges/${challengeId}/transitions`, { to: 'open' });
    for (const [index, [email, name]] of SOLVERS.entries()) {
      const solver = await accept(email, name, index === 0 ? acme : undefined);
      const response = await solver.call<{ id: string }>('POST', `/api/challenges/${challengeId}/responses`, { teamName: TEAMS[index], language: 'en' });
      await solver.call('POST', `/api/responses/${response.id}/submit`);
      subjects.push(response.id);
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('the owner builds a blind round: reviewers by email, automatic assignment (3 each), opens it', async () => {
    owner = await (await newBigScreen(browser)).newPage();
    await signIn(owner, app.url, `/platform/challenges/${challengeId}`, 'owner@baosteel.test');
    await owner.getByTestId('challenge-review').click();
    await owner.getByTestId('review-rounds-empty').waitFor();
    await owner.getByTestId('review-round-name').fill('First round 初审');
    await expect.poll(() => owner.getByTestId('review-round-blind').isChecked()).toBe(true);
    await owner.getByTestId('review-round-create').click();
    await owner.getByTestId('review-round').waitFor();
    roundId = new URL(owner.url()).pathname.split('/').pop() ?? '';
    for (const [index, email] of ['r1@experts.test', 'r2@experts.test', 'r3@experts.test'].entries()) {
      await owner.getByTestId('review-pool-email').fill(email);
      await owner.getByTestId('review-pool-add').click();
      await expect.poll(() => owner.getByTestId('review-pool-reviewer').count()).toBe(index + 1);
    }
    await owner.getByTestId('review-auto-assign').click();
    await owner.getByTestId('review-assign-notice').waitFor();
    await expect.poll(() => owner.locator('[data-testid="review-assignment-table"] [data-status="assigned"]').count()).toBe(12);
    await owner.getByTestId('review-round-open').click();
    await expect.poll(() => owner.getByTestId('review-round-status').textContent()).toBe('Open');
    await screenshot(owner, 'review-owner-setup-1920');
  });

  it('R3 declares a conflict with S4 on a phone (in Chinese): the assignment is freed, its list shows 3', async () => {
    const phone = await (await newPhone(browser, 'zh-CN')).newPage();
    await signIn(phone, app.url, '/platform/reviews', 'r3@experts.test');
    await phone.getByTestId('my-review-round').waitFor();
    await expect.poll(() => phone.getByTestId('my-review-progress').textContent()).toBe('已完成 0 / 4');
    await expectNoHiddenNames(phone);
    await screenshot(phone, 'review-my-reviews-phone-zh');
    await phone.goto(`${app.url}/platform/reviews/${roundId}/${subjects[3]}`);
    await phone.getByTestId('scorecard-page').waitFor();
    await expectNoHiddenNames(phone);
    await phone.getByTestId('scorecard-conflict').click();
    await phone.getByTestId('scorecard-conflict-yes').click();
    await phone.getByTestId('my-reviews').waitFor();
    await expect.poll(() => phone.getByTestId('my-review-progress').textContent()).toBe('已完成 0 / 3');
  });

  it('R1 scores S1 on a phone with the keyboard-usable scale buttons; the document is redacted', async () => {
    const phone = await (await newPhone(browser)).newPage();
    await signIn(phone, app.url, `/platform/reviews/${roundId}/${subjects[0]}`, 'r1@experts.test');
    await phone.getByTestId('scorecard-blind').waitFor();
    await expectNoHiddenNames(phone);
    expect(await phone.getByTestId('scorecard-document').innerText()).toContain('▇▇▇');
    expect(await phone.getByTestId('scorecard-title').innerText()).toMatch(/^#\d$/);
    await phone.getByTestId('score-c0-2').check();
    // The scale is a radio group: arrow keys move the score.
    await phone.getByTestId('score-c1-6').focus();
    await phone.keyboard.press('Space');
    await phone.keyboard.press('ArrowRight');
    await expect.poll(() => phone.getByTestId('score-c1-7').isChecked()).toBe(true);
    await phone.getByTestId('scorecard-comment').fill('Clear plan; the budget needs detail.');
    await phone.getByTestId('scorecard-note').fill('Ask about the supplier.');
    await phone.getByTestId('scorecard-save').click();
    await phone.getByTestId('scorecard-notice').waitFor();
    await screenshot(phone, 'review-scorecard-phone');
    await phone.getByTestId('scorecard-submit').click();
    await expect.poll(() => phone.getByTestId('scorecard-page').getAttribute('data-status')).toBe('submitted');
  });

  it('past its due date the scorecards close: reviewers see it, the owner sees who is overdue and extends the date', async () => {
    // The owner sets a due date already past in the round's settings.
    await owner.reload();
    await owner.getByTestId('review-settings').locator('summary').click();
    await owner.getByTestId('review-settings-due').fill('2025-01-01T09:00');
    await owner.getByTestId('review-settings-save').click();
    await owner.getByTestId('review-round-past-due').waitFor();
    // R1 submitted 1 of 4, R2 and R3 nothing yet: all three are overdue, and named.
    await expect.poll(() => owner.getByTestId('review-pool-overdue').count()).toBe(3);
    expect(await owner.getByTestId('review-round-overdue-note').innerText()).toContain('Reviewer Two');
    await owner.getByTestId('review-round-overdue-note').scrollIntoViewIfNeeded();
    await screenshot(owner, 'review-overdue-owner-1920');

    // R2's scorecard is closed (no save or submit), and says why.
    const desk = await (await newBigScreen(browser)).newPage();
    await signIn(desk, app.url, `/platform/reviews/${roundId}/${subjects[0]}`, 'r2@experts.test');
    await desk.getByTestId('scorecard-past-due').waitFor();
    expect(await desk.getByTestId('scorecard-submit').count()).toBe(0);
    expect(await desk.getByTestId('score-c0-10').isDisabled()).toBe(true);
    await screenshot(desk, 'review-scorecard-past-due-1920');
    // Over the API the same save is refused with its reason, and nothing is stored.
    await reviewers.r2.call('POST', '/api/account/login', { email: 'r2@experts.test', password: PASSWORD });
    const refused = await reviewers.r2
      .call('PUT', `/api/review/rounds/${roundId}/subjects/${subjects[0]}/scorecard`, { scores: { c0: 1, c1: 1 }, submit: true })
      .then(() => 'saved', (error: Error) => error.message);
    expect(refused).toContain('review_round_past_due');
    const phone = await (await newPhone(browser)).newPage();
    await signIn(phone, app.url, '/platform/reviews', 'r2@experts.test');
    await phone.getByTestId('my-review-past-due').waitFor();
    expect(await phone.getByTestId('my-review-due').getAttribute('data-past-due')).toBe('true');
    await screenshot(phone, 'review-my-reviews-past-due-390');

    // The owner clears the due date: the scorecards open again.
    await owner.getByTestId('review-settings-due').fill('');
    await owner.getByTestId('review-settings-save').click();
    await owner.getByTestId('review-round-past-due').waitFor({ state: 'detached' });
    expect(await owner.getByTestId('review-pool-overdue').count()).toBe(0);
    await desk.reload();
    await desk.getByTestId('scorecard-submit').waitFor();
  });

  it('the remaining reviews arrive (R2 on a desktop scorecard, the rest over the API)', async () => {
    const desk = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    await signIn(desk, app.url, `/platform/reviews/${roundId}/${subjects[0]}`, 'r2@experts.test');
    await desk.getByTestId('scorecard-form').waitFor();
    await desk.getByTestId('score-c0-10').check();
    await desk.getByTestId('score-c1-5').check();
    await desk.getByTestId('scorecard-comment').fill('Strong team, bold idea.');
    await screenshot(desk, 'review-scorecard-desktop');
    await desk.getByTestId('scorecard-submit').click();
    await expect.poll(() => desk.getByTestId('scorecard-page').getAttribute('data-status')).toBe('submitted');
    for (const role of ['r1', 'r2', 'r3'] as const) {
      await reviewers[role].call('POST', '/api/account/login', { email: `${role}@experts.test`, password: PASSWORD });
      for (const [index, scores] of SCORES[role].entries()) {
        if (scores === null || (index === 0 && role !== 'r3')) continue;
        await reviewers[role].call('PUT', `/api/review/rounds/${roundId}/subjects/${subjects[index]}/scorecard`, { scores, comment: `Comment from ${role}`, submit: true });
      }
    }
  });

  it('the owner’s normalised ranking matches the fixture: S4, S1, S2, S3', async () => {
    await owner.reload();
    await owner.getByTestId('review-tab-results').click();
    await owner.getByTestId('review-results-table').waitFor();
    await expect.poll(() => owner.getByTestId('review-result-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-subject')))).toEqual([subjects[3], subjects[0], subjects[1], subjects[2]]);
    expect(await owner.getByTestId('review-result-normalised').allInnerTexts()).toEqual(['9.86', '7.21', '5.22', '4.66']);
    expect(await owner.getByTestId('review-result-mean').allInnerTexts()).toEqual(['7.00', '7.00', '6.00', '6.00']);
    expect(await owner.getByTestId('review-result-title').allInnerTexts()).toEqual([TEAMS[3], TEAMS[0], TEAMS[1], TEAMS[2]]);
    expect(await owner.getByTestId('review-result-disagreement').count()).toBe(4);
    await screenshot(owner, 'review-results-1920');
    // The same results on the owner's phone: the table scrolls sideways inside its card.
    const phone = await (await newPhone(browser)).newPage();
    await signIn(phone, app.url, `/platform/reviews/${roundId}`, 'owner@baosteel.test');
    await phone.getByTestId('review-tab-results').click();
    await expect.poll(() => phone.getByTestId('review-result-rank').allInnerTexts()).toEqual(['1', '2', '3', '4']);
    await screenshot(phone, 'review-results-phone');
  });

  it('a decision with feedback is recorded; the team sees it on its response page', async () => {
    const row = owner.locator(`[data-testid="review-result-row"][data-subject="${subjects[3]}"]`);
    // The box follows the stored shortlist: it turns once the server has answered.
    await row.getByTestId('review-result-shortlist').click();
    await owner.getByTestId('review-results-notice').waitFor();
    await expect.poll(() => row.getByTestId('review-result-shortlist').isChecked()).toBe(true);
    await row.getByTestId('review-result-decide').click();
    await owner.getByTestId('review-decision-advance').check();
    await owner.getByTestId('review-decision-feedback').fill('Advance to the agreement stage — 请准备合作协议。');
    await owner.getByTestId('review-decision-save').click();
    await expect.poll(() => row.getByTestId('review-result-decision').textContent()).toBe('Advance');
    await screenshot(owner, 'review-decided-1920');
    const team = await (await newPhone(browser)).newPage();
    await signIn(team, app.url, `/platform/responses/${subjects[3]}`, 'chen@solver.test');
    await team.getByTestId('response-review-feedback').waitFor();
    expect(await team.getByTestId('response-review-decision').getAttribute('data-decision')).toBe('advance');
    expect(await team.getByTestId('response-review-feedback-text').innerText()).toBe('Advance to the agreement stage — 请准备合作协议。');
    const shown = await team.getByTestId('response-review-feedback').innerText();
    for (const name of ['Reviewer One', 'Reviewer Two', 'Reviewer Three', 'Ask about the supplier']) expect(shown).not.toContain(name);
    await team.getByTestId('response-review-feedback').scrollIntoViewIfNeeded();
    await screenshot(team, 'review-team-feedback-phone');
  });

  it('the decision to advance moved the response into the agreement stage of the pipeline', async () => {
    await owner.getByTestId('nav-pipeline').click();
    const column = (stage: string) => owner.getByTestId(`pipeline-column-${stage}`).getByTestId('pipeline-card');
    await expect.poll(() => column('agreement').allInnerTexts()).toEqual([expect.stringContaining(TEAMS[3])]);
    expect((await column('proposal').allInnerTexts()).map((text) => TEAMS.find((team) => text.includes(team))).sort()).toEqual([TEAMS[0], TEAMS[1], TEAMS[2]].sort());
    await screenshot(owner, 'review-pipeline-agreement-1920');
  });
});
