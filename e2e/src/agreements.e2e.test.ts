import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiAccount } from './support/apiAccount.js';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newPhone, screenshot } from './support/browser.js';
import { fillSignIn, signInAt } from './support/signIn.js';

const run = promisify(execFile);
const DESKTOP = { width: 1440, height: 900 } as const;
const PASSWORD = 'agreement passphrase 协议';
const ADMIN = { email: 'ada@ideasphere.test', password: 'platform admin passphrase' };
const SENDER = { email: 'wang.fang@tongji.edu.cn', name: '王芳' };
const LI = { email: 'li.lei@example.cn', name: '李雷' };
const HAN = { email: 'han@example.org', name: 'Han Meimei' };
const ORG = '同济大学 Tongji University';
const TITLE = '低碳钢工艺合作协议';

/** Draws a signature on the signing canvas (a rising stroke, a loop and a tail) and returns the inked pixels. */
async function drawSignature(phone: Page): Promise<number> {
  const canvas = phone.getByTestId('signature-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no signature canvas');
  await phone.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.7);
  await phone.mouse.down();
  for (let step = 1; step <= 40; step++) {
    const x = 0.1 + (0.8 * step) / 40;
    const y = 0.5 + 0.25 * Math.sin(step / 3) - 0.1 * Math.cos(step / 7);
    await phone.mouse.move(box.x + box.width * x, box.y + box.height * y);
  }
  await phone.mouse.up();
  await phone.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await phone.mouse.down();
  await phone.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.8, { steps: 8 });
  await phone.mouse.up();
  return canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement;
    const pixels = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let count = 0;
    for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) count++;
    return count;
  });
}

/** What `pdfsig` (poppler-utils) says of a PDF file; it exits non-zero when a signature is not valid. */
async function pdfsig(file: string): Promise<string> {
  return (await run('pdfsig', [file]).catch((failure: { stdout?: string }) => ({ stdout: failure.stdout ?? '' }))).stdout;
}

/** A copy of a PDF with one byte of its metadata changed (a digit of the Creator string). */
function oneByteChanged(pdf: Buffer): Buffer {
  const tampered = Buffer.from(pdf);
  const at = tampered.indexOf('/Creator <FEFF') + '/Creator <FEFF'.length + 3;
  expect(at).toBeGreaterThan(20);
  tampered[at] = tampered[at] === 0x39 ? 0x38 : 0x39;
  return tampered;
}

/**
 * An agreement from draft to sealed PDF in real browsers: a member sends a Chinese cooperation
 * agreement to two signers in order; the first signs on a phone with a drawn signature, the
 * second on a desktop with a typed name; pdfsig finds the sealed PDF valid, and the public
 * verification page tells the original from a copy with one byte changed.
 */
describe('agreements: create, send, sign on phone and desktop, seal, verify', () => {
  let app: AppProcess;
  let browser: Browser;
  let sender: Page;
  let agreementUrl: string;
  let signedPdf: Buffer;
  let dir: string;

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    dir = await mkdtemp(path.join(tmpdir(), 'agreements-e2e-'));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const desktop = (): Promise<BrowserContext> => browser.newContext({ viewport: DESKTOP, locale: 'en-US', acceptDownloads: true });

  const signIn = (page: Page, email: string, password = PASSWORD) => fillSignIn(page, { email, password });

  async function signUp(page: Page, account: { email: string; name: string }): Promise<void> {
    await page.goto(`${app.url}/platform`);
    await page.getByTestId('to-sign-up').click();
    await page.getByTestId('link-form-signup').waitFor();
    await page.getByTestId('link-name').fill(account.name);
    await page.getByTestId('link-email').fill(account.email);
    await page.getByTestId('link-password').fill(PASSWORD);
    await page.getByTestId('link-confirm').fill(PASSWORD);
    await page.getByTestId('link-submit').click();
    await page.getByTestId('nav-agreements').waitFor();
  }

  it('sets up an admin, an organisation with a member, and two signer accounts', async () => {
    const printed = /(http:\/\/\S+\/platform\/setup#token=[A-Za-z0-9_-]{43})/.exec(app.output.join(''));
    const admin = await (await desktop()).newPage();
    await admin.goto(printed?.[1] ?? '');
    await admin.getByTestId('link-name').fill('Ada Admin');
    await admin.getByTestId('link-email').fill(ADMIN.email);
    await admin.getByTestId('link-password').fill(ADMIN.password);
    await admin.getByTestId('link-confirm').fill(ADMIN.password);
    await admin.getByTestId('link-submit').click();
    await admin.getByTestId('platform-home').waitFor();
    await admin.getByTestId('nav-orgs').click();
    await admin.getByTestId('org-name').fill(ORG);
    await admin.getByTestId('org-kind').selectOption('university');
    await admin.getByTestId('org-submit').click();
    await admin.getByRole('link', { name: ORG }).click();
    await admin.getByTestId('invite-email').fill(SENDER.email);
    await admin.getByTestId('invite-submit').click();
    const inviteUrl = await admin.getByTestId('invite-link-url').inputValue();
    await admin.context().close();

    sender = await (await desktop()).newPage();
    await sender.goto(inviteUrl);
    await sender.getByTestId('link-name').fill(SENDER.name);
    await sender.getByTestId('link-password').fill(PASSWORD);
    await sender.getByTestId('link-confirm').fill(PASSWORD);
    await sender.getByTestId('link-submit').click();
    await sender.getByTestId('platform-home').waitFor();

    for (const account of [LI, HAN]) {
      const page = await (await desktop()).newPage();
      await signUp(page, account);
      // Nothing to sign yet, and no organisation to send from.
      await page.getByTestId('nav-agreements').click();
      await page.getByTestId('agreements-empty').waitFor();
      expect(await page.getByTestId('agreement-new').count()).toBe(0);
      await page.context().close();
    }
  });

  it('lets the member draft a Chinese cooperation agreement with two signers in order, and send it', async () => {
    await sender.getByTestId('nav-agreements').click();
    await sender.getByTestId('agreements-empty').waitFor();
    await sender.getByTestId('agreement-new').click();
    await sender.getByTestId('agreement-form').waitFor();
    await sender.getByTestId('agreement-kind').selectOption('cooperation');
    await sender.getByTestId('agreement-language').selectOption('zh');
    await sender.getByTestId('agreement-var-title').fill(TITLE);
    await sender.getByTestId('agreement-var-partyA').fill(ORG);
    await sender.getByTestId('agreement-var-partyB').fill(`${LI.name}、${HAN.name}`);
    await sender.getByTestId('agreement-var-reward').fill('人民币 50,000 元');
    await sender.getByTestId('agreement-var-startDate').fill('2026-03-01');
    await sender.getByTestId('agreement-var-endDate').fill('2026-12-31');
    await sender.getByTestId('agreement-var-challengeTitle').fill('低碳炼钢工艺');
    await sender.getByTestId('agreement-var-proposalTitle').fill('氢基直接还原中试');
    // The preview fills the template as the sender types.
    await expect.poll(() => sender.getByTestId('agreement-preview').textContent()).toContain('氢基直接还原中试');
    expect(await sender.getByTestId('agreement-preview').textContent()).not.toContain('{{');

    // Signers in the wrong order first, then put right with the move buttons.
    await sender.getByTestId('signer-email').first().fill(HAN.email);
    await sender.getByTestId('signer-add').click();
    await sender.getByTestId('signer-email').nth(1).fill(LI.email);
    await sender.getByTestId('signer-up').nth(1).click();
    expect(await sender.getByTestId('signer-email').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([LI.email, HAN.email]);
    await sender.getByTestId('agreement-order-sequential').check();
    await screenshot(sender, 'agreement-create-desktop');

    // Saved as a draft first: the page is the draft's own, still editable.
    await sender.getByTestId('agreement-save').click();
    await sender.waitForURL(/\/platform\/agreements\/[A-Za-z0-9_-]{8,}$/);
    await sender.getByTestId('agreement-form').waitFor();
    agreementUrl = sender.url();
    expect(await sender.getByTestId('agreement-var-title').inputValue()).toBe(TITLE);

    await sender.getByTestId('agreement-send').click();
    await sender.getByTestId('send-confirm').waitFor();
    await sender.getByTestId('dialog-confirm').click();
    await expect.poll(() => sender.getByTestId('agreement-page-status').textContent()).toBe('Out for signing');
    expect(await sender.getByTestId('agreement-signer').count()).toBe(2);
    expect(await sender.getByTestId('sender-panel').isVisible()).toBe(true);
    await sender.getByTestId('nav-agreements').click();
    await expect.poll(() => sender.getByTestId('agreement-waiting').textContent()).toBe(`Waiting for: ${LI.name}, ${HAN.name}`);
  });

  it('lets the first signer sign on a phone with a drawn signature', async () => {
    // The second signer must wait for the first.
    const han = await (await desktop()).newPage();
    await han.goto(agreementUrl);
    await signIn(han, HAN.email);
    await han.getByTestId('agreement-not-your-turn').waitFor();
    expect(await han.getByTestId('sign-panel').count()).toBe(0);
    await han.context().close();

    const phone = await (await newPhone(browser)).newPage();
    await phone.goto(agreementUrl);
    await signIn(phone, LI.email);
    await phone.getByTestId('sign-panel').waitFor();
    // On a phone the PDF opens in the phone's own viewer; no iframe in the layout.
    expect(await phone.getByTestId('agreement-open-pdf').isVisible()).toBe(true);
    expect(await phone.getByTestId('agreement-pdf').isVisible()).toBe(false);
    expect(await phone.getByTestId('agreement-open-pdf').getAttribute('href')).toMatch(/\/document\.pdf$/);

    // Without consent nothing is sent.
    await phone.getByTestId('sign-method-drawn').check();
    await phone.getByTestId('sign-submit').click();
    await expect.poll(() => phone.getByTestId('sign-error').textContent()).toContain('consent');
    await phone.getByTestId('sign-consent').check();

    expect(await drawSignature(phone)).toBeGreaterThan(200);
    await screenshot(phone, 'agreement-sign-phone');

    await phone.getByTestId('sign-submit').click();
    await phone.getByTestId('sign-panel').waitFor({ state: 'detached' });
    await expect.poll(() => phone.getByTestId('agreement-signer-state').first().textContent()).toMatch(/^Signed /);
    expect(await phone.getByTestId('agreement-page-status').textContent()).toBe('Out for signing');
    await phone.context().close();
  });

  it('lets the second signer sign on a desktop by typing their name', async () => {
    const page = await (await desktop()).newPage();
    await page.goto(agreementUrl);
    await signIn(page, HAN.email);
    await page.getByTestId('sign-panel').waitFor();
    expect(await page.getByTestId('agreement-pdf').isVisible()).toBe(true);
    // The keyboard way: tick the consent with Space, type, press Enter.
    await page.getByTestId('sign-consent').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('sign-name').fill(HAN.name);
    await page.getByTestId('sign-name-preview').waitFor();
    await screenshot(page, 'agreement-sign-desktop');
    await page.getByTestId('sign-name').press('Enter');
    await expect.poll(() => page.getByTestId('agreement-page-status').textContent()).toBe('Completed');
    await page.getByTestId('agreement-download').waitFor();
    await page.context().close();
  });

  it('gives the sender the sealed PDF, which pdfsig finds valid', async () => {
    await sender.goto(agreementUrl);
    await sender.getByTestId('agreement-completed').waitFor();
    await expect.poll(() => sender.getByTestId('audit-entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')).filter((a) => a !== 'viewed'))).toEqual([
      'created',
      'sent',
      'signed',
      'signed',
      'completed',
    ]);
    await screenshot(sender, 'agreement-completed-desktop');

    const [download] = await Promise.all([sender.waitForEvent('download'), sender.getByTestId('agreement-download').click()]);
    const file = path.join(dir, 'signed.pdf');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/-signed\.pdf$/);
    expect(await pdfsig(file)).toContain('Signature is Valid.');
    signedPdf = await readFile(file);
  });

  it('tells the original from a copy with one byte changed on the verification page', async () => {
    const tampered = oneByteChanged(signedPdf);
    const tamperedFile = path.join(dir, 'tampered.pdf');
    await writeFile(tamperedFile, tampered);
    expect(await pdfsig(tamperedFile)).not.toContain('Signature is Valid.');

    await sender.getByTestId('agreement-verify-link').click();
    await sender.getByTestId('platform-verify').waitFor();
    await sender.getByTestId('verify-file').setInputFiles({ name: 'tampered.pdf', mimeType: 'application/pdf', buffer: tampered });
    await sender.getByTestId('verify-modified').waitFor();
    await screenshot(sender, 'agreement-verify-modified-desktop');

    await sender.getByTestId('verify-file').setInputFiles({ name: 'signed.pdf', mimeType: 'application/pdf', buffer: signedPdf });
    await sender.getByTestId('verify-valid').waitFor();
    const valid = await sender.getByTestId('verify-valid').textContent();
    expect(valid).toContain(TITLE);
    expect(valid).toContain(LI.name);
    expect(valid).toContain(HAN.name);
    await screenshot(sender, 'agreement-verify-valid-desktop');

    // Anyone may check, on a phone, without an account; a PDF of something else is unknown.
    const phone = await (await newPhone(browser)).newPage();
    await phone.goto(`${app.url}/platform/verify`);
    await phone.getByTestId('verify-file').setInputFiles({ name: 'other.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await phone.getByTestId('verify-unknown').waitFor();
    await phone.getByTestId('verify-file').setInputFiles({ name: 'signed.pdf', mimeType: 'application/pdf', buffer: signedPdf });
    await phone.getByTestId('verify-valid').waitFor();
    await screenshot(phone, 'agreement-verify-valid-phone');
    await phone.context().close();
  });
});

/**
 * Issue 13 from a challenge response, and the ways an agreement ends without completing: the
 * organisation makes an agreement from a response of a challenge in review (filled in from the
 * platform, the frozen proposal attached), voids one, sends a corrected version of another (the
 * old one stays, void, pointing to the new), and a team member declines on a phone. Each signer
 * sees the status and who still has to sign; the response page lists all of them.
 */
describe('agreements from a challenge response: void, corrected version, decline', () => {
  let app: AppProcess;
  let browser: Browser;
  let poster: Page;
  let member: ApiAccount;
  let challengeId = '';
  let responseId = '';
  let dir: string;
  const first = (page: Page) => /\/platform\/agreements\/([A-Za-z0-9_-]{8,})$/.exec(page.url())?.[1] ?? '';

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    const setup = /\/platform\/setup#token=([A-Za-z0-9_-]{43})/.exec(app.output.join(''));
    const admin = new ApiAccount(app.url);
    await admin.call('POST', '/api/account/setup', { token: setup?.[1], email: ADMIN.email, name: 'Ada Admin', password: PASSWORD });
    const org = await admin.call<{ id: string }>('POST', '/api/orgs', { name: '宝钢研究院', kind: 'company' });
    const accept = async (email: string, name: string, organisationId?: string) => {
      const invite = await admin.call<{ link: { url: string } }>('POST', '/api/invites', { email, ...(organisationId ? { organisationId } : {}) });
      const account = new ApiAccount(app.url);
      await account.call('POST', '/api/account/invites/accept', { token: new URL(invite.link.url).hash.replace('#token=', ''), name, password: PASSWORD });
      return account;
    };
    dir = await mkdtemp(path.join(tmpdir(), 'agreements-response-e2e-'));
    member = await accept('manager@baosteel.test', '王经理', org.id);
    const solver = await accept('chen@solver.test', '陈晨');
    await accept('sam@solver.test', 'Sam Lee');
    const fields = await member.call<{ id: string }[]>('GET', '/api/fields');
    const challenge = await member.call<{ id: string }>('POST', '/api/challenges', {
      organisationId: org.id,
      title: '低碳炼钢 Low-carbon steel',
      problem: '降低每吨钢的碳排放。',
      fieldIds: [fields[0]?.id],
      deadline: { local: '2030-06-30T18:00', timeZone: 'Asia/Shanghai' },
      visibility: 'public',
      reward: '中试经费 50 万元',
      criteria: [{ name: '可行性', weight: 100 }],
    });
    challengeId = challenge.id;
    await member.call('POST', `/api/challenges/${challenge.id}/transitions`, { to: 'open' });
    responseId = (await solver.call<{ id: string }>('POST', `/api/challenges/${challenge.id}/responses`, { teamName: '氢能队', language: 'zh' })).id;
    await solver.call('POST', `/api/responses/${responseId}/members`, { email: 'sam@solver.test' });
    await solver.call('POST', `/api/responses/${responseId}/submit`);
    for (const to of ['closed', 'in_review']) await member.call('POST', `/api/challenges/${challenge.id}/transitions`, { to });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const signInOn = (page: Page, path: string, email: string) => signInAt(page, app.url, { email, password: PASSWORD }, { path });

  /** From the response page: a new agreement, filled in, sent in the given order; resolves with its id. */
  async function sendFromResponse(order: 'sequential' | 'parallel'): Promise<string> {
    await poster.goto(`${app.url}/platform/responses/${responseId}`);
    await poster.getByTestId('response-create-agreement').click();
    await poster.getByTestId('agreement-form').waitFor();
    await expect.poll(() => poster.getByTestId('agreement-var-partyA').inputValue()).toBe('宝钢研究院');
    await poster.getByTestId('agreement-language').selectOption('zh');
    await poster.getByTestId(`agreement-order-${order}`).check();
    await poster.getByTestId('agreement-send').click();
    await poster.getByTestId('dialog-confirm').click();
    await expect.poll(() => poster.getByTestId('agreement-page').getAttribute('data-status')).toBe('sent');
    return first(poster);
  }

  it('fills an agreement from a response in review, with the frozen proposal attached, and sends it', async () => {
    poster = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
    await signInOn(poster, `/platform/responses/${responseId}`, 'manager@baosteel.test');
    await poster.getByTestId('response-agreements').waitFor();
    await poster.getByTestId('response-create-agreement').click();
    await poster.getByTestId('agreement-form').waitFor();
    await expect.poll(() => poster.getByTestId('agreement-var-partyB').inputValue()).toBe('氢能队 (陈晨, Sam Lee)');
    expect(await poster.getByTestId('agreement-var-challengeTitle').inputValue()).toBe('低碳炼钢 Low-carbon steel');
    expect(await poster.getByTestId('agreement-var-reward').inputValue()).toBe('中试经费 50 万元');
    expect(await poster.getByTestId('agreement-attach-proposal').isChecked()).toBe(true);
    expect(await poster.getByTestId('signer-email').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([
      'manager@baosteel.test',
      'chen@solver.test',
      'sam@solver.test',
    ]);
    await screenshot(poster, 'agreements-from-response-form-desktop');
  });

  it('voids a sent agreement: the signer sees it void, with the reason', async () => {
    const voided = await sendFromResponse('sequential');
    await poster.getByTestId('agreement-void').click();
    await poster.getByTestId('dialog-input').fill('条款需要法务复核');
    await poster.getByTestId('dialog-confirm').click();
    await expect.poll(() => poster.getByTestId('agreement-page').getAttribute('data-status')).toBe('voided');

    const phone = await (await newPhone(browser, 'zh-CN')).newPage();
    await signInOn(phone, `/platform/agreements/${voided}`, 'chen@solver.test');
    await expect.poll(() => phone.getByTestId('agreement-voided').textContent()).toContain('条款需要法务复核');
    expect(await phone.getByTestId('sign-panel').count()).toBe(0);
    await screenshot(phone, 'agreements-voided-phone');
    await phone.context().close();
  });

  it('sends a corrected version: the old one stays, void, and leads to the new one', async () => {
    const old = await sendFromResponse('sequential');
    await poster.getByTestId('agreement-correct').click();
    await poster.getByTestId('dialog-input').fill('奖励金额有误');
    await poster.getByTestId('dialog-confirm').click();
    await expect.poll(() => first(poster)).not.toBe(old);
    await poster.getByTestId('agreement-form').waitFor();
    expect(await poster.getByTestId('agreement-annex').textContent()).toContain('氢能队');
    await poster.getByTestId('agreement-var-reward').fill('中试经费 60 万元');
    await poster.getByTestId('agreement-order-parallel').check();
    await poster.getByTestId('agreement-send').click();
    await poster.getByTestId('dialog-confirm').click();
    await expect.poll(() => poster.getByTestId('agreement-page').getAttribute('data-status')).toBe('sent');

    const phone = await (await newPhone(browser, 'zh-CN')).newPage();
    await signInOn(phone, `/platform/agreements/${old}`, 'chen@solver.test');
    await phone.getByTestId('agreement-voided').waitFor();
    await screenshot(phone, 'agreements-corrected-old-phone');
    await phone.getByTestId('agreement-voided').getByRole('link').click();
    await phone.getByTestId('sign-panel').waitFor();
    await expect.poll(() => phone.getByTestId('agreement-signer').count()).toBe(3);
    expect(await phone.getByTestId('agreement-signer').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).toEqual(['pending', 'pending', 'pending']);
    await screenshot(phone, 'agreements-corrected-new-phone');
    await phone.context().close();
  });

  it('a team member declines on a phone; everyone sees who declined and why, and the response lists all three', async () => {
    const sam = await (await newPhone(browser, 'en-US')).newPage();
    await signInOn(sam, `/platform/responses/${responseId}`, 'sam@solver.test');
    // Sam was a signer of all three (oldest first): the last is the corrected version, out for signing.
    await expect.poll(() => sam.getByTestId('response-agreement-list').getByRole('link').count()).toBe(3);
    await sam.getByTestId('response-agreement-list').getByRole('link').last().click();
    await sam.getByTestId('sign-panel').waitFor();
    await sam.getByTestId('sign-decline').click();
    await sam.getByTestId('dialog-input').fill('I cannot commit my lab time in 2027.');
    await screenshot(sam, 'agreements-decline-phone');
    await sam.getByTestId('dialog-confirm').click();
    await expect.poll(() => sam.getByTestId('agreement-page').getAttribute('data-status')).toBe('declined');
    expect(await sam.getByTestId('agreement-declined').textContent()).toContain('I cannot commit my lab time in 2027.');
    await sam.context().close();

    await poster.reload();
    await expect.poll(() => poster.getByTestId('agreement-declined').textContent()).toContain('Sam Lee');
    await poster.goto(`${app.url}/platform/responses/${responseId}`);
    await expect.poll(() => poster.getByTestId('response-agreement-list').locator('[data-status]').evaluateAll((s) => s.map((e) => e.getAttribute('data-status')))).toEqual([
      'voided',
      'voided',
      'declined',
    ]);
    await screenshot(poster, 'agreements-response-list-desktop');
  });

  it('the decided response: the organisation types, one teammate draws on a phone, the other types; pdfsig finds the seal valid and the verification page refuses a changed byte', async () => {
    await member.call('POST', `/api/challenges/${challengeId}/transitions`, { to: 'decided' });
    const id = await sendFromResponse('sequential');
    await expect.poll(() => poster.getByTestId('agreement-signer').count()).toBe(3);

    // The organisation signs first, on a desktop, by typing.
    await poster.getByTestId('sign-panel').waitFor();
    await poster.getByTestId('sign-consent').check();
    await poster.getByTestId('sign-name').fill('王经理');
    await poster.getByTestId('sign-name').press('Enter');
    await poster.getByTestId('sign-panel').waitFor({ state: 'detached' });

    // 陈晨 on a phone, with a drawn signature.
    const chen = await (await newPhone(browser, 'zh-CN')).newPage();
    await signInOn(chen, `/platform/agreements/${id}`, 'chen@solver.test');
    await chen.getByTestId('sign-panel').waitFor();
    await chen.getByTestId('sign-consent').check();
    await chen.getByTestId('sign-method-drawn').check();
    expect(await drawSignature(chen)).toBeGreaterThan(200);
    await screenshot(chen, 'agreements-decided-sign-phone-zh');
    await chen.getByTestId('sign-submit').click();
    await chen.getByTestId('sign-panel').waitFor({ state: 'detached' });
    await chen.context().close();

    // Sam, last, on a desktop by typing: the agreement completes.
    const sam = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    await signInOn(sam, `/platform/agreements/${id}`, 'sam@solver.test');
    await sam.getByTestId('sign-panel').waitFor();
    await sam.getByTestId('sign-consent').check();
    await sam.getByTestId('sign-name').fill('Sam Lee');
    await sam.getByTestId('sign-name').press('Enter');
    await expect.poll(() => sam.getByTestId('agreement-page').getAttribute('data-status')).toBe('completed');
    await sam.context().close();

    await poster.reload();
    await poster.getByTestId('agreement-download').waitFor();
    const [download] = await Promise.all([poster.waitForEvent('download'), poster.getByTestId('agreement-download').click()]);
    const file = path.join(dir, 'decided-signed.pdf');
    await download.saveAs(file);
    expect(await pdfsig(file)).toContain('Signature is Valid.');
    const signed = await readFile(file);

    const tampered = oneByteChanged(signed);
    await poster.goto(`${app.url}/platform/verify`);
    await poster.getByTestId('verify-file').setInputFiles({ name: 'tampered.pdf', mimeType: 'application/pdf', buffer: tampered });
    await poster.getByTestId('verify-modified').waitFor();
    await poster.getByTestId('verify-file').setInputFiles({ name: 'signed.pdf', mimeType: 'application/pdf', buffer: signed });
    await poster.getByTestId('verify-valid').waitFor();
    const valid = await poster.getByTestId('verify-valid').textContent();
    for (const name of ['王经理', '陈晨', 'Sam Lee']) expect(valid).toContain(name);
    await screenshot(poster, 'agreements-decided-verify-desktop');
  });
});
