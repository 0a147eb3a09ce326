import type { FieldPublic, RefusalReason } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLog } from '../logger.js';
import type { LmdbStore } from '../store/LmdbStore.js';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, refusal, setUpAdmin } from '../testing/accountClients.js';
import { startTestApp, type TestApp } from '../testing/harness.js';

/*
 * The challenges' authorization matrix: every challenge route × every role — anonymous, the
 * platform admin, org admin and member of A (the organisation that owns the challenges),
 * a member of B (another organisation), a member of C (an organisation A invites to its
 * private challenge) and a user in no organisation. Each refusal is checked for its status and
 * reason and for leaving every stored record as it was; each allowed change runs on a fixture
 * of its own.
 */

const ROLES = ['anonymous', 'admin', 'orgAdminA', 'memberA', 'memberB', 'memberC', 'user'] as const;
type Role = (typeof ROLES)[number];

interface Fixture {
  app: TestApp;
  store: LmdbStore;
  clients: Record<Role, AccountClient>;
  ids: Record<'orgA' | 'orgB' | 'orgC' | 'field', string>;
}

interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  /** Allowed roles and their status; every other role's refusal (anonymous: sign_in_required unless given). */
  allowed: Partial<Record<Role, number>>;
  refused: Partial<Record<Role, RefusalReason>>;
}

const EVERYONE = { anonymous: 200, admin: 200, orgAdminA: 200, memberA: 200, memberB: 200, memberC: 200, user: 200 } as const;
const NOT_ADMIN = { orgAdminA: 'role_forbidden', memberA: 'role_forbidden', memberB: 'role_forbidden', memberC: 'role_forbidden', user: 'role_forbidden' } as const;

const ROUTES: RouteCase[] = [
  { name: 'GET /api/fields', method: 'GET', path: () => '/api/fields', allowed: EVERYONE, refused: {} },
  {
    name: 'POST /api/fields',
    method: 'POST',
    path: () => '/api/fields',
    body: () => ({ nameZh: '海洋经济', nameEn: 'Marine economy' }),
    allowed: { admin: 201 },
    refused: NOT_ADMIN,
  },
  {
    name: 'PATCH /api/fields/:field (archive)',
    method: 'PATCH',
    path: (f) => `/api/fields/${f.ids.field}`,
    body: () => ({ archived: true }),
    allowed: { admin: 200 },
    refused: NOT_ADMIN,
  },
];

const STATUS: Record<string, number> = {
  sign_in_required: 401,
  role_forbidden: 403,
};

async function buildFixture(): Promise<Fixture> {
  let store: LmdbStore | null = null;
  const { log, records } = capturedLog('info');
  const app = await startTestApp({ log, passwordHasher: cheapHasher(), onStore: (s) => (store = s) });
  const base = app.server.url;
  const setupUrl = records.find((r) => typeof r['setupUrl'] === 'string')?.['setupUrl'];
  const admin = await setUpAdmin(base, String(setupUrl));
  const orgA = await createOrganisation(admin, 'Org A');
  const orgB = await createOrganisation(admin, 'Org B');
  const orgC = await createOrganisation(admin, 'Org C', 'university');
  const orgAdminA = await invitedAccount(admin, 'oa@example.cn', { organisationId: orgA.id, orgRole: 'org_admin' });
  const memberA = await invitedAccount(admin, 'ma@example.cn', { organisationId: orgA.id });
  const memberB = await invitedAccount(admin, 'mb@example.cn', { organisationId: orgB.id });
  const memberC = await invitedAccount(admin, 'mc@example.cn', { organisationId: orgC.id });
  const user = await invitedAccount(admin, 'user@example.cn');
  const fields = (await admin.call<FieldPublic[]>('GET', '/api/fields')).body;
  if (!store) throw new Error('no store');
  return {
    app,
    store,
    clients: { anonymous: new AccountClient(base), admin, orgAdminA: orgAdminA.client, memberA: memberA.client, memberB: memberB.client, memberC: memberC.client, user: user.client },
    ids: { orgA: orgA.id, orgB: orgB.id, orgC: orgC.id, field: fields[0]?.id ?? '' },
  };
}

/** Every record the challenges side keeps that a route could change. */
async function snapshot(f: Fixture): Promise<string> {
  const { challenges } = f.store;
  return JSON.stringify({ fields: await challenges.listFields() });
}

describe('challenges authorization matrix: every route × every role', () => {
  let shared: Fixture;
  beforeAll(async () => {
    shared = await buildFixture();
  });
  afterAll(async () => {
    await shared?.app.dispose();
  });

  for (const route of ROUTES) {
    const refusedRoles = ROLES.filter((role) => route.allowed[role] === undefined);
    if (refusedRoles.length > 0) {
      it(`${route.name}: refuses ${refusedRoles.join(', ')} and changes nothing`, async () => {
        for (const role of refusedRoles) {
          const reason = route.refused[role] ?? (role === 'anonymous' ? 'sign_in_required' : undefined);
          expect(reason, `${role} has an expected refusal`).toBeDefined();
          const before = await snapshot(shared);
          const client = shared.clients[role];
          await client.me();
          const reply = await client.call(route.method, route.path(shared), route.body?.(shared));
          expect([role, reply.status, refusal(reply)]).toEqual([role, STATUS[reason ?? ''], reason]);
          expect(await snapshot(shared), `${role} changed nothing`).toBe(before);
        }
      });
    }

    const allowedRoles = ROLES.filter((role) => route.allowed[role] !== undefined);
    it(`${route.name}: allows ${allowedRoles.join(', ')}`, async () => {
      for (const role of allowedRoles) {
        // A change gets a fixture of its own; a read may share one.
        const fixture = route.method === 'GET' ? shared : await buildFixture();
        try {
          const client = fixture.clients[role];
          await client.me();
          const before = await snapshot(fixture);
          const reply = await client.call(route.method, route.path(fixture), route.body?.(fixture));
          expect([role, reply.status]).toEqual([role, route.allowed[role]]);
          if (route.method !== 'GET') expect(await snapshot(fixture), `${role} changed something`).not.toBe(before);
        } finally {
          if (fixture !== shared) await fixture.app.dispose();
        }
      }
    });
  }

  it('starts with the default taxonomy, zh and en names', async () => {
    const fields = (await shared.clients.anonymous.call<FieldPublic[]>('GET', '/api/fields')).body;
    expect(fields.map((f) => f.nameZh)).toEqual(expect.arrayContaining(['智能制造', '新材料', '生物医药', '数字经济', '新能源', '现代农业', '文化创意']));
    expect(fields.find((f) => f.nameZh === '新材料')?.nameEn).toBe('New materials');
  });

  it('refuses every change of a signed-in admin without the CSRF token, changing nothing', async () => {
    for (const route of ROUTES.filter((r) => r.method !== 'GET')) {
      const before = await snapshot(shared);
      const reply = await shared.clients.admin.call(route.method, route.path(shared), route.body?.(shared), { csrf: false });
      expect([route.name, reply.status, refusal(reply)]).toEqual([route.name, 403, 'csrf_failed']);
      expect(await snapshot(shared)).toBe(before);
    }
  });

  it('refuses an invalid field change with its reason and changes nothing', async () => {
    const before = await snapshot(shared);
    const blank = await shared.clients.admin.call('POST', '/api/fields', { nameZh: '  ', nameEn: 'Blank' });
    expect([blank.status, refusal(blank)]).toEqual([400, 'text_blank']);
    const nothing = await shared.clients.admin.call('PATCH', `/api/fields/${shared.ids.field}`, {});
    expect([nothing.status, refusal(nothing)]).toEqual([400, 'invalid_input']);
    const unknown = await shared.clients.admin.call('PATCH', '/api/fields/0000000000unknown', { archived: true });
    expect([unknown.status, refusal(unknown)]).toEqual([404, 'field_not_found']);
    expect(await snapshot(shared)).toBe(before);
  });
});
