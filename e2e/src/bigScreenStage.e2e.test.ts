import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type CreatedSession, VENUE_NAME_MAX_CHARS, VENUES_MAX } from '@ideasphere/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from './support/appProcess.js';
import { ARTIFACTS_DIR, DOCS_SCREENSHOTS_DIR, launchChromium, screenshot } from './support/browser.js';
import { decodeQr } from './support/zbar.js';

/** Twelve venues, most as long as a venue name may be, in several scripts. */
const LONG_VENUE_NAMES = [
  'International Convention Centre Hall 01',
  '国际会议中心第一展厅东侧多功能报告厅分会场第二会议室',
  'WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW',
  'Grand Ballroom East Wing, Level 3, Room 5',
  'Sub-venue A',
  'Auditorium Maximilianeum — Room 2.05 (B)',
  '上海分会场',
  'Online viewers (livestream and replays)',
  'Breakout room Lakeside Pavilion North 12',
  'Hörsaal Ökonomie und Sozialwissenschaften',
  'TheVeryLongVenueNameWithoutAnySpacesAtAll',
  'Room 12',
].map((name) => [...name].slice(0, VENUE_NAME_MAX_CHARS).join(''));

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
] as const;

/**
 * Everything the join panel shows, as laid out: outside the viewport or the panel, overlapping
 * each other, or text running out of its box. Also whether the QR code is the topmost thing at
 * its centre and corners (nothing covers it). Runs in the page (a string: no bundler helpers).
 */
const PANEL_PROBLEMS = `(() => {
  const problems = [];
  const box = (el) => el.getBoundingClientRect();
  const inside = (a, b) => a.left >= b.left - 0.5 && a.top >= b.top - 0.5 && a.right <= b.right + 0.5 && a.bottom <= b.bottom + 0.5;
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  const viewport = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
  const panel = document.querySelector('.screen-join');
  if (!panel) return ['no panel'];
  const p = box(panel);
  if (!inside(p, viewport)) problems.push('panel outside the viewport');
  if (panel.scrollHeight > panel.clientHeight + 1 || panel.scrollWidth > panel.clientWidth + 1) problems.push('panel content overflows it');
  const blocks = [
    ['heading', panel.querySelector('.screen-scan')],
    ['qr', panel.querySelector('.screen-qr-frame')],
    ['address', panel.querySelector('.screen-or')],
    ['code label', panel.querySelector('.screen-code-label')],
    ['code', panel.querySelector('.screen-code')],
    ['counter', panel.querySelector('.screen-counter')],
    ...[...panel.querySelectorAll('.ceremony-venue')].map((el, i) => ['venue ' + (i + 1), el]),
  ];
  for (const [name, el] of blocks) {
    if (!el) { problems.push(name + ' missing'); continue; }
    const r = box(el);
    if (r.width === 0 || r.height === 0) problems.push(name + ' has no size');
    if (!inside(r, p)) problems.push(name + ' outside the panel');
    if (el.scrollWidth > el.clientWidth + 1) problems.push(name + ' text runs past its box');
  }
  for (let i = 0; i < blocks.length; i++)
    for (let j = i + 1; j < blocks.length; j++)
      if (blocks[i][1] && blocks[j][1] && overlap(box(blocks[i][1]), box(blocks[j][1]))) problems.push(blocks[i][0] + ' overlaps ' + blocks[j][0]);
  for (const [i, row] of [...panel.querySelectorAll('.ceremony-venue')].entries()) {
    const r = box(row);
    const parts = [...row.querySelectorAll('.ceremony-venue-name, .ceremony-venue-here, .ceremony-venue-count')];
    for (const part of parts) {
      if (!inside(box(part), r)) problems.push('venue ' + (i + 1) + ': ' + part.className + ' outside its row');
      if (part.scrollWidth > part.clientWidth + 1) problems.push('venue ' + (i + 1) + ': ' + part.className + ' runs past its box');
    }
    for (let a = 0; a < parts.length; a++)
      for (let b = a + 1; b < parts.length; b++)
        if (overlap(box(parts[a]), box(parts[b]))) problems.push('venue ' + (i + 1) + ': ' + parts[a].className + ' overlaps ' + parts[b].className);
  }
  const qr = panel.querySelector('.screen-qr');
  const q = box(qr);
  if (!inside(q, p) || !inside(q, viewport)) problems.push('qr image not fully visible');
  for (const [x, y] of [[0.5, 0.5], [0.02, 0.02], [0.98, 0.02], [0.02, 0.98], [0.98, 0.98]]) {
    if (document.elementFromPoint(q.left + q.width * x, q.top + q.height * y) !== qr) problems.push('something covers the qr code at ' + x + ',' + y);
  }
  return problems;
})()`;

/**
 * Installs a per-frame watch on the ceremony's arrival names: every frame, the names shown must
 * be few, apart, inside the stage and the viewport. It keeps what it saw in window.__names.
 */
const WATCH_NAMES = `(() => {
  const seen = new Set();
  const report = { frames: 0, most: 0, problems: [], seen: [] };
  window.__names = report;
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  const frame = () => {
    report.frames++;
    const stage = document.querySelector('[data-testid="ceremony-scene"]');
    const panel = document.querySelector('.screen-join');
    if (stage) {
      const s = stage.getBoundingClientRect();
      const labels = [...document.querySelectorAll('[data-testid="ceremony-name"]')]
        .map((el) => ({ el, r: el.getBoundingClientRect(), style: getComputedStyle(el) }))
        .filter(({ style }) => style.visibility !== 'hidden' && Number(style.opacity) > 0.05);
      report.most = Math.max(report.most, labels.length);
      for (const { el, r, style } of labels) {
        const text = el.textContent;
        if (Number(style.opacity) > 0.9) seen.add(text);
        if (r.left < Math.max(0, s.left) - 0.5 || r.top < Math.max(0, s.top) - 0.5 || r.right > Math.min(innerWidth, s.right) + 0.5 || r.bottom > Math.min(innerHeight, s.bottom) + 0.5)
          report.problems.push(text + ' outside the stage');
        if (panel && overlap(r, panel.getBoundingClientRect())) report.problems.push(text + ' over the join panel');
        if (parseFloat(style.fontSize) < innerHeight / 45) report.problems.push(text + ' too small to read: ' + style.fontSize);
      }
      for (let i = 0; i < labels.length; i++)
        for (let j = i + 1; j < labels.length; j++)
          if (overlap(labels[i].r, labels[j].r)) report.problems.push(labels[i].el.textContent + ' overlaps ' + labels[j].el.textContent);
      report.seen = [...seen];
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

interface NamesReport {
  frames: number;
  most: number;
  problems: string[];
  seen: string[];
}

/** A screenshot taken at once (the shared helper waits for animations: a name's would end). */
async function snapshotNow(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const png = await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    await mkdir(DOCS_SCREENSHOTS_DIR, { recursive: true });
    await import('node:fs/promises').then(({ writeFile }) => writeFile(path.join(DOCS_SCREENSHOTS_DIR, `${name}.png`), png));
  }
}

/**
 * The big screen from the issue "On stage": the join panel holds twelve venues of the longest
 * names at 1920×1080 and 3840×2160 with the QR code whole and scannable; the ceremony shows each
 * arriving guest's name with their face, a few at a time, readable, never piled up.
 */
describe('big screen: the join panel with many venues, names on arrival', () => {
  let app: AppProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function createSession(title: string, venues?: string[]): Promise<CreatedSession> {
    return await app.createSession({ title, language: 'en', ...(venues ? { venues } : {}) });
  }

  async function openScreen(url: string, size: { width: number; height: number }, reducedMotion: 'reduce' | 'no-preference' = 'no-preference'): Promise<Page> {
    const context = await browser.newContext({ viewport: size, locale: 'en-US', reducedMotion });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('[data-testid="ceremony-scene"][data-ready="true"]').waitFor();
    return page;
  }

  function join(created: CreatedSession, name: string): Promise<Response> {
    return fetch(`${app.url}/api/sessions/${created.code}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
  }

  beforeAll(async () => {
    app = await AppProcess.start();
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.dispose();
  });

  it('lays out twelve venues of the longest names beside a whole, scannable QR code, at 1920×1080 and 4K', async () => {
    expect(LONG_VENUE_NAMES).toHaveLength(VENUES_MAX);
    const created = await createSession('Twelve rooms, one ball', LONG_VENUE_NAMES);
    const venue = created.venues[1] as CreatedSession['venues'][number];
    const venueScreen = created.venueScreens.find((screen) => screen.venueId === venue.id)?.screenUrl ?? '';
    for (const size of SIZES) {
      const page = await openScreen(venueScreen, size);
      await expect.poll(() => page.locator('.ceremony-venue').count()).toBe(VENUES_MAX);
      expect({ size, problems: await page.evaluate(PANEL_PROBLEMS) }).toEqual({ size, problems: [] });
      // The venue's own QR code, decoded from what the screen shows (tried again until the
      // venue's image, asked for once the screen knows its venue, has replaced the session's).
      await expect.poll(async () => decodeQr(await page.locator('.screen-qr-frame').screenshot())).toBe(venue.joinUrl);
      await screenshot(page, `ceremony-12-venues-${size.width}`, { docs: size.width === 1920 });
    }
  });

  it('lays out one to four venues in the roomier column too', async () => {
    const created = await createSession('Four rooms', LONG_VENUE_NAMES.slice(0, 4));
    const page = await openScreen(created.screenUrl, SIZES[0]);
    await expect.poll(() => page.locator('.ceremony-venue').count()).toBe(4);
    expect(await page.evaluate(PANEL_PROBLEMS)).toEqual([]);
    await expect.poll(async () => decodeQr(await page.locator('.screen-qr-frame').screenshot())).toBe(created.joinUrl);
  });

  it('shows arriving guests’ names with their faces, a few at a time, apart and readable', async () => {
    const created = await createSession('Names on arrival');
    const page = await openScreen(created.screenUrl, SIZES[0]);
    // A hall already half full: the ball is busy, as it is at an event.
    await page.evaluate('window.__ceremony.addSyntheticFaces(120)');
    await page.evaluate(WATCH_NAMES);
    const guests = Array.from({ length: 16 }, (_, i) => `${['Ada', 'Li Wei', 'Grace', '王小明', 'Alan', 'Carlos', 'Dana', 'Emeka'][i % 8]} ${String.fromCharCode(65 + i)}. Longfamilyname`);
    const joined = await Promise.all(guests.map((name) => join(created, name)));
    expect(joined.map((res) => res.status)).toEqual(guests.map(() => 201));

    // Mid-arrival: two names readable at once.
    await expect
      .poll(() => page.evaluate(`[...document.querySelectorAll('[data-testid="ceremony-name"]')].filter((el) => Number(getComputedStyle(el).opacity) > 0.9 && getComputedStyle(el).visibility !== 'hidden').length`))
      .toBeGreaterThanOrEqual(2);
    await snapshotNow(page, 'ceremony-arrival-names');

    // Every guest lands on the ball, and the last name goes.
    await expect.poll(() => page.getByTestId('ceremony-scene').getAttribute('data-queued'), { timeout: 30_000 }).toBe('0');
    await expect.poll(() => page.locator('[data-testid="ceremony-name"]').count(), { timeout: 30_000 }).toBe(0);
    const report = (await page.evaluate('window.__names')) as NamesReport;
    expect(report.frames).toBeGreaterThan(10);
    expect(report.problems.slice(0, 10)).toEqual([]);
    expect(report.most).toBeLessThanOrEqual(3);
    expect(report.seen.length).toBeGreaterThanOrEqual(2);
    for (const name of report.seen) expect(guests).toContain(name);
  });

  it('shows the name with reduced motion too (no fade to hide it at once)', async () => {
    const created = await createSession('Names, reduced motion');
    const page = await openScreen(created.screenUrl, SIZES[0], 'reduce');
    await page.evaluate(WATCH_NAMES);
    expect((await join(created, 'Katherine Johnson')).status).toBe(201);
    await expect.poll(async () => ((await page.evaluate('window.__names')) as NamesReport).seen).toEqual(['Katherine Johnson']);
    await expect.poll(() => page.locator('[data-testid="ceremony-name"]').count(), { timeout: 30_000 }).toBe(0);
    expect(((await page.evaluate('window.__names')) as NamesReport).problems).toEqual([]);
  });
});
