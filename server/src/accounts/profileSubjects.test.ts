import { describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../store/ResponseStore.js';
import { judge, type Actor } from './accountPolicy.js';
import { isListed, profileEditAction, teamSubject, type ProfileSubject } from './profileSubjects.js';

const ORG = 'org00000001';

function actor(id: string, platformRole: 'user' | 'platform_admin' = 'user', orgRole?: 'org_admin' | 'member'): Actor {
  return {
    account: { id, email: `${id}@example.cn`, name: id, passwordHash: '', platformRole, status: 'active', createdAt: new Date(0), updatedAt: new Date(0) },
    session: {} as Actor['session'],
    sessionToken: '',
    memberships: new Map(orgRole ? [[ORG, orgRole]] : []),
  };
}

function response(status: ResponseRecord['status']): ResponseRecord {
  return {
    id: 'rsp00000001',
    challengeId: 'chl00000001',
    proposalId: 'prp00000001',
    teamName: 'Team 风',
    ownerAccountId: 'owner0001',
    memberAccountIds: ['owner0001', 'mate00001'],
    editors: [],
    status,
    submissions: [],
    createdAt: new Date(0),
    updatedAt: new Date(0),
    revision: 0,
  };
}

const VIEWERS = {
  teamOwner: actor('owner0001'),
  teamMember: actor('mate00001'),
  stranger: actor('someone01'),
  platformAdmin: actor('admin0001', 'platform_admin'),
  orgAdmin: actor('orgadmin1', 'user', 'org_admin'),
  person: actor('person001'),
} as const;

const SUBJECTS: Record<string, ProfileSubject> = {
  person: { kind: 'person', id: 'person001', name: 'P' },
  organisation: { kind: 'organisation', id: ORG, name: 'O' },
  team: teamSubject(response('draft')),
};

/** viewer → who may edit the person's, the organisation's and the team's profile (null: allowed). */
const EXPECTED: Record<keyof typeof VIEWERS, (string | null)[]> = {
  teamOwner: ['role_forbidden', 'role_forbidden', null],
  teamMember: ['role_forbidden', 'role_forbidden', null],
  stranger: ['role_forbidden', 'role_forbidden', 'not_on_team'],
  platformAdmin: ['role_forbidden', null, 'not_on_team'],
  orgAdmin: ['role_forbidden', null, 'not_on_team'],
  person: [null, 'role_forbidden', 'not_on_team'],
};

describe('who edits which profile', () => {
  it('is the person, an organisation’s admins (and platform admins), a team’s members only', () => {
    for (const [name, viewer] of Object.entries(VIEWERS)) {
      const verdicts = Object.values(SUBJECTS).map((subject) => judge(viewer, profileEditAction(subject)));
      expect([name, verdicts]).toEqual([name, EXPECTED[name as keyof typeof VIEWERS]]);
    }
  });

  it('lists a team while its response is a draft or submitted, not while withdrawn', () => {
    expect((['draft', 'submitted', 'withdrawn'] as const).map((status) => isListed(teamSubject(response(status))))).toEqual([true, true, false]);
    expect(isListed(SUBJECTS['person'] as ProfileSubject)).toBe(true);
  });
});
