/** A box in window coordinates (a selection's, as `getBoundingClientRect` gives it). */
export interface Box {
  top: number;
  bottom: number;
  left: number;
  width: number;
}

/** The part of the window the page's sticky bars leave free: from `top` down to `bottom`. */
export interface Band {
  top: number;
  bottom: number;
  width: number;
}

/** The "Comment" button's room: about its size, and the gap it keeps to the passage and the edges. */
export const FLOAT_BUTTON = { width: 132, height: 40, gap: 8 } as const;

/**
 * Where "Comment" floats for a selected passage: just above it, or just below when the space
 * above is under the sticky header, never over a sticky bar. Null once the passage is out of
 * the free band (scrolled under the header, or off the screen): the button goes with it.
 */
export function floatCommentPlace(passage: Box, band: Band): { top: number; left: number } | null {
  const { width, height, gap } = FLOAT_BUTTON;
  if (passage.bottom <= band.top || passage.top >= band.bottom) return null;
  const above = passage.top - gap - height;
  const below = passage.bottom + gap;
  const top =
    above >= band.top + gap
      ? above
      : below + height <= band.bottom - gap
        ? below
        : // A passage taller than the free band: the button sits at its top edge, over the text.
          Math.max(band.top + gap, Math.min(passage.top, band.bottom - gap - height));
  const left = Math.min(band.width - width - gap, Math.max(gap, passage.left + passage.width / 2 - width / 2));
  return { top, left };
}

/**
 * The free band of this page now: below every sticky bar marked `data-float-edge="top"` (the
 * header, the toolbar) and above those marked `bottom` (the phone's panel bar).
 */
export function freeBand(): Band {
  let top = 0;
  let bottom = window.innerHeight;
  for (const bar of document.querySelectorAll<HTMLElement>('[data-float-edge]')) {
    const box = bar.getBoundingClientRect();
    if (box.height === 0) continue; // not shown at this width
    if (bar.dataset['floatEdge'] === 'top') top = Math.max(top, box.bottom);
    else bottom = Math.min(bottom, box.top);
  }
  return { top, bottom, width: document.documentElement.clientWidth };
}
