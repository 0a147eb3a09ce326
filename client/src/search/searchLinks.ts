import type { SearchKind } from '@ideasphere/shared';

/** Where a hit leads on the platform. Profiles are indexed as `<kind>:<id>`. */
export function linkOfHit(hit: { kind: SearchKind; id: string }): string {
  switch (hit.kind) {
    case 'challenge':
      return `/platform/challenges/${hit.id}`;
    case 'profile': {
      const [kind, id] = hit.id.split(':');
      return `/platform/profiles/${kind}/${id}`;
    }
    case 'proposal':
      return `/p/${hit.id}`;
    case 'idea':
      return '/platform/kept';
  }
}
