import type { ChallengePublic, CreatedSession, CreateChallengeBody, FieldPublic, PipelineItemDetail, PipelineItemRef, ResponsePublic } from '@ideasphere/shared';
import { hashToken, newId, newToken } from '../ids.js';
import { capturedLog } from '../logger.js';
import type { PipelineFacts } from '../pipeline/PipelineFacts.js';
import { makeIdea } from '../store/contract.fixtures.js';
import type { LmdbStore } from '../store/LmdbStore.js';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, setUpAdmin } from './accountClients.js';
import { startTestApp, type TestApp } from './harness.js';

export const PIPELINE_ROLES = ['anonymous', 'admin', 'orgAdminA', 'memberA', 'memberB', 'user'] as const;
export type PipelineRole = (typeof PIPELINE_ROLES)[number];

/** What the review and agreement domains would say, set by each test (a fake of `PipelineFacts`). */
export class FakeFacts implements PipelineFacts {
  readonly decisions = new Map<string, 'advance' | 'decline' | 'award'>();
  readonly agreements = new Set<string>();
  async decisionOf(item: PipelineItemRef) {
    return this.decisions.get(`${item.kind}:${item.id}`) ?? null;
  }
  async agreementCompletedFor(item: PipelineItemRef) {
    return this.agreements.has(`${item.kind}:${item.id}`);
  }
}

export interface PipelineFixture {
  app: TestApp;
  store: LmdbStore;
  facts: FakeFacts;
  clients: Record<PipelineRole, AccountClient>;
  accountIds: Record<'memberA' | 'orgAdminA' | 'memberB', string>;
  ids: {
    orgA: string;
    orgB: string;
    field: string;
    challenge: string;
    response: string;
    /** The pipeline item of the submitted response (enters at `proposal`). */
    responseItem: string;
    /** memberA's live session (its code), an idea and a proposal of it. */
    sessionCode: string;
    idea: string;
    proposal: string;
    /** The proposal's item, moved to incubation, with one milestone. */
    incubatingItem: string;
    milestone: string;
  };
}

export async function ok<T>(reply: Promise<{ status: number; body: unknown }>, status = 200): Promise<T> {
  const got = await reply;
  if (got.status !== status) throw new Error(`expected ${status}, got ${got.status} ${JSON.stringify(got.body)}`);
  return got.body as T;
}

/**
 * A platform with two organisations: A posts a challenge that a user outside answers and
 * submits (so its item enters A's pipeline), and A's member runs a live session with an idea
 * and a proposal; the proposal is in A's pipeline, in incubation, with a milestone.
 */
export async function buildPipelineFixture(): Promise<PipelineFixture> {
  let store: LmdbStore | null = null;
  const facts = new FakeFacts();
  const { log, records } = capturedLog('info');
  const app = await startTestApp({ log, passwordHasher: cheapHasher(), onStore: (s) => (store = s), pipelineFacts: facts });
  const base = app.server.url;
  const admin = await setUpAdmin(base, String(records.find((r) => typeof r['setupUrl'] === 'string')?.['setupUrl']));
  const orgA = await createOrganisation(admin, 'Org A 甲');
  const orgB = await createOrganisation(admin, 'Org B 乙');
  const orgAdminA = await invitedAccount(admin, 'oa@example.cn', { organisationId: orgA.id, orgRole: 'org_admin' });
  const memberA = await invitedAccount(admin, 'ma@example.cn', { organisationId: orgA.id });
  const memberB = await invitedAccount(admin, 'mb@example.cn', { organisationId: orgB.id });
  const user = await invitedAccount(admin, 'solver@example.cn');
  const field = (await admin.call<FieldPublic[]>('GET', '/api/fields')).body[0]?.id ?? '';
  await memberA.client.me();
  const body: CreateChallengeBody = {
    organisationId: orgA.id,
    title: 'Lighter steel 更轻的钢材',
    problem: 'We need **lighter** steel.',
    fieldIds: [field],
    deadline: { local: '2030-06-30T18:00', timeZone: 'Asia/Shanghai' },
    visibility: 'public',
    criteria: [{ name: 'Feasibility', weight: 100 }],
  };
  const challenge = await ok<ChallengePublic>(memberA.client.call('POST', '/api/challenges', body), 201);
  await ok(memberA.client.call('POST', `/api/challenges/${challenge.id}/transitions`, { to: 'open' }));
  await user.client.me();
  const response = await ok<ResponsePublic>(user.client.call('POST', `/api/challenges/${challenge.id}/responses`, { teamName: 'Team 钢铁', language: 'en' }), 201);
  await ok(user.client.call('POST', `/api/responses/${response.id}/submit`));
  if (!store) throw new Error('no store');
  const s: LmdbStore = store;
  const responseItem = await s.pipeline.getItemByRef({ kind: 'response', id: response.id });
  if (!responseItem) throw new Error('the submitted response did not enter the pipeline');

  const session = await ok<CreatedSession>(memberA.client.call('POST', '/api/account/live-sessions', { title: 'Workshop 工作坊' }), 201);
  const stored = await s.getSessionByCode(session.code);
  if (!stored) throw new Error('no session');
  const idea = makeIdea(stored.id, newId(), { title: 'Solar roofs 太阳能屋顶' });
  await s.board.addIdea(idea);
  const proposalId = newId();
  const now = new Date();
  await s.proposals.createProposal(
    {
      id: proposalId,
      sessionId: stored.id,
      title: 'Hydrogen furnace 氢能炉',
      template: [{ key: 'problem', heading: 'Problem' }],
      sources: [],
      createdByParticipantId: null,
      inviteHashes: { editor: hashToken(newToken()), commenter: hashToken(newToken()), viewer: hashToken(newToken()) },
      createdAt: now,
      updatedAt: now,
    },
    { id: newId(), proposalId, name: 'Facilitator', role: 'owner', color: '#00798c', tokenHash: hashToken(newToken()), joinedAt: now, removedAt: null },
  );
  const added = await ok<PipelineItemDetail>(memberA.client.call('POST', '/api/pipeline/items', { organisationId: orgA.id, sessionCode: session.code, kind: 'proposal', id: proposalId }), 201);
  facts.decisions.set(`proposal:${proposalId}`, 'advance');
  facts.agreements.add(`proposal:${proposalId}`);
  await ok(memberA.client.call('POST', `/api/pipeline/items/${added.item.id}/move`, { to: 'incubation' }));
  const withMilestone = await ok<PipelineItemDetail>(
    memberA.client.call('POST', `/api/pipeline/items/${added.item.id}/milestones`, { title: 'Pilot line 中试线', ownerAccountId: memberA.me.account.id, due: '2030-01-31' }),
    201,
  );
  return {
    app,
    store: s,
    facts,
    clients: { anonymous: new AccountClient(base), admin, orgAdminA: orgAdminA.client, memberA: memberA.client, memberB: memberB.client, user: user.client },
    accountIds: { memberA: memberA.me.account.id, orgAdminA: orgAdminA.me.account.id, memberB: memberB.me.account.id },
    ids: {
      orgA: orgA.id,
      orgB: orgB.id,
      field,
      challenge: challenge.id,
      response: response.id,
      responseItem: responseItem.id,
      sessionCode: session.code,
      idea: idea.id,
      proposal: proposalId,
      incubatingItem: added.item.id,
      milestone: withMilestone.milestones[0]?.id ?? '',
    },
  };
}

/** Every record a pipeline route could change (items with their history and milestones, both organisations' settings). */
export async function pipelineSnapshot(f: PipelineFixture): Promise<string> {
  return JSON.stringify({
    items: await f.store.pipeline.listItems('all', 1000),
    settings: [await f.store.pipeline.getSettings(f.ids.orgA), await f.store.pipeline.getSettings(f.ids.orgB)],
  });
}
