
/** Seconds as `m:ss`, or `h:mm:ss` from an hour up: how a countdown reads. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export { localPhase } from '@ideasphere/shared/sync/boardState.js';

/** Whole seconds left until `endsAt` (rounded up, so 0 means the time is up), or null without a timer. */
export function secondsUntil(endsAt: string | null, now: number): number | null {
  if (endsAt === null) return null;
  const end = Date.parse(endsAt);
  if (Number.isNaN(end)) return null;
  return Math.max(0, Math.ceil((end - now) / 1000));
}
