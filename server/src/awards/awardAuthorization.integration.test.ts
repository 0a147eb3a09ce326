import type { AwardProgrammeView, CreatedSession, NominationPublic } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLog } from '../logger.js';
import type { LmdbStore } from '../store/LmdbStore.js';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, refusal, setUpAdmin } from '../testing/accountClients.js';
import { startTestApp, type TestApp } from '../testing/harness.js';

/*
 * The awards' routes × roles: the programme's owner (an org admin of its organisation), a member
 * of it, a member of another organisation, and nobody signed in. Every refused request leaves
 * the stored programme and nominations exactly as they were; a change without its CSRF token is
 * refused too.
 */

const ROLES = ['owner', 'member', 'other', 'anonymous'] as const;
type Role = (typeof ROLES)[number];

let app: TestApp;
let store: LmdbStore;
const clients = {} as Record<Role, AccountClient>;
let programmeId = '';
let categoryId = '';
let nominationId = '';
let ownerSession = '';
let orgA = '';

beforeAll(async () => {
  const { log, records } = capturedLog('info');
  app = await startTestApp({ log, passwordHasher: cheapHasher(), onStore: (s) => (store = s) });
  const base = app.server.url;
  const admin = await setUpAdmin(base, String(records.find((r) => typeof r['setupUrl'] === 'string')?.['setupUrl']));
  orgA = (await createOrganisation(admin, 'Org A')).id;
  const orgB = (await createOrganisation(admin, 'Org B')).id;
  clients.owner = (await invitedAccount(admin, 'owner@example.cn', { organisationId: orgA, orgRole: 'org_admin' })).client;
  clients.member = (await invitedAccount(admin, 'member@example.cn', { organisationId: orgA })).client;
  clients.other = (await invitedAccount(admin, 'other@example.cn', { organisationId: orgB, orgRole: 'org_admin' })).client;
  clients.anonymous = new AccountClient(base);
  for (const role of ROLES) await clients[role].me();
  const created = await clients.owner.call<AwardProgrammeView>('POST', '/api/awards', { organisationId: orgA, name: 'Awards', year: 2026 });
  programmeId = created.body.programme.id;
  categoryId = created.body.programme.categories[0]?.id ?? '';
  const nominated = await clients.member.call<NominationPublic>('POST', `/api/awards/${programmeId}/nominations`, { categoryId, nominee: { kind: 'person', email: 'member@example.cn' }, citation: 'Cited.' });
  nominationId = nominated.body.id;
  ownerSession = (await clients.owner.call<CreatedSession>('POST', '/api/account/live-sessions', { title: 'Night', language: 'en' })).body.code;
});

afterAll(async () => {
  await app.dispose();
});

/** What the store holds of the programme: a refused request must leave it as it was. */
async function stored(): Promise<unknown> {
  return { programme: await store.awards.getProgramme(programmeId), nominations: await store.awards.listNominations(programmeId), all: await store.awards.listProgrammesOfOrganisations([orgA]) };
}

interface Route {
  name: string;
  method: string;
  path: () => string;
  body?: () => unknown;
  /** Who may, and with what status; everyone else is refused with the reason given per role. */
  allowed: Partial<Record<Role, number>>;
  refused: Partial<Record<Role, string>>;
  change: boolean;
}

const P = () => `/api/awards/${programmeId}`;
const C = () => `${P()}/categories/${categoryId}`;
const notFound = 'award_programme_not_found';

const ROUTES: Route[] = [
  { name: 'list', method: 'GET', path: () => '/api/awards', allowed: { owner: 200, member: 200, other: 200 }, refused: { anonymous: 'sign_in_required' }, change: false },
  { name: 'create', method: 'POST', path: () => '/api/awards', body: () => ({ organisationId: orgA, name: 'Second', year: 2027 }), allowed: { owner: 201 }, refused: { member: 'role_forbidden', other: 'organisation_not_found', anonymous: 'sign_in_required' }, change: true },
  { name: 'view', method: 'GET', path: P, allowed: { owner: 200, member: 200 }, refused: { other: notFound, anonymous: 'sign_in_required' }, change: false },
  { name: 'update', method: 'PATCH', path: P, body: () => ({ juryWeight: 70 }), allowed: { owner: 200 }, refused: { member: 'role_forbidden', other: notFound, anonymous: 'sign_in_required' }, change: true },
  { name: 'add category', method: 'POST', path: () => `${P()}/categories`, body: () => ({ nameZh: '最佳合作', nameEn: 'Best partnership' }), allowed: { owner: 201 }, refused: { member: 'role_forbidden', other: notFound, anonymous: 'sign_in_required' }, change: true },
  { name: 'edit category', method: 'PATCH', path: C, body: () => ({ description: 'For the bold.', winnersCount: 2 }), allowed: { owner: 200 }, refused: { member: 'role_forbidden', other: notFound, anonymous: 'sign_in_required' }, change: true },
  { name: 'nominate', method: 'POST', path: () => `${P()}/nominations`, body: () => ({ categoryId, nominee: { kind: 'person', email: 'owner@example.cn' }, citation: 'Again.' }), allowed: { owner: 201, member: 201 }, refused: { other: notFound, anonymous: 'sign_in_required' }, change: true },
  { name: 'decide', method: 'POST', path: () => `${P()}/nominations/${nominationId}/decision`, body: () => ({ decision: 'accept' }), allowed: { owner: 200 }, refused: { member: 'role_forbidden', other: notFound, anonymous: 'sign_in_required' }, change: true },
  { name: 'link session', method: 'PUT', path: () => `${C()}/session`, body: () => ({ code: ownerSession }), allowed: { owner: 200 }, refused: { member: 'role_forbidden', other: notFound, anonymous: 'sign_in_required' }, change: true },
  { name: 'audience vote', method: 'POST', path: () => `${C()}/audience-vote`, body: () => ({ action: 'start' }), allowed: { owner: 200 }, refused: { member: 'role_forbidden', other: notFound, anonymous: 'sign_in_required' }, change: true },
  { name: 'winners', method: 'POST', path: () => `${C()}/winners`, body: () => ({ nominationIds: [nominationId] }), allowed: { owner: 200 }, refused: { member: 'role_forbidden', other: notFound, anonymous: 'sign_in_required' }, change: true },
];

describe('awards authorization: routes × roles', () => {
  for (const route of ROUTES) {
    for (const role of ROLES) {
      const refusedWith = route.refused[role];
      if (refusedWith === undefined) continue;
      it(`${route.name}: ${role} is refused (${refusedWith}) and nothing changes`, async () => {
        const before = await stored();
        const reply = await clients[role].call(route.method, route.path(), route.body?.());
        expect(refusal(reply)).toBe(refusedWith);
        expect(await stored()).toEqual(before);
      });
    }
  }

  it('a change without its CSRF token is refused and changes nothing', async () => {
    for (const route of ROUTES.filter((r) => r.change)) {
      const before = await stored();
      const reply = await clients.owner.call(route.method, route.path(), route.body?.(), { csrf: false });
      expect([route.name, refusal(reply)]).toEqual([route.name, 'csrf_failed']);
      expect(await stored()).toEqual(before);
    }
  });

  it('bad input gets a stable reason and changes nothing', async () => {
    const before = await stored();
    const cases: [string, string, unknown, string][] = [
      ['PATCH', P(), { juryWeight: 101 }, 'invalid_input'],
      ['PATCH', C(), { criteria: [{ name: 'A', weight: 50, guidance: '' }, { name: 'B', weight: 40, guidance: '' }] }, 'criteria_weights_invalid'],
      ['PATCH', C(), { nameZh: '   ' }, 'text_blank'],
      ['POST', `${P()}/nominations`, { categoryId, nominee: { kind: 'person', email: 'nobody@example.cn' }, citation: 'x' }, 'nominee_unknown'],
      ['POST', `${P()}/nominations`, { categoryId, nominee: { kind: 'proposal', proposalId: '0000000000nothing' }, citation: 'x' }, 'nominee_unknown'],
      ['POST', `${P()}/nominations`, { categoryId: '0000000000nothing', nominee: { kind: 'person', email: 'owner@example.cn' }, citation: 'x' }, 'award_category_not_found'],
      ['POST', `${P()}/nominations`, { categoryId, nominee: { kind: 'person', email: 'owner@example.cn' }, citation: '' }, 'text_blank'],
      ['PUT', `${C()}/session`, { code: 'ZZZZZZ' }, 'live_session_not_found'],
      ['POST', `${C()}/winners`, { nominationIds: [nominationId] }, 'award_no_accepted_nominations'],
      ['POST', `${C()}/audience-vote`, { action: 'start' }, 'award_session_required'],
      ['POST', `${C()}/audience-vote`, { action: 'open' }, 'invalid_input'],
    ];
    for (const [method, path, body, reason] of cases) {
      const reply = await clients.owner.call(method, path, body);
      expect([method, path, refusal(reply)]).toEqual([method, path, reason]);
    }
    expect(await stored()).toEqual(before);
  });

  it('lets each allowed role do what it may', async () => {
    for (const route of ROUTES) {
      for (const role of ROLES) {
        const status = route.allowed[role];
        if (status === undefined) continue;
        const reply = await clients[role].call(route.method, route.path(), route.body?.());
        expect([route.name, role, reply.status]).toEqual([route.name, role, status]);
      }
    }
    const view = (await clients.other.call<unknown[]>('GET', '/api/awards')).body;
    expect(view).toEqual([]);
  });
});
