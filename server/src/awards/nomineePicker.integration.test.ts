import { NOMINEE_CANDIDATES_PAGE_MAX, type AwardProgrammeView, type CreatedSession, type NominationPublic, type NomineeCandidatesPage, type ResponsePublic } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newId, newToken } from '../ids.js';
import type { LmdbStore } from '../store/LmdbStore.js';
import { refusal, type AccountClient } from '../testing/accountClients.js';
import { buildPipelineFixture, ok, type PipelineFixture } from '../testing/pipelineFixture.js';

/*
 * The nomination picker on a real server: which teams and proposals a member is offered
 * (`GET …/nominee-candidates`), nominations made from what it offers, and the same rule refusing
 * a team or proposal it would not offer — `nominee_unknown` for what the caller may not see,
 * `nominee_not_eligible` for what they see but may not nominate here.
 *
 * From the pipeline fixture: org A's challenge with Team 钢铁's submitted response, and memberA's
 * live session with the proposal 氢能炉.
 */

async function addProposal(store: LmdbStore, sessionId: string, title: string): Promise<string> {
  const id = newId();
  const now = new Date();
  await store.proposals.createProposal(
    {
      id,
      sessionId,
      title,
      template: [{ key: 'problem', heading: 'Problem' }],
      sources: [],
      createdByParticipantId: null,
      inviteHashes: { editor: hashToken(newToken()), commenter: hashToken(newToken()), viewer: hashToken(newToken()) },
      createdAt: now,
      updatedAt: now,
    },
    { id: newId(), proposalId: id, name: 'Facilitator', role: 'owner', color: '#00798c', tokenHash: hashToken(newToken()), joinedAt: now, removedAt: null },
  );
  return id;
}

describe('nominee picker', () => {
  let f: PipelineFixture;
  let programmeA: AwardProgrammeView;
  let programmeB: AwardProgrammeView;
  let teamCategoryA: string;
  let teamCategoryB: string;
  beforeAll(async () => {
    f = await buildPipelineFixture();
    for (const c of Object.values(f.clients)) if (c.cookie) await c.me();
    programmeA = await ok(f.clients.orgAdminA.call('POST', '/api/awards', { organisationId: f.ids.orgA, name: 'A awards', year: 2026 }), 201);
    programmeB = await ok(f.clients.admin.call('POST', '/api/awards', { organisationId: f.ids.orgB, name: 'B awards', year: 2026 }), 201);
    teamCategoryA = programmeA.programme.categories[2]?.id ?? '';
    teamCategoryB = programmeB.programme.categories[2]?.id ?? '';
  });
  afterAll(async () => {
    await f?.app.dispose();
  });

  const candidates = (client: AccountClient, programmeId: string, query: string) => client.call<NomineeCandidatesPage>('GET', `/api/awards/${programmeId}/nominee-candidates?${query}`);
  const nominate = (client: AccountClient, programmeId: string, categoryId: string, nominee: object) =>
    client.call<NominationPublic>('POST', `/api/awards/${programmeId}/nominations`, { categoryId, nominee, citation: 'Cited 引用.' });

  it('offers the submitted teams of the organisation’s challenges and the proposals of the member’s own live sessions, searchable', async () => {
    const teams = await ok<NomineeCandidatesPage>(candidates(f.clients.memberA, programmeA.programme.id, 'kind=team'));
    expect(teams).toEqual({ candidates: [{ kind: 'team', id: f.ids.response, name: 'Team 钢铁', context: 'Lighter steel 更轻的钢材' }], truncated: false });
    // Matches the team name or the challenge title, case-insensitively; the rest is left out.
    expect((await ok<NomineeCandidatesPage>(candidates(f.clients.memberA, programmeA.programme.id, `kind=team&q=${encodeURIComponent('钢铁')}`))).candidates).toHaveLength(1);
    expect((await ok<NomineeCandidatesPage>(candidates(f.clients.memberA, programmeA.programme.id, 'kind=team&q=LIGHTER'))).candidates).toHaveLength(1);
    expect((await ok<NomineeCandidatesPage>(candidates(f.clients.memberA, programmeA.programme.id, 'kind=team&q=copper'))).candidates).toEqual([]);

    const proposals = await ok<NomineeCandidatesPage>(candidates(f.clients.memberA, programmeA.programme.id, 'kind=proposal'));
    expect(proposals.candidates).toEqual([{ kind: 'proposal', id: f.ids.proposal, name: 'Hydrogen furnace 氢能炉', context: 'Workshop 工作坊' }]);
    // The org admin did not run that session: no proposals offered to them.
    expect((await ok<NomineeCandidatesPage>(candidates(f.clients.orgAdminA, programmeA.programme.id, 'kind=proposal'))).candidates).toEqual([]);
  });

  it('bounds a page and says when more matched', async () => {
    const session = await f.store.getSessionByCode(f.ids.sessionCode);
    if (!session) throw new Error('no session');
    for (let i = 0; i < NOMINEE_CANDIDATES_PAGE_MAX; i++) await addProposal(f.store, session.id, `Bulk idea ${i}`);
    const page = await ok<NomineeCandidatesPage>(candidates(f.clients.memberA, programmeA.programme.id, 'kind=proposal'));
    expect(page.candidates).toHaveLength(NOMINEE_CANDIDATES_PAGE_MAX);
    expect(page.truncated).toBe(true);
    const narrowed = await ok<NomineeCandidatesPage>(candidates(f.clients.memberA, programmeA.programme.id, 'kind=proposal&q=hydrogen'));
    expect(narrowed).toEqual({ candidates: [expect.objectContaining({ id: f.ids.proposal })], truncated: false });
  });

  it('nominates a team and a proposal picked from the list; both show in the category', async () => {
    const team = await ok<NominationPublic>(nominate(f.clients.memberA, programmeA.programme.id, teamCategoryA, { kind: 'team', responseId: f.ids.response }), 201);
    expect(team).toMatchObject({ categoryId: teamCategoryA, status: 'pending', nominee: { kind: 'team', refId: f.ids.response, name: 'Team 钢铁' } });
    const proposal = await ok<NominationPublic>(nominate(f.clients.memberA, programmeA.programme.id, teamCategoryA, { kind: 'proposal', proposalId: f.ids.proposal }), 201);
    expect(proposal.nominee).toEqual({ kind: 'proposal', refId: f.ids.proposal, name: 'Hydrogen furnace 氢能炉' });
    const view = await ok<AwardProgrammeView>(f.clients.orgAdminA.call('GET', `/api/awards/${programmeA.programme.id}`));
    expect(view.nominations.filter((n) => n.categoryId === teamCategoryA).map((n) => n.nominee.name)).toEqual(['Team 钢铁', 'Hydrogen furnace 氢能炉']);
  });

  it('refuses a team or proposal the picker would not offer, with its reason, and writes nothing', async () => {
    const before = (await f.store.awards.listNominations(programmeA.programme.id)).length + (await f.store.awards.listNominations(programmeB.programme.id)).length;
    // A draft response to org A's challenge: org A may not see it yet.
    const draft = await ok<ResponsePublic>(f.clients.memberB.call('POST', `/api/challenges/${f.ids.challenge}/responses`, { teamName: 'Team 草稿', language: 'en' }), 201);
    const draftNominated = await nominate(f.clients.memberA, programmeA.programme.id, teamCategoryA, { kind: 'team', responseId: draft.id });
    expect([draftNominated.status, refusal(draftNominated)]).toEqual([400, 'nominee_unknown']);
    expect((await ok<NomineeCandidatesPage>(candidates(f.clients.memberA, programmeA.programme.id, 'kind=team'))).candidates.map((c) => c.id)).toEqual([f.ids.response]);

    // Org B's member sees their own team, but it answered org A's challenge: not org B's to award.
    await ok(f.clients.memberB.call('POST', `/api/responses/${draft.id}/submit`));
    const otherOrg = await nominate(f.clients.memberB, programmeB.programme.id, teamCategoryB, { kind: 'team', responseId: draft.id });
    expect([otherOrg.status, refusal(otherOrg)]).toEqual([403, 'nominee_not_eligible']);
    expect((await ok<NomineeCandidatesPage>(candidates(f.clients.memberB, programmeB.programme.id, 'kind=team'))).candidates).toEqual([]);

    // memberA's proposal, from org B's member: not theirs to see.
    const notTheirs = await nominate(f.clients.memberB, programmeB.programme.id, teamCategoryB, { kind: 'proposal', proposalId: f.ids.proposal });
    expect([notTheirs.status, refusal(notTheirs)]).toEqual([400, 'nominee_unknown']);

    // memberB's own session, run for org A's challenge: its proposals belong to org A's awards.
    const session = await ok<CreatedSession>(f.clients.memberB.call('POST', '/api/account/live-sessions', { title: 'B workshop' }), 201);
    const stored = await f.store.getSessionByCode(session.code);
    if (!stored) throw new Error('no session');
    await f.store.liveLinks.linkLiveSession({ accountId: f.accountIds.memberB, sessionId: stored.id, challengeId: f.ids.challenge, createdAt: stored.createdAt }, 100);
    const crossOrg = await addProposal(f.store, stored.id, 'Cross-org plan');
    const crossNominated = await nominate(f.clients.memberB, programmeB.programme.id, teamCategoryB, { kind: 'proposal', proposalId: crossOrg });
    expect([crossNominated.status, refusal(crossNominated)]).toEqual([403, 'nominee_not_eligible']);
    expect((await ok<NomineeCandidatesPage>(candidates(f.clients.memberB, programmeB.programme.id, 'kind=proposal'))).candidates).toEqual([]);

    const after = (await f.store.awards.listNominations(programmeA.programme.id)).length + (await f.store.awards.listNominations(programmeB.programme.id)).length;
    expect(after).toBe(before);
  });

  it('lists only for members of the programme’s organisation, and parses the query', async () => {
    const outsider = await candidates(f.clients.memberB, programmeA.programme.id, 'kind=team');
    expect([outsider.status, refusal(outsider)]).toEqual([404, 'award_programme_not_found']);
    const anonymous = await candidates(f.clients.anonymous, programmeA.programme.id, 'kind=team');
    expect([anonymous.status, refusal(anonymous)]).toEqual([401, 'sign_in_required']);
    for (const query of ['kind=person', 'kind=team&q=' + 'x'.repeat(81), 'kind=team&extra=1', '']) {
      const bad = await candidates(f.clients.memberA, programmeA.programme.id, query);
      expect([bad.status, refusal(bad)], query).toEqual([400, 'invalid_input']);
    }
  });
});
