import { useEffect, useState } from 'react';
import { secondsUntil } from './time';

/**
 * Seconds left until `endsAt`, re-rendering once per second while it runs; null without a
 * timer. 0 means the time is up (it stays 0).
 */
export function useCountdown(endsAt: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  const running = endsAt !== null && Date.parse(endsAt) > now;

  useEffect(() => {
    if (!running || endsAt === null) return;
    const end = Date.parse(endsAt);
    const second = (at: number) => Math.ceil((end - at) / 1000);
    // Checked several times a second so the display never skips a number, but the state only
    // changes (and the component re-renders) when the shown second does.
    const tick = () => {
      const at = Date.now();
      setNow((prev) => (second(prev) === second(at) ? prev : at));
    };
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, 200);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [running, endsAt]);

  return secondsUntil(endsAt, now);
}

/**
 * Whether the countdown to `endsAt` is over. Unlike `useCountdown` it re-renders only once,
 * when the time runs out, so whole lists can depend on it.
 */
export function useTimeUp(endsAt: string | null): boolean {
  const [now, setNow] = useState(() => Date.now());
  const end = endsAt === null ? Number.NaN : Date.parse(endsAt);
  const over = !Number.isNaN(end) && end <= now;

  useEffect(() => {
    if (Number.isNaN(end) || over) return;
    const timer = window.setTimeout(() => setNow(Date.now()), Math.max(0, end - Date.now()) + 50);
    return () => window.clearTimeout(timer);
  }, [end, over]);

  return over;
}
