import { describe, expect, it } from 'vitest';
import { pathOf, routeOf } from '../platform/platformRoutes';
import { linkOfHit, profileKindOfHit } from './searchLinks';

const ID = 'RSP0000000001';

describe('profile hits', () => {
  it('lead a team’s hit to its team profile page, which reads back as itself', () => {
    const href = linkOfHit({ kind: 'profile', id: `team:${ID}` });
    expect(href).toBe(`/platform/profiles/team/${ID}`);
    expect(routeOf(href, '')).toEqual({ page: 'profile', kind: 'team', id: ID });
    expect(pathOf({ page: 'profile', kind: 'team', id: ID })).toBe(href);
  });

  it('name the profile kind from the index id', () => {
    expect(['person', 'organisation', 'team'].map((kind) => profileKindOfHit(`${kind}:${ID}`))).toEqual(['person', 'organisation', 'team']);
    // An unknown kind is not a page of its own: it reads as the directory.
    expect(routeOf(`/platform/profiles/robot/${ID}`, '')).toEqual({ page: 'profiles' });
  });
});
