import { randomUUID } from 'node:crypto';
import type { ChallengePublic, CreatedSession, FacilitatorLink, FieldPublic, KeptParticipation, LiveSessionSummary, Me } from '@ideasphere/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, PASSWORD, refusal, setUpAdmin } from '../testing/accountClients.js';
import { api, connectClient, expectOk, join, nextEvent, request, startTestApp, type TestApp, type TestAppOptions } from '../testing/harness.js';

const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.dispose()));
});

async function start(options: TestAppOptions = {}): Promise<{ app: TestApp; base: string; admin: AccountClient }> {
  const app = await startTestApp({ passwordHasher: cheapHasher(), ...options });
  apps.push(app);
  const base = app.server.url;
  const setupUrl = app.server.setupLink?.url;
  if (!setupUrl) throw new Error('no setup link');
  return { app, base, admin: await setUpAdmin(base, setupUrl) };
}

async function signUp(base: string, email: string, name = 'Wang Fang 王芳') {
  const client = new AccountClient(base);
  const reply = await client.call<Me>('POST', '/api/account/signup', { email, name, password: PASSWORD });
  return { client, reply };
}

/** An organiser: a member of an organisation. */
async function organiser(admin: AccountClient, email: string): Promise<AccountClient> {
  const org = await createOrganisation(admin, `Org ${email}`);
  return (await invitedAccount(admin, email, { organisationId: org.id, orgRole: 'member' })).client;
}

async function accountCount(admin: AccountClient): Promise<number> {
  const page = await admin.call<{ accounts: unknown[] }>('GET', '/api/accounts');
  return page.body.accounts.length;
}

describe('sign-up', () => {
  it('makes a plain, signed-in account; the same email again is refused and nothing is added', async () => {
    const { base, admin } = await start();
    const { client, reply } = await signUp(base, 'Solver@Example.cn');
    expect(reply.status).toBe(201);
    expect(reply.body.account).toMatchObject({ email: 'solver@example.cn', name: 'Wang Fang 王芳', platformRole: 'user', status: 'active' });
    expect(reply.body.memberships).toEqual([]);
    expect((await client.me()).status).toBe(200);
    expect((await new AccountClient(base).login('solver@example.cn', PASSWORD)).status).toBe(200);

    const before = await accountCount(admin);
    const twice = await signUp(base, 'solver@example.cn', 'Someone else');
    expect([twice.reply.status, refusal(twice.reply)]).toEqual([409, 'email_taken']);
    expect(twice.client.cookie).toBeNull();
    expect(await accountCount(admin)).toBe(before);
  });

  it('refuses bad input, another site, and everything when sign-up is by invitation only', async () => {
    const { base, admin } = await start();
    const weak = await signUp(base, 'weak@example.cn');
    expect(weak.reply.status).toBe(201);
    const short = await new AccountClient(base).call('POST', '/api/account/signup', { email: 'short@example.cn', name: 'S', password: 'short' });
    expect([short.status, refusal(short)]).toEqual([400, 'invalid_input']);
    const extra = await new AccountClient(base).call('POST', '/api/account/signup', { email: 'x@example.cn', name: 'X', password: PASSWORD, platformRole: 'platform_admin' });
    expect([extra.status, refusal(extra)]).toEqual([400, 'invalid_input']);
    const crossSite = await new AccountClient(base).call(
      'POST',
      '/api/account/signup',
      { email: 'csrf@example.cn', name: 'C', password: PASSWORD },
      { headers: { 'sec-fetch-site': 'cross-site' } },
    );
    expect([crossSite.status, refusal(crossSite)]).toEqual([403, 'csrf_failed']);
    expect(await accountCount(admin)).toBe(2);

    const closed = await start({ signup: 'invite' });
    const refused = await signUp(closed.base, 'late@example.cn');
    expect([refused.reply.status, refusal(refused.reply)]).toEqual([403, 'signup_closed']);
    expect(await accountCount(closed.admin)).toBe(1);
  });
});

describe('live sessions of an account', () => {
  it('lets an organiser create and list sessions; a plain account may not; nobody sees another’s', async () => {
    const { base, admin } = await start();
    const alice = await organiser(admin, 'alice@example.cn');
    const created = await alice.call<CreatedSession>('POST', '/api/account/live-sessions', { title: '创新大会 分会场', language: 'zh' });
    expect(created.status).toBe(201);
    expect(created.body.facilitatorToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await join(base, created.body.code, 'Guest');

    const listed = await alice.call<LiveSessionSummary[]>('GET', '/api/account/live-sessions');
    expect(listed.body).toEqual([
      expect.objectContaining({ code: created.body.code, title: '创新大会 分会场', language: 'zh', phase: 'collect', participants: 1, ideas: 0 }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.facilitatorToken);

    const { client: solver } = await signUp(base, 'solver@example.cn');
    const refused = await solver.call('POST', '/api/account/live-sessions', { title: 'Mine' });
    expect([refused.status, refusal(refused)]).toEqual([403, 'role_forbidden']);
    expect((await solver.call<LiveSessionSummary[]>('GET', '/api/account/live-sessions')).body).toEqual([]);
    expect((await admin.call<LiveSessionSummary[]>('GET', '/api/account/live-sessions')).body).toEqual([]);

    const anonymous = await new AccountClient(base).call('POST', '/api/account/live-sessions', { title: 'Anon' });
    expect([anonymous.status, refusal(anonymous)]).toEqual([401, 'sign_in_required']);
    const noCsrf = await alice.call('POST', '/api/account/live-sessions', { title: 'No token' }, { csrf: false });
    expect([noCsrf.status, refusal(noCsrf)]).toEqual([403, 'csrf_failed']);
    const invalid = await alice.call('POST', '/api/account/live-sessions', { title: '' });
    expect([invalid.status, refusal(invalid)]).toEqual([400, 'text_blank']);
    expect((await alice.call<LiveSessionSummary[]>('GET', '/api/account/live-sessions')).body).toHaveLength(1);
  });

  it('takes a console over with a new facilitator link: the old link’s console is closed, another account gets not found', async () => {
    const { app, base, admin } = await start();
    const alice = await organiser(admin, 'alice@example.cn');
    const created = (await alice.call<CreatedSession>('POST', '/api/account/live-sessions', { title: 'Keynote' })).body;
    const oldConsole = await connectClient(app.server.url, { role: 'facilitator', code: created.code, token: created.facilitatorToken });
    const kicked = nextEvent(oldConsole, 'session:kicked');

    const bob = await organiser(admin, 'bob@example.cn');
    const stranger = await bob.call('POST', `/api/account/live-sessions/${created.code}/facilitator-link`);
    expect([stranger.status, refusal(stranger)]).toEqual([404, 'live_session_not_found']);
    const unknown = await alice.call('POST', '/api/account/live-sessions/ZZZZZZ/facilitator-link');
    expect([unknown.status, refusal(unknown)]).toEqual([404, 'live_session_not_found']);

    const taken = await alice.call<FacilitatorLink>('POST', `/api/account/live-sessions/${created.code}/facilitator-link`);
    expect(taken.status).toBe(201);
    expect(taken.body.facilitatorUrl).toContain(`/f/${created.code}#token=${taken.body.facilitatorToken}`);
    expect((await kicked)[0]).toEqual({ reason: 'token_revoked' });
    oldConsole.close();

    const exportWith = (token: string) => api(base, 'GET', `/api/sessions/${created.code}/export.json`, undefined, { authorization: `Bearer ${token}` });
    expect((await exportWith(created.facilitatorToken)).status).toBe(401);
    expect((await exportWith(taken.body.facilitatorToken)).status).toBe(200);
  });
});

describe('live sessions for a challenge', () => {
  it('runs a live session for a challenge of the organiser’s organisation, and refuses anyone else’s', async () => {
    const { admin } = await start();
    const orgA = await createOrganisation(admin, 'Baowu 宝武');
    const alice = (await invitedAccount(admin, 'alice@example.cn', { organisationId: orgA.id })).client;
    const bob = await organiser(admin, 'bob@example.cn');
    const [field] = (await alice.call<FieldPublic[]>('GET', '/api/fields')).body;
    const challenge = await alice.call<ChallengePublic>('POST', '/api/challenges', {
      organisationId: orgA.id,
      title: '低碳炼钢 Low-carbon steelmaking',
      problem: 'Cut the CO₂ of one tonne of steel.',
      fieldIds: [field?.id],
      deadline: { local: '2031-06-30T18:00', timeZone: 'Asia/Shanghai' },
      visibility: 'public',
      criteria: [{ name: 'Impact', weight: 100 }],
    });
    await alice.call('POST', `/api/challenges/${challenge.body.id}/transitions`, { to: 'open' });

    const created = await alice.call<CreatedSession>('POST', '/api/account/live-sessions', { title: 'Brainstorm: low-carbon steel', challengeId: challenge.body.id });
    expect(created.status).toBe(201);
    const listed = await alice.call<LiveSessionSummary[]>('GET', '/api/account/live-sessions');
    expect(listed.body[0]?.challenge).toEqual({ id: challenge.body.id, title: '低碳炼钢 Low-carbon steelmaking' });

    const foreign = await bob.call('POST', '/api/account/live-sessions', { title: 'Not mine', challengeId: challenge.body.id });
    expect([foreign.status, refusal(foreign)]).toEqual([403, 'role_forbidden']);
    const unknown = await bob.call('POST', '/api/account/live-sessions', { title: 'Nothing', challengeId: '0000000000nochal' });
    expect([unknown.status, refusal(unknown)]).toEqual([404, 'challenge_not_found']);
    expect((await bob.call<LiveSessionSummary[]>('GET', '/api/account/live-sessions')).body).toEqual([]);
  });
});

describe('keeping a guest’s ideas', () => {
  it('keeps a participant’s ideas in the account that proves both tokens; another account is refused', async () => {
    const { app, base, admin } = await start();
    const session = (await admin.call<CreatedSession>('POST', '/api/account/live-sessions', { title: 'Launch ceremony', language: 'en' })).body;
    const guest = await join(base, session.code, 'Li Na 李娜');
    const phone = await connectClient(app.server.url, { role: 'participant', code: session.code, token: guest.participantToken });
    for (const title of ['Shared lab time', 'Open data for SMEs']) expectOk(await request(phone, 'idea:submit', { clientId: randomUUID(), title }));
    phone.close();

    const { client: lina } = await signUp(base, 'lina@example.cn', 'Li Na');
    const claimed = await lina.call<KeptParticipation>('POST', '/api/account/claims', { code: session.code, participantToken: guest.participantToken });
    expect(claimed.status).toBe(201);
    expect(claimed.body).toMatchObject({ code: session.code, sessionTitle: 'Launch ceremony', participantName: 'Li Na 李娜', ideaCount: 2, proposals: [] });
    expect(claimed.body.ideas.map((idea) => idea.title)).toEqual(['Open data for SMEs', 'Shared lab time']);
    const again = await lina.call<KeptParticipation>('POST', '/api/account/claims', { code: session.code, participantToken: guest.participantToken });
    expect([again.status, again.body.claimedAt]).toEqual([201, claimed.body.claimedAt]);
    expect((await lina.call<KeptParticipation[]>('GET', '/api/account/claims')).body).toEqual([claimed.body]);

    const { client: other } = await signUp(base, 'other@example.cn');
    const stolen = await other.call('POST', '/api/account/claims', { code: session.code, participantToken: guest.participantToken });
    expect([stolen.status, refusal(stolen)]).toEqual([409, 'participant_claimed']);
    const forged = await other.call('POST', '/api/account/claims', { code: session.code, participantToken: 'A'.repeat(43) });
    expect([forged.status, refusal(forged)]).toEqual([401, 'token_invalid']);
    const malformed = await other.call('POST', '/api/account/claims', { code: session.code, participantToken: '<script>' });
    expect([malformed.status, refusal(malformed)]).toEqual([400, 'invalid_input']);
    expect((await other.call<KeptParticipation[]>('GET', '/api/account/claims')).body).toEqual([]);
    const anonymous = await new AccountClient(base).call('POST', '/api/account/claims', { code: session.code, participantToken: guest.participantToken });
    expect([anonymous.status, refusal(anonymous)]).toEqual([401, 'sign_in_required']);
  });
});
