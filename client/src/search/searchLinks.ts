import type { SearchKind } from '@ideasphere/shared';
import { PROFILE_KINDS, type ProfileKind } from '@ideasphere/shared/accounts/profileModel.js';

/** A profile hit's kind (person, organisation, team), read from its `<kind>:<id>` index id. */
export function profileKindOfHit(id: string): ProfileKind {
  const kind = id.split(':')[0];
  return PROFILE_KINDS.find((known) => known === kind) ?? 'person';
}

/**
 * Where a hit leads on the platform. Profiles are indexed as `<kind>:<id>`. A public idea or
 * proposal is shown on the profile of the person who published it (`owner`), at its own entry:
 * its live session and proposal page are for their participants, not for the public.
 */
export function linkOfHit(hit: { kind: SearchKind; id: string; owner?: string }): string {
  switch (hit.kind) {
    case 'challenge':
      return `/platform/challenges/${hit.id}`;
    case 'profile': {
      const [kind, id] = hit.id.split(':');
      return `/platform/profiles/${kind}/${id}`;
    }
    case 'proposal':
    case 'idea': {
      if (hit.owner === undefined) return '/platform/search';
      const [kind, id] = hit.owner.split(':');
      return `/platform/profiles/${kind}/${id}#${publicationAnchor(hit.kind, hit.id)}`;
    }
  }
}

/** The element id of a public idea or proposal on its profile page. */
export function publicationAnchor(kind: 'idea' | 'proposal', id: string): string {
  return `${kind}-${id}`;
}
