import type { CreateChallengeBody, FieldPublic, MatchHit, Me, ProfilePublic, ResponsePublic, SearchResponse } from '@ideasphere/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, PASSWORD, refusal, setUpAdmin, postChallenge } from '../testing/accountClients.js';
import { startTestApp, type TestApp } from '../testing/harness.js';
import type { ProfilePage } from './ProfileService.js';

/*
 * Team profiles: a challenge response's team presents itself like a person or an organisation.
 * Its members (owner and members) edit it, nobody else; it is seen per its visibility, lists
 * only the members and the challenge the viewer may see, and search follows the team's name
 * and its response's withdrawal.
 */

const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.dispose()));
});

const TEAM_PROFILE = {
  headline: '风扇降噪小组 Fan noise team',
  bio: 'Three acoustics engineers. 声学与气动噪声。',
  fields: [],
  skills: ['Aeroacoustics', '气动噪声'],
  keywords: ['静音风扇'],
  visibility: 'public',
};

/** A public challenge and an invited-only one; a team (owner + mate) on each; a stranger. */
async function start() {
  const app = await startTestApp({ passwordHasher: cheapHasher() });
  apps.push(app);
  const base = app.server.url;
  const admin = await setUpAdmin(base, app.server.setupLink?.url ?? '');
  const [host, secret, partner] = [await createOrganisation(admin, 'Midea 美的'), await createOrganisation(admin, 'Secret Motors'), await createOrganisation(admin, 'Partner Lab')];
  const poster = (await invitedAccount(admin, 'host@example.cn', { organisationId: host.id })).client;
  const secretPoster = (await invitedAccount(admin, 'secret@example.cn', { organisationId: secret.id })).client;
  const fields = (await admin.call<FieldPublic[]>('GET', '/api/fields')).body;
  const challenge = (organisationId: string, title: string, extra: Partial<CreateChallengeBody> = {}): CreateChallengeBody => ({
    organisationId,
    title,
    problem: '家用风扇的气动噪声太大，需要静音风扇方案。',
    fieldIds: [fields[0]?.id ?? ''],
    deadline: { local: '2031-06-30T18:00', timeZone: 'Asia/Shanghai' },
    visibility: 'public',
    criteria: [{ name: 'Impact', weight: 100 }],
    ...extra,
  });
  const publicId = await postChallenge(poster, challenge(host.id, 'Quieter fans 更安静的风扇'));
  const privateId = await postChallenge(secretPoster, challenge(secret.id, 'Secret motor hum 秘密电机', { visibility: 'invited', invitedOrganisationIds: [partner.id] }));
  const signUp = async (email: string, name: string) => {
    const client = new AccountClient(base);
    const reply = await client.call<Me>('POST', '/api/account/signup', { email, name, password: PASSWORD });
    return { client, id: reply.body.account.id };
  };
  const owner = await signUp('owner@example.cn', '李娜 Li Na');
  const mate = await signUp('mate@example.cn', 'Chen Mate');
  const stranger = await signUp('stranger@example.cn', 'Stranger');
  // The owner shows a public person profile; the mate has none (members-only).
  await owner.client.call('PUT', `/api/profiles/person/${owner.id}`, { ...TEAM_PROFILE, headline: 'Acoustics', skills: [], keywords: [] });
  const team = (await owner.client.call<ResponsePublic>('POST', `/api/challenges/${publicId}/responses`, { teamName: 'Zephyrus 静风' })).body.id;
  await owner.client.call('POST', `/api/responses/${team}/members`, { email: 'mate@example.cn' });
  const partnerMember = await invitedAccount(admin, 'partner@example.cn', { organisationId: partner.id });
  const secretTeam = (await partnerMember.client.call<ResponsePublic>('POST', `/api/challenges/${privateId}/responses`, { teamName: 'Hum hunters' })).body.id;
  return { app, base, admin, poster, owner, mate, stranger, partnerMember, team, secretTeam, publicId };
}

const path = (id: string) => `/api/profiles/team/${id}`;
const searchIds = async (client: AccountClient, query: string) =>
  (await client.call<SearchResponse>('GET', `/api/search?q=${encodeURIComponent(query)}`)).body.hits.map((hit) => `${hit.kind}:${hit.id}`);

describe('team profiles', () => {
  it('is the members’ to fill in: before they save it only they see it; then a member edits it and others only read it', async () => {
    const { base, admin, owner, mate, stranger, team } = await start();
    const anonymous = new AccountClient(base);
    const empty = await owner.client.call<ProfilePublic>('GET', path(team));
    expect(empty.body).toMatchObject({ kind: 'team', id: team, name: 'Zephyrus 静风', bio: '', editable: true });
    for (const client of [stranger.client, anonymous]) expect(refusal(await client.call('GET', path(team)))).toBe('profile_not_found');

    const saved = await mate.client.call<ProfilePublic>('PUT', path(team), TEAM_PROFILE);
    expect([saved.status, saved.body.editable, saved.body.skills]).toEqual([200, true, ['Aeroacoustics', '气动噪声']]);
    const seen = await stranger.client.call<ProfilePublic>('GET', path(team));
    expect(seen.body).toMatchObject({ name: 'Zephyrus 静风', editable: false, headline: TEAM_PROFILE.headline });

    const cases: [AccountClient, string, unknown, number, string][] = [
      [stranger.client, path(team), TEAM_PROFILE, 403, 'not_on_team'],
      // Platform admins are not on the team: the team's profile is its own, as its response is.
      [admin, path(team), TEAM_PROFILE, 403, 'not_on_team'],
      [new AccountClient(base), path(team), TEAM_PROFILE, 401, 'sign_in_required'],
      [stranger.client, path('0000000000noteam'), TEAM_PROFILE, 404, 'profile_not_found'],
      [mate.client, path(team), { ...TEAM_PROFILE, fields: ['0000000000field'] }, 400, 'unknown_field'],
      [mate.client, path(team), { ...TEAM_PROFILE, visibility: 'team' }, 400, 'invalid_input'],
    ];
    for (const [client, route, body, status, reason] of cases) {
      await client.me();
      const reply = await client.call('PUT', route, body);
      expect([route, reply.status, refusal(reply)]).toEqual([route, status, reason]);
    }
    expect((await stranger.client.call<ProfilePublic>('GET', path(team))).body).toEqual(seen.body);

    // A member taken off the team may no longer edit it.
    await owner.client.call('DELETE', `/api/responses/${team}/members/${mate.id}`);
    await mate.client.me();
    expect(refusal(await mate.client.call('PUT', path(team), TEAM_PROFILE))).toBe('not_on_team');
  });

  it('shows members and the challenge only as far as the viewer may see them', async () => {
    const { base, owner, mate, stranger, partnerMember, team, secretTeam, publicId } = await start();
    await owner.client.call('PUT', path(team), TEAM_PROFILE);
    const anonymous = await new AccountClient(base).call<ProfilePublic>('GET', path(team));
    expect(anonymous.body.team).toEqual({ members: [{ id: owner.id, name: '李娜 Li Na' }], otherMembers: 1, challenge: { id: publicId, title: 'Quieter fans 更安静的风扇' }, withdrawn: false });
    const signedIn = await stranger.client.call<ProfilePublic>('GET', path(team));
    expect(signedIn.body.team?.members.map((m) => m.id)).toEqual([owner.id, mate.id]);

    // A team on an invited-only challenge: its platform profile never names that challenge to outsiders.
    await partnerMember.client.call('PUT', path(secretTeam), { ...TEAM_PROFILE, visibility: 'platform' });
    const outsider = await stranger.client.call<ProfilePublic>('GET', path(secretTeam));
    expect([outsider.status, outsider.body.team?.challenge, JSON.stringify(outsider.body).includes('Secret motor')]).toEqual([200, null, false]);
    expect((await partnerMember.client.call<ProfilePublic>('GET', path(secretTeam))).body.team?.challenge?.title).toBe('Secret motor hum 秘密电机');
    expect(refusal(await new AccountClient(base).call('GET', path(secretTeam)))).toBe('profile_not_found');
  });

  it('is found by search and listed per its visibility; search follows a rename and a withdrawal', async () => {
    const { base, poster, owner, mate, stranger, team, publicId } = await start();
    const anonymous = new AccountClient(base);
    const hit = `profile:team:${team}`;
    expect(await searchIds(anonymous, '静音风扇')).not.toContain(hit);
    await owner.client.call('PUT', path(team), TEAM_PROFILE);
    expect(await searchIds(anonymous, '静音风扇')).toContain(hit);
    expect((await anonymous.call<ProfilePage>('GET', '/api/profiles')).body.profiles.map((p) => `${p.kind}:${p.id}`)).toContain(`team:${team}`);

    await mate.client.call('PUT', path(team), { ...TEAM_PROFILE, visibility: 'platform' });
    expect(await searchIds(anonymous, '静音风扇')).not.toContain(hit);
    expect((await anonymous.call<ProfilePage>('GET', '/api/profiles')).body.profiles.map((p) => p.id)).not.toContain(team);
    expect(await searchIds(stranger.client, '静音风扇')).toContain(hit);
    await mate.client.call('PUT', path(team), TEAM_PROFILE);

    // The challenge's organisation sees the team among those that could solve it, and why.
    const matches = (await poster.call<MatchHit[]>('GET', `/api/challenges/${publicId}/matches`)).body;
    expect(matches.find((m) => m.id === `team:${team}`)?.why.terms.length).toBeGreaterThan(0);
    // A team's own matches are its members'.
    expect((await mate.client.call<MatchHit[]>('GET', `${path(team)}/matches`)).status).toBe(200);
    expect(refusal(await stranger.client.call('GET', `${path(team)}/matches`))).toBe('not_on_team');

    // A rename: the profile and search take the new name at once; the old one finds nothing.
    expect(await searchIds(anonymous, 'Zephyrus')).toContain(hit);
    const renamed = await mate.client.call<ResponsePublic>('PATCH', `/api/responses/${team}`, { teamName: 'Silent Breeze 静风' });
    expect([renamed.status, renamed.body.teamName]).toEqual([200, 'Silent Breeze 静风']);
    expect((await anonymous.call<ProfilePublic>('GET', path(team))).body.name).toBe('Silent Breeze 静风');
    expect(await searchIds(anonymous, 'Silent Breeze')).toContain(hit);
    expect(await searchIds(anonymous, 'Zephyrus')).not.toContain(hit);
    expect(refusal(await stranger.client.call('PATCH', `/api/responses/${team}`, { teamName: 'Hijack' }))).toBe('response_not_found');

    // Withdrawn: out of search, the directory and others' sight; its members still see it. Submitted again: back.
    await owner.client.call('POST', `/api/responses/${team}/submit`);
    await owner.client.call('POST', `/api/responses/${team}/withdraw`);
    expect(await searchIds(anonymous, '静音风扇')).not.toContain(hit);
    expect(await searchIds(stranger.client, '静音风扇')).not.toContain(hit);
    expect(refusal(await stranger.client.call('GET', path(team)))).toBe('profile_not_found');
    expect((await mate.client.call<ProfilePublic>('GET', path(team))).body.team?.withdrawn).toBe(true);
    expect((await stranger.client.call<ProfilePage>('GET', '/api/profiles')).body.profiles.map((p) => p.id)).not.toContain(team);
    // A member's edit while withdrawn does not put it back into search.
    await mate.client.call('PUT', path(team), TEAM_PROFILE);
    expect(await searchIds(stranger.client, '静音风扇')).not.toContain(hit);
    await owner.client.call('POST', `/api/responses/${team}/submit`);
    expect(await searchIds(anonymous, '静音风扇')).toContain(hit);
  });

  it('keeps team profiles right in the index built at start', async () => {
    const { app, base, owner, team } = await start();
    await owner.client.call('PUT', path(team), TEAM_PROFILE);
    await owner.client.call('PATCH', `/api/responses/${team}`, { teamName: 'Renamed 改名' });
    await app.restart();
    const anonymous = new AccountClient(base);
    const found = (await anonymous.call<SearchResponse>('GET', `/api/search?q=${encodeURIComponent('静音风扇')}`)).body.hits.find((h) => h.id === `team:${team}`);
    expect(found?.title).toBe('Renamed 改名');
    await owner.client.me();
    await owner.client.call('POST', `/api/responses/${team}/submit`);
    await owner.client.call('POST', `/api/responses/${team}/withdraw`);
    await app.restart();
    expect(await searchIds(anonymous, '静音风扇')).not.toContain(`profile:team:${team}`);
  });
});
