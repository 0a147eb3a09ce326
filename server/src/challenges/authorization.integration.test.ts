import type { ChallengeList, ChallengePublic, ChallengeQuestions, CreateChallengeBody, FieldPublic, NotificationPage, ChallengeQuestionPublic, RefusalReason } from '@ideasphere/shared';
import { CHALLENGE_STATUSES, QUESTION_MAX_CHARS, QUESTIONS_PER_ACCOUNT_PER_HOUR } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLog } from '../logger.js';
import type { LmdbStore } from '../store/LmdbStore.js';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, refusal, setUpAdmin, postChallenge } from '../testing/accountClients.js';
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
  ids: Record<'orgA' | 'orgB' | 'orgC' | 'field' | 'public' | 'draft' | 'platform' | 'private' | 'publicQuestion' | 'privateQuestion', string>;
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

const OWNERS = { memberA: 200, orgAdminA: 200 } as const;
const ALL_BUT_OWNERS_FORBIDDEN = { admin: 'role_forbidden', memberB: 'role_forbidden', memberC: 'role_forbidden', user: 'role_forbidden' } as const;
/** The private challenge of A that invites C: B's member and the user may not learn it exists. */
const PRIVATE_MANAGE_REFUSED = { admin: 'role_forbidden', memberC: 'role_forbidden', memberB: 'challenge_not_found', user: 'challenge_not_found' } as const;
const DRAFT_REFUSED = { anonymous: 'challenge_not_found', admin: 'challenge_not_found', memberB: 'challenge_not_found', memberC: 'challenge_not_found', user: 'challenge_not_found' } as const;
const LATER_DEADLINE = { deadline: { local: '2031-01-15T12:00', timeZone: 'Europe/Berlin' } };

const ROUTES: RouteCase[] = [
  { name: 'GET /api/challenges', method: 'GET', path: () => '/api/challenges', allowed: EVERYONE, refused: {} },
  {
    name: 'GET /api/challenge-organisations',
    method: 'GET',
    path: () => '/api/challenge-organisations',
    allowed: { admin: 200, orgAdminA: 200, memberA: 200, memberB: 200, memberC: 200 },
    refused: { user: 'role_forbidden' },
  },
  {
    name: 'POST /api/challenges (for A)',
    method: 'POST',
    path: () => '/api/challenges',
    body: (f) => challengeBody(f, { title: 'Another one' }),
    allowed: { memberA: 201, orgAdminA: 201 },
    refused: { admin: 'role_forbidden', memberB: 'organisation_not_found', memberC: 'organisation_not_found', user: 'organisation_not_found' },
  },
  { name: 'GET /api/challenges/:public', method: 'GET', path: (f) => `/api/challenges/${f.ids.public}`, allowed: EVERYONE, refused: {} },
  {
    name: 'GET /api/challenges/:platform',
    method: 'GET',
    path: (f) => `/api/challenges/${f.ids.platform}`,
    allowed: { admin: 200, orgAdminA: 200, memberA: 200, memberB: 200, memberC: 200, user: 200 },
    refused: { anonymous: 'challenge_not_found' },
  },
  {
    name: 'GET /api/challenges/:private (invites C)',
    method: 'GET',
    path: (f) => `/api/challenges/${f.ids.private}`,
    allowed: { admin: 200, orgAdminA: 200, memberA: 200, memberC: 200 },
    refused: { anonymous: 'challenge_not_found', memberB: 'challenge_not_found', user: 'challenge_not_found' },
  },
  {
    name: 'GET /api/challenges/:private/qr.svg',
    method: 'GET',
    path: (f) => `/api/challenges/${f.ids.private}/qr.svg`,
    allowed: { admin: 200, orgAdminA: 200, memberA: 200, memberC: 200 },
    refused: { anonymous: 'challenge_not_found', memberB: 'challenge_not_found', user: 'challenge_not_found' },
  },
  { name: 'GET /api/challenges/:draft', method: 'GET', path: (f) => `/api/challenges/${f.ids.draft}`, allowed: OWNERS, refused: DRAFT_REFUSED },
  {
    name: 'PATCH /api/challenges/:draft (title)',
    method: 'PATCH',
    path: (f) => `/api/challenges/${f.ids.draft}`,
    body: () => ({ title: 'Renamed draft' }),
    allowed: OWNERS,
    refused: { ...DRAFT_REFUSED, anonymous: 'sign_in_required' },
  },
  {
    name: 'PATCH /api/challenges/:public (background)',
    method: 'PATCH',
    path: (f) => `/api/challenges/${f.ids.public}`,
    body: () => ({ background: 'A clarification' }),
    allowed: OWNERS,
    refused: ALL_BUT_OWNERS_FORBIDDEN,
  },
  {
    name: 'PATCH /api/challenges/:private (background)',
    method: 'PATCH',
    path: (f) => `/api/challenges/${f.ids.private}`,
    body: () => ({ background: 'A clarification' }),
    allowed: OWNERS,
    refused: PRIVATE_MANAGE_REFUSED,
  },
  {
    name: 'POST /api/challenges/:draft/transitions (open)',
    method: 'POST',
    path: (f) => `/api/challenges/${f.ids.draft}/transitions`,
    body: () => ({ to: 'open' }),
    allowed: OWNERS,
    refused: { ...DRAFT_REFUSED, anonymous: 'sign_in_required' },
  },
  {
    name: 'POST /api/challenges/:public/transitions (close)',
    method: 'POST',
    path: (f) => `/api/challenges/${f.ids.public}/transitions`,
    body: () => ({ to: 'closed' }),
    allowed: OWNERS,
    refused: ALL_BUT_OWNERS_FORBIDDEN,
  },
  {
    name: 'POST /api/challenges/:private/deadline',
    method: 'POST',
    path: (f) => `/api/challenges/${f.ids.private}/deadline`,
    body: () => LATER_DEADLINE,
    allowed: OWNERS,
    refused: PRIVATE_MANAGE_REFUSED,
  },
  { name: 'GET /api/challenges/:public/questions', method: 'GET', path: (f) => `/api/challenges/${f.ids.public}/questions`, allowed: EVERYONE, refused: {} },
  {
    name: 'GET /api/challenges/:private/questions',
    method: 'GET',
    path: (f) => `/api/challenges/${f.ids.private}/questions`,
    allowed: { admin: 200, orgAdminA: 200, memberA: 200, memberC: 200 },
    refused: { anonymous: 'challenge_not_found', memberB: 'challenge_not_found', user: 'challenge_not_found' },
  },
  { name: 'GET /api/challenges/:draft/questions', method: 'GET', path: (f) => `/api/challenges/${f.ids.draft}/questions`, allowed: OWNERS, refused: DRAFT_REFUSED },
  {
    name: 'POST /api/challenges/:public/questions',
    method: 'POST',
    path: (f) => `/api/challenges/${f.ids.public}/questions`,
    body: () => ({ text: '能否使用回收钢材？' }),
    allowed: { admin: 201, memberB: 201, memberC: 201, user: 201 },
    refused: { orgAdminA: 'role_forbidden', memberA: 'role_forbidden' },
  },
  {
    name: 'POST /api/challenges/:private/questions',
    method: 'POST',
    path: (f) => `/api/challenges/${f.ids.private}/questions`,
    body: () => ({ text: 'Is a pilot line available?' }),
    allowed: { admin: 201, memberC: 201 },
    refused: { orgAdminA: 'role_forbidden', memberA: 'role_forbidden', memberB: 'challenge_not_found', user: 'challenge_not_found' },
  },
  {
    name: 'POST /api/challenges/:draft/questions',
    method: 'POST',
    path: (f) => `/api/challenges/${f.ids.draft}/questions`,
    body: () => ({ text: 'Anyone there?' }),
    allowed: {},
    refused: { ...DRAFT_REFUSED, anonymous: 'sign_in_required', orgAdminA: 'role_forbidden', memberA: 'role_forbidden' },
  },
  {
    name: 'PUT /api/challenges/:public/questions/:question/answer',
    method: 'PUT',
    path: (f) => `/api/challenges/${f.ids.public}/questions/${f.ids.publicQuestion}/answer`,
    body: () => ({ text: '可以。Yes.', visibility: 'public' }),
    allowed: OWNERS,
    refused: ALL_BUT_OWNERS_FORBIDDEN,
  },
  {
    name: 'PUT /api/challenges/:private/questions/:question/answer',
    method: 'PUT',
    path: (f) => `/api/challenges/${f.ids.private}/questions/${f.ids.privateQuestion}/answer`,
    body: () => ({ text: 'Only for you.', visibility: 'private' }),
    allowed: OWNERS,
    refused: PRIVATE_MANAGE_REFUSED,
  },
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
  organisation_not_found: 404,
  challenge_not_found: 404,
};

/** Asks a question as `client` and returns its id. */
async function ask(client: AccountClient, challengeId: string, text: string): Promise<string> {
  const asked = await client.call<ChallengeQuestionPublic>('POST', `/api/challenges/${challengeId}/questions`, { text });
  if (asked.status !== 201) throw new Error(`question failed: ${asked.status} ${JSON.stringify(asked.body)}`);
  return asked.body.id;
}

/** A challenge body of organisation A, filed under the fixture's first field. */
function challengeBody(f: Pick<Fixture, 'ids'>, overrides: Partial<CreateChallengeBody> = {}): CreateChallengeBody {
  return {
    organisationId: f.ids.orgA,
    title: 'Lighter steel for car doors 更轻的车门钢材',
    problem: 'We need **lighter** steel that keeps its strength.',
    fieldIds: [f.ids.field],
    deadline: { local: '2030-06-30T18:00', timeZone: 'Asia/Shanghai' },
    visibility: 'public',
    criteria: [
      { name: 'Feasibility', weight: 60 },
      { name: 'Cost', weight: 40 },
    ],
    ...overrides,
  };
}

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
  const base0 = { ids: { orgA: orgA.id, field: fields[0]?.id ?? '' } } as Pick<Fixture, 'ids'>;
  const poster = memberA.client;
  await poster.me();
  const ids = {
    public: await postChallenge(poster, challengeBody(base0, { title: 'Public 公开' }), true),
    draft: await postChallenge(poster, challengeBody(base0, { title: 'Draft 草稿' }), false),
    platform: await postChallenge(poster, challengeBody(base0, { title: 'Platform 平台', visibility: 'platform' }), true),
    private: await postChallenge(poster, challengeBody(base0, { title: 'Private 定向', visibility: 'invited', invitedOrganisationIds: [orgC.id] }), true),
  };
  await user.client.me();
  await memberC.client.me();
  const questionIds = {
    publicQuestion: await ask(user.client, ids.public, '能否使用回收钢材？'),
    privateQuestion: await ask(memberC.client, ids.private, 'Is a pilot line available?'),
  };
  return {
    app,
    store,
    clients: { anonymous: new AccountClient(base), admin, orgAdminA: orgAdminA.client, memberA: memberA.client, memberB: memberB.client, memberC: memberC.client, user: user.client },
    ids: { orgA: orgA.id, orgB: orgB.id, orgC: orgC.id, field: fields[0]?.id ?? '', ...ids, ...questionIds },
  };
}

/** Every record the challenges side keeps that a route could change. */
async function snapshot(f: Fixture): Promise<string> {
  const { challenges } = f.store;
  const every = await challenges.queryChallenges({
    audiences: 'all',
    ownOrganisationIds: [f.ids.orgA, f.ids.orgB, f.ids.orgC],
    statuses: CHALLENGE_STATUSES,
    sort: 'newest',
    offset: 0,
    limit: 1000,
  });
  const questions = await Promise.all(every.records.map((c) => challenges.listQuestions(c.id)));
  return JSON.stringify({ fields: await challenges.listFields(), challenges: every.records, questions });
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

  it('lists to each role only what it may see, in lists and in counts', async () => {
    const seen = async (role: Role) => {
      const list = (await shared.clients[role].call<ChallengeList>('GET', '/api/challenges?sort=newest')).body;
      expect(list.total, role).toBe(list.items.length);
      return list.items.map((c) => c.id).sort();
    };
    const { public: pub, draft, platform, private: priv } = shared.ids;
    const sorted = (...ids: string[]) => ids.sort();
    expect(await seen('anonymous')).toEqual(sorted(pub));
    expect(await seen('user')).toEqual(sorted(pub, platform));
    expect(await seen('memberB')).toEqual(sorted(pub, platform));
    expect(await seen('memberC')).toEqual(sorted(pub, platform, priv));
    expect(await seen('admin')).toEqual(sorted(pub, platform, priv));
    expect(await seen('memberA')).toEqual(sorted(pub, draft, platform, priv));
    expect(await seen('orgAdminA')).toEqual(sorted(pub, draft, platform, priv));
    // A filter never counts what the viewer may not see.
    const drafts = (await shared.clients.memberB.call<ChallengeList>('GET', '/api/challenges?status=draft')).body;
    expect([drafts.total, drafts.items]).toEqual([0, []]);
  });

  it('refuses invalid challenges and illegal steps with their reasons, changing nothing', async () => {
    const member = shared.clients.memberA;
    await member.me();
    const cases: [string, string, string, unknown, number, RefusalReason][] = [
      ['weights 99', 'POST', '/api/challenges', challengeBody(shared, { criteria: [{ name: 'A', weight: 50 }, { name: 'B', weight: 49 }] }), 400, 'criteria_weights_invalid'],
      ['weights 101', 'POST', '/api/challenges', challengeBody(shared, { criteria: [{ name: 'A', weight: 101 }] }), 400, 'criteria_weights_invalid'],
      ['no criteria', 'POST', '/api/challenges', challengeBody(shared, { criteria: [] }), 400, 'invalid_input'],
      ['unknown field', 'POST', '/api/challenges', challengeBody(shared, { fieldIds: ['0000000000nofield'] }), 400, 'unknown_field'],
      ['unknown organisation', 'POST', '/api/challenges', challengeBody(shared, { visibility: 'invited', invitedOrganisationIds: ['0000000000noorg'] }), 400, 'unknown_organisation'],
      ['invited without organisations', 'POST', '/api/challenges', challengeBody(shared, { visibility: 'invited' }), 400, 'invalid_input'],
      ['unknown zone', 'POST', '/api/challenges', challengeBody(shared, { deadline: { local: '2030-01-01T10:00', timeZone: 'Mars/Base' } }), 400, 'invalid_input'],
      ['blank title', 'POST', '/api/challenges', challengeBody(shared, { title: ' \u200b ' }), 400, 'text_blank'],
      ['skip a step', 'POST', `/api/challenges/${shared.ids.public}/transitions`, { to: 'decided' }, 409, 'challenge_transition_invalid'],
      ['back to draft', 'POST', `/api/challenges/${shared.ids.public}/transitions`, { to: 'draft' }, 409, 'challenge_transition_invalid'],
      ['title while open', 'PATCH', `/api/challenges/${shared.ids.public}`, { title: 'New title' }, 409, 'challenge_not_editable'],
      ['criteria while open', 'PATCH', `/api/challenges/${shared.ids.public}`, { criteria: [{ name: 'Only', weight: 100 }] }, 409, 'challenge_not_editable'],
      ['earlier deadline', 'POST', `/api/challenges/${shared.ids.public}/deadline`, { deadline: { local: '2030-01-01T10:00', timeZone: 'Asia/Shanghai' } }, 400, 'deadline_not_later'],
      ['extend a draft', 'POST', `/api/challenges/${shared.ids.draft}/deadline`, LATER_DEADLINE, 409, 'challenge_not_editable'],
      ['unknown challenge', 'GET', '/api/challenges/0000000000nochallenge', undefined, 404, 'challenge_not_found'],
      ['page too large', 'GET', '/api/challenges?limit=51', undefined, 400, 'invalid_input'],
    ];
    for (const [name, method, path, body, status, reason] of cases) {
      const before = await snapshot(shared);
      const reply = await member.call(method, path, body);
      expect([name, reply.status, refusal(reply)]).toEqual([name, status, reason]);
      expect(await snapshot(shared), name).toBe(before);
    }
  });

  it('runs the lifecycle draft → open → closed → in_review → decided; a later deadline reopens a closed one', async () => {
    const fixture = await buildFixture();
    try {
      const owner = fixture.clients.orgAdminA;
      await owner.me();
      const id = fixture.ids.draft;
      const step = async (to: string) => (await owner.call<ChallengePublic>('POST', `/api/challenges/${id}/transitions`, { to })).body.status;
      expect(await step('open')).toBe('open');
      expect(await step('closed')).toBe('closed');
      const reopened = await owner.call<ChallengePublic>('POST', `/api/challenges/${id}/deadline`, LATER_DEADLINE);
      expect([reopened.body.status, reopened.body.deadline]).toEqual(['open', { at: '2031-01-15T11:00:00.000Z', timeZone: 'Europe/Berlin' }]);
      expect(await step('closed')).toBe('closed');
      expect(await step('in_review')).toBe('in_review');
      expect(await step('decided')).toBe('decided');
      const late = await owner.call('POST', `/api/challenges/${id}/deadline`, LATER_DEADLINE);
      expect(refusal(late)).toBe('challenge_not_editable');
    } finally {
      await fixture.app.dispose();
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

  it('shows each question to its asker and the owner organisation, to everyone else once publicly answered; names only to the owner', async () => {
    const f = await buildFixture();
    try {
      const { memberA, memberB, user, anonymous } = f.clients;
      await memberA.me();
      await memberB.me();
      const privateOne = await ask(memberB, f.ids.public, 'Only between us, please');
      const seen = async (client: AccountClient) => (await client.call<ChallengeQuestions>('GET', `/api/challenges/${f.ids.public}/questions`)).body;
      const texts = async (client: AccountClient) => (await seen(client)).questions.map((q) => q.text);

      // Unanswered: the asker and the owner organisation only; the owner sees names, never emails.
      expect(await texts(anonymous)).toEqual([]);
      expect(await texts(user)).toEqual(['能否使用回收钢材？']);
      const owner = await seen(memberA);
      expect(owner.questions.map((q) => [q.text, q.askerName, q.mine])).toEqual([
        ['能否使用回收钢材？', 'user', false],
        ['Only between us, please', 'mb', false],
      ]);
      expect([owner.canAnswer, owner.canAsk]).toEqual([true, false]);
      expect(JSON.stringify(owner)).not.toContain('@example.cn');
      const asker = await seen(user);
      expect([asker.canAnswer, asker.canAsk, asker.questions[0]?.mine, asker.questions[0]?.askerName]).toEqual([false, true, true, null]);

      // A public answer shows the question to everyone who may see the challenge; a private one does not.
      const answered = await memberA.call<ChallengeQuestionPublic>('PUT', `/api/challenges/${f.ids.public}/questions/${f.ids.publicQuestion}/answer`, { text: '可以，比例不限。', visibility: 'public' });
      expect([answered.status, answered.body.answer?.visibility, answered.body.answer?.editedAt]).toEqual([200, 'public', null]);
      await memberA.call('PUT', `/api/challenges/${f.ids.public}/questions/${privateOne}/answer`, { text: 'Between us: yes.', visibility: 'private' });
      const anonymousView = (await seen(anonymous)).questions;
      expect(anonymousView.map((q) => [q.text, q.askerName, q.mine, q.answer?.text])).toEqual([['能否使用回收钢材？', null, false, '可以，比例不限。']]);
      expect(await texts(f.clients.memberC)).toEqual(['能否使用回收钢材？']);
      expect(await texts(memberB)).toEqual(['能否使用回收钢材？', 'Only between us, please']);
      expect((await seen(anonymous)).canAsk).toBe(false);

      // The asker is told once, with a link to the challenge page; an edit does not tell again.
      const inbox = async () => (await user.call<NotificationPage>('GET', '/api/account/notifications')).body;
      const first = await inbox();
      expect([first.unread, first.notifications[0]?.kind, first.notifications[0]?.link, first.notifications[0]?.params]).toEqual([
        1,
        'question_answered',
        `/platform/challenges/${f.ids.public}`,
        { challenge: 'Public 公开', question: '能否使用回收钢材？' },
      ]);
      const edited = await memberA.call<ChallengeQuestionPublic>('PUT', `/api/challenges/${f.ids.public}/questions/${f.ids.publicQuestion}/answer`, { text: 'Edited', visibility: 'private' });
      expect([edited.body.answer?.text, edited.body.answer?.answeredAt, typeof edited.body.answer?.editedAt]).toEqual(['Edited', answered.body.answer?.answeredAt, 'string']);
      expect((await inbox()).unread).toBe(1);
      // Made private again: gone for everyone but its asker and the owner.
      expect(await texts(anonymous)).toEqual([]);
      expect(await texts(user)).toEqual(['能否使用回收钢材？']);
    } finally {
      await f.app.dispose();
    }
  });

  it('refuses invalid, late, unknown and too many questions with their reasons, changing nothing', async () => {
    const f = await buildFixture();
    try {
      const { memberA, memberB } = f.clients;
      await memberA.me();
      await memberB.me();
      await memberA.call('POST', `/api/challenges/${f.ids.platform}/transitions`, { to: 'closed' });
      const publicQuestions = `/api/challenges/${f.ids.public}/questions`;
      const cases: [string, AccountClient, string, string, unknown, number, RefusalReason][] = [
        ['blank question', memberB, 'POST', publicQuestions, { text: ' \u200b ' }, 400, 'text_blank'],
        ['long question', memberB, 'POST', publicQuestions, { text: '问'.repeat(QUESTION_MAX_CHARS + 1) }, 400, 'text_too_long'],
        ['extra key', memberB, 'POST', publicQuestions, { text: 'Hi', askedBy: 'someone' }, 400, 'invalid_input'],
        ['closed challenge', memberB, 'POST', `/api/challenges/${f.ids.platform}/questions`, { text: 'Too late?' }, 403, 'challenge_not_open'],
        ['unknown challenge', memberB, 'POST', '/api/challenges/0000000000nochallenge/questions', { text: 'Hi' }, 404, 'challenge_not_found'],
        ['unknown question', memberA, 'PUT', `${publicQuestions}/0000000000noquestion/answer`, { text: 'Yes', visibility: 'public' }, 404, 'challenge_question_not_found'],
        ['question of another challenge', memberA, 'PUT', `/api/challenges/${f.ids.platform}/questions/${f.ids.publicQuestion}/answer`, { text: 'Yes', visibility: 'public' }, 404, 'challenge_question_not_found'],
        ['answer visibility', memberA, 'PUT', `${publicQuestions}/${f.ids.publicQuestion}/answer`, { text: 'Yes', visibility: 'everyone' }, 400, 'invalid_input'],
        ['blank answer', memberA, 'PUT', `${publicQuestions}/${f.ids.publicQuestion}/answer`, { text: '', visibility: 'public' }, 400, 'text_blank'],
      ];
      for (const [name, client, method, path, body, status, reason] of cases) {
        const before = await snapshot(f);
        const reply = await client.call(method, path, body);
        expect([name, reply.status, refusal(reply)]).toEqual([name, status, reason]);
        expect(await snapshot(f), name).toBe(before);
      }

      // An hour's budget (the store's contract checks it spans challenges); the refusal says when to retry.
      for (let i = 0; i < QUESTIONS_PER_ACCOUNT_PER_HOUR; i++) await ask(memberB, f.ids.public, `Question ${i}`);
      const before = await snapshot(f);
      const limited = await memberB.call<{ error?: { retryAfterSeconds?: number } }>('POST', publicQuestions, { text: 'One more' });
      expect([limited.status, refusal(limited)]).toEqual([429, 'questions_rate_limited']);
      expect(limited.body.error?.retryAfterSeconds).toBeGreaterThan(3000);
      expect(await snapshot(f)).toBe(before);
    } finally {
      await f.app.dispose();
    }
  });
});
