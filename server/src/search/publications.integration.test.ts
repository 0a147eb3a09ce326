import { randomUUID } from 'node:crypto';
import type { ChallengePublic, CreateChallengeBody, CreatedProposal, CreatedSession, FieldPublic, IdeaPublic, KeptParticipation, MatchHit, Me, PublicationPublic, SearchResponse } from '@ideasphere/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, PASSWORD, refusal, setUpAdmin } from '../testing/accountClients.js';
import { api, connectClient, expectOk, join, request, startTestApp, type TestApp } from '../testing/harness.js';
import { bearer } from '../testing/yjsClients.js';

const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.dispose()));
});

const searchAs = async (client: AccountClient, query: string) => (await client.call<SearchResponse>('GET', `/api/search?q=${encodeURIComponent(query)}`)).body;
const keysOf = (hits: readonly { kind: string; id: string }[]) => hits.map((hit) => `${hit.kind}:${hit.id}`);

/**
 * A public challenge of an organisation; a live session where two guests wrote ideas about the
 * same problem, one of them kept by a solver with a public profile (`keeper`), the other kept by
 * nobody; the keeper's guest also started a proposal.
 */
async function start() {
  const app = await startTestApp({ passwordHasher: cheapHasher() });
  apps.push(app);
  const base = app.server.url;
  const admin = await setUpAdmin(base, app.server.setupLink?.url ?? '');
  const org = await createOrganisation(admin, 'Baosteel 宝钢');
  const member = (await invitedAccount(admin, 'a@example.cn', { organisationId: org.id })).client;
  const fields = (await admin.call<FieldPublic[]>('GET', '/api/fields')).body;
  const materials = fields.find((field) => field.nameEn === 'New materials')?.id ?? '';
  const challengeBody: CreateChallengeBody = {
    organisationId: org.id,
    title: '船用钢板的防腐涂层',
    problem: '海水中的钢板需要更耐久的防腐涂层，寿命十年以上。',
    fieldIds: [materials],
    deadline: { local: '2031-06-30T18:00', timeZone: 'Asia/Shanghai' },
    visibility: 'public',
    criteria: [{ name: 'Feasibility', weight: 100 }],
  };
  const challenge = (await member.call<ChallengePublic>('POST', '/api/challenges', challengeBody)).body;
  await member.call('POST', `/api/challenges/${challenge.id}/transitions`, { to: 'open' });

  const keeper = new AccountClient(base);
  const me = await keeper.call<Me>('POST', '/api/account/signup', { email: 'solver@example.cn', name: 'Zhao Lei', password: PASSWORD });
  const keeperId = me.body.account.id;
  const profile = (visibility: 'public' | 'platform') =>
    keeper.call('PUT', `/api/profiles/person/${keeperId}`, { headline: 'Coatings engineer', bio: '', fields: [materials], skills: [], keywords: [], visibility });
  await profile('public');
  const before = await searchAs(new AccountClient(base), '石墨烯防腐涂层');
  const session = (await admin.call<CreatedSession>('POST', '/api/account/live-sessions', { title: '海洋材料工作坊', language: 'zh' })).body;
  const facilitator = await connectClient(base, { role: 'facilitator', code: session.code, token: session.facilitatorToken });
  expectOk(await request(facilitator, 'board:configure', { participantsMayPropose: true }));
  facilitator.close();
  const write = async (name: string, title: string, detail: string) => {
    const guest = await join(base, session.code, name);
    const phone = await connectClient(base, { role: 'participant', code: session.code, token: guest.participantToken });
    const idea = expectOk(await request(phone, 'idea:submit', { clientId: randomUUID(), title, detail })) as IdeaPublic;
    phone.close();
    return { guest, idea };
  };
  const mine = await write('赵磊', '石墨烯防腐涂层', '在钢板上喷涂石墨烯复合防腐涂层，耐海水十年。');
  const theirs = await write('钱芳', '石墨烯防腐涂层的保密配方', '内部配方，不公开。');
  const proposal = await api<CreatedProposal>(base, 'POST', `/api/sessions/${session.code}/proposals`, { ideaIds: [mine.idea.id], title: '石墨烯涂层中试方案' }, bearer(mine.guest.participantToken));
  if (proposal.status !== 201) throw new Error(`proposal failed: ${proposal.status} ${JSON.stringify(proposal.body)}`);

  await keeper.call('POST', '/api/account/claims', { code: session.code, participantToken: mine.guest.participantToken });
  return { app, base, admin, member, keeper, keeperId, profile, challenge, session, mine, theirs, proposalId: proposal.body.proposal.id, before };
}

describe('public ideas and proposals', () => {
  it('indexes nothing a person has not shown: kept or not, unpublished ideas change no hit, total, facet or score', async () => {
    const { base, keeper, member, challenge, before } = await start();
    expect(await searchAs(new AccountClient(base), '石墨烯防腐涂层')).toEqual(before);
    expect((await searchAs(keeper, '石墨烯')).total).toBe(0);
    const matches = (await member.call<MatchHit[]>('GET', `/api/challenges/${challenge.id}/matches`)).body;
    expect(matches.filter((hit) => hit.kind === 'idea' || hit.kind === 'proposal')).toEqual([]);
  });

  it('shows a kept idea and proposal on the profile, in search (Chinese) and in a challenge’s matches, with why', async () => {
    const { base, keeper, keeperId, member, challenge, session, mine, theirs, proposalId } = await start();
    for (const [kind, id] of [['idea', mine.idea.id], ['proposal', proposalId]] as const) {
      const shown = await keeper.call('PUT', '/api/account/publications', { kind, code: session.code, id, shown: true });
      expect([shown.status, shown.body]).toEqual([200, { shown: true }]);
    }
    const kept = (await keeper.call<KeptParticipation[]>('GET', '/api/account/claims')).body[0];
    expect(kept?.ideas).toEqual([expect.objectContaining({ id: mine.idea.id, shown: true })]);
    expect(kept?.proposals).toEqual([{ id: proposalId, title: '石墨烯涂层中试方案', shown: true }]);

    const listed = await new AccountClient(base).call<PublicationPublic[]>('GET', `/api/profiles/person/${keeperId}/publications`);
    expect(listed.body.map((item) => [item.kind, item.id, item.sessionTitle])).toEqual(
      expect.arrayContaining([['idea', mine.idea.id, '海洋材料工作坊'], ['proposal', proposalId, '海洋材料工作坊']]),
    );

    const found = await searchAs(new AccountClient(base), '石墨烯');
    expect(keysOf(found.hits).sort()).toEqual([`idea:${mine.idea.id}`, `proposal:${proposalId}`].sort());
    expect(found.facets.kinds).toMatchObject({ idea: 1, proposal: 1 });
    expect(found.hits.every((hit) => hit.owner === `person:${keeperId}`)).toBe(true);

    const matches = (await member.call<MatchHit[]>('GET', `/api/challenges/${challenge.id}/matches`)).body;
    const idea = matches.find((hit) => hit.kind === 'idea');
    expect(idea?.id).toBe(mine.idea.id);
    expect(idea?.why.terms.length).toBeGreaterThan(0);
    expect(idea?.why.fields.length).toBe(1);
    expect(keysOf(matches)).not.toContain(`idea:${theirs.idea.id}`);
  });

  it('refuses another account’s item, a request without CSRF, and a stranger’s hiding; nothing changes', async () => {
    const { base, admin, keeper, session, theirs, mine } = await start();
    const other = await keeper.call('PUT', '/api/account/publications', { kind: 'idea', code: session.code, id: theirs.idea.id, shown: true });
    expect([other.status, refusal(other)]).toEqual([404, 'kept_item_not_found']);
    const forged = await keeper.call('PUT', '/api/account/publications', { kind: 'idea', code: session.code, id: mine.idea.id, shown: true }, { csrf: false });
    expect(forged.status).toBe(403);
    const anonymous = await new AccountClient(base).call('PUT', '/api/account/publications', { kind: 'idea', code: session.code, id: mine.idea.id, shown: true });
    expect(anonymous.status).toBe(401);
    expect((await searchAs(keeper, '石墨烯')).total).toBe(0);

    await keeper.call('PUT', '/api/account/publications', { kind: 'idea', code: session.code, id: mine.idea.id, shown: true });
    const stranger = await admin.call('PUT', '/api/account/publications', { kind: 'idea', code: session.code, id: mine.idea.id, shown: false });
    expect([stranger.status, refusal(stranger)]).toEqual([404, 'kept_item_not_found']);
    expect((await searchAs(new AccountClient(base), '石墨烯')).total).toBe(1);
  });

  it('drops a deactivated account’s shown ideas from search at once, and brings them back when it is active again', async () => {
    const { base, admin, keeper, keeperId, session, mine } = await start();
    await keeper.call('PUT', '/api/account/publications', { kind: 'idea', code: session.code, id: mine.idea.id, shown: true });
    expect((await searchAs(new AccountClient(base), '石墨烯')).total).toBe(1);
    expect((await admin.call('PATCH', `/api/accounts/${keeperId}`, { status: 'deactivated' })).status).toBe(200);
    const gone = await searchAs(new AccountClient(base), '石墨烯');
    expect([gone.total, gone.facets.kinds.idea]).toEqual([0, 0]);
    expect((await admin.call('PATCH', `/api/accounts/${keeperId}`, { status: 'active' })).status).toBe(200);
    expect(keysOf((await searchAs(new AccountClient(base), '石墨烯')).hits)).toEqual([`idea:${mine.idea.id}`]);
  });

  it('follows the profile’s audience, moderation and a restart', async () => {
    const { app, base, keeper, keeperId, profile, session, mine } = await start();
    await keeper.call('PUT', '/api/account/publications', { kind: 'idea', code: session.code, id: mine.idea.id, shown: true });
    await profile('platform');
    expect((await searchAs(new AccountClient(base), '石墨烯')).total).toBe(0);
    expect((await new AccountClient(base).call('GET', `/api/profiles/person/${keeperId}/publications`)).status).toBe(404);
    expect(keysOf((await searchAs(keeper, '石墨烯')).hits)).toEqual([`idea:${mine.idea.id}`]);
    await profile('public');
    expect((await searchAs(new AccountClient(base), '石墨烯')).total).toBe(1);

    await app.restart();
    expect(keysOf((await searchAs(new AccountClient(app.server.url), '石墨烯')).hits)).toEqual([`idea:${mine.idea.id}`]);

    const facilitator = await connectClient(app.server.url, { role: 'facilitator', code: session.code, token: session.facilitatorToken });
    expectOk(await request(facilitator, 'idea:moderate', { ideaId: mine.idea.id, action: 'hide' }));
    facilitator.close();
    const after = await searchAs(new AccountClient(app.server.url), '石墨烯');
    expect([after.total, after.facets.kinds.idea]).toEqual([0, 0]);
    expect((await new AccountClient(app.server.url).call<PublicationPublic[]>('GET', `/api/profiles/person/${keeperId}/publications`)).body).toEqual([]);
  });
});
