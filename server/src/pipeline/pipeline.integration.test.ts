import type { NotificationPage, PipelineBoard, PipelineDashboard, PipelineItemDetail, PipelineSources } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationService } from '../accounts/NotificationService.js';
import { refusal } from '../testing/accountClients.js';
import { buildPipelineFixture, ok, pipelineSnapshot, type PipelineFixture } from '../testing/pipelineFixture.js';
import { PipelineService } from './PipelineService.js';

/*
 * The pipeline end to end on a real server and store, with the review and agreement domains
 * faked behind `PipelineFacts`: a submitted response enters at `proposal`, gates refuse what
 * the facts do not allow, a decision moves a response into `agreement`, moves back need a
 * reason, every move is in the history, milestones and their overdue flag.
 */

describe('pipeline', () => {
  let f: PipelineFixture;
  beforeAll(async () => {
    f = await buildPipelineFixture();
    await f.clients.memberA.me();
  });
  afterAll(async () => {
    await f?.app.dispose();
  });

  const item = (id: string) => ok<PipelineItemDetail>(f.clients.memberA.call('GET', `/api/pipeline/items/${id}`));
  const move = (id: string, body: object) => f.clients.memberA.call<PipelineItemDetail>('POST', `/api/pipeline/items/${id}/move`, body);

  it('takes a submitted response in at the proposal stage, with its challenge’s organisation and fields, once', async () => {
    const detail = await item(f.ids.responseItem);
    expect(detail.item).toMatchObject({ ref: { kind: 'response', id: f.ids.response }, stage: 'proposal', fieldIds: [f.ids.field], organisation: { id: f.ids.orgA }, link: `/platform/responses/${f.ids.response}` });
    expect(detail.item.title).toContain('Team 钢铁');
    expect(detail.history).toEqual([expect.objectContaining({ from: null, to: 'proposal', reason: '' })]);
    // A second submission finds it there: still one item.
    await f.clients.user.me();
    await ok(f.clients.user.call('POST', `/api/responses/${f.ids.response}/submit`));
    const board = await ok<PipelineBoard>(f.clients.memberA.call('GET', '/api/pipeline'));
    expect(board.items.filter((i) => i.ref.id === f.ids.response)).toHaveLength(1);
    expect(board.counts.proposal).toBe(1);
  });

  it('refuses the agreement stage without a decision and incubation without a completed agreement; a decision moves it to agreement', async () => {
    const id = f.ids.responseItem;
    await ok(move(id, { to: 'review' }));
    const before = await pipelineSnapshot(f);
    const noDecision = await move(id, { to: 'agreement' });
    expect([noDecision.status, refusal(noDecision)]).toEqual([409, 'gate_decision_required']);
    // Skipping the agreement stage does not skip its gate.
    const skip = await move(id, { to: 'incubation' });
    expect([skip.status, refusal(skip)]).toEqual([409, 'gate_decision_required']);
    expect(await pipelineSnapshot(f)).toBe(before);

    // The review service reports a decision (the lead wires its onDecided hook to this).
    const pipeline = new PipelineService(f.store, f.facts, new NotificationService(f.store.notifications, Date.now), Date.now);
    await pipeline.decisionRecorded({ responseId: f.ids.response, decision: 'decline', decidedBy: f.accountIds.memberA, at: new Date() });
    expect((await item(id)).item.stage).toBe('review');
    f.facts.decisions.set(`response:${f.ids.response}`, 'advance');
    await pipeline.decisionRecorded({ responseId: f.ids.response, decision: 'advance', decidedBy: f.accountIds.memberA, at: new Date() });
    const decided = await item(id);
    expect(decided.item.stage).toBe('agreement');
    expect(decided.history.at(-1)).toMatchObject({ from: 'review', to: 'agreement', reason: 'decision: advance', by: { id: f.accountIds.memberA } });
    // Already at agreement: a later decision moves nothing.
    await pipeline.decisionRecorded({ responseId: f.ids.response, decision: 'award', decidedBy: f.accountIds.memberA, at: new Date() });
    expect((await item(id)).history).toHaveLength(decided.history.length);

    const unsigned = await move(id, { to: 'incubation' });
    expect([unsigned.status, refusal(unsigned)]).toEqual([409, 'gate_agreement_required']);
    expect((await item(id)).item.stage).toBe('agreement');
    f.facts.agreements.add(`response:${f.ids.response}`);
    const incubating = await ok<PipelineItemDetail>(move(id, { to: 'incubation' }));
    expect(incubating.item.stage).toBe('incubation');
  });

  it('needs a reason to move back, records who, when, from, to and why, and refuses a move to the same stage', async () => {
    const id = f.ids.responseItem;
    const noReason = await move(id, { to: 'review' });
    expect([noReason.status, refusal(noReason)]).toEqual([400, 'pipeline_reason_required']);
    const blank = await move(id, { to: 'review', reason: ' \u200b ' });
    expect([blank.status, refusal(blank)]).toEqual([400, 'pipeline_reason_required']);
    const same = await move(id, { to: 'incubation' });
    expect([same.status, refusal(same)]).toEqual([409, 'pipeline_stage_unchanged']);
    const bad = await move(id, { to: 'nowhere' });
    expect([bad.status, refusal(bad)]).toEqual([400, 'invalid_input']);
    const back = await ok<PipelineItemDetail>(move(id, { to: 'review', reason: 'Budget cut 预算削减' }));
    expect(back.history.map((h) => [h.from, h.to])).toEqual([
      [null, 'proposal'],
      ['proposal', 'review'],
      ['review', 'agreement'],
      ['agreement', 'incubation'],
      ['incubation', 'review'],
    ]);
    expect(back.history.at(-1)).toMatchObject({ reason: 'Budget cut 预算削减', by: { id: f.accountIds.memberA, name: 'ma' } });
    expect(Date.parse(back.history.at(-1)?.at ?? '')).toBeGreaterThan(Date.parse(back.history[0]?.at ?? ''));
  });

  it('adds an idea and a proposal of the organiser’s live session once, and lists what is in already', async () => {
    const sources = await ok<PipelineSources>(f.clients.memberA.call('GET', `/api/pipeline/sources/${f.ids.sessionCode}`));
    expect(sources.proposals).toEqual([expect.objectContaining({ ref: { kind: 'proposal', id: f.ids.proposal }, itemId: f.ids.incubatingItem })]);
    expect(sources.ideas).toEqual([expect.objectContaining({ ref: { kind: 'idea', id: f.ids.idea }, title: 'Solar roofs 太阳能屋顶', itemId: null })]);
    expect(sources.organisations.map((o) => o.id)).toEqual([f.ids.orgA]);
    const body = { organisationId: f.ids.orgA, sessionCode: f.ids.sessionCode, kind: 'idea', id: f.ids.idea };
    const first = await ok<PipelineItemDetail>(f.clients.memberA.call('POST', '/api/pipeline/items', body), 201);
    expect(first.item).toMatchObject({ stage: 'idea', title: 'Solar roofs 太阳能屋顶' });
    const again = await ok<PipelineItemDetail>(f.clients.memberA.call('POST', '/api/pipeline/items', body), 200);
    expect(again.item.id).toBe(first.item.id);
    const unknown = await f.clients.memberA.call('POST', '/api/pipeline/items', { ...body, id: 'nosuchidea000' });
    expect([unknown.status, refusal(unknown)]).toEqual([404, 'idea_not_found']);
  });

  it('keeps milestones on items in incubation only, tells the owner, and flags overdue ones on the item and its card', async () => {
    const id = f.ids.incubatingItem;
    const add = (body: object) => f.clients.memberA.call<PipelineItemDetail>('POST', `/api/pipeline/items/${id}/milestones`, body);
    const stranger = await add({ title: 'X', ownerAccountId: f.accountIds.memberB, due: '2030-01-01' });
    expect([stranger.status, refusal(stranger)]).toEqual([400, 'milestone_owner_invalid']);
    const badDate = await add({ title: 'X', ownerAccountId: f.accountIds.memberA, due: '2030-02-30' });
    expect([badDate.status, refusal(badDate)]).toEqual([400, 'invalid_input']);
    const late = await ok<PipelineItemDetail>(add({ title: 'Safety review 安全评审', ownerAccountId: f.accountIds.orgAdminA, due: '2020-01-31' }), 201);
    expect(late.milestones.map((m) => [m.title, m.overdue])).toEqual([
      ['Pilot line 中试线', false],
      ['Safety review 安全评审', true],
    ]);
    const card = (await ok<PipelineBoard>(f.clients.memberA.call('GET', '/api/pipeline'))).items.find((i) => i.id === id);
    expect(card?.overdueMilestones).toBe(1);
    await f.clients.orgAdminA.me();
    const notices = await ok<NotificationPage>(f.clients.orgAdminA.call('GET', '/api/account/notifications'));
    expect(notices.notifications[0]).toMatchObject({ kind: 'milestone_assigned', params: { milestone: 'Safety review 安全评审', due: '2020-01-31' }, link: `/platform/pipeline/items/${id}` });

    const milestoneId = late.milestones[1]?.id ?? '';
    const done = await ok<PipelineItemDetail>(f.clients.memberA.call('POST', `/api/pipeline/items/${id}/milestones/${milestoneId}/updates`, { status: 'done', note: 'Passed 通过' }), 201);
    expect(done.milestones[1]).toMatchObject({ status: 'done', overdue: false, updates: [{ status: 'done', note: 'Passed 通过', by: { id: f.accountIds.memberA } }] });
    const missing = await f.clients.memberA.call('POST', `/api/pipeline/items/${id}/milestones/nosuchmilestone/updates`, { status: 'done' });
    expect([missing.status, refusal(missing)]).toEqual([404, 'milestone_not_found']);

    const notIncubating = await f.clients.memberA.call('POST', `/api/pipeline/items/${f.ids.responseItem}/milestones`, { title: 'X', ownerAccountId: f.accountIds.memberA, due: '2030-01-01' });
    expect([notIncubating.status, refusal(notIncubating)]).toEqual([409, 'pipeline_not_incubating']);
  });

  it('follows the organisation’s own stage names and gates', async () => {
    await f.clients.orgAdminA.me();
    const settings = await ok<{ gates: Record<string, string[]>; stageNames: Record<string, { zh: string; en: string }> }>(f.clients.orgAdminA.call('GET', `/api/pipeline/settings/${f.ids.orgA}`));
    expect(settings.gates).toMatchObject({ agreement: ['decision_advance'], incubation: ['agreement_completed'], concept: [] });
    const changed = { stageNames: { ...settings.stageNames, concept: { zh: '构思', en: 'Sketch' } }, gates: { ...settings.gates, concept: ['decision_advance'] } };
    await ok(f.clients.orgAdminA.call('PUT', `/api/pipeline/settings/${f.ids.orgA}`, changed));
    const ideaItem = (await ok<PipelineBoard>(f.clients.memberA.call('GET', `/api/pipeline?organisation=${f.ids.orgA}`))).items.find((i) => i.ref.kind === 'idea');
    const refused = await move(ideaItem?.id ?? '', { to: 'concept' });
    expect([refused.status, refusal(refused)]).toEqual([409, 'gate_decision_required']);
    const board = await ok<PipelineBoard>(f.clients.memberA.call('GET', `/api/pipeline?organisation=${f.ids.orgA}&field=${f.ids.field}`));
    expect(board.stageNames.concept).toEqual({ zh: '构思', en: 'Sketch' });
    expect(board.items.every((i) => i.fieldIds.includes(f.ids.field))).toBe(true);
    const invalid = await f.clients.orgAdminA.call('PUT', `/api/pipeline/settings/${f.ids.orgA}`, { ...changed, gates: { ...changed.gates, review: ['decision_advance', 'decision_advance'] } });
    expect([invalid.status, refusal(invalid)]).toEqual([400, 'invalid_input']);
  });

  it('counts the funnel and time in stage on the dashboard, and exports it as CSV', async () => {
    const dashboard = await ok<PipelineDashboard>(f.clients.memberA.call('GET', '/api/pipeline/dashboard'));
    expect(dashboard.total).toBe(3);
    expect(dashboard.funnel).toMatchObject({ idea: 1, review: 1, incubation: 1 });
    expect(dashboard.byOrganisation).toEqual([expect.objectContaining({ key: f.ids.orgA, label: 'Org A 甲' })]);
    // Stays left so far: the response's proposal and agreement stays, the proposal item's proposal stay (it skipped the rest).
    expect(dashboard.durations.filter((d) => d.stays > 0).map((d) => [d.stage, d.stays])).toEqual([
      ['proposal', 2],
      ['review', 1],
      ['agreement', 1],
      ['incubation', 1],
    ]);
    const csv = await f.clients.memberA.call<string>('GET', '/api/pipeline/dashboard.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('"organisation","' + f.ids.orgA + '","Org A 甲"');
  });
});
