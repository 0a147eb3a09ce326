import type { AccountLinkKind } from '@ideasphere/shared/accounts/accountModel.js';

/** The pages of /platform. Link pages carry the token taken from the address's fragment. */
export type PlatformRoute =
  | { page: 'home' }
  | { page: 'people' }
  | { page: 'orgs' }
  | { page: 'org'; id: string }
  | { page: 'account' }
  | { page: 'live' }
  | { page: 'kept' }
  | { page: 'notifications' }
  | { page: 'verify' }
  | { page: 'link'; kind: AccountLinkKind; token: string | null };

const ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The page for a path (unknown paths show the overview). */
export function routeOf(pathname: string, hash: string): PlatformRoute {
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
    case 'verify':
      return { page: 'verify' };
    case 'orgs':
      return second && ID.test(second) ? { page: 'org', id: second } : { page: 'orgs' };
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
    case 'verify':
      return '/platform/verify';
    case 'link':
      return `/platform/${route.kind}`;
  }
}
