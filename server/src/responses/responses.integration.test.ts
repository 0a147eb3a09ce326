import type { ChallengePublic, ChallengeResponses, CreateChallengeBody, EditorLink, FieldPublic, FrozenSubmission, NotificationPage, RefusalReason, ResponsePublic } from '@ideasphere/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { capturedLog } from '../logger.js';
import type { LmdbStore } from '../store/LmdbStore.js';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, refusal, setUpAdmin } from '../testing/accountClients.js';
import { api, startTestApp, type TestApp } from '../testing/harness.js';
import { bearer, connectProvider, synced, typeInSection, until } from '../testing/yjsClients.js';
import { sha256Hex } from './ResponseService.js';

/*
 * Responses end to end over HTTP and y-websocket: the roles × routes matrix (a refusal changes
 * nothing), editor links, submission with its hash, deadlines and withdrawal.
 */

const ROLES = ['anonymous', 'solver', 'teammate', 'other', 'memberA', 'memberB'] as const;
type Role = (typeof ROLES)[number];

interface Fixture {
  app: TestApp;
  store: LmdbStore;
  clients: Record<Role, AccountClient>;
  ids: { orgA: string; open: string; private: string; response: string; version: string; teammate: string };
}

const DEADLINE = { local: '2030-06-30T18:00', timeZone: 'Asia/Shanghai' };

function challengeBody(orgA: string, field: string, overrides: Partial<CreateChallengeBody> = {}): CreateChallengeBody {
  return {
    organisationId: orgA,
    title: 'Lighter steel 更轻的钢材',
    problem: 'We need **lighter** steel.',
    fieldIds: [field],
    deadline: DEADLINE,
    visibility: 'public',
    criteria: [{ name: 'Feasibility', weight: 100 }],
    ...overrides,
  };
}

async function ok<T>(reply: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const got = await reply;
  if (got.status !== status) throw new Error(`expected ${status}, got ${got.status} ${JSON.stringify(got.body)}`);
  return got.body;
}

async function buildFixture(): Promise<Fixture> {
  let store: LmdbStore | null = null;
  const { log, records } = capturedLog('info');
  const app = await startTestApp({ log, passwordHasher: cheapHasher(), onStore: (s) => (store = s) });
  const base = app.server.url;
  const admin = await setUpAdmin(base, String(records.find((r) => typeof r['setupUrl'] === 'string')?.['setupUrl']));
  const orgA = await createOrganisation(admin, 'Org A');
  const orgB = await createOrganisation(admin, 'Org B');
  const orgC = await createOrganisation(admin, 'Org C');
  const memberA = await invitedAccount(admin, 'ma@example.cn', { organisationId: orgA.id });
  const memberB = await invitedAccount(admin, 'mb@example.cn', { organisationId: orgB.id });
  const solver = await invitedAccount(admin, 'solver@example.cn');
  const teammate = await invitedAccount(admin, 'mate@example.cn');
  const other = await invitedAccount(admin, 'other@example.cn');
  const field = (await admin.call<FieldPublic[]>('GET', '/api/fields')).body[0]?.id ?? '';
  const poster = memberA.client;
  await poster.me();
  const post = async (body: CreateChallengeBody) => {
    const created = await ok(poster.call<ChallengePublic>('POST', '/api/challenges', body), 201);
    await ok(poster.call('POST', `/api/challenges/${created.id}/transitions`, { to: 'open' }));
    return created.id;
  };
  const open = await post(challengeBody(orgA.id, field));
  const priv = await post(challengeBody(orgA.id, field, { title: 'Private 定向', visibility: 'invited', invitedOrganisationIds: [orgC.id] }));
  await solver.client.me();
  const response = await ok(solver.client.call<ResponsePublic>('POST', `/api/challenges/${open}/responses`, { teamName: 'Team 钢铁', language: 'en' }), 201);
  await ok(solver.client.call('POST', `/api/responses/${response.id}/members`, { email: 'mate@example.cn' }));
  const submitted = await ok(solver.client.call<ResponsePublic>('POST', `/api/responses/${response.id}/submit`));
  if (!store) throw new Error('no store');
  return {
    app,
    store,
    clients: { anonymous: new AccountClient(base), solver: solver.client, teammate: teammate.client, other: other.client, memberA: memberA.client, memberB: memberB.client },
    ids: { orgA: orgA.id, open, private: priv, response: response.id, version: submitted.submissions[0]?.versionId ?? '', teammate: teammate.me.account.id },
  };
}

/**
 * Every record a response route could change. Automatic versions are left out: the document's
 * persistence saves them on its own clock while an editor is connected, whatever a route does.
 */
async function snapshot(f: Fixture): Promise<string> {
  const responses = await f.store.responses.listResponsesOfChallenge(f.ids.open);
  const proposals = await Promise.all(
    responses.map(async (r) => ({
      members: await f.store.proposals.listMembers(r.proposalId),
      versions: (await f.store.proposals.listVersions(r.proposalId)).filter((version) => version.kind !== 'auto'),
    })),
  );
  const privateOnes = await f.store.responses.listResponsesOfChallenge(f.ids.private);
  return JSON.stringify({ responses, proposals, privateOnes });
}

interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: (f: Fixture) => string;
  body?: unknown;
  allowed: Partial<Record<Role, number>>;
  refused: Partial<Record<Role, RefusalReason>>;
}

const NOT_FOUND_FOR_OUTSIDERS = { other: 'response_not_found', memberB: 'response_not_found' } as const;
const STATUS: Record<string, number> = { sign_in_required: 401, role_forbidden: 403, response_not_found: 404, challenge_not_found: 404 };

const ROUTES: RouteCase[] = [
  {
    name: 'POST /api/challenges/:open/responses',
    method: 'POST',
    path: (f) => `/api/challenges/${f.ids.open}/responses`,
    body: { teamName: 'Another team' },
    allowed: { solver: 201, teammate: 201, other: 201, memberB: 201 },
    refused: { memberA: 'role_forbidden' },
  },
  {
    name: 'POST /api/challenges/:private/responses',
    method: 'POST',
    path: (f) => `/api/challenges/${f.ids.private}/responses`,
    body: { teamName: 'Sneaky' },
    allowed: {},
    refused: { solver: 'challenge_not_found', teammate: 'challenge_not_found', other: 'challenge_not_found', memberB: 'challenge_not_found', memberA: 'role_forbidden' },
  },
  {
    name: 'GET /api/responses/:id (submitted)',
    method: 'GET',
    path: (f) => `/api/responses/${f.ids.response}`,
    allowed: { solver: 200, teammate: 200, memberA: 200 },
    refused: NOT_FOUND_FOR_OUTSIDERS,
  },
  {
    name: 'GET /api/responses/:id/submissions/:version',
    method: 'GET',
    path: (f) => `/api/responses/${f.ids.response}/submissions/${f.ids.version}`,
    allowed: { solver: 200, teammate: 200, memberA: 200 },
    refused: NOT_FOUND_FOR_OUTSIDERS,
  },
  {
    name: 'POST /api/responses/:id/members',
    method: 'POST',
    path: (f) => `/api/responses/${f.ids.response}/members`,
    body: { email: 'other@example.cn' },
    allowed: { solver: 200 },
    refused: { teammate: 'role_forbidden', memberA: 'role_forbidden', ...NOT_FOUND_FOR_OUTSIDERS },
  },
  {
    name: 'POST /api/responses/:id/editor-link',
    method: 'POST',
    path: (f) => `/api/responses/${f.ids.response}/editor-link`,
    allowed: { solver: 200, teammate: 200 },
    refused: { memberA: 'role_forbidden', ...NOT_FOUND_FOR_OUTSIDERS },
  },
  {
    name: 'POST /api/responses/:id/submit',
    method: 'POST',
    path: (f) => `/api/responses/${f.ids.response}/submit`,
    allowed: { solver: 200, teammate: 200 },
    refused: { memberA: 'role_forbidden', ...NOT_FOUND_FOR_OUTSIDERS },
  },
  {
    name: 'POST /api/responses/:id/withdraw',
    method: 'POST',
    path: (f) => `/api/responses/${f.ids.response}/withdraw`,
    allowed: { solver: 200, teammate: 200 },
    refused: { memberA: 'role_forbidden', ...NOT_FOUND_FOR_OUTSIDERS },
  },
  {
    name: 'GET /api/responses (mine)',
    method: 'GET',
    path: () => '/api/responses',
    allowed: { solver: 200, teammate: 200, other: 200, memberA: 200, memberB: 200 },
    refused: {},
  },
  {
    name: 'GET /api/challenges/:private/promotable-ideas',
    method: 'GET',
    path: (f) => `/api/challenges/${f.ids.private}/promotable-ideas`,
    allowed: { memberA: 200 },
    refused: { solver: 'challenge_not_found', teammate: 'challenge_not_found', other: 'challenge_not_found', memberB: 'challenge_not_found' },
  },
  {
    name: 'DELETE /api/responses/:id/members/:teammate (the owner removes, the teammate leaves)',
    method: 'DELETE',
    path: (f) => `/api/responses/${f.ids.response}/members/${f.ids.teammate}`,
    allowed: { solver: 204, teammate: 204 },
    refused: { memberA: 'role_forbidden', ...NOT_FOUND_FOR_OUTSIDERS },
  },
];

describe('responses: every route × every role', () => {
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
        const reason = route.refused[role] ?? (role === 'anonymous' ? 'sign_in_required' : undefined);
        expect(reason, `${role} has an expected refusal`).toBeDefined();
        const before = await snapshot(shared);
        const client = shared.clients[role];
        await client.me();
        const reply = await client.call(route.method, route.path(shared), route.body);
        expect([role, reply.status, refusal(reply)]).toEqual([role, STATUS[reason ?? ''], reason]);
        expect(await snapshot(shared), `${role} changed nothing`).toBe(before);
      }
    });
    const allowedRoles = ROLES.filter((role) => route.allowed[role] !== undefined);
    if (allowedRoles.length > 0) {
      it(`${route.name}: allows ${allowedRoles.join(', ')}`, async () => {
        for (const role of allowedRoles) {
          const fixture = route.method === 'GET' ? shared : await buildFixture();
          try {
            const client = fixture.clients[role];
            await client.me();
            const before = await snapshot(fixture);
            const reply = await client.call(route.method, route.path(fixture), route.body);
            expect([role, reply.status]).toEqual([role, route.allowed[role]]);
            if (route.method !== 'GET') expect(await snapshot(fixture), `${role} changed something`).not.toBe(before);
          } finally {
            if (fixture !== shared) await fixture.app.dispose();
          }
        }
      });
    }
  }

  it('refuses every change without the CSRF token, changing nothing', async () => {
    for (const route of ROUTES.filter((r) => r.method !== 'GET')) {
      const before = await snapshot(shared);
      const reply = await shared.clients.solver.call(route.method, route.path(shared), route.body, { csrf: false });
      expect([route.name, reply.status, refusal(reply)]).toEqual([route.name, 403, 'csrf_failed']);
      expect(await snapshot(shared)).toBe(before);
    }
  });

  it("lists the viewer's own teams, and submissions only to the challenge's organisation", async () => {
    const list = async (role: Role) => (await shared.clients[role].call<ChallengeResponses>('GET', `/api/challenges/${shared.ids.open}/responses`)).body;
    expect((await list('teammate')).mine.map((r) => r.id)).toContain(shared.ids.response);
    expect((await list('teammate')).submissions).toBeNull();
    expect((await list('other')).mine.map((r) => r.id)).not.toContain(shared.ids.response);
    expect((await list('memberA')).submissions?.map((r) => r.id)).toEqual([shared.ids.response]);
    const priv = await shared.clients.memberB.call('GET', `/api/challenges/${shared.ids.private}/responses`);
    expect([priv.status, refusal(priv)]).toEqual([404, 'challenge_not_found']);
  });
});

describe('responses: documents, submissions and deadlines', () => {
  let fixture: Fixture;
  const providers: WebsocketProvider[] = [];
  beforeAll(async () => {
    fixture = await buildFixture();
  });
  afterEach(() => {
    for (const provider of providers.splice(0)) provider.destroy();
  });
  afterAll(async () => {
    await fixture?.app.dispose();
  });

  const open = (link: EditorLink, doc = new Y.Doc()) => {
    const provider = connectProvider(fixture.app.server.url, link.proposalId, link.memberToken, doc);
    providers.push(provider);
    return { provider, doc };
  };
  const editorLink = (role: Role) => ok(fixture.clients[role].call<EditorLink>('POST', `/api/responses/${fixture.ids.response}/editor-link`));

  it('two team members co-write; a new editor link stops the old one', async () => {
    const first = await editorLink('solver');
    const mate = await editorLink('teammate');
    const a = open(first);
    const b = open(mate);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    typeInSection(a.doc, 'problem', 0, 'Thinner alloys');
    await until(() => b.doc.getXmlFragment('section:problem').toString().includes('Thinner alloys'), 'the teammate sees the text');
    const view = await api(fixture.app.server.url, 'GET', `/api/proposals/${first.proposalId}`, undefined, bearer(first.memberToken));
    expect(view.status).toBe(200);
    const again = await editorLink('solver');
    const stale = await api(fixture.app.server.url, 'GET', `/api/proposals/${first.proposalId}`, undefined, bearer(first.memberToken));
    expect(stale.status).toBe(401);
    const fresh = await api(fixture.app.server.url, 'GET', `/api/proposals/${again.proposalId}`, undefined, bearer(again.memberToken));
    expect(fresh.status).toBe(200);
  });

  it('records the SHA-256 of the frozen export; the organisation sees the frozen text, not later edits', async () => {
    const link = await editorLink('teammate');
    const { provider, doc } = open(link);
    await synced(provider);
    typeInSection(doc, 'solution', 0, 'Frozen words');
    // The server has the edit once a fresh reader sees it.
    const reader = open(await editorLink('solver'));
    await synced(reader.provider);
    await until(() => reader.doc.getXmlFragment('section:solution').toString().includes('Frozen words'), 'the edit reached the server');
    const submitted = await ok(fixture.clients.teammate.call<ResponsePublic>('POST', `/api/responses/${fixture.ids.response}/submit`));
    expect(submitted.status).toBe('submitted');
    const latest = submitted.submissions[submitted.submissions.length - 1];
    if (!latest) throw new Error('no submission');
    typeInSection(doc, 'solution', 0, 'Later draft edit ');
    await until(() => reader.doc.getXmlFragment('section:solution').toString().includes('Later draft edit'), 'the later edit reached the server');
    const frozen = await ok(fixture.clients.memberA.call<FrozenSubmission>('GET', `/api/responses/${fixture.ids.response}/submissions/${latest.versionId}`));
    expect(frozen.markdown).toContain('Frozen words');
    expect(frozen.markdown).not.toContain('Later draft edit');
    expect(frozen.submission.sha256).toBe(latest.sha256);
    expect(sha256Hex(frozen.markdown)).toBe(latest.sha256);
    const notices = await ok(fixture.clients.memberA.call<NotificationPage>('GET', '/api/account/notifications'));
    expect(notices.notifications.map((n) => n.kind)).toContain('submission_received');
    const invited = await ok(fixture.clients.teammate.call<NotificationPage>('GET', '/api/account/notifications'));
    expect(invited.notifications.find((n) => n.kind === 'team_invite')?.params).toEqual({ team: 'Team 钢铁', challenge: 'Lighter steel 更轻的钢材' });
  });

  it('withdraws before the deadline; refuses a late submission; an extension lets the team submit again', async () => {
    const team = fixture.clients.solver;
    const withdrawn = await ok(team.call<ResponsePublic>('POST', `/api/responses/${fixture.ids.response}/withdraw`));
    expect(withdrawn.status).toBe('withdrawn');
    const hidden = await fixture.clients.memberA.call('GET', `/api/responses/${fixture.ids.response}`);
    expect([hidden.status, refusal(hidden)]).toEqual([404, 'response_not_found']);
    // A deadline five minutes ahead (set in the store: the API only moves deadlines later), then ten minutes pass.
    await fixture.store.challenges.changeChallenge(fixture.ids.open, (c) => ({ ok: true, record: { ...c, deadline: { ...c.deadline, at: new Date(Date.now() + 5 * 60_000) } } }));
    fixture.app.clock.offsetMs = 10 * 60_000;
    const before = await snapshot(fixture);
    const late = await team.call('POST', `/api/responses/${fixture.ids.response}/submit`);
    expect([late.status, refusal(late)]).toEqual([403, 'challenge_deadline_passed']);
    const lateWithdraw = await team.call('POST', `/api/responses/${fixture.ids.response}/withdraw`);
    expect([lateWithdraw.status, refusal(lateWithdraw)]).toEqual([403, 'challenge_deadline_passed']);
    expect(await snapshot(fixture)).toBe(before);
    await ok(fixture.clients.memberA.call('POST', `/api/challenges/${fixture.ids.open}/deadline`, { deadline: { local: '2031-01-15T12:00', timeZone: 'Asia/Shanghai' } }));
    const resubmitted = await ok(team.call<ResponsePublic>('POST', `/api/responses/${fixture.ids.response}/submit`));
    expect(resubmitted.status).toBe('submitted');
    expect(resubmitted.submissions.length).toBeGreaterThanOrEqual(2);
    fixture.app.clock.offsetMs = 0;
  });
});
