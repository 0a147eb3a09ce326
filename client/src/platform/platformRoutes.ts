import type { AccountLinkKind } from '@ideasphere/shared/accounts/accountModel.js';
import type { ProfileKind } from '@ideasphere/shared/accounts/profileModel.js';

/**
 * The pages of /platform. Link pages carry the token taken from the address's fragment; the
 * challenges' catalogue and pages are open to anonymous visitors.
 */
export type PlatformRoute =
  | { page: 'home' }
  | { page: 'people' }
  | { page: 'orgs' }
  | { page: 'org'; id: string }
  | { page: 'account' }
  | { page: 'live' }
  | { page: 'kept' }
  | { page: 'notifications' }
  | { page: 'profiles' }
  | { page: 'search'; q: string }
  | { page: 'profile'; kind: ProfileKind; id: string }
  | { page: 'fields' }
  | { page: 'challenges' }
  | { page: 'challengeNew' }
  | { page: 'challenge'; id: string; screen: boolean }
  | { page: 'agreements' }
  | { page: 'agreementNew'; responseId?: string }
  | { page: 'agreement'; id: string }
  | { page: 'verify' }
  | { page: 'response'; id: string }
  | { page: 'pipeline' }
  | { page: 'pipelineItem'; id: string }
  | { page: 'pipelineDashboard' }
  | { page: 'pipelineSettings'; orgId: string }
  | { page: 'reviews' }
  | { page: 'challengeReview'; id: string }
  | { page: 'reviewRound'; id: string }
  | { page: 'scorecard'; roundId: string; subjectId: string }
  | { page: 'awards' }
  | { page: 'award'; id: string }
  | { page: 'categoryReview'; id: string }
  | { page: 'myResponses' }
  | { page: 'link'; kind: AccountLinkKind; token: string | null };

const ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The page for a path (unknown paths show the overview). */
export function routeOf(pathname: string, hash: string, search = ''): PlatformRoute {
  const parts = pathname.replace(/^\/platform\/?/, '').split('/').filter(Boolean);
  const [first, second] = parts;
  switch (first) {
    case 'setup':
    case 'invite':
    case 'reset': {
      const token = /^#token=([A-Za-z0-9_-]{16,64})$/.exec(hash)?.[1] ?? null;
      return { page: 'link', kind: first, token };
    }
    case 'people':
      return { page: 'people' };
    case 'account':
      return { page: 'account' };
    case 'live':
      return { page: 'live' };
    case 'kept':
      return { page: 'kept' };
    case 'notifications':
      return { page: 'notifications' };
    case 'search':
      return { page: 'search', q: new URLSearchParams(search).get('q') ?? '' };
    case 'profiles': {
      const id = parts[2];
      if ((second === 'person' || second === 'organisation' || second === 'team') && id && ID.test(id)) return { page: 'profile', kind: second, id };
      return { page: 'profiles' };
    }
    case 'fields':
      return { page: 'fields' };
    case 'challenges':
      if (second === 'new') return { page: 'challengeNew' };
      if (second && ID.test(second) && parts[2] === 'review') return { page: 'challengeReview', id: second };
      return second && ID.test(second) ? { page: 'challenge', id: second, screen: new URLSearchParams(search).get('screen') === '1' } : { page: 'challenges' };
    case 'agreements':
      if (second === 'new') {
        const responseId = new URLSearchParams(search).get('response');
        return responseId && ID.test(responseId) ? { page: 'agreementNew', responseId } : { page: 'agreementNew' };
      }
      return second && ID.test(second) ? { page: 'agreement', id: second } : { page: 'agreements' };
    case 'verify':
      return { page: 'verify' };
    case 'reviews': {
      // /platform/reviews, /platform/reviews/<roundId>, /platform/reviews/<roundId>/<subjectId>
      const subject = parts[2];
      if (second && ID.test(second) && subject && ID.test(subject)) return { page: 'scorecard', roundId: second, subjectId: subject };
      return second && ID.test(second) ? { page: 'reviewRound', id: second } : { page: 'reviews' };
    }
    case 'responses':
      return second && ID.test(second) ? { page: 'response', id: second } : { page: 'myResponses' };
    case 'orgs':
      return second && ID.test(second) ? { page: 'org', id: second } : { page: 'orgs' };
    case 'pipeline': {
      const id = parts[2];
      if (second === 'dashboard') return { page: 'pipelineDashboard' };
      if (second === 'items' && id && ID.test(id)) return { page: 'pipelineItem', id };
      if (second === 'settings' && id && ID.test(id)) return { page: 'pipelineSettings', orgId: id };
      return { page: 'pipeline' };
    }
    case 'awards': {
      // /platform/awards/categories/<categoryId>/review: the jury's review rounds of a category.
      const category = parts[2];
      if (second === 'categories') return category && ID.test(category) && parts[3] === 'review' ? { page: 'categoryReview', id: category } : { page: 'awards' };
      return second && ID.test(second) ? { page: 'award', id: second } : { page: 'awards' };
    }
    default:
      return { page: 'home' };
  }
}

export function pathOf(route: PlatformRoute): string {
  switch (route.page) {
    case 'home':
      return '/platform';
    case 'people':
      return '/platform/people';
    case 'orgs':
      return '/platform/orgs';
    case 'org':
      return `/platform/orgs/${route.id}`;
    case 'account':
      return '/platform/account';
    case 'live':
      return '/platform/live';
    case 'kept':
      return '/platform/kept';
    case 'notifications':
      return '/platform/notifications';
    case 'search':
      return route.q === '' ? '/platform/search' : `/platform/search?q=${encodeURIComponent(route.q)}`;
    case 'profiles':
      return '/platform/profiles';
    case 'profile':
      return `/platform/profiles/${route.kind}/${route.id}`;
    case 'fields':
      return '/platform/fields';
    case 'challenges':
      return '/platform/challenges';
    case 'challengeNew':
      return '/platform/challenges/new';
    case 'challenge':
      return `/platform/challenges/${route.id}${route.screen ? '?screen=1' : ''}`;
    case 'agreements':
      return '/platform/agreements';
    case 'agreementNew':
      return route.responseId ? `/platform/agreements/new?response=${route.responseId}` : '/platform/agreements/new';
    case 'agreement':
      return `/platform/agreements/${route.id}`;
    case 'verify':
      return '/platform/verify';
    case 'response':
      return `/platform/responses/${route.id}`;
    case 'pipeline':
      return '/platform/pipeline';
    case 'pipelineItem':
      return `/platform/pipeline/items/${route.id}`;
    case 'pipelineDashboard':
      return '/platform/pipeline/dashboard';
    case 'pipelineSettings':
      return `/platform/pipeline/settings/${route.orgId}`;
    case 'reviews':
      return '/platform/reviews';
    case 'challengeReview':
      return `/platform/challenges/${route.id}/review`;
    case 'reviewRound':
      return `/platform/reviews/${route.id}`;
    case 'scorecard':
      return `/platform/reviews/${route.roundId}/${route.subjectId}`;
    case 'myResponses':
      return '/platform/responses';
    case 'link':
      return `/platform/${route.kind}`;
    case 'awards':
      return '/platform/awards';
    case 'award':
      return `/platform/awards/${route.id}`;
    case 'categoryReview':
      return `/platform/awards/categories/${route.id}/review`;
  }
}
