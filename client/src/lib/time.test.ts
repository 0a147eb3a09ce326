import { describe, expect, it } from 'vitest';
import { formatDuration, localPhase, secondsUntil } from './time';

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

describe('localPhase', () => {
  it("re-anchors the deadline on this device's clock from the time left", () => {
    const received = Date.parse('2030-01-01T00:00:00.000Z');
    const phase = localPhase({ phase: 'collect', endsAt: '1999-01-01T00:00:00.000Z', remainingMs: 90_000 }, received);
    expect(phase.endsAt).toBe('2030-01-01T00:01:30.000Z');
    expect(localPhase({ phase: 'vote', endsAt: null, remainingMs: null }, received).endsAt).toBeNull();
  });
});
