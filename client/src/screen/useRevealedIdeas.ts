import { useEffect, useRef, useState } from 'react';
import type { IdeaPublic } from '@ideasphere/shared';
import { RevealPacer } from './revealPacer';

/** ~3 new ideas a second at most: readable from the back of the hall. */
const REVEAL_EVERY_MS = 350;

/**
 * The ids the collect board shows, newest first: live arrivals appear one by one at a
 * readable pace (see `RevealPacer`); `instant` while the snapshot and its pages load.
 */
export function useRevealedIdeas(
  ideas: ReadonlyMap<string, IdeaPublic>,
  instant: boolean,
  capacity: number,
  backlogMax: number,
): readonly string[] {
  const [pacer] = useState(() => new RevealPacer(capacity, backlogMax));
  const [shown, setShown] = useState<readonly string[]>(pacer.shown);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    const changed = pacer.sync(ideas, instant);
    const tick = () => {
      if (pacer.next()) setShown(pacer.shown);
      if (pacer.waiting === 0) {
        window.clearInterval(timer.current);
        timer.current = undefined;
      }
    };
    if (pacer.waiting > 0 && timer.current === undefined) timer.current = window.setInterval(tick, REVEAL_EVERY_MS);
    // Published from a timeout, not during the effect itself.
    const publish = changed ? window.setTimeout(() => setShown(pacer.shown), 0) : undefined;
    return () => window.clearTimeout(publish);
  }, [ideas, instant, pacer]);

  useEffect(() => () => window.clearInterval(timer.current), []);
  return shown;
}
