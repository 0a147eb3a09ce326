import { describe, expect, it } from 'vitest';
import { Presence } from './Presence.js';

describe('Presence', () => {
  it('counts a participant once however many sockets they open', () => {
    const presence = new Presence();
    expect(presence.connect('s1', 'p1')).toBe(true);
    expect(presence.connect('s1', 'p1')).toBe(false);
    expect(presence.connect('s1', 'p2')).toBe(true);
    expect(presence.connect('s2', 'p3')).toBe(true);
    expect(presence.onlineCount('s1')).toBe(2);
    expect(presence.disconnect('s1', 'p1')).toBe(false);
    expect(presence.isOnline('s1', 'p1')).toBe(true);
    expect(presence.disconnect('s1', 'p1')).toBe(true);
    expect(presence.isOnline('s1', 'p1')).toBe(false);
    expect(presence.disconnect('s1', 'p1')).toBe(false);
    expect(presence.onlineCount('s1')).toBe(1);
    expect(presence.onlineCount('s2')).toBe(1);
  });
});
