import type { RefusalReason } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../testing/accountClients.js';
import { buildPipelineFixture, PIPELINE_ROLES, pipelineSnapshot, type PipelineFixture, type PipelineRole } from '../testing/pipelineFixture.js';

/*
 * The pipeline's authorization matrix: every route × every role — anonymous, the platform
 * admin, the org admin and a member of A (whose pipeline holds the items), a member of B and a
 * user in no organisation. Each refusal is checked for its status and reason and for leaving
 * every stored item and setting as it was; each allowed change runs on a fixture of its own and
 * must change something.
 */

interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  path: (f: PipelineFixture) => string;
  body?: (f: PipelineFixture) => unknown;
  allowed: Partial<Record<PipelineRole, number>>;
  refused: Partial<Record<PipelineRole, RefusalReason>>;
}

const STATUS: Record<string, number> = { sign_in_required: 401, role_forbidden: 403, organisation_not_found: 404, pipeline_item_not_found: 404, live_session_not_found: 404 };
const SIGNED_IN = { admin: 200, orgAdminA: 200, memberA: 200, memberB: 200, user: 200 } as const;
const OF_A = { admin: 200, orgAdminA: 200, memberA: 200 } as const;
const ITEM_HIDDEN = { memberB: 'pipeline_item_not_found', user: 'pipeline_item_not_found' } as const;
const ORG_HIDDEN = { memberB: 'organisation_not_found', user: 'organisation_not_found' } as const;

function settingsBody() {
  const names = { idea: ['想法', 'Spark'], concept: ['概念', 'Concept'], proposal: ['方案', 'Proposal'], review: ['评审', 'Review'], agreement: ['协议', 'Agreement'], incubation: ['孵化', 'Incubation'], completed: ['完成', 'Done'] };
  return {
    stageNames: Object.fromEntries(Object.entries(names).map(([stage, [zh, en]]) => [stage, { zh, en }])),
    gates: { idea: [], concept: [], proposal: [], review: [], agreement: ['decision_advance'], incubation: [], completed: ['agreement_completed'] },
  };
}

const ROUTES: RouteCase[] = [
  { name: 'GET /api/pipeline', method: 'GET', path: () => '/api/pipeline', allowed: SIGNED_IN, refused: {} },
  { name: 'GET /api/pipeline?organisation=A', method: 'GET', path: (f) => `/api/pipeline?organisation=${f.ids.orgA}`, allowed: OF_A, refused: ORG_HIDDEN },
  { name: 'GET /api/pipeline/dashboard', method: 'GET', path: () => '/api/pipeline/dashboard', allowed: SIGNED_IN, refused: {} },
  { name: 'GET /api/pipeline/dashboard.csv?organisation=A', method: 'GET', path: (f) => `/api/pipeline/dashboard.csv?organisation=${f.ids.orgA}`, allowed: OF_A, refused: ORG_HIDDEN },
  { name: 'GET /api/pipeline/items/:id', method: 'GET', path: (f) => `/api/pipeline/items/${f.ids.responseItem}`, allowed: OF_A, refused: ITEM_HIDDEN },
  {
    name: 'POST /api/pipeline/items/:id/move',
    method: 'POST',
    path: (f) => `/api/pipeline/items/${f.ids.responseItem}/move`,
    body: () => ({ to: 'review' }),
    allowed: OF_A,
    refused: ITEM_HIDDEN,
  },
  {
    name: 'POST /api/pipeline/items (an idea of memberA’s session)',
    method: 'POST',
    path: () => '/api/pipeline/items',
    body: (f) => ({ organisationId: f.ids.orgA, sessionCode: f.ids.sessionCode, kind: 'idea', id: f.ids.idea }),
    allowed: { memberA: 201 },
    refused: { admin: 'role_forbidden', orgAdminA: 'live_session_not_found', ...ORG_HIDDEN },
  },
  {
    name: 'GET /api/pipeline/sources/:code',
    method: 'GET',
    path: (f) => `/api/pipeline/sources/${f.ids.sessionCode}`,
    allowed: { memberA: 200 },
    refused: { admin: 'live_session_not_found', orgAdminA: 'live_session_not_found', memberB: 'live_session_not_found', user: 'live_session_not_found' },
  },
  { name: 'GET /api/pipeline/settings/:orgA', method: 'GET', path: (f) => `/api/pipeline/settings/${f.ids.orgA}`, allowed: OF_A, refused: ORG_HIDDEN },
  {
    name: 'PUT /api/pipeline/settings/:orgA',
    method: 'PUT',
    path: (f) => `/api/pipeline/settings/${f.ids.orgA}`,
    body: settingsBody,
    allowed: { admin: 200, orgAdminA: 200 },
    refused: { memberA: 'role_forbidden', ...ORG_HIDDEN },
  },
  {
    name: 'POST /api/pipeline/items/:id/milestones',
    method: 'POST',
    path: (f) => `/api/pipeline/items/${f.ids.incubatingItem}/milestones`,
    body: (f) => ({ title: 'Certification 认证', ownerAccountId: f.accountIds.orgAdminA, due: '2029-05-01' }),
    allowed: { admin: 201, orgAdminA: 201, memberA: 201 },
    refused: ITEM_HIDDEN,
  },
  {
    name: 'POST /api/pipeline/items/:id/milestones/:mid/updates',
    method: 'POST',
    path: (f) => `/api/pipeline/items/${f.ids.incubatingItem}/milestones/${f.ids.milestone}/updates`,
    body: () => ({ status: 'in_progress', note: 'Furnace ordered 已订购' }),
    allowed: { admin: 201, orgAdminA: 201, memberA: 201 },
    refused: ITEM_HIDDEN,
  },
];

describe('pipeline authorization matrix: every route × every role', () => {
  let shared: PipelineFixture;
  beforeAll(async () => {
    shared = await buildPipelineFixture();
  });
  afterAll(async () => {
    await shared?.app.dispose();
  });

  for (const route of ROUTES) {
    const refusedRoles = PIPELINE_ROLES.filter((role) => route.allowed[role] === undefined);
    it(`${route.name}: refuses ${refusedRoles.join(', ')} and changes nothing`, async () => {
      for (const role of refusedRoles) {
        const reason = route.refused[role] ?? (role === 'anonymous' ? 'sign_in_required' : undefined);
        expect(reason, `${role} has an expected refusal`).toBeDefined();
        const before = await pipelineSnapshot(shared);
        const client = shared.clients[role];
        await client.me();
        const reply = await client.call(route.method, route.path(shared), route.body?.(shared));
        expect([role, reply.status, refusal(reply)]).toEqual([role, STATUS[reason ?? ''], reason]);
        expect(await pipelineSnapshot(shared), `${role} changed nothing`).toBe(before);
      }
    });

    const allowedRoles = PIPELINE_ROLES.filter((role) => route.allowed[role] !== undefined);
    it(`${route.name}: allows ${allowedRoles.join(', ')}`, async () => {
      for (const role of allowedRoles) {
        const fixture = route.method === 'GET' ? shared : await buildPipelineFixture();
        try {
          const client = fixture.clients[role];
          await client.me();
          const before = await pipelineSnapshot(fixture);
          const reply = await client.call(route.method, route.path(fixture), route.body?.(fixture));
          expect([role, reply.status]).toEqual([role, route.allowed[role]]);
          if (route.method !== 'GET') expect(await pipelineSnapshot(fixture), `${role} changed something`).not.toBe(before);
        } finally {
          if (fixture !== shared) await fixture.app.dispose();
        }
      }
    });
  }

  it('refuses every change without the CSRF token, changing nothing', async () => {
    for (const route of ROUTES.filter((r) => r.method !== 'GET')) {
      const before = await pipelineSnapshot(shared);
      const reply = await shared.clients.admin.call(route.method, route.path(shared), route.body?.(shared), { csrf: false });
      expect([route.name, reply.status, refusal(reply)]).toEqual([route.name, 403, 'csrf_failed']);
      expect(await pipelineSnapshot(shared)).toBe(before);
    }
  });

  it('shows each role only its organisations’ items on the board and the dashboard', async () => {
    const seen = async (role: PipelineRole) => {
      const board = (await shared.clients[role].call<{ items: { id: string }[] }>('GET', '/api/pipeline')).body;
      const dashboard = (await shared.clients[role].call<{ total: number }>('GET', '/api/pipeline/dashboard')).body;
      expect(dashboard.total, role).toBe(board.items.length);
      return board.items.map((i) => i.id).sort();
    };
    const ofA = [shared.ids.responseItem, shared.ids.incubatingItem].sort();
    expect(await seen('memberA')).toEqual(ofA);
    expect(await seen('orgAdminA')).toEqual(ofA);
    expect(await seen('admin')).toEqual(ofA);
    expect(await seen('memberB')).toEqual([]);
    expect(await seen('user')).toEqual([]);
  });
});
