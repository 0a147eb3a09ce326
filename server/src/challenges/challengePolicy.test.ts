import { CHALLENGE_STATUSES, CHALLENGE_VISIBILITIES, type OrgRole } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../accounts/accountPolicy.js';
import { makeChallenge } from '../store/challenges.contract.js';
import { matchesChallengeQuery } from '../store/challengeRules.js';
import { canSee, viewerScope, type Viewer } from './challengePolicy.js';

function actor(platformRole: 'platform_admin' | 'user', memberships: [string, OrgRole][]): Actor {
  return { account: { platformRole, id: 'a' } as Actor['account'], session: {} as Actor['session'], sessionToken: '', memberships: new Map(memberships) };
}

describe('challenge visibility', () => {
  it('lets the catalogue query (viewerScope) find exactly the challenges canSee allows', () => {
    const viewers: Viewer[] = [
      null,
      actor('user', []),
      actor('platform_admin', []),
      actor('user', [['owner', 'member']]),
      actor('user', [['invited', 'org_admin']]),
      actor('user', [['other', 'member']]),
    ];
    for (const status of CHALLENGE_STATUSES) {
      for (const visibility of CHALLENGE_VISIBILITIES) {
        const challenge = makeChallenge({ organisationId: 'owner', status, visibility, invitedOrganisationIds: visibility === 'invited' ? ['invited'] : [] });
        for (const viewer of viewers) {
          const query = { ...viewerScope(viewer), statuses: CHALLENGE_STATUSES, sort: 'deadline' as const, offset: 0, limit: 10 };
          expect([status, visibility, viewer?.account.platformRole, [...(viewer?.memberships.keys() ?? [])], matchesChallengeQuery(challenge, query)]).toEqual([
            status,
            visibility,
            viewer?.account.platformRole,
            [...(viewer?.memberships.keys() ?? [])],
            canSee(viewer, challenge),
          ]);
        }
      }
    }
  });

  it('shows a draft to its own organisation only, and a private challenge to its invited organisations', () => {
    const draft = makeChallenge({ organisationId: 'owner', status: 'draft' });
    expect(canSee(actor('platform_admin', []), draft)).toBe(false);
    expect(canSee(actor('user', [['owner', 'member']]), draft)).toBe(true);
    const invited = makeChallenge({ organisationId: 'owner', visibility: 'invited', invitedOrganisationIds: ['invited'] });
    expect(canSee(null, invited)).toBe(false);
    expect(canSee(actor('user', [['other', 'member']]), invited)).toBe(false);
    expect(canSee(actor('user', [['invited', 'member']]), invited)).toBe(true);
  });
});
