import { describe, expect, it } from 'vitest';
import type { Actor } from '../accounts/accountPolicy.js';
import { type AwardAction, judgeAward } from './awardPolicy.js';

const ORG = 'org00000001';

function actor(platformRole: 'user' | 'platform_admin', role?: 'org_admin' | 'member', organisationId = ORG): Actor {
  return {
    account: { id: 'acc00000001', email: 'a@example.cn', name: 'A', passwordHash: '', platformRole, status: 'active', createdAt: new Date(0), updatedAt: new Date(0) },
    session: {} as Actor['session'],
    sessionToken: '',
    memberships: new Map(role ? [[organisationId, role]] : []),
  };
}

const VIEWERS = {
  anonymous: null,
  platformAdmin: actor('platform_admin'),
  owner: actor('user', 'org_admin'),
  member: actor('user', 'member'),
  otherOrgAdmin: actor('user', 'org_admin', 'org00000002'),
} as const;

const KINDS: AwardAction['kind'][] = ['programme:create', 'programme:view', 'nomination:create', 'programme:manage'];

/** viewer → the verdict per action kind, in KINDS order. */
const EXPECTED: Record<keyof typeof VIEWERS, (string | null)[]> = {
  anonymous: ['sign_in_required', 'sign_in_required', 'sign_in_required', 'sign_in_required'],
  platformAdmin: [null, null, null, null],
  owner: [null, null, null, null],
  member: ['role_forbidden', null, null, 'role_forbidden'],
  otherOrgAdmin: ['organisation_not_found', 'award_programme_not_found', 'award_programme_not_found', 'award_programme_not_found'],
};

describe('judgeAward: viewer × action', () => {
  for (const [name, viewer] of Object.entries(VIEWERS)) {
    it(`${name}`, () => {
      expect(KINDS.map((kind) => judgeAward(viewer, { kind, organisationId: ORG }))).toEqual(EXPECTED[name as keyof typeof VIEWERS]);
    });
  }
});
