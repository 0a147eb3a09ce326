import { randomUUID } from 'node:crypto';
import type { ChallengePublic, CreatedSession, EditorLink, FieldPublic, FrozenSubmission, IdeaPublic, PromotableIdeas, ResponsePublic } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { capturedLog } from '../logger.js';
import type { LmdbStore } from '../store/LmdbStore.js';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, PASSWORD, refusal, setUpAdmin } from '../testing/accountClients.js';
import { connectClient, join, request, startTestApp, type TestApp } from '../testing/harness.js';
import { connectProvider, synced, until } from '../testing/yjsClients.js';

/*
 * Ideas of a live session run for a challenge, promoted into a response: who may promote which
 * ideas (the session's organiser any, a guest who kept their participant only their own), into
 * a new response or appended to one of theirs, credited to their authors; refusals change nothing.
 */

interface World {
  app: TestApp;
  store: LmdbStore;
  base: string;
  challengeId: string;
  organiser: AccountClient;
  lina: AccountClient;
  zhou: AccountClient;
  stranger: AccountClient;
  ideas: { lab: string; data: string; zhou: string };
}

let world: World;

async function submitIdea(base: string, code: string, token: string, title: string, detail = ''): Promise<string> {
  const phone = await connectClient(base, { role: 'participant', code, token });
  try {
    const reply = await request(phone, 'idea:submit', { clientId: randomUUID(), title, ...(detail ? { detail } : {}) });
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    return (reply.data as IdeaPublic).id;
  } finally {
    phone.close();
  }
}

async function signUp(base: string, email: string, name: string): Promise<AccountClient> {
  const client = new AccountClient(base);
  const reply = await client.call('POST', '/api/account/signup', { email, name, password: PASSWORD });
  if (reply.status !== 201) throw new Error(`sign-up: ${reply.status}`);
  return client;
}

beforeAll(async () => {
  let store: LmdbStore | null = null;
  const { log, records } = capturedLog('info');
  const app = await startTestApp({ log, passwordHasher: cheapHasher(), onStore: (s) => (store = s) });
  const base = app.server.url;
  const admin = await setUpAdmin(base, String(records.find((r) => typeof r['setupUrl'] === 'string')?.['setupUrl']));
  const org = await createOrganisation(admin, 'Baosteel 宝钢');
  const organiser = (await invitedAccount(admin, 'host@example.cn', { organisationId: org.id })).client;
  const [field] = (await organiser.call<FieldPublic[]>('GET', '/api/fields')).body;
  const challenge = await organiser.call<ChallengePublic>('POST', '/api/challenges', {
    organisationId: org.id,
    title: '低碳炼钢 Low-carbon steel',
    problem: 'Cut the CO₂ of a tonne of steel.',
    fieldIds: [field?.id],
    deadline: { local: '2031-06-30T18:00', timeZone: 'Asia/Shanghai' },
    visibility: 'public',
    criteria: [{ name: 'Impact', weight: 100 }],
  });
  await organiser.call('POST', `/api/challenges/${challenge.body.id}/transitions`, { to: 'open' });
  const session = (await organiser.call<CreatedSession>('POST', '/api/account/live-sessions', { title: 'Steel brainstorm', challengeId: challenge.body.id })).body;
  // A session not run for the challenge: its ideas never show up here.
  const elsewhere = (await organiser.call<CreatedSession>('POST', '/api/account/live-sessions', { title: 'Unrelated' })).body;

  const linaPhone = await join(base, session.code, 'Li Na 李娜');
  const lab = await submitIdea(base, session.code, linaPhone.participantToken, 'Shared lab time', 'Pool furnaces between plants');
  const data = await submitIdea(base, session.code, linaPhone.participantToken, '氢能直接还原');
  const zhouPhone = await join(base, session.code, 'Zhou');
  const zhou = await submitIdea(base, session.code, zhouPhone.participantToken, 'Scrap sorting by AI');
  const linaElsewhere = await join(base, elsewhere.code, 'Li Na 李娜');
  await submitIdea(base, elsewhere.code, linaElsewhere.participantToken, 'Not for this challenge');

  const lina = await signUp(base, 'lina@example.cn', 'Li Na');
  for (const [code, participantToken] of [[session.code, linaPhone.participantToken], [elsewhere.code, linaElsewhere.participantToken]]) {
    expect((await lina.call('POST', '/api/account/claims', { code, participantToken })).status).toBe(201);
  }
  const zhouAccount = await signUp(base, 'zhou@example.cn', 'Zhou Wei');
  expect((await zhouAccount.call('POST', '/api/account/claims', { code: session.code, participantToken: zhouPhone.participantToken })).status).toBe(201);
  const stranger = await signUp(base, 'stranger@example.cn', 'Stranger');
  if (!store) throw new Error('no store');
  world = { app, store, base, challengeId: challenge.body.id, organiser, lina, zhou: zhouAccount, stranger, ideas: { lab, data, zhou } };
});

afterAll(async () => {
  await world?.app.dispose();
});

const promotable = (client: AccountClient) => client.call<PromotableIdeas>('GET', `/api/challenges/${world.challengeId}/promotable-ideas`);
const promote = (client: AccountClient, body: unknown) => client.call<ResponsePublic>('POST', `/api/challenges/${world.challengeId}/promotions`, body);
const stored = () => world.store.responses.listResponsesOfChallenge(world.challengeId);

describe('what each account may promote', () => {
  it('a guest who kept their participant sees their own ideas of the challenge’s sessions, credited to them', async () => {
    const reply = await promotable(world.lina);
    expect(reply.status).toBe(200);
    expect(reply.body.canStart).toBe(true);
    expect(reply.body.sessions).toHaveLength(1);
    expect(reply.body.sessions[0]).toMatchObject({ title: 'Steel brainstorm', organiser: false });
    expect(reply.body.sessions[0]?.ideas.map((i) => [i.title, i.detail, i.authorNames])).toEqual([
      ['Shared lab time', 'Pool furnaces between plants', ['Li Na 李娜']],
      ['氢能直接还原', '', ['Li Na 李娜']],
    ]);
  });

  it('the organiser sees every idea of the session, but its organisation may not start a response', async () => {
    const reply = await promotable(world.organiser);
    expect(reply.body.sessions[0]?.organiser).toBe(true);
    expect(reply.body.sessions[0]?.ideas.map((i) => i.title)).toEqual(['Shared lab time', '氢能直接还原', 'Scrap sorting by AI']);
    expect(reply.body.canStart).toBe(false);
  });

  it('someone who wrote nothing there sees no session; an anonymous visitor is asked to sign in', async () => {
    expect((await promotable(world.stranger)).body).toEqual({ sessions: [], responses: [], canStart: true });
    const anonymous = await new AccountClient(world.base).call('GET', `/api/challenges/${world.challengeId}/promotable-ideas`);
    expect([anonymous.status, refusal(anonymous)]).toEqual([401, 'sign_in_required']);
  });
});

describe('promoting', () => {
  it('refuses ideas the caller may not promote, bad bodies and the challenge’s own organisation, storing nothing', async () => {
    const cases: [AccountClient, unknown, number, string][] = [
      [world.lina, { ideaIds: [world.ideas.zhou], target: { kind: 'new', teamName: 'Team' } }, 404, 'idea_not_found'],
      [world.lina, { ideaIds: [world.ideas.lab, world.ideas.zhou], target: { kind: 'new', teamName: 'Team' } }, 404, 'idea_not_found'],
      [world.stranger, { ideaIds: [world.ideas.lab], target: { kind: 'new', teamName: 'Team' } }, 404, 'idea_not_found'],
      [world.lina, { ideaIds: [], target: { kind: 'new', teamName: 'Team' } }, 400, 'invalid_input'],
      [world.lina, { ideaIds: [world.ideas.lab, world.ideas.lab], target: { kind: 'new', teamName: 'Team' } }, 400, 'invalid_input'],
      [world.lina, { ideaIds: [world.ideas.lab], target: { kind: 'new', teamName: '   ' } }, 400, 'text_blank'],
      [world.lina, { ideaIds: [world.ideas.lab], target: { kind: 'elsewhere' } }, 400, 'invalid_input'],
      [world.organiser, { ideaIds: [world.ideas.lab], target: { kind: 'new', teamName: 'Ours' } }, 403, 'role_forbidden'],
    ];
    for (const [client, body, status, reason] of cases) {
      const reply = await promote(client, body);
      expect([reply.status, refusal(reply)], JSON.stringify(body)).toEqual([status, reason]);
    }
    expect(await stored()).toEqual([]);
  });

  it('starts a response whose draft lists the ideas, appends more (live, to an open editor), and the submission keeps them', async () => {
    const created = await promote(world.lina, { ideaIds: [world.ideas.lab], target: { kind: 'new', teamName: 'Team 李娜', language: 'en' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ teamName: 'Team 李娜', isOwner: true, members: [{ name: 'Li Na' }], status: 'draft' });
    expect((await promotable(world.lina)).body.responses.map((r) => r.id)).toEqual([created.body.id]);

    const link = (await world.lina.call<EditorLink>('POST', `/api/responses/${created.body.id}/editor-link`)).body;
    const doc = new Y.Doc();
    const provider = connectProvider(world.base, link.proposalId, link.memberToken, doc);
    try {
      await synced(provider);
      const solution = () => doc.getXmlFragment('section:solution').toString();
      expect(solution()).toContain('Shared lab time');
      expect(solution()).toContain('Pool furnaces between plants (Li Na 李娜)');

      // Zhou is not on the team: his idea cannot be added to Lina's response.
      const foreign = await promote(world.zhou, { ideaIds: [world.ideas.zhou], target: { kind: 'existing', responseId: created.body.id } });
      expect([foreign.status, refusal(foreign)]).toEqual([404, 'response_not_found']);

      const appended = await promote(world.lina, { ideaIds: [world.ideas.data], target: { kind: 'existing', responseId: created.body.id } });
      expect(appended.status).toBe(200);
      await until(() => solution().includes('氢能直接还原'), 'the appended idea in the open editor');
      expect(solution().indexOf('Shared lab time')).toBeLessThan(solution().indexOf('氢能直接还原'));
    } finally {
      provider.destroy();
    }

    const submitted = (await world.lina.call<ResponsePublic>('POST', `/api/responses/${created.body.id}/submit`)).body;
    const versionId = submitted.submissions[0]?.versionId ?? '';
    const frozen = (await world.lina.call<FrozenSubmission>('GET', `/api/responses/${created.body.id}/submissions/${versionId}`)).body;
    expect(frozen.markdown).toContain('**Shared lab time** — Pool furnaces between plants (Li Na 李娜)');
    expect(frozen.markdown).toContain('**氢能直接还原** (Li Na 李娜)');
    const proposal = await world.store.proposals.getProposal((await stored())[0]?.proposalId ?? '');
    expect(proposal?.sources.map((s) => s.title)).toEqual(['Shared lab time']);
  });
});
