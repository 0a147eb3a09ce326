/**
 * Deadlines are an instant plus the IANA time zone the poster meant it in, so a deadline set
 * as "31 March 18:00 in Shanghai" reads so to everyone, wherever they are. Pure `Intl`, no
 * zone database of our own: Node and every browser carry one.
 */

/** A local date and time as `<input type="datetime-local">` gives it: `2026-03-31T18:00`. */
export const LOCAL_DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Whether `timeZone` is an IANA zone this runtime knows (`Asia/Shanghai`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of `instant` in `timeZone`, as milliseconds of a UTC date with the same fields. */
function wallClock(instant: number, timeZone: string): number {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/**
 * The instant a local date and time has in `timeZone` (ms since the epoch), or null when the
 * text is not a date and time or names a day that does not exist (31 February). A time that a
 * clock change skips (02:30 on a spring-forward night) lands just after the change.
 */
export function zonedLocalToInstant(local: string, timeZone: string): number | null {
  const match = LOCAL_DATE_TIME_PATTERN.exec(local);
  if (!match || !isTimeZone(timeZone)) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  // The zone's offset at a first guess, then at the instant that guess gives (right across a change).
  const first = wall - (wallClock(wall, timeZone) - wall);
  return wall - (wallClock(first, timeZone) - first);
}

/** `instant` as a local date and time in `timeZone` (`2026-03-31T18:00`), for a form to edit. */
export function instantToZonedLocal(instant: number, timeZone: string): string {
  return new Date(wallClock(instant, timeZone)).toISOString().slice(0, 16);
}
