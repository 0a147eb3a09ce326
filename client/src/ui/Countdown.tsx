import type { Translator } from '../lib/i18n';
import { formatDuration } from '../lib/time';
import { useCountdown } from '../lib/useCountdown';

interface CountdownProps {
  /** ISO end of the phase timer; nothing is rendered without one. */
  endsAt: string | null;
  t: Translator;
  className?: string;
  testId?: string;
}

/**
 * The phase countdown, `m:ss`, then "Time's up". Its own component, so only it re-renders
 * every tick. Screen readers are not told every second; the label says what it is.
 */
export function Countdown({ endsAt, t, className, testId }: CountdownProps) {
  const left = useCountdown(endsAt);
  if (left === null) return null;
  const over = left === 0;
  return (
    <span
      className={['countdown', className].filter(Boolean).join(' ')}
      data-testid={testId}
      data-over={over}
      role="timer"
      aria-label={over ? t('timer.timesUp') : t('timer.remaining', { time: formatDuration(left) })}
    >
      {over ? t('timer.timesUp') : formatDuration(left)}
    </span>
  );
}
