import type { Browser } from 'playwright-core';

/**
 * A PNG "selfie" (a drawn face on a coloured sky), made in the browser's canvas like a camera
 * would; `hue` tells several guests apart on the big screen.
 */
export async function selfiePng(browser: Browser, hue = 200): Promise<Buffer> {
  const page = await browser.newPage();
  const dataUrl = await page.evaluate((h) => {
    const canvas = document.createElement('canvas');
    canvas.width = 600;
    canvas.height = 600;
    const g = canvas.getContext('2d') as CanvasRenderingContext2D;
    const sky = g.createLinearGradient(0, 0, 0, 600);
    sky.addColorStop(0, `hsl(${h} 90% 72%)`);
    sky.addColorStop(1, `hsl(${(h + 90) % 360} 85% 80%)`);
    g.fillStyle = sky;
    g.fillRect(0, 0, 600, 600);
    g.fillStyle = '#fcd9b8';
    g.beginPath();
    g.arc(300, 320, 190, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#3f2a1d';
    g.beginPath();
    g.arc(300, 250, 200, Math.PI, 0);
    g.fill();
    g.fillStyle = '#1f2937';
    for (const x of [235, 365]) {
      g.beginPath();
      g.arc(x, 320, 18, 0, Math.PI * 2);
      g.fill();
    }
    g.strokeStyle = '#be123c';
    g.lineWidth = 14;
    g.lineCap = 'round';
    g.beginPath();
    g.arc(300, 380, 70, 0.15 * Math.PI, 0.85 * Math.PI);
    g.stroke();
    return canvas.toDataURL('image/png');
  }, hue);
  await page.close();
  return Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
}
