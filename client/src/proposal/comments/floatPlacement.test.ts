import { describe, expect, it } from 'vitest';
import { FLOAT_BUTTON, floatCommentPlace } from './floatPlacement';

/** A phone: a 110 px header and toolbar at the top, a 60 px panel bar at the bottom. */
const band = { top: 110, bottom: 784, width: 390 };
const passage = (top: number, bottom = top + 24, left = 100, width = 120) => ({ top, bottom, left, width });

describe('floatCommentPlace', () => {
  it('floats just above the passage, centred on it', () => {
    expect(floatCommentPlace(passage(400), band)).toEqual({ top: 400 - 8 - FLOAT_BUTTON.height, left: 160 - FLOAT_BUTTON.width / 2 });
  });

  it('goes below the passage rather than over the sticky header', () => {
    const place = floatCommentPlace(passage(130), band);
    expect(place?.top).toBe(130 + 24 + 8);
    expect(place?.top).toBeGreaterThanOrEqual(band.top);
  });

  it('stays inside the free band for a passage taller than it', () => {
    const place = floatCommentPlace(passage(60, 900), band);
    expect(place?.top).toBe(band.top + 8);
  });

  it('is gone once the passage scrolls under the header or off the screen', () => {
    expect(floatCommentPlace(passage(60, 105), band)).toBeNull();
    expect(floatCommentPlace(passage(790, 814), band)).toBeNull();
  });

  it('keeps inside the window sideways', () => {
    expect(floatCommentPlace(passage(400, 424, 0, 10), band)?.left).toBe(8);
    expect(floatCommentPlace(passage(400, 424, 380, 10), band)?.left).toBe(390 - FLOAT_BUTTON.width - 8);
  });
});
