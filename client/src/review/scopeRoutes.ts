import type { ReviewScopeHome, ReviewScopeKind } from '@ideasphere/shared';
import type { PlatformRoute } from '../platform/platformRoutes';

/** Where a scope lives: a challenge's page, or the award programme a category belongs to. */
export function scopeHomeRoute(home: ReviewScopeHome): PlatformRoute {
  switch (home.kind) {
    case 'challenge':
      return { page: 'challenge', id: home.id, screen: false };
    case 'award_programme':
      return { page: 'award', id: home.id };
  }
}

/** The page of a scope's review rounds (the owner's way back from one round). */
export function scopeRoundsRoute(scope: { kind: ReviewScopeKind; id: string }): PlatformRoute {
  switch (scope.kind) {
    case 'challenge':
      return { page: 'challengeReview', id: scope.id };
    case 'award_category':
      return { page: 'categoryReview', id: scope.id };
  }
}
