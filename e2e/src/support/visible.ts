import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Asserts that an element is really seen: visible, with a size, and inside the viewport, not
 * merely present in the DOM or scrolled away.
 */
export async function expectOnScreen(page: Page, locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible' });
  const box = await locator.first().boundingBox();
  const viewport = page.viewportSize();
  expect(box, 'element has a box').not.toBeNull();
  if (!box || !viewport) return;
  expect(box.width * box.height).toBeGreaterThan(0);
  expect(box.x + box.width > 0 && box.x < viewport.width, 'horizontally inside the viewport').toBe(true);
  expect(box.y + box.height > 0 && box.y < viewport.height, 'vertically inside the viewport').toBe(true);
}
