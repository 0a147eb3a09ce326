/* THROWAWAY experiment (delete before handing back): where does a ceremony frame go? */
import type { CreatedSession } from '@ideasphere/shared';
import { AppProcess } from '../support/appProcess.js';
import { launchChromium } from '../support/browser.js';
import { sleep } from './benchClients.js';

const dist = process.env.DIST ?? '/tmp/cer-exp';
const faces = Number(process.env.FACES ?? 1000);
const variants = (process.env.VARIANTS ?? 'base').split(',');
const shot = process.env.SHOT;

const FPS = `(ms) => new Promise((resolve) => {
  let n = 0; const start = performance.now();
  const tick = (now) => { n++; if (now - start < ms) requestAnimationFrame(tick); else resolve(Math.round(n / ((now - start) / 1000) * 10) / 10); };
  requestAnimationFrame(tick);
})`;

/** Render time with gl.finish, averaged over 30 frames (in-page, wraps renderer.render). */
const RENDER_TIME = `() => new Promise((resolve) => {
  const s = window.__scene; const r = s.renderer; const gl = r.getContext();
  const orig = r.render.bind(r); const times = [];
  r.render = (a, b) => { gl.finish(); const t0 = performance.now(); orig(a, b); gl.finish(); times.push(performance.now() - t0);
    if (times.length >= 30) { r.render = orig; times.sort((x, y) => x - y); resolve(Math.round(times[15] * 10) / 10); } };
})`;

const TOGGLES: Record<string, string> = {
  base: '',
  noGuide: 's.guide.visible = false',
  noFaces: 'for (const p of s.pages) p.mesh.visible = false',
  noCanvas: "s.renderer.domElement.style.visibility = 'hidden'",
  noDomFx: `const st = document.createElement('style'); st.textContent = '* { box-shadow: none !important; filter: none !important; backdrop-filter: none !important; animation: none !important; text-shadow: none !important } .screen-root, .screen.ceremony { background: #0c0b1d !important } .screen-join { background: none !important }'; document.head.append(st)`,
  noDom: "for (const el of document.querySelectorAll('.screen-join, .ceremony-header')) el.style.visibility = 'hidden'",
  half: 's.renderer.setPixelRatio(0.5)',
  opaque: "s.renderer.setClearColor(0x0c0b1d, 1)",
  noDiscard: '',
};

async function main(): Promise<void> {
  const app = await AppProcess.start({ CLIENT_DIST: dist });
  const browser = await launchChromium();
  try {
    const res = await fetch(`${app.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Probe', language: 'en', venues: ['Main hall', 'Sub-venue A'] }) });
    const session = (await res.json()) as CreatedSession;
    for (const variant of variants) {
      const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' })).newPage();
      await page.goto(session.screenUrl);
      await page.locator('[data-testid="ceremony-scene"][data-ready="true"]').waitFor({ timeout: 30_000 });
      if (faces > 0) await page.evaluate(`window.__ceremony.addSyntheticFaces(${faces})`);
      await sleep(3_500);
      const info = (await page.evaluate(`(() => { const s = window.__scene; const gl = s && s.renderer.getContext(); const d = gl && gl.getExtension('WEBGL_debug_renderer_info');
        return { renderer: d ? gl.getParameter(d.UNMASKED_RENDERER_WEBGL) : '?', size: s ? [s.renderer.domElement.width, s.renderer.domElement.height] : null, attrs: gl ? gl.getContextAttributes() : null }; })()`)) as Record<string, unknown>;
      if (variant === variants[0]) console.log(JSON.stringify(info));
      for (const part of variant.split('+')) {
        const code = TOGGLES[part];
        if (code) await page.evaluate(`(() => { const s = window.__scene; ${code} })()`);
      }
      await sleep(500);
      const fps1 = (await page.evaluate(`(${FPS})(3000)`)) as number;
      const renderMs = info.size ? ((await page.evaluate(`(${RENDER_TIME})()`)) as number) : -1;
      const fps2 = (await page.evaluate(`(${FPS})(3000)`)) as number;
      console.log(`${variant.padEnd(28)} faces=${faces} fps=${fps1} / ${fps2}  render+finish median=${renderMs}ms`);
      if (shot) await page.screenshot({ path: `${shot}-${variant}.png` });
      await page.context().close();
    }
  } finally {
    await browser.close();
    await app.dispose();
  }
}

await main();
