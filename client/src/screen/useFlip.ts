import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * FLIP: when the children of `container` (marked `data-flip-id`) change places, each glides
 * from its old position to its new one instead of jumping. Runs only when `orderKey` changes.
 */
export function useFlip(container: RefObject<HTMLElement | null>, orderKey: string, durationMs = 600): void {
  const rects = useRef(new Map<string, DOMRect>());

  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const next = new Map<string, DOMRect>();
    for (const child of Array.from(element.children)) {
      if (!(child instanceof HTMLElement)) continue;
      const id = child.dataset.flipId;
      if (id === undefined) continue;
      const rect = child.getBoundingClientRect();
      next.set(id, rect);
      const previous = rects.current.get(id);
      if (reduced || !previous) continue;
      const dx = previous.left - rect.left;
      const dy = previous.top - rect.top;
      if (Math.abs(dx) < 1 && Math.abs(dy) < 1) continue;
      child.animate([{ transform: `translate(${dx}px, ${dy}px)` }, { transform: 'none' }], {
        duration: durationMs,
        easing: 'cubic-bezier(0.2, 0.8, 0.2, 1)',
      });
    }
    rects.current = next;
  }, [container, orderKey, durationMs]);
}
