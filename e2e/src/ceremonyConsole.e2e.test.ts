import { type CreatedSession, type JoinedSession, PROTOCOL_VERSION, type SessionInfo, type SessionSnapshot } from '@ideasphere/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { BIG_SCREEN, launchChromium, newPhone, screenshot } from './support/browser.js';
import { selfiePng } from './support/selfie.js';
import { expectOnScreen } from './support/visible.js';

/**
 * Issue 4, the facilitator's and the guest's side of the ceremony: a session with two venues is
 * created in the console; a phone joins through the sub-venue's link (with a consented photo),
 * another through the plain link; the console counts each venue, hides a face, switches the
 * screens; the guest removes their photo. The server's own state is checked after each action.
 */
describe('ceremony console and phone: venues, consent, faces, screen switching', () => {
  let app: AppProcess;
  let browser: Browser;
  let created: CreatedSession;
  let consoleContext: BrowserContext;
  let consolePage: Page;
  let phoneA: Page;
  let phoneB: Page;
  let facilitator: Socket;

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
  });
  afterAll(async () => {
    facilitator?.close();
    await browser?.close();
    await app?.dispose();
  });

  const venueId = (index: number) => created.venues[index]?.id ?? '';
  const venueRow = (index: number) => consolePage.locator(`[data-testid="venue-row"][data-venue-id="${venueId(index)}"]`);
  const participantRow = (name: string) => consolePage.getByTestId('participant-item').filter({ hasText: name });

  async function info(): Promise<SessionInfo> {
    return (await (await fetch(`${app.url}/api/sessions/${created.code}`)).json()) as SessionInfo;
  }

  /** What the server holds, read over its own protocol as the facilitator. */
  async function serverSnapshot(): Promise<SessionSnapshot> {
    const ack = (await facilitator.timeout(10_000).emitWithAck('session:snapshot', {})) as { ok: true; data: SessionSnapshot };
    expect(ack.ok).toBe(true);
    return ack.data;
  }

  async function serverParticipant(name: string) {
    const snapshot = await serverSnapshot();
    return snapshot.firstPage.participants.find((p) => p.name === name);
  }

  /**
   * Jumps to a console section with its tab and waits until the section's top is in view. What
   * is checked is where the page is, not the tabs' scroll-spy, whose highlight depends on how far
   * a short last section can scroll (it made this wait flaky).
   */
  async function showSection(section: 'ceremony' | 'participants'): Promise<void> {
    await consolePage.getByTestId(`tab-${section}`).click();
    // End the smooth scroll where it was heading, so what follows sees a still page.
    await consolePage.evaluate((id) => document.getElementById(id)?.scrollIntoView({ block: 'start', behavior: 'instant' }), `section-${section}`);
    await expect
      .poll(() =>
        consolePage.evaluate((id) => {
          const box = document.getElementById(id)?.getBoundingClientRect();
          return box !== undefined && box.top < window.innerHeight / 2 && box.bottom > 0;
        }, `section-${section}`),
      )
      .toBe(true);
  }

  it('creates a session with two venues from the console', async () => {
    consoleContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    consolePage = await consoleContext.newPage();
    await consolePage.goto(`${app.url}/`);
    await consolePage.getByTestId('create-title').fill('Launch of the innovation platform');
    // One venue row by default; a second one is added, then a third added and removed again.
    await expect.poll(() => consolePage.getByTestId('create-venue-name').count()).toBe(1);
    await consolePage.getByTestId('create-venue-name').first().fill('Main hall');
    await consolePage.getByTestId('create-venue-add').click();
    await consolePage.getByTestId('create-venue-name').nth(1).fill('Sub-venue A');
    await consolePage.getByTestId('create-venue-add').click();
    await expect.poll(() => consolePage.getByTestId('create-venue-name').count()).toBe(3);
    await consolePage.getByTestId('create-venue-remove').nth(2).click();
    await expect.poll(() => consolePage.getByTestId('create-venue-name').count()).toBe(2);
    await screenshot(consolePage, 'ceremony-create-venues');

    const response = consolePage.waitForResponse((r) => r.url().endsWith('/api/sessions') && r.request().method() === 'POST');
    await consolePage.getByTestId('create-submit').click();
    created = (await (await response).json()) as CreatedSession;
    await consolePage.waitForURL(`**/f/${created.code}`);
    expect(created.venues.map((v) => v.name)).toEqual(['Main hall', 'Sub-venue A']);
    expect(created.venueScreens.map((s) => s.venueId)).toEqual(created.venues.map((v) => v.id));

    await showSection('ceremony');
    await expectOnScreen(consolePage, consolePage.getByTestId('ceremony-panel'));
    await expect.poll(() => consolePage.getByTestId('venue-row').count()).toBe(2);
    // Join link and screen link of each venue, the screen link kept from the creation.
    expect(await venueRow(1).getByTestId('venue-join-url').inputValue()).toBe(created.venues[1]?.joinUrl);
    expect(await venueRow(1).getByTestId('venue-open-screen').getAttribute('href')).toBe(created.venueScreens[1]?.screenUrl);
    expect(await venueRow(0).getByTestId('venue-count').innerText()).toBe('0');

    facilitator = io(app.url, {
      transports: ['websocket'],
      forceNew: true,
      auth: { protocolVersion: PROTOCOL_VERSION, role: 'facilitator', code: created.code, token: created.facilitatorToken },
    });
    await new Promise<void>((resolve, reject) => {
      facilitator.once('connect', () => resolve());
      facilitator.once('connect_error', reject);
    });
  });

  it('a phone joins through the sub-venue link, sees its name, and must consent before adding a photo', async () => {
    const photo = await selfiePng(browser);
    const context = await newPhone(browser);
    phoneA = await context.newPage();
    await phoneA.goto(created.venues[1]?.joinUrl ?? '');
    await expect.poll(() => phoneA.getByTestId('join-venue-name').innerText()).toContain('Sub-venue A');
    await phoneA.getByTestId('join-name').fill('Ann');
    // No photo without the explicit yes.
    await expect.poll(() => phoneA.getByTestId('join-photo-input').isDisabled()).toBe(true);
    await phoneA.getByTestId('photo-consent').check();
    await expect.poll(() => phoneA.getByTestId('join-photo-input').isDisabled()).toBe(false);
    await phoneA.getByTestId('join-photo-input').setInputFiles({ name: 'selfie.png', mimeType: 'image/png', buffer: photo });
    await phoneA.getByTestId('join-photo-preview').waitFor({ state: 'visible' });
    await screenshot(phoneA, 'phone-consent', { docs: true });

    const upload = phoneA.waitForResponse((r) => r.url().includes('/participants/me/photo') && r.request().method() === 'PUT');
    await phoneA.getByTestId('join-submit').click();
    expect(new URL((await upload).url()).searchParams.get('consent')).toBe('yes');
    await phoneA.getByTestId('joined-view').waitFor({ state: 'visible' });
    await expect.poll(() => phoneA.getByTestId('face-status').getAttribute('data-state')).toBe('photo');

    const ann = await serverParticipant('Ann');
    expect(ann?.venueId).toBe(venueId(1));
    expect(ann?.photoVersion).not.toBeNull();
    expect((await info()).venueCounts[venueId(1)]).toBe(1);
  });

  it('refuses a photo uploaded without consent, and stores nothing', async () => {
    const joined = (await (
      await fetch(`${app.url}/api/sessions/${created.code}/participants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'No consent', venueId: venueId(0) }),
      })
    ).json()) as JoinedSession;
    const refused = await fetch(`${app.url}/api/sessions/${created.code}/participants/me/photo`, {
      method: 'PUT',
      headers: { 'content-type': 'image/png', authorization: `Bearer ${joined.participantToken}` },
      body: new Uint8Array(await selfiePng(browser)),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('consent_required');
    expect((await serverParticipant('No consent'))?.photoVersion).toBeNull();
    // Removed again, so the counts below are the two phones'.
    const ack = (await facilitator.timeout(10_000).emitWithAck('participant:remove', { participantId: joined.participant.id })) as { ok: boolean };
    expect(ack.ok).toBe(true);
  });

  it('counts each venue in the console and labels every participant with theirs', async () => {
    const context = await newPhone(browser);
    phoneB = await context.newPage();
    await phoneB.goto(`${app.url}/j/${created.code}`);
    await phoneB.getByTestId('join-name').fill('Bo');
    await phoneB.getByTestId('join-submit').click();
    await phoneB.getByTestId('joined-view').waitFor({ state: 'visible' });
    await expect.poll(() => phoneB.getByTestId('face-status').getAttribute('data-state')).toBe('avatar');

    await expect.poll(() => venueRow(0).getByTestId('venue-count').innerText()).toBe('1');
    await expect.poll(() => venueRow(1).getByTestId('venue-count').innerText()).toBe('1');
    await expect.poll(() => participantRow('Ann').getByTestId('participant-venue').innerText()).toBe('Sub-venue A');
    await expect.poll(() => participantRow('Bo').getByTestId('participant-venue').innerText()).toBe('Main hall');
  });

  it('hides a face from the console at once, and the server agrees; showing it again works too', async () => {
    const button = participantRow('Ann').getByTestId('face-hide');
    expect(await button.getAttribute('data-hidden')).toBe('false');
    await button.focus();
    await consolePage.keyboard.press('Enter');
    await expect.poll(() => button.getAttribute('data-hidden')).toBe('true');
    await expect.poll(() => consolePage.getByTestId('face-toast').innerText()).toContain('Ann');
    await expect.poll(async () => (await serverParticipant('Ann'))?.faceHidden).toBe(true);
    const ann = await serverParticipant('Ann');
    const photo = await fetch(`${app.url}/api/sessions/${created.code}/participants/${ann?.id}/photo?v=${ann?.photoVersion}`);
    expect(photo.status).toBe(404);

    await button.click();
    await expect.poll(() => button.getAttribute('data-hidden')).toBe('false');
    await expect.poll(async () => (await serverParticipant('Ann'))?.faceHidden).toBe(false);
  });

  it('switches all screens, then one venue, starts the ceremony and the finale', async () => {
    await showSection('ceremony');
    await consolePage.getByTestId('switch-all-board').click();
    await expect.poll(() => consolePage.getByTestId('switch-all-board').getAttribute('aria-pressed')).toBe('true');
    let stage = (await serverSnapshot()).stage;
    expect(stage.ceremony.view).toBe('board');
    expect(stage.venues.map((v) => v.view)).toEqual(['board', 'board']);

    await venueRow(1).getByTestId('venue-switch-ceremony').click();
    await expect.poll(() => venueRow(1).getByTestId('venue-switch-ceremony').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => consolePage.getByTestId('switch-all-board').getAttribute('aria-pressed')).toBe('false');
    stage = (await serverSnapshot()).stage;
    expect(stage.venues.find((v) => v.id === venueId(1))?.view).toBe('ceremony');
    expect(stage.venues.find((v) => v.id === venueId(0))?.view).toBe('board');
    expect(stage.ceremony.view).toBe('board');

    await consolePage.getByTestId('ceremony-start').click();
    await expect.poll(() => consolePage.getByTestId('switch-all-ceremony').getAttribute('aria-pressed')).toBe('true');
    expect((await serverSnapshot()).stage.ceremony.stage).toBe('gathering');

    await consolePage.getByTestId('ceremony-message').fill('Welcome to the ball of creativity!');
    await consolePage.getByTestId('ceremony-finale').click();
    await expect.poll(() => consolePage.getByTestId('ceremony-stage').getAttribute('data-stage')).toBe('finale');
    const ceremony = (await serverSnapshot()).stage.ceremony;
    expect(ceremony.stage).toBe('finale');
    expect(ceremony.message).toBe('Welcome to the ball of creativity!');
    // Phones are told to look up.
    await expect.poll(() => phoneA.getByTestId('phone-finale').innerText()).toContain('Welcome to the ball of creativity!');
    await expect.poll(() => phoneB.getByTestId('phone-finale').isVisible()).toBe(true);
    await screenshot(phoneA, 'ceremony-phone-finale');
  });

  it('adds, renames and re-links a venue', async () => {
    await consolePage.getByTestId('venue-add-name').fill('Garden');
    await consolePage.getByTestId('venue-add-name').press('Enter');
    await expect.poll(() => consolePage.getByTestId('venue-row').count()).toBe(3);
    const garden = consolePage.getByTestId('venue-row').nth(2);
    await expect.poll(() => garden.getByTestId('venue-name').innerText()).toBe('Garden');
    const firstLink = await garden.getByTestId('venue-open-screen').getAttribute('href');
    expect(firstLink).toContain(`/s/${created.code}#key=`);

    await garden.getByTestId('venue-rename').click();
    await garden.getByTestId('venue-rename-input').fill('Garden tent');
    await garden.getByTestId('venue-rename-input').press('Enter');
    await expect.poll(() => garden.getByTestId('venue-name').innerText()).toBe('Garden tent');
    expect((await serverSnapshot()).stage.venues.map((v) => v.name)).toEqual(['Main hall', 'Sub-venue A', 'Garden tent']);

    await garden.getByTestId('venue-rotate-screen').click();
    await consolePage.getByTestId('venue-rotate-dialog').getByTestId('dialog-confirm').click();
    await expect.poll(() => garden.getByTestId('venue-open-screen').getAttribute('href')).not.toBe(firstLink);
  });

  it('lets the guest remove their photo from the joined view', async () => {
    await phoneA.locator('.joined-profile summary').click();
    await phoneA.getByTestId('photo-remove').click();
    await expect.poll(() => phoneA.getByTestId('photo-feedback').getAttribute('class')).toContain('alert-success');
    await expect.poll(() => phoneA.getByTestId('face-status').getAttribute('data-state')).toBe('avatar');
    await expect.poll(async () => (await serverParticipant('Ann'))?.photoVersion).toBeNull();
    // Adding one again asks for the yes first.
    await expect.poll(() => phoneA.getByTestId('joined-photo-input').isDisabled()).toBe(true);
    await expect.poll(() => phoneA.getByTestId('photo-consent').isChecked()).toBe(false);
  });

  it('shows the ceremony section at 1920×1080 and 1280×800 (screenshots)', async () => {
    await consolePage.getByTestId('ceremony-toast').waitFor({ state: 'detached' });
    await consolePage.setViewportSize(BIG_SCREEN);
    await showSection('ceremony');
    await expectOnScreen(consolePage, consolePage.getByTestId('venue-row'));
    await screenshot(consolePage, 'ceremony-console', { docs: true });
    await consolePage.setViewportSize({ width: 1280, height: 800 });
    await showSection('ceremony');
    await screenshot(consolePage, 'ceremony-console-1280');
    await showSection('participants');
    await expectOnScreen(consolePage, consolePage.getByTestId('face-hide'));
    await screenshot(consolePage, 'ceremony-console-participants');
    // Every string of the section exists in Chinese too.
    await consolePage.getByTestId('language-switcher').getByRole('button', { name: '中文' }).click();
    await showSection('ceremony');
    await expect.poll(() => consolePage.getByTestId('ceremony-panel').innerText()).toContain('入场仪式');
    await screenshot(consolePage, 'ceremony-console-zh');
  });
});
