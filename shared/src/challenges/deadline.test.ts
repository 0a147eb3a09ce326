import { describe, expect, it } from 'vitest';
import { instantToZonedLocal, isTimeZone, zonedLocalToInstant } from './deadline.js';

describe('deadlines in a time zone', () => {
  it('knows IANA zones and refuses the rest', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('turns a local time into the instant it is in that zone, and back', () => {
    expect(new Date(zonedLocalToInstant('2026-03-31T18:00', 'Asia/Shanghai') ?? 0).toISOString()).toBe('2026-03-31T10:00:00.000Z');
    expect(new Date(zonedLocalToInstant('2026-07-01T09:30', 'Europe/Berlin') ?? 0).toISOString()).toBe('2026-07-01T07:30:00.000Z');
    expect(new Date(zonedLocalToInstant('2026-01-15T09:30', 'Europe/Berlin') ?? 0).toISOString()).toBe('2026-01-15T08:30:00.000Z');
    expect(new Date(zonedLocalToInstant('2026-11-01T12:00', 'America/New_York') ?? 0).toISOString()).toBe('2026-11-01T17:00:00.000Z');
    expect(instantToZonedLocal(Date.parse('2026-03-31T10:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-31T18:00');
  });

  it('refuses days that do not exist and text that is not a date', () => {
    expect(zonedLocalToInstant('2026-02-31T10:00', 'UTC')).toBeNull();
    expect(zonedLocalToInstant('2026-02-01 10:00', 'UTC')).toBeNull();
    expect(zonedLocalToInstant('2026-02-01T10:00', 'Nowhere/City')).toBeNull();
  });

  it('puts a time the spring-forward night skips just after the change', () => {
    const instant = zonedLocalToInstant('2026-03-29T02:30', 'Europe/Berlin') ?? 0;
    expect(instantToZonedLocal(instant, 'Europe/Berlin')).toBe('2026-03-29T03:30');
  });
});
