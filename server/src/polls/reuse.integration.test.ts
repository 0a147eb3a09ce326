import { randomUUID } from 'node:crypto';
import type { CreatedSession, PollPublic, PollSnapshot, QaSnapshot, SessionSnapshot, SessionTemplatePublic } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, refusal, setUpAdmin } from '../testing/accountClients.js';
import { connectClient, expectOk, join, request, startTestApp, type TestApp, type TestClient } from '../testing/harness.js';

describe('duplicating a live session', () => {
  let app: TestApp;
  let admin: AccountClient;
  const sockets: TestClient[] = [];
  beforeAll(async () => {
    app = await startTestApp({ passwordHasher: cheapHasher() });
    const setupUrl = app.server.setupLink?.url;
    if (!setupUrl) throw new Error('no setup link');
    admin = await setUpAdmin(app.server.url, setupUrl);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app.dispose();
  });

  async function organiser(email: string): Promise<AccountClient> {
    const org = await createOrganisation(admin, `Org ${email}`);
    return (await invitedAccount(admin, email, { organisationId: org.id, orgRole: 'member' })).client;
  }
  async function consoleOf(created: CreatedSession): Promise<TestClient> {
    const socket = await connectClient(app.server.url, { role: 'facilitator', code: created.code, token: created.facilitatorToken });
    sockets.push(socket);
    return socket;
  }

  it('copies settings, venues, Q&A tracks and prepared polls, but no participant, idea, question or answer', async () => {
    const alice = await organiser('alice@example.cn');
    const source = (await alice.call<CreatedSession>('POST', '/api/account/live-sessions', { title: 'Summit 峰会', language: 'en', venues: ['Main hall', 'Hall B'] })).body;
    const facilitator = await consoleOf(source);
    expectOk(await request(facilitator, 'board:configure', { categories: ['Energy'], bannedWords: ['spam'], voteBudget: 7, anonymous: true }));
    expectOk(await request(facilitator, 'qa:configure', { preModeration: true }));
    const hallB = source.venues[1]?.id ?? '';
    expectOk(await request(facilitator, 'track:create', { name: 'Hall B talk', venueId: hallB }));
    const poll = expectOk(await request(facilitator, 'poll:create', { draft: { kind: 'quiz', question: '2 + 2?', options: ['3', '4'], correctIndex: 1 } }));
    expectOk(await request(facilitator, 'poll:create', { draft: { kind: 'words', question: 'One word?' } }));
    expectOk(await request(facilitator, 'poll:launch', { pollId: poll.id }));
    const guest = await join(app.server.url, source.code, 'Guest');
    const phone = await connectClient(app.server.url, { role: 'participant', code: source.code, token: guest.participantToken });
    sockets.push(phone);
    expectOk(await request(phone, 'poll:answer', { pollId: poll.id, clientId: randomUUID(), answer: { kind: 'quiz', optionId: 'o1' } }));
    expectOk(await request(phone, 'idea:submit', { clientId: randomUUID(), title: 'An idea' }));

    const copy = await alice.call<CreatedSession>('POST', `/api/account/live-sessions/${source.code}/duplicate`);
    expect(copy.status).toBe(201);
    const created = copy.body;
    expect(created.code).not.toBe(source.code);
    expect(created).toMatchObject({ title: 'Summit 峰会', language: 'en' });
    expect(created.venues.map((v) => v.name)).toEqual(['Main hall', 'Hall B']);
    expect(created.facilitatorToken).not.toBe(source.facilitatorToken);

    const console2 = await consoleOf(created);
    const session = expectOk(await request(console2, 'session:snapshot', {})) as SessionSnapshot;
    expect(session.participantCount).toBe(0);
    const board = expectOk(await request(console2, 'board:snapshot', {}));
    expect(board.settings).toMatchObject({ categories: ['Energy'], bannedWords: ['spam'], voteBudget: 7, anonymous: true, joiningOpen: true });
    expect(board.firstPage.ideas).toEqual([]);
    const qa = expectOk(await request(console2, 'qa:snapshot', {})) as QaSnapshot;
    expect(qa.settings.preModeration).toBe(true);
    expect(qa.questions).toEqual([]);
    expect(qa.tracks.filter((t) => t.id !== 'main').map((t) => [t.name, t.venueId])).toEqual([['Hall B talk', created.venues[1]?.id]]);
    const polls = expectOk(await request(console2, 'poll:snapshot', {})) as PollSnapshot;
    expect(polls.polls.map((p: PollPublic) => [p.question, p.status, p.correctOptionId])).toEqual([
      ['2 + 2?', 'draft', 'o1'],
      ['One word?', 'draft', null],
    ]);
    expect(polls.results).toEqual([]);
    // The source is untouched.
    const before = expectOk(await request(facilitator, 'poll:snapshot', {})) as PollSnapshot;
    expect(before.results.find((r) => r.pollId === poll.id)?.answered).toBe(1);
  });

  it('duplicates only one’s own sessions, signed in, with the CSRF token', async () => {
    const alice = await organiser('alice2@example.cn');
    const bob = await organiser('bob2@example.cn');
    const source = (await alice.call<CreatedSession>('POST', '/api/account/live-sessions', { title: 'Mine' })).body;
    const other = await bob.call('POST', `/api/account/live-sessions/${source.code}/duplicate`);
    expect([other.status, refusal(other)]).toEqual([404, 'live_session_not_found']);
    const noCsrf = await alice.call('POST', `/api/account/live-sessions/${source.code}/duplicate`, undefined, { csrf: false });
    expect([noCsrf.status, refusal(noCsrf)]).toEqual([403, 'csrf_failed']);
    const anonymous = await new AccountClient(app.server.url).call('POST', `/api/account/live-sessions/${source.code}/duplicate`);
    expect([anonymous.status, refusal(anonymous)]).toEqual([401, 'sign_in_required']);
    expect((await alice.call<unknown[]>('GET', '/api/account/live-sessions')).body).toHaveLength(1);
  });

  it('saves a template from a session, lists it to its owner only, and makes sessions from it', async () => {
    const carol = await organiser('carol@example.cn');
    const dave = await organiser('dave@example.cn');
    const source = (await carol.call<CreatedSession>('POST', '/api/account/live-sessions', { title: 'Workshop 工作坊', language: 'zh', venues: ['A', 'B'] })).body;
    const facilitator = await consoleOf(source);
    expectOk(await request(facilitator, 'board:configure', { categories: ['Cost'] }));
    expectOk(await request(facilitator, 'track:rename', { trackId: 'main', name: 'Keynote' }));
    expectOk(await request(facilitator, 'poll:create', { draft: { kind: 'rating', question: 'How useful?', scaleMax: 7 } }));

    const saved = await carol.call<SessionTemplatePublic>('POST', '/api/account/templates', { code: source.code, name: 'Workshop kit' });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name: 'Workshop kit', title: 'Workshop 工作坊', language: 'zh', venues: ['A', 'B'], polls: 1, tracks: 1 });
    expect((await carol.call<SessionTemplatePublic[]>('GET', '/api/account/templates')).body.map((x) => x.id)).toEqual([saved.body.id]);
    expect((await dave.call<SessionTemplatePublic[]>('GET', '/api/account/templates')).body).toEqual([]);
    const stolen = await dave.call('POST', '/api/account/live-sessions/from-template', { templateId: saved.body.id });
    expect([stolen.status, refusal(stolen)]).toEqual([404, 'template_not_found']);
    const notOwned = await dave.call('POST', '/api/account/templates', { code: source.code, name: 'Mine now' });
    expect([notOwned.status, refusal(notOwned)]).toEqual([404, 'live_session_not_found']);
    const blank = await carol.call('POST', '/api/account/templates', { code: source.code, name: '  ' });
    expect([blank.status, refusal(blank)]).toEqual([400, 'text_blank']);

    const made = await carol.call<CreatedSession>('POST', '/api/account/live-sessions/from-template', { templateId: saved.body.id });
    expect(made.status).toBe(201);
    const console2 = await consoleOf(made.body);
    expect(expectOk(await request(console2, 'board:snapshot', {})).settings.categories).toEqual(['Cost']);
    const qa = expectOk(await request(console2, 'qa:snapshot', {})) as QaSnapshot;
    expect(qa.tracks.map((t) => [t.id, t.name])).toEqual([['main', 'Keynote']]);
    const polls = expectOk(await request(console2, 'poll:snapshot', {})) as PollSnapshot;
    expect(polls.polls.map((p) => [p.question, p.scaleMax, p.status])).toEqual([['How useful?', 7, 'draft']]);

    expect((await dave.call('DELETE', `/api/account/templates/${saved.body.id}`)).status).toBe(404);
    expect((await carol.call('DELETE', `/api/account/templates/${saved.body.id}`)).status).toBe(204);
    expect((await carol.call<SessionTemplatePublic[]>('GET', '/api/account/templates')).body).toEqual([]);
  });
});
