import { describe, expect, it } from 'vitest';
import { caretColour, presentUsers } from './presence';

describe('presence', () => {
  it('lists each member once, me first, and skips malformed states', () => {
    const states = new Map<number, unknown>([
      [1, { user: { name: 'Zoe', color: '#112233', memberId: 'm-zoe', role: 'editor' } }],
      [2, { user: { name: 'Ann', color: 'red', memberId: 'm-ann', role: 'viewer' } }],
      [3, { user: { name: 'Me', color: '#445566', memberId: 'm-me', role: 'owner' } }],
      [4, { user: { name: 'Zoe', color: '#112233', memberId: 'm-zoe', role: 'editor' } }],
      [5, { user: { name: 'Hacker', color: '#000000', memberId: 'x', role: 'admin' } }],
      [6, {}],
      [7, null],
    ]);
    const users = presentUsers(states, 3, 'm-me');
    expect(users.map((u) => [u.name, u.connections, u.isMe])).toEqual([
      ['Me', 1, true],
      ['Ann', 1, false],
      ['Zoe', 2, false],
    ]);
    expect(users[1]?.color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('falls back to a colour CollaborationCaret can draw', () => {
    expect(caretColour({ id: 'm1', color: '#AbCdEf' })).toBe('#AbCdEf');
    expect(caretColour({ id: 'm1', color: 'hsl(10 50% 50%)' })).toMatch(/^#[0-9a-f]{6}$/);
  });
});
