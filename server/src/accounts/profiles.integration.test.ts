import type { Me, ProfilePublic } from '@ideasphere/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, PASSWORD, refusal, setUpAdmin } from '../testing/accountClients.js';
import { startTestApp, type TestApp } from '../testing/harness.js';
import type { ProfilePage } from './ProfileService.js';

const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.dispose()));
});

async function start() {
  const app = await startTestApp({ passwordHasher: cheapHasher() });
  apps.push(app);
  const base = app.server.url;
  const admin = await setUpAdmin(base, app.server.setupLink?.url ?? '');
  const signUp = async (email: string, name: string) => {
    const client = new AccountClient(base);
    const reply = await client.call<Me>('POST', '/api/account/signup', { email, name, password: PASSWORD });
    return { client, id: reply.body.account.id };
  };
  return { base, admin, signUp };
}

const PROFILE = {
  headline: '  Coatings engineer 涂层工程师 ',
  bio: 'Marine steel, ten years.\nOpen to cross-field work.',
  fields: [],
  skills: ['Corrosion testing', 'corrosion TESTING', '表面处理'],
  keywords: ['coating'],
  visibility: 'public',
};

describe('profiles', () => {
  it('lets a person edit their own profile; the public see it only when public', async () => {
    const { base, signUp } = await start();
    const wang = await signUp('wang@example.cn', '王芳');
    const saved = await wang.client.call<ProfilePublic>('PUT', `/api/profiles/person/${wang.id}`, PROFILE);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ kind: 'person', id: wang.id, name: '王芳', headline: 'Coatings engineer 涂层工程师', skills: ['Corrosion testing', '表面处理'], editable: true });

    const anonymous = new AccountClient(base);
    expect((await anonymous.call<ProfilePublic>('GET', `/api/profiles/person/${wang.id}`)).body).toMatchObject({ name: '王芳', editable: false });
    await wang.client.call('PUT', `/api/profiles/person/${wang.id}`, { ...PROFILE, visibility: 'platform' });
    const hidden = await anonymous.call('GET', `/api/profiles/person/${wang.id}`);
    expect([hidden.status, refusal(hidden)]).toEqual([404, 'profile_not_found']);
    const other = await signUp('li@example.cn', 'Li');
    expect((await other.client.call<ProfilePublic>('GET', `/api/profiles/person/${wang.id}`)).body).toMatchObject({ visibility: 'platform', editable: false });

    // An account without a profile has an empty one, for signed-in accounts only.
    expect((await wang.client.call<ProfilePublic>('GET', `/api/profiles/person/${other.id}`)).body).toMatchObject({ bio: '', visibility: 'platform' });
    expect((await anonymous.call('GET', `/api/profiles/person/${other.id}`)).status).toBe(404);
  });

  it('refuses another person, a member for their organisation, anonymous changes, unknown fields and bad input, changing nothing', async () => {
    const { admin, signUp, base } = await start();
    const wang = await signUp('wang@example.cn', '王芳');
    await wang.client.call('PUT', `/api/profiles/person/${wang.id}`, PROFILE);
    const before = (await wang.client.call<ProfilePublic>('GET', `/api/profiles/person/${wang.id}`)).body;
    const other = await signUp('li@example.cn', 'Li');

    const org = await createOrganisation(admin, 'Baowu R&D 宝武研究院');
    const orgAdmin = await invitedAccount(admin, 'oa@example.cn', { organisationId: org.id, orgRole: 'org_admin' });
    const member = await invitedAccount(admin, 'm@example.cn', { organisationId: org.id });

    const cases: [AccountClient, string, unknown, number, string][] = [
      [other.client, `/api/profiles/person/${wang.id}`, PROFILE, 403, 'role_forbidden'],
      [new AccountClient(base), `/api/profiles/person/${wang.id}`, PROFILE, 401, 'sign_in_required'],
      [member.client, `/api/profiles/organisation/${org.id}`, PROFILE, 403, 'role_forbidden'],
      [wang.client, `/api/profiles/person/${wang.id}`, { ...PROFILE, fields: ['0000000000field'] }, 400, 'unknown_field'],
      [wang.client, `/api/profiles/person/${wang.id}`, { ...PROFILE, bio: 'x'.repeat(1001) }, 400, 'text_too_long'],
      [wang.client, `/api/profiles/person/${wang.id}`, { ...PROFILE, skills: Array.from({ length: 21 }, (_, i) => `s${i}`) }, 400, 'invalid_input'],
      [wang.client, `/api/profiles/person/${wang.id}`, { ...PROFILE, visibility: 'everyone' }, 400, 'invalid_input'],
      [wang.client, `/api/profiles/person/${wang.id}`, { ...PROFILE, extra: 1 }, 400, 'invalid_input'],
      [wang.client, `/api/profiles/robot/${wang.id}`, PROFILE, 400, 'invalid_input'],
      [wang.client, `/api/profiles/person/0000000000nobody`, PROFILE, 403, 'role_forbidden'],
    ];
    for (const [client, path, body, status, reason] of cases) {
      await client.me();
      const reply = await client.call('PUT', path, body);
      expect([path, reply.status, refusal(reply)]).toEqual([path, status, reason]);
    }
    expect((await wang.client.call<ProfilePublic>('GET', `/api/profiles/person/${wang.id}`)).body).toEqual(before);

    const orgProfile = await orgAdmin.client.call<ProfilePublic>('PUT', `/api/profiles/organisation/${org.id}`, { ...PROFILE, headline: 'Steel R&D' });
    expect([orgProfile.status, orgProfile.body.name, orgProfile.body.editable]).toEqual([200, 'Baowu R&D 宝武研究院', true]);
    expect((await admin.call('PUT', `/api/profiles/organisation/${org.id}`, PROFILE)).status).toBe(200);
  });

  it('lists the directory: public profiles for anyone, all for accounts, in pages, without deactivated people', async () => {
    const { admin, base, signUp } = await start();
    const people = [];
    for (let i = 0; i < 3; i++) {
      const person = await signUp(`p${i}@example.cn`, `Person ${i}`);
      await person.client.call('PUT', `/api/profiles/person/${person.id}`, { ...PROFILE, visibility: i === 1 ? 'platform' : 'public' });
      people.push(person);
    }
    const names = (page: ProfilePage) => page.profiles.map((p) => p.name).sort();
    const anonymous = await new AccountClient(base).call<ProfilePage>('GET', '/api/profiles');
    expect(names(anonymous.body)).toEqual(['Person 0', 'Person 2']);
    expect(names((await people[0]?.client.call<ProfilePage>('GET', '/api/profiles'))?.body as ProfilePage)).toEqual(['Person 0', 'Person 1', 'Person 2']);

    await admin.call('PATCH', `/api/accounts/${people[2]?.id}`, { status: 'deactivated' });
    expect(names((await new AccountClient(base).call<ProfilePage>('GET', '/api/profiles')).body)).toEqual(['Person 0']);
    const bad = await new AccountClient(base).call('GET', '/api/profiles?after=nobody');
    expect([bad.status, refusal(bad)]).toEqual([400, 'invalid_input']);
  });
});
