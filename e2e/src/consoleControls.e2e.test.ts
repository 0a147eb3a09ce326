import { randomUUID } from 'node:crypto';
import { type CreatedSession, type IdeaPublic, type JoinedSession, PROTOCOL_VERSION } from '@ideasphere/shared';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { launchChromium, newPhone, screenshot } from './support/browser.js';

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; reason?: string; message: string } };

/** Console widths the layout must hold at (a laptop up to a full-HD monitor). */
const WIDTHS = [1024, 1280, 1440, 1920] as const;

/**
 * Every control (button, select, input) in the moderation queue and on each board card, as
 * laid out now: pairs that overlap, labels wider than their button, and controls that stick out
 * of their card. Runs in the page, so it reads what the browser laid out.
 */
const LAYOUT_PROBLEMS = `(() => {
  const problems = [];
  const cards = [...document.querySelectorAll('[data-testid="console-idea"]')];
  if (cards.length === 0) problems.push('no cards');
  for (const card of cards) {
    const where = card.closest('[data-testid="moderation-queue"]') ? 'queue' : 'board';
    const title = (card.querySelector('.console-idea-title')?.textContent ?? '?').slice(0, 24);
    const box = card.getBoundingClientRect();
    const controls = [...card.querySelectorAll('button, select, input')]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0);
    const name = (el) => el.getAttribute('data-testid') ?? el.tagName.toLowerCase();
    for (const { el, r } of controls) {
      if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth) problems.push(where + ' "' + title + '": label of ' + name(el) + ' overflows (' + el.scrollWidth + ' > ' + el.clientWidth + ')');
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) problems.push(where + ' "' + title + '": ' + name(el) + ' outside its card');
    }
    for (let i = 0; i < controls.length; i++) {
      for (let j = i + 1; j < controls.length; j++) {
        const a = controls[i].r, b = controls[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0.5 && h > 0.5) problems.push(where + ' "' + title + '": ' + name(controls[i].el) + ' overlaps ' + name(controls[j].el));
      }
    }
  }
  return problems;
})()`;

/**
 * The facilitator console, item by item from the issue "On stage": the moderation queue's and
 * the board cards' buttons never overlap and their labels fit, at every console width; merging
 * is a choice (only ideas shown on the board) and a confirmation, never an arrow key on a
 * dropdown, and the author's phone says where the idea went; removing a guest asks in the app's
 * own dialog, which the keyboard can drive in both languages.
 */
describe('console: controls that fit, merging by choice, the app’s own dialog', () => {
  let app: AppProcess;
  let browser: Browser;
  let created: CreatedSession;
  let consolePage: Page;
  let annPhone: Page;
  let facilitator: Socket;
  let bob: Socket;
  const ideas = new Map<string, IdeaPublic>();

  function connect(auth: Record<string, unknown>): Promise<Socket> {
    const socket = io(app.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { protocolVersion: PROTOCOL_VERSION, code: created.code, ...auth } });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  async function act<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
    const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as Ack<T>;
    if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
    return ack.data;
  }

  async function submit(title: string): Promise<IdeaPublic> {
    const idea = await act<IdeaPublic>(bob, 'idea:submit', { clientId: randomUUID(), title });
    ideas.set(title, idea);
    return idea;
  }

  /** The facilitator's board as the server has it now (a fresh read, not the page's view). */
  async function serverBoard(): Promise<IdeaPublic[]> {
    return (await act<{ firstPage: { ideas: IdeaPublic[] } }>(facilitator, 'board:snapshot', {})).firstPage.ideas;
  }

  const card = (title: string) => consolePage.getByTestId('console-idea').filter({ hasText: title });

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
    created = await app.createSession({ title: 'On stage: the console', language: 'en' });
    facilitator = await connect({ role: 'facilitator', token: created.facilitatorToken });
    const joined = (await (
      await fetch(`${app.url}/api/sessions/${created.code}/participants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bob Stone' }),
      })
    ).json()) as JoinedSession;
    bob = await connect({ role: 'participant', token: joined.participantToken });

    annPhone = await (await newPhone(browser)).newPage();
    await annPhone.goto(created.joinUrl);
    await annPhone.getByTestId('join-name').fill('Ann Lee');
    await annPhone.getByTestId('join-submit').click();
    await annPhone.getByTestId('idea-title-input').fill('Bike racks at the station');
    await annPhone.getByTestId('idea-submit').click();
    await annPhone.locator('[data-testid="my-idea"][data-status="visible"]').waitFor();

    await submit('More bike parking');
    await submit('Bike lanes everywhere');
    await submit('A pinned idea with a rather long title that wraps onto a second line in a narrow card');
    await act(facilitator, 'idea:moderate', { ideaId: ideas.get('Bike lanes everywhere')?.id, action: 'hide' });
    await act(facilitator, 'idea:moderate', { ideaId: ideas.get('A pinned idea with a rather long title that wraps onto a second line in a narrow card')?.id, action: 'pin' });
    await act(facilitator, 'cluster:create', { name: 'Mobility' });
    await act(facilitator, 'board:configure', { preModeration: true, bannedWords: ['spam'] });
    await submit('Bike sharing with the neighbours');
    await submit('Cheap bike spam');

    consolePage = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' })).newPage();
    await consolePage.goto(created.facilitatorUrl);
    await consolePage.getByTestId('console-idea').nth(5).waitFor();
  });
  afterAll(async () => {
    facilitator?.close();
    bob?.close();
    await browser?.close();
    await app?.dispose();
  });

  it('lays out every button of the queue and the cards without overlap, labels inside, from 1024 to 1920 wide', async () => {
    expect(await consolePage.getByTestId('moderation-queue').getByTestId('console-idea').count()).toBe(2);
    for (const language of ['en', 'zh'] as const) {
      await consolePage.getByTestId('language-switcher').getByRole('button', { name: language === 'zh' ? '中文' : 'English' }).click();
      for (const width of WIDTHS) {
        await consolePage.setViewportSize({ width, height: 900 });
        await expect.poll(() => consolePage.evaluate(() => window.innerWidth)).toBe(width);
        expect({ language, width, problems: await consolePage.evaluate(LAYOUT_PROBLEMS) }).toEqual({ language, width, problems: [] });
      }
    }
    await consolePage.getByTestId('language-switcher').getByRole('button', { name: 'English' }).click();
    await consolePage.setViewportSize({ width: 1280, height: 900 });
    await consolePage.getByTestId('moderation-queue').scrollIntoViewIfNeeded();
    await screenshot(consolePage, 'console-board-controls-1280', { docs: true });
    // The word "Approve" is the Approve button: a click on it approves (it used to land on Hide).
    const queued = card('Bike sharing with the neighbours');
    const label = await queued.getByTestId('idea-approve').getByText('Approve').boundingBox();
    if (!label) throw new Error('the Approve label has no box');
    await consolePage.mouse.click(label.x + label.width - 3, label.y + label.height / 2);
    await expect.poll(async () => (await serverBoard()).find((i) => i.title === 'Bike sharing with the neighbours')?.status).toBe('visible');
  });

  it('merges only after a pick and a confirmation, offering only ideas shown on the board', async () => {
    const source = card('Bike racks at the station');
    await source.getByTestId('idea-merge').click();
    const dialog = consolePage.getByTestId('merge-dialog');
    await dialog.waitFor({ state: 'visible' });
    const offered = await dialog.getByTestId('merge-target').allInnerTexts();
    // Shown ideas only: not the hidden one, not the held one, and not the source itself.
    expect(offered.map((text) => text.split('\n')[0]).sort()).toEqual(
      ['A pinned idea with a rather long title that wraps onto a second line in a narrow card', 'Bike sharing with the neighbours', 'More bike parking'].sort(),
    );
    // Arrow keys only move the pick: nothing merges.
    await dialog.getByTestId('merge-target').first().locator('input').focus();
    await consolePage.keyboard.press('ArrowDown');
    await consolePage.keyboard.press('ArrowDown');
    await consolePage.keyboard.press('ArrowUp');
    expect(await dialog.locator('input[type="radio"]:checked').count()).toBe(1);
    expect((await serverBoard()).some((i) => i.title === 'Bike racks at the station')).toBe(true);
    // Search narrows the list; Enter in the search box merges nothing either.
    await dialog.getByTestId('merge-search').fill('parking');
    await dialog.getByTestId('merge-search').press('Enter');
    await dialog.getByTestId('merge-target').filter({ hasText: 'More bike parking' }).click();
    expect((await serverBoard()).some((i) => i.title === 'Bike racks at the station')).toBe(true);
    await screenshot(consolePage, 'console-merge-dialog', { docs: true });
    await dialog.getByTestId('dialog-confirm').click();

    await dialog.waitFor({ state: 'hidden' });
    expect(await consolePage.getByTestId('merge-toast').innerText()).toContain('Merged into “More bike parking”');
    await expect.poll(() => source.count()).toBe(0);
    const board = await serverBoard();
    expect(board.some((i) => i.title === 'Bike racks at the station')).toBe(false);
    expect(board.find((i) => i.title === 'More bike parking')?.authors?.map((a) => a.name).sort()).toEqual(['Ann Lee', 'Bob Stone']);
  });

  it('opens the same dialog, the target picked, when a card is dropped on another; Escape merges nothing', async () => {
    await card('Bike lanes everywhere').dragTo(card('More bike parking'));
    const dialog = consolePage.getByTestId('merge-dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.locator('input[type="radio"]:checked').evaluate((input) => input.closest('[data-idea-id]')?.getAttribute('data-idea-id'))).toBe(
      ideas.get('More bike parking')?.id,
    );
    await consolePage.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await serverBoard()).find((i) => i.title === 'Bike lanes everywhere')?.status).toBe('hidden');
    // A card not shown on the board takes no drop: the hidden card is no merge target.
    expect(await card('Bike lanes everywhere').getAttribute('data-status')).toBe('hidden');
  });

  it('tells the author’s phone which idea theirs went into', async () => {
    const mine = annPhone.getByTestId('my-idea').filter({ hasText: 'Bike racks at the station' });
    await expect.poll(() => mine.getAttribute('data-status')).toBe('merged');
    expect(await mine.innerText()).toContain('Merged into “More bike parking”');
    expect(await mine.innerText()).not.toContain('Not shown on the board');
    await screenshot(annPhone, 'phone-idea-merged', { docs: true });
    // After a reload too (the snapshot says so, not only the live message).
    await annPhone.reload();
    await expect.poll(() => mine.getAttribute('data-status')).toBe('merged');
    expect(await mine.innerText()).toContain('More bike parking');
  });

  it('asks before removing a guest in the app’s own dialog: labelled, focus kept inside, Escape cancels, keys work, zh too', async () => {
    const row = consolePage.getByTestId('participant-item').filter({ hasText: 'Bob Stone' });
    const remove = row.getByTestId('participant-remove');
    await remove.focus();
    await consolePage.keyboard.press('Enter');
    const dialog = consolePage.getByTestId('remove-dialog');
    await dialog.waitFor({ state: 'visible' });
    // Labelled by its title, described by its text; Cancel has the focus (Enter does no harm).
    const label = await dialog.evaluate((el) => document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent);
    expect(label).toBe('Remove Bob Stone?');
    expect(await dialog.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent)).toContain('disconnected at once');
    expect(await consolePage.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('dialog-cancel');
    // Tab and Shift+Tab never leave the dialog.
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await consolePage.keyboard.press(key);
      expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    }
    await screenshot(consolePage, 'console-remove-dialog', { docs: true });
    await consolePage.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await consolePage.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('participant-remove');
    await consolePage.keyboard.press('Enter');
    await dialog.waitFor({ state: 'visible' });
    await consolePage.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    // Nothing was removed: Escape, then Enter on Cancel.
    expect(await act<{ participantCount: number }>(facilitator, 'session:snapshot', {})).toMatchObject({ participantCount: 2 });
    expect(bob.connected).toBe(true);

    // In Chinese, then Space on the red button removes.
    await consolePage.getByTestId('language-switcher').getByRole('button', { name: '中文' }).click();
    await remove.focus();
    await consolePage.keyboard.press('Enter');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.innerText()).toContain('确定移除 Bob Stone 吗？');
    expect(await dialog.getByTestId('dialog-cancel').innerText()).toBe('取消');
    await screenshot(consolePage, 'console-remove-dialog-zh');
    await consolePage.keyboard.press('Tab');
    expect(await consolePage.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('dialog-confirm');
    const kicked = new Promise((resolve) => bob.once('session:kicked', resolve));
    await consolePage.keyboard.press('Space');
    await kicked;
    await expect.poll(() => row.count()).toBe(0);
  });
});
