import { describe, expect, it } from 'vitest';
import { formatDuration, secondsUntil } from './time';

describe('time', () => {
  it('formats a countdown as m:ss, and h:mm:ss from an hour up', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(59.2)).toBe('0:59');
    expect(formatDuration(300)).toBe('5:00');
    expect(formatDuration(3_725)).toBe('1:02:05');
    expect(formatDuration(-4)).toBe('0:00');
  });

  it('counts whole seconds up to the end, never below zero', () => {
    const now = Date.UTC(2025, 0, 1, 9, 0, 0);
    expect(secondsUntil(null, now)).toBeNull();
    expect(secondsUntil('nonsense', now)).toBeNull();
    expect(secondsUntil(new Date(now + 1_500).toISOString(), now)).toBe(2);
    expect(secondsUntil(new Date(now - 10_000).toISOString(), now)).toBe(0);
  });
});
