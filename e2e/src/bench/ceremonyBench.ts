import type { CreatedSession } from '@ideasphere/shared';
import type { Browser, Page } from 'playwright-core';
import { AppProcess } from '../support/appProcess.js';
import { launchChromium } from '../support/browser.js';
import { sleep } from './benchClients.js';
import { pool, saveResults } from './measure.js';

const MEASURE_MS = Number(process.env.BENCH_CEREMONY_MEASURE_MS ?? 4_000);

interface Frames {
  fps: number;
  /** Longest gap between two frames, in ms. */
  longestFrameMs: number;
  p95FrameMs: number;
}

/**
 * Counts animation frames for `ms` and keeps the frame gaps. Plain source text: a function
 * literal would carry the TypeScript loader's helpers into the page.
 */
const MEASURE_SCRIPT = `(ms) => new Promise((resolve) => {
  const gaps = [];
  const start = performance.now();
  let last = start;
  const tick = (now) => {
    gaps.push(now - last);
    last = now;
    if (now - start < ms) requestAnimationFrame(tick);
    else {
      gaps.sort((a, b) => a - b);
      const round = (n) => Math.round(n * 10) / 10;
      resolve({
        fps: round(gaps.length / ((now - start) / 1000)),
        longestFrameMs: round(gaps[gaps.length - 1] ?? 0),
        p95FrameMs: round(gaps[Math.min(gaps.length - 1, Math.ceil(gaps.length * 0.95) - 1)] ?? 0),
      });
    }
  };
  requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
})`;

function measureFrames(page: Page, ms = MEASURE_MS): Promise<Frames> {
  return page.evaluate(`(${MEASURE_SCRIPT})(${ms})`) as Promise<Frames>;
}

async function createSession(url: string, title: string): Promise<CreatedSession> {
  const res = await fetch(`${url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, language: 'en', venues: ['Main hall', 'Sub-venue A'] }),
  });
  if (!res.ok) throw new Error(`create session: ${res.status}`);
  return (await res.json()) as CreatedSession;
}

/** Real joins over HTTP, spread over both venues, `concurrency` at a time. */
async function join(url: string, session: CreatedSession, count: number, prefix: string, concurrency: number): Promise<void> {
  const names = Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`);
  await pool(names, concurrency, async (name, i) => {
    const res = await fetch(`${url}/api/sessions/${session.code}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, venueId: session.venues[i % session.venues.length]?.id }),
    });
    if (!res.ok) throw new Error(`join ${name}: ${res.status} ${await res.text()}`);
  });
}

async function sceneState(page: Page): Promise<{ faces: number; queued: number }> {
  return (await page.evaluate(`(() => {
    const scene = document.querySelector('[data-testid="ceremony-scene"]');
    return { faces: Number(scene.dataset.faces), queued: Number(scene.dataset.queued) };
  })()`)) as { faces: number; queued: number };
}

async function waitFor(page: Page, predicate: (s: { faces: number; queued: number }) => boolean, timeoutMs: number): Promise<{ faces: number; queued: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await sceneState(page);
    if (predicate(state) || Date.now() > deadline) return state;
    await sleep(250);
  }
}

async function openScreen(browser: Browser, screenUrl: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await (await browser.newContext({ viewport, locale: 'en-US' })).newPage();
  await page.goto(screenUrl);
  await page.locator('[data-testid="ceremony-scene"][data-ready="true"]').waitFor({ timeout: 30_000 });
  return page;
}

const ratio = (value: number, baseline: number) => Math.round((value / Math.max(baseline, 0.1)) * 100) / 100;

/**
 * The ceremony screen's frame rate in headless Chromium (software WebGL here, so absolute
 * figures are far below a projector laptop's GPU): an empty ball as the baseline, 1,000 faces
 * from real joins, 5,000 faces (the rest synthetic), a burst of 300 real joins within a few
 * seconds (fps while they queue and fly in, the longest frame, and whether the queue drained
 * with all 300 on the ball), and one 3840×2160 figure.
 */
export async function runCeremonyBench(): Promise<void> {
  const realFaces = Number(process.env.BENCH_CEREMONY_FACES ?? 1000);
  const manyFaces = Number(process.env.BENCH_CEREMONY_MANY ?? 5000);
  const burst = Number(process.env.BENCH_CEREMONY_BURST ?? 300);
  const app = await AppProcess.start();
  const browser = await launchChromium();
  const hd = { width: 1920, height: 1080 };
  try {
    // Baseline: the same screen with nobody on the ball.
    const empty = await createSession(app.url, 'Empty ceremony');
    const emptyPage = await openScreen(browser, empty.screenUrl, hd);
    await sleep(1_000);
    const baseline = await measureFrames(emptyPage);
    await emptyPage.close();

    // 1,000 real joins, already there when the screen opens (the ball converges at once).
    const full = await createSession(app.url, 'Full ceremony');
    const joinStarted = Date.now();
    await join(app.url, full, realFaces, 'Guest', 16);
    const joinSeconds = (Date.now() - joinStarted) / 1000;
    const page = await openScreen(browser, full.screenUrl, hd);
    const loadedState = await waitFor(page, (s) => s.faces >= realFaces && s.queued === 0, 60_000);
    await sleep(3_000);
    const thousand = await measureFrames(page);

    // Up to 5,000: the rest synthetic (drawn the same way, no photo fetches).
    await page.evaluate(`window.__ceremony.addSyntheticFaces(${manyFaces - loadedState.faces})`);
    await sleep(3_000);
    const many = await measureFrames(page);
    const manyState = await sceneState(page);
    await page.close();

    // A burst of real joins on a screen that is already open: they queue and fly in.
    const burstSession = await createSession(app.url, 'Burst');
    const burstPage = await openScreen(browser, burstSession.screenUrl, hd);
    await sleep(1_000);
    const burstStarted = Date.now();
    const duringBurst = measureFrames(burstPage, 8_000);
    await join(app.url, burstSession, burst, 'Burst', 32);
    const burstJoinSeconds = (Date.now() - burstStarted) / 1000;
    const burstFrames = await duringBurst;
    const drained = await waitFor(burstPage, (s) => s.faces >= burst && s.queued === 0, 120_000);
    const drainSeconds = (Date.now() - burstStarted) / 1000;
    await burstPage.close();

    // 4K: the 1,000-face session on a 3840×2160 screen.
    const uhdPage = await openScreen(browser, full.screenUrl, { width: 3840, height: 2160 });
    await waitFor(uhdPage, (s) => s.faces >= realFaces && s.queued === 0, 60_000);
    await sleep(3_000);
    const uhd = await measureFrames(uhdPage);
    const uhdPixelRatio = Number(await uhdPage.getByTestId('ceremony-scene').getAttribute('data-pixel-ratio'));
    await uhdPage.close();

    const figures = {
      renderer: 'headless Chromium, software WebGL (SwiftShader)',
      measureMs: MEASURE_MS,
      baseline,
      faces1000: { faces: loadedState.faces, joinSeconds: Math.round(joinSeconds * 10) / 10, ...thousand, fpsRatio: ratio(thousand.fps, baseline.fps) },
      faces5000: { faces: manyState.faces, ...many, fpsRatio: ratio(many.fps, baseline.fps) },
      burst: {
        joins: burst,
        joinSeconds: Math.round(burstJoinSeconds * 10) / 10,
        ...burstFrames,
        fpsRatio: ratio(burstFrames.fps, baseline.fps),
        drained: drained.queued === 0 && drained.faces >= burst,
        facesOnBall: drained.faces,
        drainSeconds: Math.round(drainSeconds * 10) / 10,
      },
      uhd4k: { faces: realFaces, pixelRatio: uhdPixelRatio, ...uhd, fpsRatio: ratio(uhd.fps, baseline.fps) },
    };
    console.log('\nceremony screen (1920×1080 unless noted; headless Chromium, software WebGL)');
    console.table({
      'empty ball (baseline)': { ...baseline, ratio: 1 },
      [`${figures.faces1000.faces} faces (real joins)`]: { ...thousand, ratio: figures.faces1000.fpsRatio },
      [`${figures.faces5000.faces} faces`]: { ...many, ratio: figures.faces5000.fpsRatio },
      [`burst of ${burst} joins in ${figures.burst.joinSeconds}s`]: { ...burstFrames, ratio: figures.burst.fpsRatio },
      [`3840×2160, ${realFaces} faces (pixel ratio ${uhdPixelRatio})`]: { ...uhd, ratio: figures.uhd4k.fpsRatio },
    });
    console.log(`burst: queue drained ${figures.burst.drained ? 'yes' : 'NO'}, ${drained.faces} of ${burst} faces on the ball, ${figures.burst.drainSeconds}s after the first join`);
    console.log(`written: ${await saveResults('ceremony', figures)}`);
  } finally {
    await browser.close();
    await app.dispose();
  }
}
