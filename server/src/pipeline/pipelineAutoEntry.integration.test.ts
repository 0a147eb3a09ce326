import { randomUUID } from 'node:crypto';
import type { ChallengePublic, CreatedProposal, CreatedSession, FieldPublic, IdeaPublic, PipelineBoard, PipelineItemDetail, PipelineSources } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationService } from '../accounts/NotificationService.js';
import { capturedLog } from '../logger.js';
import type { LmdbStore } from '../store/LmdbStore.js';
import { cheapHasher, createOrganisation, invitedAccount, setUpAdmin, type AccountClient } from '../testing/accountClients.js';
import { api, connectClient, createSession, expectOk, join, request, startTestApp, type TestApp } from '../testing/harness.js';
import { FakeFacts, ok } from '../testing/pipelineFixture.js';
import { PipelineService } from './PipelineService.js';

/*
 * Live-session proposals enter the pipeline by themselves: a proposal made in a session an
 * organiser created from the platform enters the organisation's pipeline at `proposal` — the
 * challenge's organisation for a session run for a challenge, else the organiser's only one —
 * once, with the organiser as who and the making as why. Where the organisation is not clear
 * (no account behind the session, an organiser in several organisations) nothing enters and
 * "Add to pipeline" stays the way in.
 */

let app: TestApp;
let store: LmdbStore;
let admin: AccountClient;
let solo: AccountClient;
let soloId: string;
let multi: AccountClient;
let orgA: string;
let orgB: string;
let logged: Record<string, unknown>[];

/** Two ideas on the session's board, then a proposal of both from the facilitator's console. */
async function proposalIn(session: Pick<CreatedSession, 'code' | 'facilitatorToken'>, titles = ['Solar roof on hall 3', 'Reuse cutting fluid']): Promise<CreatedProposal> {
  const person = await join(app.server.url, session.code, 'Li Lei');
  const socket = await connectClient(app.server.url, { role: 'participant', code: session.code, token: person.participantToken });
  const ideas: IdeaPublic[] = [];
  for (const title of titles) ideas.push(expectOk(await request(socket, 'idea:submit', { clientId: randomUUID(), title, detail: `Why: ${title}` })));
  socket.close();
  const res = await api<CreatedProposal>(app.server.url, 'POST', `/api/sessions/${session.code}/proposals`, { ideaIds: ideas.map((i) => i.id) }, { authorization: `Bearer ${session.facilitatorToken}` });
  if (res.status !== 201) throw new Error(`proposal failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const itemOf = (proposalId: string) => store.pipeline.getItemByRef({ kind: 'proposal', id: proposalId });

beforeAll(async () => {
  const { log, records } = capturedLog('info');
  logged = records;
  app = await startTestApp({ log, passwordHasher: cheapHasher(), onStore: (s) => (store = s) });
  admin = await setUpAdmin(app.server.url, String(records.find((r) => typeof r['setupUrl'] === 'string')?.['setupUrl']));
  orgA = (await createOrganisation(admin, 'Org A 甲')).id;
  orgB = (await createOrganisation(admin, 'Org B 乙')).id;
  const soloInvite = await invitedAccount(admin, 'solo@example.cn', { organisationId: orgA });
  solo = soloInvite.client;
  soloId = soloInvite.me.account.id;
  const multiInvite = await invitedAccount(admin, 'multi@example.cn', { organisationId: orgA });
  multi = multiInvite.client;
  await ok(admin.call('PUT', `/api/orgs/${orgB}/members/${multiInvite.me.account.id}`, { role: 'member' }));
  for (const c of [solo, multi]) await c.me();
});

afterAll(async () => {
  await app?.dispose();
});

describe('automatic pipeline entry of live-session proposals', () => {
  it('enters a proposal of an organiser’s session in their only organisation at `proposal`, recording who and why', async () => {
    const session = await ok<CreatedSession>(solo.call('POST', '/api/account/live-sessions', { title: 'Workshop 工作坊' }), 201);
    const made = await proposalIn(session);
    const stored = await itemOf(made.proposal.id);
    expect(stored).not.toBeNull();
    const detail = await ok<PipelineItemDetail>(solo.call('GET', `/api/pipeline/items/${stored?.id ?? ''}`));
    expect(detail.item).toMatchObject({ ref: { kind: 'proposal', id: made.proposal.id }, organisation: { id: orgA }, stage: 'proposal', title: made.proposal.title, fieldIds: [] });
    expect(detail.history).toEqual([
      { from: null, to: 'proposal', at: expect.any(String), by: { id: soloId, name: 'solo' }, reason: 'auto: proposal made in live session “Workshop 工作坊” by the facilitator from 2 ideas' },
    ]);
    // "Add to pipeline" shows it as already there, and adding it again makes nothing new.
    const sources = await ok<PipelineSources>(solo.call('GET', `/api/pipeline/sources/${session.code}`));
    expect(sources.proposals).toEqual([{ ref: { kind: 'proposal', id: made.proposal.id }, title: made.proposal.title, itemId: stored?.id }]);
    const again = await solo.call<PipelineItemDetail>('POST', '/api/pipeline/items', { organisationId: orgA, sessionCode: session.code, kind: 'proposal', id: made.proposal.id });
    expect([again.status, again.body.item.id]).toEqual([200, stored?.id]);
  });

  it('is idempotent: the same proposal reported twice is one item with one entry', async () => {
    const session = await ok<CreatedSession>(solo.call('POST', '/api/account/live-sessions', { title: 'Twice' }), 201);
    const made = await proposalIn(session, ['One idea']);
    const first = await itemOf(made.proposal.id);
    const pipeline = new PipelineService(store, new FakeFacts(), new NotificationService(store.notifications, Date.now), Date.now);
    const stored = await store.getSessionByCode(session.code);
    const outcome = await pipeline.proposalCreated({ proposalId: made.proposal.id, sessionId: stored?.id ?? '', title: 'Renamed', ideas: 1, createdBy: { kind: 'participant', name: 'Ann' }, at: new Date() });
    expect(outcome).toEqual({ entered: true, itemId: first?.id });
    const after = await itemOf(made.proposal.id);
    expect(after?.history).toHaveLength(1);
    expect(after?.history[0]?.reason).toBe('auto: proposal made in live session “Twice” by the facilitator from 1 idea');
    const board = await ok<PipelineBoard>(solo.call('GET', '/api/pipeline'));
    expect(board.items.filter((i) => i.ref.id === made.proposal.id)).toHaveLength(1);
  });

  it('enters a session run for a challenge in the challenge’s organisation, with its fields', async () => {
    const field = (await ok<FieldPublic[]>(admin.call('GET', '/api/fields')))[0]?.id ?? '';
    const challenge = await ok<ChallengePublic>(
      multi.call('POST', '/api/challenges', {
        organisationId: orgB,
        title: 'Quieter presses 更安静的冲床',
        problem: 'Presses are **loud**.',
        fieldIds: [field],
        deadline: { local: '2030-06-30T18:00', timeZone: 'Asia/Shanghai' },
        visibility: 'public',
        criteria: [{ name: 'Feasibility', weight: 100 }],
      }),
      201,
    );
    const session = await ok<CreatedSession>(multi.call('POST', '/api/account/live-sessions', { title: 'Press workshop', challengeId: challenge.id }), 201);
    const made = await proposalIn(session);
    expect(await itemOf(made.proposal.id)).toMatchObject({ organisationId: orgB, fieldIds: [field], stage: 'proposal' });
  });

  it('leaves a proposal out, and says why in the log, where the organisation is not clear; “Add to pipeline” still works', async () => {
    // An organiser in two organisations, a session run for no challenge: which one is theirs to say.
    const session = await ok<CreatedSession>(multi.call('POST', '/api/account/live-sessions', { title: 'Open session' }), 201);
    const made = await proposalIn(session);
    expect(await itemOf(made.proposal.id)).toBeNull();
    expect(logged).toContainEqual(expect.objectContaining({ proposalId: made.proposal.id, reason: 'several_organisations', msg: expect.stringContaining('add it by hand') }));
    const added = await ok<PipelineItemDetail>(multi.call('POST', '/api/pipeline/items', { organisationId: orgB, sessionCode: session.code, kind: 'proposal', id: made.proposal.id }), 201);
    expect(added.item.organisation.id).toBe(orgB);
    expect(added.history[0]?.reason).toBe('');

    // A session made without an account (the anonymous route): no organisation at all.
    const anonymous = await createSession(app.server.url);
    const orphan = await proposalIn(anonymous);
    expect(await itemOf(orphan.proposal.id)).toBeNull();
    expect(logged).toContainEqual(expect.objectContaining({ proposalId: orphan.proposal.id, reason: 'no_organiser_account' }));
  });
});
