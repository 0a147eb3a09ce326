import { describe, expect, it } from 'vitest';
import { QrImages } from './QrImages.js';

describe('QrImages', () => {
  it('renders each URL once, shares a rendering in progress, and keeps only the most recently used', async () => {
    const images = new QrImages(2);
    const [a1, a2] = [images.png('https://x.test/j/AAAAAA'), images.png('https://x.test/j/AAAAAA')];
    expect(a1).toBe(a2);
    const a = await a1;
    expect(a.subarray(1, 4).toString()).toBe('PNG');
    expect(await images.png('https://x.test/j/AAAAAA')).toBe(a);
    await images.svg('https://x.test/j/AAAAAA');
    // A third image drops the least recently used one: the PNG, whose next request renders anew.
    expect(await images.svg('https://x.test/j/BBBBBB')).toContain('<svg');
    expect(images.size).toBe(2);
    const again = await images.png('https://x.test/j/AAAAAA');
    expect(again).not.toBe(a);
    expect(again.equals(a)).toBe(true);
  });
});
