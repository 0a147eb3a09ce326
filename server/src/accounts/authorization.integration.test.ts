import type { CreatedInvite, CreatedSession, OrganisationSummary, RefusalReason } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLog } from '../logger.js';
import type { LmdbStore } from '../store/LmdbStore.js';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, refusal, setUpAdmin } from '../testing/accountClients.js';
import { startTestApp, type TestApp } from '../testing/harness.js';

/*
 * The authorization matrix: every platform route × every role (anonymous, platform admin,
 * org admin of A, member of A, org admin of B, a user in no organisation). Each refusal is
 * checked for its status and reason and for leaving every stored record as it was; each
 * allowed change is made on a fixture of its own, so cells never depend on each other.
 */

const ROLES = ['anonymous', 'admin', 'orgAdminA', 'memberA', 'orgAdminB', 'user'] as const;
type Role = (typeof ROLES)[number];

interface Fixture {
  app: TestApp;
  store: LmdbStore;
  clients: Record<Role, AccountClient>;
  ids: Record<Role | 'orgA' | 'orgB' | 'inviteA' | 'inviteB' | 'liveA', string>;
}

interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  /** Allowed roles and their status; every other role's refusal. */
  allowed: Partial<Record<Role, number>>;
  refused: Partial<Record<Role, RefusalReason>>;
}

let fresh = 0;
const newEmail = () => `new.${++fresh}@example.cn`;

const ROUTES: RouteCase[] = [
  { name: 'GET /api/account/me', method: 'GET', path: () => '/api/account/me', allowed: { admin: 200, orgAdminA: 200, memberA: 200, orgAdminB: 200, user: 200 }, refused: {} },
  {
    name: 'GET /api/accounts',
    method: 'GET',
    path: () => '/api/accounts',
    allowed: { admin: 200 },
    refused: { orgAdminA: 'role_forbidden', memberA: 'role_forbidden', orgAdminB: 'role_forbidden', user: 'role_forbidden' },
  },
  {
    name: 'PATCH /api/accounts/:memberA (deactivate)',
    method: 'PATCH',
    path: (f) => `/api/accounts/${f.ids.memberA}`,
    body: () => ({ status: 'deactivated' }),
    allowed: { admin: 200 },
    refused: { orgAdminA: 'role_forbidden', memberA: 'role_forbidden', orgAdminB: 'role_forbidden', user: 'role_forbidden' },
  },
  {
    name: 'POST /api/accounts/:memberA/reset-links',
    method: 'POST',
    path: (f) => `/api/accounts/${f.ids.memberA}/reset-links`,
    allowed: { admin: 201 },
    refused: { orgAdminA: 'role_forbidden', memberA: 'role_forbidden', orgAdminB: 'role_forbidden', user: 'role_forbidden' },
  },
  {
    name: 'POST /api/invites (member of A)',
    method: 'POST',
    path: () => '/api/invites',
    body: (f) => ({ email: newEmail(), organisationId: f.ids.orgA, orgRole: 'member' }),
    allowed: { admin: 201, orgAdminA: 201 },
    refused: { memberA: 'role_forbidden', orgAdminB: 'organisation_not_found', user: 'organisation_not_found' },
  },
  {
    name: 'POST /api/invites (platform admin into A)',
    method: 'POST',
    path: () => '/api/invites',
    body: (f) => ({ email: newEmail(), platformRole: 'platform_admin', organisationId: f.ids.orgA }),
    allowed: { admin: 201 },
    refused: { orgAdminA: 'role_forbidden', memberA: 'role_forbidden', orgAdminB: 'organisation_not_found', user: 'organisation_not_found' },
  },
  {
    name: 'POST /api/invites (no organisation)',
    method: 'POST',
    path: () => '/api/invites',
    body: () => ({ email: newEmail() }),
    allowed: { admin: 201 },
    refused: { orgAdminA: 'role_forbidden', memberA: 'role_forbidden', orgAdminB: 'role_forbidden', user: 'role_forbidden' },
  },
  {
    name: 'GET /api/invites?organisationId=A',
    method: 'GET',
    path: (f) => `/api/invites?organisationId=${f.ids.orgA}`,
    allowed: { admin: 200, orgAdminA: 200 },
    refused: { memberA: 'role_forbidden', orgAdminB: 'organisation_not_found', user: 'organisation_not_found' },
  },
  {
    name: 'GET /api/invites',
    method: 'GET',
    path: () => '/api/invites',
    allowed: { admin: 200 },
    refused: { orgAdminA: 'role_forbidden', memberA: 'role_forbidden', orgAdminB: 'role_forbidden', user: 'role_forbidden' },
  },
  {
    name: 'DELETE /api/invites/:inviteA',
    method: 'DELETE',
    path: (f) => `/api/invites/${f.ids.inviteA}`,
    allowed: { admin: 204, orgAdminA: 204 },
    refused: { memberA: 'invite_not_found', orgAdminB: 'invite_not_found', user: 'invite_not_found' },
  },
  {
    name: 'DELETE /api/invites/:inviteB',
    method: 'DELETE',
    path: (f) => `/api/invites/${f.ids.inviteB}`,
    allowed: { admin: 204, orgAdminB: 204 },
    refused: { orgAdminA: 'invite_not_found', memberA: 'invite_not_found', user: 'invite_not_found' },
  },
  { name: 'GET /api/orgs', method: 'GET', path: () => '/api/orgs', allowed: { admin: 200, orgAdminA: 200, memberA: 200, orgAdminB: 200, user: 200 }, refused: {} },
  {
    name: 'POST /api/orgs',
    method: 'POST',
    path: () => '/api/orgs',
    body: () => ({ name: 'New Partner', kind: 'partner_firm' }),
    allowed: { admin: 201 },
    refused: { orgAdminA: 'role_forbidden', memberA: 'role_forbidden', orgAdminB: 'role_forbidden', user: 'role_forbidden' },
  },
  {
    name: 'GET /api/orgs/:A',
    method: 'GET',
    path: (f) => `/api/orgs/${f.ids.orgA}`,
    allowed: { admin: 200, orgAdminA: 200, memberA: 200 },
    refused: { orgAdminB: 'organisation_not_found', user: 'organisation_not_found' },
  },
  {
    name: 'PATCH /api/orgs/:A',
    method: 'PATCH',
    path: (f) => `/api/orgs/${f.ids.orgA}`,
    body: () => ({ name: 'A renamed' }),
    allowed: { admin: 200, orgAdminA: 200 },
    refused: { memberA: 'role_forbidden', orgAdminB: 'organisation_not_found', user: 'organisation_not_found' },
  },
  {
    name: 'GET /api/orgs/:A/members',
    method: 'GET',
    path: (f) => `/api/orgs/${f.ids.orgA}/members`,
    allowed: { admin: 200, orgAdminA: 200 },
    refused: { memberA: 'role_forbidden', orgAdminB: 'organisation_not_found', user: 'organisation_not_found' },
  },
  {
    name: 'PUT /api/orgs/:A/members/:user (add)',
    method: 'PUT',
    path: (f) => `/api/orgs/${f.ids.orgA}/members/${f.ids.user}`,
    body: () => ({ role: 'member' }),
    allowed: { admin: 200 },
    refused: { orgAdminA: 'role_forbidden', memberA: 'role_forbidden', orgAdminB: 'organisation_not_found', user: 'organisation_not_found' },
  },
  {
    name: 'PUT /api/orgs/:A/members/:memberA (promote)',
    method: 'PUT',
    path: (f) => `/api/orgs/${f.ids.orgA}/members/${f.ids.memberA}`,
    body: () => ({ role: 'org_admin' }),
    allowed: { admin: 200, orgAdminA: 200 },
    refused: { memberA: 'role_forbidden', orgAdminB: 'organisation_not_found', user: 'organisation_not_found' },
  },
  {
    name: 'DELETE /api/orgs/:A/members/:memberA',
    method: 'DELETE',
    path: (f) => `/api/orgs/${f.ids.orgA}/members/${f.ids.memberA}`,
    allowed: { admin: 204, orgAdminA: 204 },
    refused: { memberA: 'role_forbidden', orgAdminB: 'organisation_not_found', user: 'organisation_not_found' },
  },
  {
    name: 'DELETE /api/orgs/:A/members/:orgAdminA',
    method: 'DELETE',
    path: (f) => `/api/orgs/${f.ids.orgA}/members/${f.ids.orgAdminA}`,
    allowed: { admin: 204 },
    refused: { orgAdminA: 'not_on_yourself', memberA: 'role_forbidden', orgAdminB: 'organisation_not_found', user: 'organisation_not_found' },
  },
  {
    name: 'PUT /api/orgs/:B/members/:orgAdminB (demote)',
    method: 'PUT',
    path: (f) => `/api/orgs/${f.ids.orgB}/members/${f.ids.orgAdminB}`,
    body: () => ({ role: 'member' }),
    allowed: { admin: 200 },
    refused: { orgAdminA: 'organisation_not_found', memberA: 'organisation_not_found', orgAdminB: 'not_on_yourself', user: 'organisation_not_found' },
  },
  {
    name: 'POST /api/account/live-sessions',
    method: 'POST',
    path: () => '/api/account/live-sessions',
    body: () => ({ title: 'Sub-venue brainstorm', language: 'en' }),
    allowed: { admin: 201, orgAdminA: 201, memberA: 201, orgAdminB: 201 },
    refused: { user: 'role_forbidden' },
  },
  {
    name: 'POST /api/account/live-sessions/:liveA/facilitator-link',
    method: 'POST',
    path: (f) => `/api/account/live-sessions/${f.ids.liveA}/facilitator-link`,
    allowed: { memberA: 201 },
    refused: { admin: 'live_session_not_found', orgAdminA: 'live_session_not_found', orgAdminB: 'live_session_not_found', user: 'live_session_not_found' },
  },
  {
    name: 'GET /api/account/live-sessions',
    method: 'GET',
    path: () => '/api/account/live-sessions',
    allowed: { admin: 200, orgAdminA: 200, memberA: 200, orgAdminB: 200, user: 200 },
    refused: {},
  },
];

const STATUS: Record<string, number> = {
  live_session_not_found: 404,
  sign_in_required: 401,
  role_forbidden: 403,
  not_on_yourself: 403,
  organisation_not_found: 404,
  invite_not_found: 404,
};

async function buildFixture(): Promise<Fixture> {
  let store: LmdbStore | null = null;
  const { log, records } = capturedLog('info');
  const app = await startTestApp({ log, passwordHasher: cheapHasher(), onStore: (s) => (store = s) });
  const base = app.server.url;
  const setupUrl = records.find((r) => typeof r['setupUrl'] === 'string')?.['setupUrl'];
  const admin = await setUpAdmin(base, String(setupUrl));
  const orgA: OrganisationSummary = await createOrganisation(admin, 'Org A');
  const orgB: OrganisationSummary = await createOrganisation(admin, 'Org B', 'university');
  const orgAdminA = await invitedAccount(admin, 'oa@example.cn', { organisationId: orgA.id, orgRole: 'org_admin' });
  const memberA = await invitedAccount(admin, 'ma@example.cn', { organisationId: orgA.id });
  const orgAdminB = await invitedAccount(admin, 'ob@example.cn', { organisationId: orgB.id, orgRole: 'org_admin' });
  const user = await invitedAccount(admin, 'user@example.cn');
  const inviteA = await admin.call<CreatedInvite>('POST', '/api/invites', { email: 'pending.a@example.cn', organisationId: orgA.id });
  const inviteB = await admin.call<CreatedInvite>('POST', '/api/invites', { email: 'pending.b@example.cn', organisationId: orgB.id });
  const liveA = await memberA.client.call<CreatedSession>('POST', '/api/account/live-sessions', { title: 'Member A’s session' });
  const adminMe = await admin.me();
  if (!store) throw new Error('no store');
  return {
    app,
    store,
    clients: { anonymous: new AccountClient(base), admin, orgAdminA: orgAdminA.client, memberA: memberA.client, orgAdminB: orgAdminB.client, user: user.client },
    ids: {
      anonymous: '',
      admin: adminMe.body.account.id,
      orgAdminA: orgAdminA.me.account.id,
      memberA: memberA.me.account.id,
      orgAdminB: orgAdminB.me.account.id,
      user: user.me.account.id,
      orgA: orgA.id,
      orgB: orgB.id,
      inviteA: inviteA.body.invite.id,
      inviteB: inviteB.body.invite.id,
      liveA: liveA.body.code,
    },
  };
}

/** Every record the platform keeps that a route could change (sessions' last-seen times aside). */
async function snapshot(f: Fixture): Promise<string> {
  const { accounts } = f.store;
  const orgs = await accounts.listOrganisations();
  const members = await Promise.all(orgs.map((org) => accounts.listMembers(org.id)));
  const sessions = await Promise.all(
    Object.values(f.clients).map(async (client) => {
      const token = client.cookie?.split('=')[1];
      return token ? (await client.me()).status : null;
    }),
  );
  const links = await Promise.all([f.ids.inviteA, f.ids.inviteB].map((id) => accounts.getLink(id)));
  const liveSessions = await Promise.all(ROLES.map((role) => f.store.liveLinks.listLiveSessionLinks(f.ids[role], 1000)));
  const liveA = await f.store.getSessionByCode(f.ids.liveA);
  return JSON.stringify({
    accounts: await accounts.listAccounts({ limit: 1000 }),
    orgs,
    members,
    invites: await accounts.listOpenInvites(new Date()),
    links,
    sessions,
    liveSessions,
    liveAConsole: liveA?.facilitatorTokenHash,
  });
}

describe('authorization matrix: every platform route × every role', () => {
  let shared: Fixture;
  beforeAll(async () => {
    shared = await buildFixture();
  });
  afterAll(async () => {
    await shared?.app.dispose();
  });

  for (const route of ROUTES) {
    const refusedRoles = ROLES.filter((role) => route.allowed[role] === undefined);
    it(`${route.name}: refuses ${refusedRoles.join(', ')} and changes nothing`, async () => {
      for (const role of refusedRoles) {
        expect(route.refused[role] ?? (role === 'anonymous' ? 'sign_in_required' : 'missing'), `${role} has an expected refusal`).not.toBe('missing');
        const reason = role === 'anonymous' ? 'sign_in_required' : (route.refused[role] as RefusalReason);
        const before = await snapshot(shared);
        const client = shared.clients[role];
        await client.me();
        const reply = await client.call(route.method, route.path(shared), route.body?.(shared));
        expect([role, reply.status, refusal(reply)]).toEqual([role, STATUS[reason], reason]);
        expect(await snapshot(shared), `${role} changed nothing`).toBe(before);
      }
    });

    const allowedRoles = ROLES.filter((role) => route.allowed[role] !== undefined);
    it(`${route.name}: allows ${allowedRoles.join(', ')}`, async () => {
      for (const role of allowedRoles) {
        // A change gets a fixture of its own; a read may share one.
        const fixture = route.method === 'GET' ? shared : await buildFixture();
        try {
          const client = fixture.clients[role];
          await client.me();
          const before = await snapshot(fixture);
          const reply = await client.call<{ url?: string }>(route.method, route.path(fixture), route.body?.(fixture));
          expect([role, reply.status]).toEqual([role, route.allowed[role]]);
          if (route.method === 'GET') continue;
          if (route.name.includes('reset-links')) {
            // The change is a link the snapshot does not list: it must open as a reset link.
            const check = await fixture.clients.anonymous.call('POST', '/api/account/links/check', { token: AccountClient.tokenOf(reply.body.url ?? '') });
            expect(check.body).toMatchObject({ kind: 'reset', email: 'ma@example.cn' });
          } else {
            expect(await snapshot(fixture), `${role} changed something`).not.toBe(before);
          }
        } finally {
          if (fixture !== shared) await fixture.app.dispose();
        }
      }
    });
  }

  it('shows each role only its own organisations', async () => {
    const visible = async (role: Role) => ((await shared.clients[role].call<OrganisationSummary[]>('GET', '/api/orgs')).body ?? []).map((o) => [o.id, o.myRole]);
    expect(await visible('admin')).toEqual([
      [shared.ids.orgA, null],
      [shared.ids.orgB, null],
    ]);
    expect(await visible('orgAdminA')).toEqual([[shared.ids.orgA, 'org_admin']]);
    expect(await visible('memberA')).toEqual([[shared.ids.orgA, 'member']]);
    expect(await visible('orgAdminB')).toEqual([[shared.ids.orgB, 'org_admin']]);
    expect(await visible('user')).toEqual([]);
  });

  it('refuses every change of a signed-in admin without the CSRF token, changing nothing', async () => {
    for (const route of ROUTES.filter((r) => r.method !== 'GET')) {
      const before = await snapshot(shared);
      const reply = await shared.clients.admin.call(route.method, route.path(shared), route.body?.(shared), { csrf: false });
      expect([route.name, reply.status, refusal(reply)]).toEqual([route.name, 403, 'csrf_failed']);
      expect(await snapshot(shared)).toBe(before);
    }
  });
});
