import { describe, expect, it } from 'vitest';
import { pathOf, routeOf } from '../platform/platformRoutes';
import { scopeHomeRoute, scopeRoundsRoute } from './scopeRoutes';

const ID = 'CAT0000000001';

describe('review pages per scope', () => {
  it('an award category’s rounds have a page of their own, which reads back as itself', () => {
    const rounds = scopeRoundsRoute({ kind: 'award_category', id: ID });
    expect(pathOf(rounds)).toBe(`/platform/awards/categories/${ID}/review`);
    expect(routeOf(pathOf(rounds), '')).toEqual(rounds);
    // The programme page and the awards list keep their paths.
    expect(routeOf(`/platform/awards/${ID}`, '')).toEqual({ page: 'award', id: ID });
    expect(routeOf('/platform/awards/categories', '')).toEqual({ page: 'awards' });
  });

  it('links back to where the scope lives: a challenge’s page, or the category’s programme', () => {
    expect(pathOf(scopeRoundsRoute({ kind: 'challenge', id: ID }))).toBe(`/platform/challenges/${ID}/review`);
    expect(pathOf(scopeHomeRoute({ kind: 'challenge', id: ID }))).toBe(`/platform/challenges/${ID}`);
    expect(pathOf(scopeHomeRoute({ kind: 'award_programme', id: 'PRG0000000001' }))).toBe('/platform/awards/PRG0000000001');
  });
});
