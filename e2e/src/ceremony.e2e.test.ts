import type { CreatedSession, SessionInfo } from '@ideasphere/shared';
import { PROTOCOL_VERSION } from '@ideasphere/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newBigScreen, newPhone, screenshot } from './support/browser.js';
import { selfiePng } from './support/selfie.js';
import { expectOnScreen } from './support/visible.js';
import { decodeQr } from './support/zbar.js';

interface Guest {
  name: string;
  venue: 0 | 1;
  photo: boolean;
  page?: Page;
  id?: string;
}

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** What a ceremony screen reports through its test hooks (see specs/ceremony.md). */
interface SceneReport {
  faces: string[];
  hidden: string[];
  stage: string;
  queued: string | null;
  facesAttr: string | null;
}

const REPORT = `(() => {
  const scene = document.querySelector('[data-testid="ceremony-scene"]');
  const hooks = window.__ceremony;
  return {
    faces: hooks ? hooks.faceIds() : [],
    hidden: hooks ? hooks.hiddenIds() : [],
    stage: hooks ? hooks.stage : '',
    queued: scene ? scene.getAttribute('data-queued') : null,
    facesAttr: scene ? scene.getAttribute('data-faces') : null,
  };
})()`;

function report(page: Page): Promise<SceneReport> {
  return page.evaluate(REPORT) as Promise<SceneReport>;
}

/** The sorted ids on the ball once no arrival is still waiting in the queue. */
async function settledFaces(page: Page): Promise<string> {
  const r = await report(page);
  return r.queued === '0' ? [...r.faces].sort().join(',') : `queued ${r.queued}`;
}

/**
 * Issue 4, end to end: a session with two venues; phones join through each venue's QR link
 * (two with consented photos); a venue's big screen and the session-wide screen both show every
 * face on the three.js ball with per-venue counts; the facilitator hides a face in the console
 * and it leaves both screens; the finale shows its message; the screens switch to the board
 * (all, then one venue alone); after a server restart the screens reconnect by themselves.
 */
describe('join ceremony across two venues', () => {
  let app: AppProcess;
  let browser: Browser;
  let created: CreatedSession;
  let venueScreen: Page;
  let wideScreen: Page;
  let consolePage: Page;
  let facilitator: Socket | null = null;
  const guests: Guest[] = [
    { name: 'Ann Lee', venue: 0, photo: true },
    { name: '王小明', venue: 0, photo: false },
    { name: 'Carlos Díaz', venue: 1, photo: true },
    { name: 'Dana Scott', venue: 1, photo: false },
  ];
  const phones: BrowserContext[] = [];

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    created = await app.createSession({ title: 'Ball of creativity', language: 'en', venues: ['Main hall', 'Sub-venue A'] });
  });
  afterAll(async () => {
    facilitator?.close();
    await browser?.close();
    await app?.dispose();
  });

  const venue = (i: 0 | 1) => created.venues[i] as CreatedSession['venues'][number];

  /** The facilitator's socket, (re)connected on demand: for the actions the test drives directly. */
  async function facilitatorSocket(): Promise<Socket> {
    if (facilitator?.connected) return facilitator;
    facilitator?.close();
    const socket = io(app.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { protocolVersion: PROTOCOL_VERSION, role: 'facilitator', code: created.code, token: created.facilitatorToken },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    facilitator = socket;
    return socket;
  }

  async function act<T>(event: string, payload: unknown): Promise<T> {
    const socket = await facilitatorSocket();
    const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as Ack<T>;
    if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
    return ack.data;
  }

  it('serves a QR code per venue that zbarimg decodes to the venue join URL', async () => {
    expect(created.venues.map((v) => v.name)).toEqual(['Main hall', 'Sub-venue A']);
    const png = new Uint8Array(await (await fetch(venue(1).qrPngUrl)).arrayBuffer());
    const decoded = await decodeQr(png);
    expect(decoded).toBe(`${app.url}/j/${created.code}?v=${venue(1).id}`);
    expect(decoded).toBe(venue(1).joinUrl);
  });

  it('opens a venue screen and the session-wide screen on the ceremony', async () => {
    venueScreen = await (await newBigScreen(browser)).newPage();
    await venueScreen.goto(created.venueScreens[0]?.screenUrl ?? '');
    wideScreen = await (await newBigScreen(browser)).newPage();
    await wideScreen.goto(created.screenUrl);
    for (const screen of [venueScreen, wideScreen]) {
      await screen.locator('[data-testid="ceremony-scene"][data-ready="true"]').waitFor();
      await expectOnScreen(screen, screen.getByTestId('ceremony-qr'));
      expect(await screen.getByTestId('ceremony-join-code').innerText()).toContain(created.code);
      expect(await screen.getByTestId('ceremony-count').innerText()).toBe('0');
    }
    // Each screen's QR code is its own: the venue screen shows the venue's.
    await expect.poll(() => venueScreen.getByTestId('ceremony-qr').getAttribute('src')).toContain(`v=${venue(0).id}`);
    expect(await wideScreen.getByTestId('ceremony-qr').getAttribute('src')).not.toContain('v=');
  });

  it('lets phones join through both venue links, two with a consented photo', async () => {
    for (const [index, guest] of guests.entries()) {
      const context = await newPhone(browser);
      phones.push(context);
      const page = await context.newPage();
      await page.goto(venue(guest.venue).joinUrl);
      await expect.poll(() => page.getByTestId('join-venue-name').innerText()).toContain(venue(guest.venue).name);
      await page.getByTestId('join-name').fill(guest.name);
      if (guest.photo) {
        // The camera stays locked until the guest agrees to show the photo on the big screen.
        await expect(page.getByTestId('join-photo-input').isDisabled()).resolves.toBe(true);
        await page.getByTestId('photo-consent').check();
        await page.getByTestId('join-photo-input').setInputFiles({ name: 'selfie.png', mimeType: 'image/png', buffer: await selfiePng(browser, 40 + index * 90) });
        await page.getByTestId('join-photo-preview').waitFor();
        if (index === 0) await screenshot(page, 'ceremony-phone-consent', { docs: true });
      }
      await page.getByTestId('join-submit').click();
      await page.getByTestId('joined-view').waitFor({ state: 'visible' });
      // Who the phone joined as, asked with the token it joined with (in its socket's handshake).
      const token = await page.evaluate((code) => window.localStorage.getItem(`ideasphere:participant:${code}`), created.code);
      const me = await fetch(`${app.url}/api/sessions/${created.code}/participants/me`, { headers: { authorization: `Bearer ${token}` } });
      const participant = (await me.json()) as { id: string; venueId: string };
      guest.id = participant.id;
      expect(participant.venueId).toBe(venue(guest.venue).id);
      guest.page = page;
    }
    const info = (await (await fetch(`${app.url}/api/sessions/${created.code}`)).json()) as SessionInfo;
    expect(info.participantCount).toBe(4);
    expect(info.venueCounts).toEqual({ [venue(0).id]: 2, [venue(1).id]: 2 });
  });

  it('shows every face on the ball of both screens, with per-venue counts', async () => {
    const everyone = guests.map((g) => g.id as string).sort().join(',');
    for (const screen of [venueScreen, wideScreen]) {
      await expect.poll(() => settledFaces(screen), { timeout: 20_000 }).toBe(everyone);
      expect((await report(screen)).facesAttr).toBe('4');
      expect(await screen.getByTestId('ceremony-count').innerText()).toBe('4');
      for (const i of [0, 1] as const) {
        const row = screen.locator(`[data-testid="ceremony-venue-count"][data-venue-id="${venue(i).id}"]`);
        expect(await row.getAttribute('data-count')).toBe('2');
        expect(await row.innerText()).toContain(venue(i).name);
      }
      // The ball is really drawn: the WebGL canvas is on screen and has pixels that are not background.
      await expectOnScreen(screen, screen.locator('canvas.ceremony-canvas'));
    }
    // Let the last fly-ins land before the picture.
    await venueScreen.waitForTimeout(3_000);
    await screenshot(venueScreen, 'ceremony-gathering', { docs: true });
  });

  it('hides a face from the console and it vanishes from both screens at once', async () => {
    consolePage = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    await consolePage.goto(created.facilitatorUrl);
    const hidden = guests[2] as Guest;
    const row = consolePage.getByTestId('participant-item').filter({ hasText: hidden.name });
    await row.getByTestId('face-hide').click();
    await expect.poll(() => row.getByTestId('face-hide').getAttribute('data-hidden')).toBe('true');
    const rest = guests.filter((g) => g !== hidden).map((g) => g.id as string).sort().join(',');
    for (const screen of [venueScreen, wideScreen]) {
      await expect.poll(() => settledFaces(screen)).toBe(rest);
      expect((await report(screen)).hidden).toEqual([hidden.id]);
      // Hiding a face does not remove the person: the counts stay.
      expect(await screen.getByTestId('ceremony-count').innerText()).toBe('4');
    }
    // Their photo is no longer served to anyone.
    const photo = await fetch(`${app.url}/api/sessions/${created.code}/participants/${hidden.id}/photo`);
    expect(photo.status).toBe(404);
  });

  it('shows the finale message on both screens', async () => {
    await act('ceremony:finale', { message: 'Welcome to the ball of creativity!' });
    for (const screen of [venueScreen, wideScreen]) {
      await expect.poll(() => screen.getByTestId('ceremony-scene').getAttribute('data-stage')).toBe('finale');
      await expect.poll(() => screen.getByTestId('ceremony-finale-text').innerText()).toBe('Welcome to the ball of creativity!');
      expect((await report(screen)).stage).toBe('finale');
    }
    await wideScreen.waitForTimeout(2_000);
    await screenshot(wideScreen, 'ceremony-finale', { docs: true });
  });

  it('switches every screen to the board, then one venue alone', async () => {
    await act('screen:switch', { view: 'board' });
    for (const screen of [venueScreen, wideScreen]) {
      await screen.getByTestId('screen-board').waitFor();
      expect(await screen.getByTestId('ceremony-scene').count()).toBe(0);
    }
    await act('screen:switch', { view: 'ceremony' });
    for (const screen of [venueScreen, wideScreen]) await screen.getByTestId('ceremony-scene').waitFor();
    // Only the main hall's screens go to the board; the session-wide screen stays on the ball.
    await act('screen:switch', { view: 'board', venueId: venue(0).id });
    await venueScreen.getByTestId('screen-board').waitFor();
    expect(await wideScreen.getByTestId('ceremony-scene').count()).toBe(1);
    expect(await wideScreen.getByTestId('screen-board').count()).toBe(0);
    await act('screen:switch', { view: 'ceremony', venueId: venue(0).id });
    await venueScreen.getByTestId('ceremony-scene').waitFor();
  });

  it('reconnects both screens by themselves after a server restart, faces and finale intact', async () => {
    facilitator?.close();
    facilitator = null;
    await app.restart();
    const rest = guests.filter((g) => g !== guests[2]).map((g) => g.id as string).sort().join(',');
    for (const screen of [venueScreen, wideScreen]) {
      await expect.poll(() => screen.getByTestId('connection-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('connected');
      await expect.poll(() => settledFaces(screen), { timeout: 30_000 }).toBe(rest);
      expect(await screen.getByTestId('ceremony-scene').getAttribute('data-stage')).toBe('finale');
    }
    // A guest who joins after the restart flies in on both screens.
    const res = await fetch(`${app.url}/api/sessions/${created.code}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Eve Late', venueId: venue(1).id }),
    });
    const late = ((await res.json()) as { participant: { id: string } }).participant.id;
    for (const screen of [venueScreen, wideScreen]) {
      await expect.poll(async () => (await report(screen)).faces.includes(late), { timeout: 30_000 }).toBe(true);
      await expect.poll(() => screen.locator(`[data-testid="ceremony-venue-count"][data-venue-id="${venue(1).id}"]`).getAttribute('data-count')).toBe('3');
    }
  });

  it('looks right on a 4K screen', async () => {
    await act('ceremony:start', {});
    const page = await (await browser.newContext({ viewport: { width: 3840, height: 2160 }, locale: 'en-US' })).newPage();
    await page.goto(created.screenUrl);
    await page.locator('[data-testid="ceremony-scene"][data-ready="true"]').waitFor();
    await expect.poll(() => settledFaces(page), { timeout: 20_000 }).not.toMatch(/queued|^$/);
    expect((await report(page)).faces).toHaveLength(4);
    await page.evaluate('window.__ceremony.addSyntheticFaces(600)');
    await page.waitForTimeout(4_000);
    // A software renderer draws 4K at a reduced pixel ratio; a GPU draws every pixel.
    const ratio = Number(await page.getByTestId('ceremony-scene').getAttribute('data-pixel-ratio'));
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThanOrEqual(1);
    await screenshot(page, 'ceremony-4k', { docs: true });
    await page.close();
  });
});
