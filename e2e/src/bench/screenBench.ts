import { randomUUID } from 'node:crypto';
import type { CreatedSession, JoinedSession } from '@ideasphere/shared';
import { PROTOCOL_VERSION } from '@ideasphere/shared';
import type { Page } from 'playwright-core';
import { AppProcess } from '../support/appProcess.js';
import { launchChromium, newBigScreen } from '../support/browser.js';
import { seedIdeas, showBoardOnScreens } from '../support/seedIdeas.js';
import { connect, sleep } from './benchClients.js';
import { saveResults } from './measure.js';

const MEASURE_MS = 5_000;

/**
 * Counts animation frames and main-thread long tasks for `ms`. Kept as plain source text:
 * a function literal would carry the TypeScript loader's helpers into the page.
 */
const MEASURE_SCRIPT = `(ms) => new Promise((resolve) => {
  let frames = 0, longTasks = 0, longTaskMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) { longTasks++; longTaskMs += entry.duration; }
  });
  observer.observe({ type: 'longtask', buffered: false });
  const start = performance.now();
  const tick = () => {
    frames++;
    if (performance.now() - start < ms) requestAnimationFrame(tick);
    else {
      observer.disconnect();
      resolve({ fps: Math.round((frames / ((performance.now() - start) / 1000)) * 10) / 10, longTasks, longTaskMs: Math.round(longTaskMs) });
    }
  };
  requestAnimationFrame(tick);
})`;

/** Frames per second and main-thread long tasks of a page over MEASURE_MS. */
function measureFrames(page: Page): Promise<{ fps: number; longTasks: number; longTaskMs: number }> {
  return page.evaluate(`(${MEASURE_SCRIPT})(${MEASURE_MS})`) as Promise<{ fps: number; longTasks: number; longTaskMs: number }>;
}

async function createSession(url: string, title: string): Promise<CreatedSession> {
  const res = await fetch(`${url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title, language: 'en' }) });
  return (await res.json()) as CreatedSession;
}

/**
 * The big screen's frame rate with 2,000 ideas on the board while 20 more arrive each second,
 * next to the same screen with an empty board, in one run of headless Chromium (software
 * rendering here, so absolute numbers are lower than on a projector laptop's GPU).
 */
export async function runScreenBench(): Promise<void> {
  const ideas = Number(process.env.BENCH_SCREEN_IDEAS ?? 2000);
  const app = await AppProcess.start();
  const browser = await launchChromium();
  try {
    const empty = await createSession(app.url, 'Empty board');
    const full = await createSession(app.url, 'Full board');
    await seedIdeas(app.url, full, ideas);
    for (const session of [empty, full]) await showBoardOnScreens(app.url, session);

    const baselinePage = await (await newBigScreen(browser)).newPage();
    await baselinePage.goto(empty.screenUrl);
    await baselinePage.getByTestId('screen-board').or(baselinePage.getByTestId('screen-participant-list')).first().waitFor();
    await sleep(1_000);
    const baseline = await measureFrames(baselinePage);
    await baselinePage.close();

    const page = await (await newBigScreen(browser)).newPage();
    await page.goto(full.screenUrl);
    await page.getByTestId('screen-board').waitFor();
    await sleep(1_000);
    // New ideas keep arriving at 20 per second while the frames are counted.
    const joined = (await (
      await fetch(`${app.url}/api/sessions/${full.code}/participants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Stream' }),
      })
    ).json()) as JoinedSession;
    const senders = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const j =
          i === 0
            ? joined
            : ((await (
                await fetch(`${app.url}/api/sessions/${full.code}/participants`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ name: `Stream ${i}` }),
                })
              ).json()) as JoinedSession);
        return connect(app.url, { protocolVersion: PROTOCOL_VERSION, role: 'participant', code: full.code, token: j.participantToken });
      }),
    );
    let k = 0;
    const stream = setInterval(() => {
      const socket = senders[k % senders.length];
      socket?.emit('idea:submit', { clientId: randomUUID(), title: `Live idea ${k++}` }, () => undefined);
    }, 50);
    const loaded = await measureFrames(page);
    clearInterval(stream);
    for (const s of senders) s.close();

    const figures = { ideas, arrivalsPerSecond: 20, baseline, loaded, fpsRatio: Math.round((loaded.fps / Math.max(baseline.fps, 0.1)) * 100) / 100 };
    console.log(`\nbig screen: ${ideas} ideas + 20 arriving per second vs an empty board (headless Chromium, software rendering)`);
    console.table({ 'empty board (baseline)': baseline, [`${ideas} ideas, 20/s arriving`]: loaded });
    console.log(`frame rate ratio to baseline: ${figures.fpsRatio}`);
    console.log(`written: ${await saveResults('screen', figures)}`);
  } finally {
    await browser.close();
    await app.dispose();
  }
}
