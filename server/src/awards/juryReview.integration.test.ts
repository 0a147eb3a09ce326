import type { AwardProgrammeView, BoardSnapshot, CreatedSession, MyReviewRound, NominationPublic, ReviewRoundPublic, ReviewScopeRounds, ScorecardView } from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLog } from '../logger.js';
import { type AccountClient, cheapHasher, createOrganisation, invitedAccount, setUpAdmin, type Reply } from '../testing/accountClients.js';
import { connectClient, expectOk, join, request, startTestApp, type TestApp, type TestClient } from '../testing/harness.js';

/*
 * The jury path on a real server, with the real `reviewJuryResults` (no fake): the programme's
 * owner runs a blind review round over an award category, jurors score on the category's
 * criteria, and the programme's combined ranking shows the normalised jury scores on 0..1,
 * combined with the audience vote by the programme's weights. A juror from a nominee's
 * organisation never gets that nomination; blind jurors never read a nominee's name.
 */

/** Nominees' names (an account's name is its email's local part) and organisations: a blind juror must never receive them. */
const NOMINEES = ['zhou.xin', 'wu.hao', 'sun.mei'] as const;
const NOMINEE_ORGS = ['Alpha Labs 阿尔法', 'Beta Works 贝塔'] as const;

let app: TestApp;
let conferenceId = '';
let owner: AccountClient;
const jurors: AccountClient[] = [];
const jurorIds: string[] = [];
const sockets: TestClient[] = [];

async function ok<T>(reply: Promise<Reply<T>>, status = 200): Promise<T> {
  const got = await reply;
  if (got.status !== status) throw new Error(`expected ${status}, got ${got.status} ${JSON.stringify(got.body)}`);
  return got.body;
}

function expectNoNominee(body: unknown, where: string): void {
  const text = JSON.stringify(body);
  for (const name of [...NOMINEES, ...NOMINEE_ORGS, 'Alpha', 'Beta']) expect(text.includes(name), `${where} leaks "${name}"`).toBe(false);
}

beforeAll(async () => {
  const { log, records } = capturedLog('info');
  app = await startTestApp({ log, passwordHasher: cheapHasher() });
  const admin = await setUpAdmin(app.server.url, String(records.find((r) => typeof r['setupUrl'] === 'string')?.['setupUrl']));
  const conference = await createOrganisation(admin, 'Innovation Conference 创新大会');
  conferenceId = conference.id;
  const alpha = await createOrganisation(admin, NOMINEE_ORGS[0]);
  const beta = await createOrganisation(admin, NOMINEE_ORGS[1]);
  const experts = await createOrganisation(admin, 'Experts 专家库');
  owner = (await invitedAccount(admin, 'owner@example.cn', { organisationId: conference.id, orgRole: 'org_admin' })).client;
  // zhou.xin acts for Alpha, wu.hao for Beta, sun.mei for nobody.
  await invitedAccount(admin, `${NOMINEES[0]}@example.cn`, { organisationId: alpha.id });
  await invitedAccount(admin, `${NOMINEES[1]}@example.cn`, { organisationId: beta.id });
  await invitedAccount(admin, `${NOMINEES[2]}@example.cn`);
  // J1, J2 are outside experts; J3 works at Alpha, zhou.xin's organisation.
  for (const [email, organisationId] of [['j1@example.cn', experts.id], ['j2@example.cn', experts.id], ['j3@example.cn', alpha.id]] as const) {
    const juror = await invitedAccount(admin, email, { organisationId });
    jurors.push(juror.client);
    jurorIds.push(juror.me.account.id);
  }
  for (const client of [owner, ...jurors]) await client.me();
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.dispose();
});

describe('the jury of an award category, through review rounds', () => {
  it('scores nominations in a blind round and the ranking combines the normalised jury scores with the audience vote', async () => {
    const created = await ok(owner.call<AwardProgrammeView>('POST', '/api/awards', { organisationId: conferenceId, name: 'Jury awards 2026', year: 2026 }), 201);
    const programmeId = created.programme.id;
    const star = created.programme.categories[0];
    if (!star) throw new Error('no seeded category');
    const nominations: NominationPublic[] = [];
    for (const [index, name] of NOMINEES.entries()) {
      nominations.push(await ok(owner.call<NominationPublic>('POST', `/api/awards/${programmeId}/nominations`, { categoryId: star.id, nominee: { kind: 'person', email: `${name}@example.cn` }, citation: `Citation number ${index + 1}.` }), 201));
    }
    for (const n of nominations) await ok(owner.call('POST', `/api/awards/${programmeId}/nominations/${n.id}/decision`, { decision: 'accept' }));
    const [zhou, wu, sun] = nominations.map((n) => n.id) as [string, string, string];
    await ok(owner.call('PATCH', `/api/awards/${programmeId}/categories/${star.id}`, { criteria: [{ name: 'Impact', weight: 60, guidance: 'Who gained what.' }, { name: 'Novelty', weight: 40, guidance: '' }] }));

    // The programme's owner (an org admin of the programme's organisation) manages the category's review.
    const scope = `/api/review/scopes/award_category/${star.id}/rounds`;
    const round = await ok(owner.call<ReviewRoundPublic>('POST', scope, { name: '评审 Jury', blind: true, reviewersPerSubmission: 2 }), 201);
    expect(round.subjects.map((s) => s.id)).toEqual([zhou, wu, sun]);
    const [impact, novelty] = round.criteria.map((c) => c.id) as [string, string];
    expect(round.criteria.map((c) => [c.name, c.weight, c.guidance])).toEqual([['Impact', 60, 'Who gained what.'], ['Novelty', 40, '']]);
    const rounds = await ok(owner.call<ReviewScopeRounds>('GET', scope));
    expect(rounds.scope).toMatchObject({ kind: 'award_category', id: star.id, title: 'Jury awards 2026 · 科技之星 Science and technology star', home: { kind: 'award_programme', id: programmeId } });
    expect(round.scopeHome).toEqual({ kind: 'award_programme', id: programmeId });

    for (const email of ['j1@example.cn', 'j2@example.cn', 'j3@example.cn']) await ok(owner.call('POST', `/api/review/rounds/${round.id}/reviewers`, { email }));
    const assigned = await ok(owner.call<ReviewRoundPublic>('POST', `/api/review/rounds/${round.id}/auto-assign`));
    const [j1, j2, j3] = jurorIds as [string, string, string];
    const reviewersOf = (subject: string) => assigned.assignments.filter((a) => a.subjectId === subject).map((a) => a.reviewerId);
    // J3 works at zhou.xin's organisation: never zhou.xin's juror. Oldest first, fewest load first, ties to the first added:
    // zhou → J1, J2; wu → J3, J1; sun → J2, J3.
    expect(reviewersOf(zhou)).not.toContain(j3);
    expect([reviewersOf(zhou), reviewersOf(wu), reviewersOf(sun)]).toEqual([[j1, j2], [j3, j1], [j2, j3]]);
    await ok(owner.call('POST', `/api/review/rounds/${round.id}/transitions`, { to: 'open' }));

    // Blind: nothing a juror receives names a nominee or their organisation.
    const scores: Record<string, Record<string, [number, number]>> = {
      [j1]: { [zhou]: [8, 8], [wu]: [3, 8] },
      [j2]: { [zhou]: [9, 9], [sun]: [5, 5] },
      [j3]: { [wu]: [7, 7], [sun]: [4, 4] },
    };
    for (const [index, juror] of jurors.entries()) {
      const mine = await ok(juror.call<MyReviewRound[]>('GET', '/api/review/mine'));
      expectNoNominee(mine, `J${index + 1} /api/review/mine`);
      expect(mine[0]?.items.every((i) => /^#\d+$/.test(i.label))).toBe(true);
      for (const item of mine[0]?.items ?? []) {
        const card = await ok(juror.call<ScorecardView>('GET', `/api/review/rounds/${round.id}/subjects/${item.subjectId}/scorecard`));
        expectNoNominee(card, `J${index + 1} scorecard ${item.label}`);
        expect(card.subject.authors).toBeNull();
        expect(card.subject.markdown).toContain('▇▇▇');
        const [a, b] = scores[jurorIds[index] ?? '']?.[item.subjectId] ?? [0, 0];
        const saved = await ok(juror.call<ScorecardView>('PUT', `/api/review/rounds/${round.id}/subjects/${item.subjectId}/scorecard`, { scores: { [impact]: a, [novelty]: b }, comment: '', note: '', submit: true }));
        expectNoNominee(saved, `J${index + 1} saved scorecard`);
      }
    }

    // An audience vote on the linked session's board: wu.hao 3 votes, zhou.xin 1, sun.mei 0 (shares .75, .25, 0).
    const live = await ok(owner.call<CreatedSession>('POST', '/api/account/live-sessions', { title: 'Awards night', language: 'en' }), 201);
    const categories = `/api/awards/${programmeId}/categories`;
    await ok(owner.call('PUT', `${categories}/${star.id}/session`, { code: live.code }));
    const phones = await Promise.all(['Ann', 'Ben', 'Cy'].map((name) => join(app.server.url, live.code, name)));
    await ok(owner.call('POST', `${categories}/${star.id}/audience-vote`, { action: 'start' }));
    for (const phone of phones) sockets.push(await connectClient(app.server.url, { role: 'participant', code: live.code, token: phone.participantToken }));
    const snapshot: BoardSnapshot = expectOk(await request(sockets[0] as TestClient, 'board:snapshot', {}));
    const ideaOf = (name: string) => snapshot.firstPage.ideas.find((i) => i.title === name)?.id ?? '';
    expectOk(await request(sockets[0] as TestClient, 'vote:cast', { ideaId: ideaOf('wu.hao'), count: 2 }));
    expectOk(await request(sockets[1] as TestClient, 'vote:cast', { ideaId: ideaOf('wu.hao'), count: 1 }));
    expectOk(await request(sockets[2] as TestClient, 'vote:cast', { ideaId: ideaOf('zhou.xin'), count: 1 }));
    await ok(owner.call('POST', `${categories}/${star.id}/audience-vote`, { action: 'close' }));
    await ok(owner.call('PATCH', `/api/awards/${programmeId}`, { juryWeight: 60 }));

    // Weighted scores (impact 60 %, novelty 40 %):
    //   J1: zhou .6×8+.4×8 = 8, wu .6×3+.4×8 = 5   μ=6.5 σ=1.5 → z zhou +1, wu −1
    //   J2: zhou 9, sun 5                           μ=7   σ=2   → z zhou +1, sun −1
    //   J3: wu 7, sun 4                             μ=5.5 σ=1.5 → z wu +1,  sun −1
    // Mean z: zhou (1+1)/2 = 1, wu (−1+1)/2 = 0, sun (−1−1)/2 = −1.
    // Over all six reviews (8,5,9,5,7,4): μ = 38/6 = 19/3; σ² = (Σ(x−μ)²)/6 = (58/3)/6 = 29/9, σ = √29/3.
    // Normalised = μ + z̄σ: zhou (19+√29)/3 = 8.1284, wu 19/3 = 6.3333, sun (19−√29)/3 = 4.5383.
    // On 0..1 by the scale 1–10, (x−1)/9: zhou (16+√29)/27 = .79204, wu 16/27 = .59259, sun (16−√29)/27 = .39314.
    const juryZhou = (16 + Math.sqrt(29)) / 27;
    const jurySun = (16 - Math.sqrt(29)) / 27;
    const jury = { [zhou]: juryZhou, [wu]: 16 / 27, [sun]: jurySun };
    // Combined, jury 60 % and audience 40 %: wu .6×.59259+.4×.75 = .65556; zhou .6×.79204+.4×.25 = .57523; sun .6×.39314+0 = .23589.
    const combined = { [wu]: 0.6 * (16 / 27) + 0.4 * 0.75, [zhou]: 0.6 * juryZhou + 0.4 * 0.25, [sun]: 0.6 * jurySun };
    const view = await ok(owner.call<AwardProgrammeView>('GET', `/api/awards/${programmeId}`));
    const ranking = view.rankings?.find((r) => r.categoryId === star.id);
    expect(ranking?.rows.map((r) => r.nominationId)).toEqual([wu, zhou, sun]);
    for (const row of ranking?.rows ?? []) {
      expect(row.juryScore, `jury score of ${row.nomineeName}`).toBeCloseTo(jury[row.nominationId] ?? -1, 9);
      expect(row.combined, `combined of ${row.nomineeName}`).toBeCloseTo(combined[row.nominationId] ?? -1, 9);
    }
    expect(ranking?.rows.map((r) => r.audienceShare)).toEqual([0.75, 0.25, 0]);
    expect(ranking?.rows.map((r) => r.proposed)).toEqual([true, false, false]);

    // An edit of the criteria that does not carry their ids keeps them by name: the scorecards still count.
    const criteria = (weights: number[], names = ['Impact', 'Novelty', 'Teamwork']) => weights.map((weight, i) => ({ name: names[i], weight, guidance: 'Edited.' }));
    await ok(owner.call('PATCH', `/api/awards/${programmeId}/categories/${star.id}`, { criteria: criteria([60, 40]) }));
    const edited = await ok(owner.call<AwardProgrammeView>('GET', `/api/awards/${programmeId}`));
    expect(edited.rankings?.find((r) => r.categoryId === star.id)?.rows.map((r) => r.juryScore)).toEqual(ranking?.rows.map((r) => r.juryScore));
    // A criterion added after the jury scored leaves every scorecard incomplete: no jury score counts until they are scored again, and the page still answers.
    await ok(owner.call('PATCH', `/api/awards/${programmeId}/categories/${star.id}`, { criteria: criteria([50, 30, 20]) }));
    const added = await ok(owner.call<AwardProgrammeView>('GET', `/api/awards/${programmeId}`));
    expect(added.rankings?.find((r) => r.categoryId === star.id)?.rows.map((r) => r.juryScore)).toEqual([null, null, null]);
  });
});
