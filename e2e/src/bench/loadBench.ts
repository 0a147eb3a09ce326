import type { CreatedSession } from '@ideasphere/shared';
import type { Browser, CDPSession } from 'playwright-core';
import { AppProcess } from '../support/appProcess.js';
import { launchChromium, PHONE } from '../support/browser.js';
import { sleep } from './benchClients.js';
import { median, saveResults } from './measure.js';

/**
 * DevTools' "Fast 3G", which current DevTools and Lighthouse call "Slow 4G" (same numbers,
 * crbug.com/342406608): 150 ms RTT × 3.75, 1.6 Mbps × 0.9 down, 750 kbps × 0.9 up.
 */
const FAST_3G = { latency: 150 * 3.75, downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((750 * 1000) / 8) * 0.9 };
/** DevTools' "4× slowdown", a mid-range phone next to a laptop. */
const CPU_SLOWDOWN = 4;
/** The budget of the issue: the join page usable after at most this many bytes on the wire. */
const TARGET_BYTES = 150 * 1024;
/** The page counts as settled once no request has been in flight for this long. */
const QUIET_MS = 1_500;

type Mode = 'compressed' | 'identity';

/**
 * Notes, in the page, the moment the name field is first in the document and enabled (as
 * epoch milliseconds, comparable with CDP's `wallTime`). Source text, like screenBench's.
 */
const WATCH_NAME_FIELD = `(() => {
  const seen = () => {
    const input = document.querySelector('[data-testid="join-name"]');
    if (!input || input.disabled || window.__nameFieldAt) return;
    window.__nameFieldAt = performance.timeOrigin + performance.now();
    observer.disconnect();
  };
  const observer = new MutationObserver(seen);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})()`;

interface Load {
  /** Milliseconds from navigation start until the name field is on the page and enabled (in-page clock). */
  usableMs: number;
  /** Milliseconds until typing into it had worked, as this script saw it (adds the driver's round trips). */
  typedMs: number;
  /** Bytes on the wire (headers and bodies, `encodedDataLength`) of the requests started before the field was there. */
  bytesUntilUsable: number;
  requestsUntilUsable: number;
  /** The same once the page settled (what loads after first paint: prefetch, service worker). */
  bytesSettled: number;
  requestsSettled: number;
  /** Content-Encoding of each script and style sheet, to prove the mode was what was asked. */
  encodings: string[];
}

/** Counts what crosses the (emulated) wire for one page, from the CDP Network domain. */
class WireCounter {
  bytes = 0;
  requests = 0;
  readonly encodings: string[] = [];
  /** Each finished request: when it started (epoch ms) and its bytes. */
  readonly finished: { startedAt: number; bytes: number }[] = [];
  private readonly inFlight = new Map<string, number>();
  lastActivity = performance.now();

  constructor(cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (event) => {
      this.inFlight.set(event.requestId, event.wallTime * 1000);
      this.lastActivity = performance.now();
    });
    cdp.on('Network.responseReceived', (event) => {
      if (event.type === 'Script' || event.type === 'Stylesheet') {
        const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
        this.encodings.push(headers['content-encoding'] ?? 'identity');
      }
    });
    const finish = (requestId: string, bytes: number) => {
      const startedAt = this.inFlight.get(requestId);
      if (startedAt === undefined) return;
      this.inFlight.delete(requestId);
      this.finished.push({ startedAt, bytes });
      this.bytes += bytes;
      this.requests++;
      this.lastActivity = performance.now();
    };
    cdp.on('Network.loadingFinished', (event) => finish(event.requestId, event.encodedDataLength));
    cdp.on('Network.loadingFailed', (event) => finish(event.requestId, 0));
  }

  /** Bytes and requests of those started before `epochMs`. */
  startedBefore(epochMs: number): { bytes: number; requests: number } {
    const before = this.finished.filter((request) => request.startedAt <= epochMs);
    return { bytes: before.reduce((sum, request) => sum + request.bytes, 0), requests: before.length };
  }

  /** Resolves once nothing has been in flight for QUIET_MS (at most 60 s). */
  async settled(): Promise<void> {
    const deadline = performance.now() + 60_000;
    while (performance.now() < deadline) {
      if (this.inFlight.size === 0 && performance.now() - this.lastActivity >= QUIET_MS) return;
      await sleep(100);
    }
  }
}

/**
 * One cold load of the join page (a fresh phone: no cache) under FAST_3G and CPU_SLOWDOWN.
 * The service worker is blocked: its requests do not show in the page's Network domain. On a
 * first visit it adds /sw.js and a second copy of join.html (about 2 KB compressed); the
 * server's access log shows every asset still crossing once, since the worker's copies come
 * from the HTTP cache.
 */
async function loadOnce(browser: Browser, url: string, mode: Mode): Promise<Load> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US', serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const wire = new WireCounter(cdp);
    // The baseline: the same page as a server without compression would send it.
    if (mode === 'identity') await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...FAST_3G });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });

    await page.addInitScript(WATCH_NAME_FIELD);

    const start = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    const name = page.getByTestId('join-name');
    await name.waitFor({ state: 'visible', timeout: 120_000 });
    await name.fill('Ann');
    // The counter beside the label follows React's state: it reads 3/… once typing really worked.
    await page.locator('.field-counter').filter({ hasText: /^3\// }).waitFor({ timeout: 120_000 });
    const typedMs = performance.now() - start;
    const [fieldAt, timeOrigin] = (await page.evaluate('[window.__nameFieldAt, performance.timeOrigin]')) as [number, number];
    await wire.settled();
    const untilUsable = wire.startedBefore(fieldAt);
    return {
      usableMs: fieldAt - timeOrigin,
      typedMs,
      bytesUntilUsable: untilUsable.bytes,
      requestsUntilUsable: untilUsable.requests,
      bytesSettled: wire.bytes,
      requestsSettled: wire.requests,
      encodings: wire.encodings,
    };
  } finally {
    await context.close();
  }
}

function summarise(loads: readonly Load[]) {
  return {
    usableMs: Math.round(median(loads.map((l) => l.usableMs))),
    typedMs: Math.round(median(loads.map((l) => l.typedMs))),
    bytesUntilUsable: median(loads.map((l) => l.bytesUntilUsable)),
    requestsUntilUsable: median(loads.map((l) => l.requestsUntilUsable)),
    bytesSettled: median(loads.map((l) => l.bytesSettled)),
    requestsSettled: median(loads.map((l) => l.requestsSettled)),
    encodings: [...new Set(loads.flatMap((l) => l.encodings))],
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

/**
 * A phone's first load of the join page on a venue's Wi-Fi: a fresh phone opens `/j/<code>`
 * on DevTools' Fast 3G with a 4× slower CPU; bytes on the wire, requests, and the time until
 * the name field takes typing. Baseline in the same run: the same page asked for without
 * compression (`Accept-Encoding: identity`), which is what every phone got before.
 */
export async function runLoadBench(): Promise<void> {
  const runs = Number(process.env.BENCH_LOAD_RUNS ?? 3);
  const app = await AppProcess.start();
  const browser = await launchChromium();
  try {
    const res = await fetch(`${app.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Green steel: open innovation', language: 'en' }),
    });
    const session = (await res.json()) as CreatedSession;
    const url = `${app.url}/j/${session.code}`;

    const loads: Record<Mode, Load[]> = { compressed: [], identity: [] };
    // Interleaved, so a noisy moment on the machine hurts both sides alike.
    for (let run = 0; run < runs; run++) {
      for (const mode of ['identity', 'compressed'] as const) loads[mode].push(await loadOnce(browser, url, mode));
    }
    const compressed = summarise(loads.compressed);
    const identity = summarise(loads.identity);
    const figures = {
      network: { ...FAST_3G, cpuSlowdown: CPU_SLOWDOWN },
      runs,
      compressed,
      identity,
      bytesVsBaseline: ratio(compressed.bytesUntilUsable, identity.bytesUntilUsable),
      usableVsBaseline: ratio(compressed.usableMs, identity.usableMs),
      targetBytes: TARGET_BYTES,
      withinTarget: compressed.bytesUntilUsable <= TARGET_BYTES,
      hallOf350MB: Math.round((350 * compressed.bytesSettled) / 1e6),
      hallOf350BaselineMB: Math.round((350 * identity.bytesSettled) / 1e6),
      loads,
    };
    console.log(`load (join page, Fast 3G + ${CPU_SLOWDOWN}× CPU, median of ${runs} cold loads each):`);
    for (const [label, s] of [['compressed', compressed], ['identity (baseline)', identity]] as const) {
      console.log(
        `  ${label.padEnd(20)} name field usable after ${s.usableMs} ms (typed at ${s.typedMs} ms), ${kb(s.bytesUntilUsable)} in ${s.requestsUntilUsable} requests; ` +
          `settled: ${kb(s.bytesSettled)} in ${s.requestsSettled} requests; scripts/styles: ${s.encodings.join(', ')}`,
      );
    }
    console.log(
      `  ratio vs baseline: bytes ×${figures.bytesVsBaseline}, time ×${figures.usableVsBaseline}; ` +
        `target ≤ ${kb(TARGET_BYTES)}: ${figures.withinTarget ? 'met' : 'MISSED'}; ` +
        `350 phones fetch ${figures.hallOf350MB} MB (baseline ${figures.hallOf350BaselineMB} MB)`,
    );
    console.log(`  saved ${await saveResults('load', figures)}`);
  } finally {
    await browser.close();
    await app.dispose();
  }
}
