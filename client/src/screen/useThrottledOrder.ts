import { useEffect, useRef, useState } from 'react';
import type { IdeaPublic } from '@ideasphere/shared';

/**
 * The ideas' ids in `compare` order, re-sorted at most every `intervalMs`: counts may change
 * many times a second, but the order moves only now and then, so people can read it.
 */
export function useThrottledOrder(
  ideas: ReadonlyMap<string, IdeaPublic>,
  compare: (a: IdeaPublic, b: IdeaPublic) => number,
  intervalMs: number,
): readonly string[] {
  const [order, setOrder] = useState<readonly string[]>([]);
  const last = useRef(0);
  const latest = useRef(ideas);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    latest.current = ideas;
    if (timer.current !== undefined) return;
    const wait = Math.max(0, last.current + intervalMs - Date.now());
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      last.current = Date.now();
      setOrder([...latest.current.values()].sort(compare).map((idea) => idea.id));
    }, wait);
  }, [ideas, compare, intervalMs]);

  useEffect(() => () => window.clearTimeout(timer.current), []);
  return order;
}
