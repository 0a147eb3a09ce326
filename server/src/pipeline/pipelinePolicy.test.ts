import type { OrgRole } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../accounts/accountPolicy.js';
import type { AccountRecord, AuthSessionRecord } from '../store/AccountStore.js';
import { judgePipeline, visibleOrganisations, type PipelineAction } from './pipelinePolicy.js';

const ORG = 'org-a-00000001';

function actor(platformRole: 'user' | 'platform_admin', memberships: [string, OrgRole][]): Actor {
  return {
    account: { id: 'account-0001', platformRole } as AccountRecord,
    session: {} as AuthSessionRecord,
    sessionToken: 'token',
    memberships: new Map(memberships),
  };
}

const ROLES = {
  platformAdmin: actor('platform_admin', []),
  orgAdmin: actor('user', [[ORG, 'org_admin']]),
  member: actor('user', [[ORG, 'member']]),
  otherOrg: actor('user', [['org-b-00000001', 'member']]),
  noOrg: actor('user', []),
};

const ACTIONS: PipelineAction['kind'][] = ['pipeline:view', 'pipeline:viewOrganisation', 'pipeline:work', 'pipeline:add', 'pipeline:configure'];

describe('pipeline policy: role × action', () => {
  it('answers each role and action as docs/pipeline.md says', () => {
    const table = Object.fromEntries(Object.entries(ROLES).map(([role, a]) => [role, ACTIONS.map((kind) => judgePipeline(a, { kind, organisationId: ORG }))]));
    expect(table).toEqual({
      platformAdmin: [null, null, null, 'role_forbidden', null],
      orgAdmin: [null, null, null, null, null],
      member: [null, null, null, null, 'role_forbidden'],
      otherOrg: ['pipeline_item_not_found', 'organisation_not_found', 'pipeline_item_not_found', 'organisation_not_found', 'organisation_not_found'],
      noOrg: ['pipeline_item_not_found', 'organisation_not_found', 'pipeline_item_not_found', 'organisation_not_found', 'organisation_not_found'],
    });
  });

  it('lets a platform admin see every organisation, anyone else their own', () => {
    expect(visibleOrganisations(ROLES.platformAdmin)).toBe('all');
    expect(visibleOrganisations(ROLES.member)).toEqual([ORG]);
    expect(visibleOrganisations(ROLES.noOrg)).toEqual([]);
  });
});
