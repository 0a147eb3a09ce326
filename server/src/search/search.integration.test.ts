import type { CreateChallengeBody, FieldPublic, MatchHit, Me, SearchResponse } from '@ideasphere/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, PASSWORD, refusal, setUpAdmin, postChallenge } from '../testing/accountClients.js';
import { startTestApp, type TestApp } from '../testing/harness.js';

const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.dispose()));
});

/** Two organisations, each with a member; a public challenge of A, an invited-only one of B; a solver with a profile. */
async function start() {
  const app = await startTestApp({ passwordHasher: cheapHasher() });
  apps.push(app);
  const base = app.server.url;
  const admin = await setUpAdmin(base, app.server.setupLink?.url ?? '');
  const [orgA, orgB, partner] = [await createOrganisation(admin, 'Baosteel 宝钢'), await createOrganisation(admin, 'Secret Motors'), await createOrganisation(admin, 'Partner Lab')];
  const memberA = (await invitedAccount(admin, 'a@example.cn', { organisationId: orgA.id })).client;
  const memberB = (await invitedAccount(admin, 'b@example.cn', { organisationId: orgB.id })).client;
  const fields = (await admin.call<FieldPublic[]>('GET', '/api/fields')).body;
  const materials = fields.find((field) => field.nameEn === 'New materials')?.id ?? '';
  const challenge = (orgId: string, title: string, problem: string, extra: Partial<CreateChallengeBody> = {}): CreateChallengeBody => ({
    organisationId: orgId,
    title,
    problem,
    fieldIds: [materials],
    deadline: { local: '2031-06-30T18:00', timeZone: 'Asia/Shanghai' },
    visibility: 'public',
    criteria: [{ name: 'Feasibility', weight: 100 }],
    ...extra,
  });
  const publicId = await postChallenge(memberA, challenge(orgA.id, '船用钢板的防腐涂层', '海水中的钢板需要更耐久的防腐涂层，寿命十年以上。'));
  const privateId = await postChallenge(memberB, challenge(orgB.id, '电池壳体的防腐涂层', '电池壳体的涂层在高温下开裂。', { visibility: 'invited', invitedOrganisationIds: [partner.id] }));
  const solver = new AccountClient(base);
  const me = await solver.call<Me>('POST', '/api/account/signup', { email: 'solver@example.cn', name: 'Zhao Lei', password: PASSWORD });
  await solver.call('PUT', `/api/profiles/person/${me.body.account.id}`, {
    headline: '涂层工程师 Coatings engineer',
    bio: '十年海洋环境防腐涂层经验。',
    fields: [materials],
    skills: ['防腐涂层', 'Corrosion testing'],
    keywords: ['海水'],
    visibility: 'public',
  });
  return { app, base, admin, memberA, memberB, solver, solverId: me.body.account.id, publicId, privateId };
}

const searchAs = async (client: AccountClient, query: string) => (await client.call<SearchResponse>('GET', `/api/search?q=${encodeURIComponent(query)}`)).body;
const idsOf = (response: SearchResponse) => response.hits.map((hit) => `${hit.kind}:${hit.id}`).sort();

describe('search', () => {
  it('finds Chinese text for anyone, never another organisation’s private challenge, not even in the count', async () => {
    const { base, admin, memberA, memberB, solverId, publicId, privateId } = await start();
    const anonymous = await searchAs(new AccountClient(base), '防腐涂层');
    expect(idsOf(anonymous)).toEqual([`challenge:${publicId}`, `profile:person:${solverId}`].sort());
    expect(anonymous.total).toBe(2);
    expect(anonymous.facets.kinds.challenge).toBe(1);
    expect(anonymous.hits.find((hit) => hit.kind === 'challenge')?.matchedTerms.length).toBeGreaterThan(0);
    expect(idsOf(await searchAs(memberA, '防腐涂层'))).not.toContain(`challenge:${privateId}`);
    expect(idsOf(await searchAs(memberB, '防腐涂层'))).toContain(`challenge:${privateId}`);
    expect(idsOf(await searchAs(admin, '防腐涂层'))).toContain(`challenge:${privateId}`);
  });

  it('follows changes at once, and finds the same after a restart rebuilt the index', async () => {
    const { app, base, solver, solverId } = await start();
    await solver.call('PUT', `/api/profiles/person/${solverId}`, { headline: '', bio: '', fields: [], skills: ['氢能储运'], keywords: [], visibility: 'platform' });
    expect((await searchAs(new AccountClient(base), '氢能')).total).toBe(0);
    expect(idsOf(await searchAs(solver, '氢能'))).toEqual([`profile:person:${solverId}`]);
    await app.restart();
    const again = new AccountClient(app.server.url);
    await again.login('solver@example.cn', PASSWORD);
    expect(idsOf(await searchAs(again, '氢能'))).toEqual([`profile:person:${solverId}`]);
    expect((await searchAs(new AccountClient(app.server.url), '氢能')).total).toBe(0);
  });

  it('refuses malformed queries', async () => {
    const { base } = await start();
    for (const query of ['', '?q=x&limit=1000', '?q=x&kinds=robots', '?q=x&offset=-1', '?q=x&extra=1']) {
      const reply = await new AccountClient(base).call('GET', `/api/search${query}`);
      expect([query, reply.status, refusal(reply)]).toEqual([query, 400, 'invalid_input']);
    }
  });
});

describe('matching', () => {
  it('shows the owner organisation the sources that could solve its challenge, with why', async () => {
    const { base, memberA, memberB, solver, solverId, publicId, privateId } = await start();
    const matches = await memberA.call<MatchHit[]>('GET', `/api/challenges/${publicId}/matches`);
    expect(matches.status).toBe(200);
    const match = matches.body.find((hit) => hit.id === `person:${solverId}`);
    expect(match?.why.crossField).toBe(false);
    expect(match?.why.fields.length).toBe(1);
    expect(match?.why.terms.length).toBeGreaterThan(0);

    expect([(await solver.call('GET', `/api/challenges/${publicId}/matches`)).status, refusal(await solver.call('GET', `/api/challenges/${publicId}/matches`))]).toEqual([403, 'role_forbidden']);
    const hidden = await memberA.call('GET', `/api/challenges/${privateId}/matches`);
    expect([hidden.status, refusal(hidden)]).toEqual([404, 'challenge_not_found']);
    const anonymous = await new AccountClient(base).call('GET', `/api/challenges/${publicId}/matches`);
    expect([anonymous.status, refusal(anonymous)]).toEqual([401, 'sign_in_required']);
    expect((await memberB.call<MatchHit[]>('GET', `/api/challenges/${privateId}/matches`)).status).toBe(200);
  });

  it('shows a person the open challenges that fit their profile, and nobody else', async () => {
    const { solver, solverId, memberA, publicId, privateId } = await start();
    const fits = await solver.call<MatchHit[]>('GET', `/api/profiles/person/${solverId}/matches`);
    expect(fits.body.map((hit) => hit.id)).toContain(publicId);
    expect(fits.body.map((hit) => hit.id)).not.toContain(privateId);
    const other = await memberA.call('GET', `/api/profiles/person/${solverId}/matches`);
    expect([other.status, refusal(other)]).toEqual([403, 'role_forbidden']);
  });
});
