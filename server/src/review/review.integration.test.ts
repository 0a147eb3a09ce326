import type {
  ChallengePublic,
  CreateChallengeBody,
  FieldPublic,
  MyReviewRound,
  NotificationPage,
  PipelineBoard,
  PipelineItemDetail,
  RefusalReason,
  ResponsePublic,
  ReviewResults,
  ReviewRoundPublic,
  ScorecardView,
  SubjectFeedback,
} from '@ideasphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLog } from '../logger.js';
import type { LmdbStore } from '../store/LmdbStore.js';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, refusal, setUpAdmin, type Reply } from '../testing/accountClients.js';
import { startTestApp, type TestApp } from '../testing/harness.js';

/*
 * Review end to end over HTTP: a hand-computed fixture (3 reviewers × 4 responses, reviewer R3
 * declares a conflict with S4 so S4 has two reviews), blind mode checked against every body a
 * reviewer receives, decisions the team reads, and the roles × routes matrix where every
 * refusal changes nothing.
 */

const ROLES = ['anonymous', 'owner', 'r1', 'r3', 'team', 'otherOrg'] as const;
type Role = (typeof ROLES)[number];

const TEAMS = ['Team Alpha 甲队', 'Team Beta 乙队', 'Team Gamma 丙队', 'Team Delta 丁队'] as const;
const SOLVER_EMAILS = ['zhang.wei@example.cn', 'li.na@example.cn', 'wang.fang@example.cn', 'chen.jie@example.cn'] as const;
const SOLVER_ORG = 'Acme Robotics 阿克米';

interface Fixture {
  app: TestApp;
  store: LmdbStore;
  clients: Record<Role, AccountClient> & { r2: AccountClient; admin: AccountClient; solvers: AccountClient[] };
  ids: { challenge: string; round: string; subjects: string[]; reviewers: { r1: string; r2: string; r3: string }; sameOrgReviewer: string };
}

async function ok<T>(reply: Promise<Reply<T>>, status = 200): Promise<T> {
  const got = await reply;
  if (got.status !== status) throw new Error(`expected ${status}, got ${got.status} ${JSON.stringify(got.body)}`);
  return got.body;
}

async function buildFixture(): Promise<Fixture> {
  let store: LmdbStore | null = null;
  const { log, records } = capturedLog('info');
  const app = await startTestApp({ log, passwordHasher: cheapHasher(), onStore: (s) => (store = s) });
  const base = app.server.url;
  const admin = await setUpAdmin(base, String(records.find((r) => typeof r['setupUrl'] === 'string')?.['setupUrl']));
  const ownerOrg = await createOrganisation(admin, 'Steel Works 钢厂');
  const experts = await createOrganisation(admin, 'Experts 专家库');
  const solverOrg = await createOrganisation(admin, SOLVER_ORG);
  const otherOrg = await createOrganisation(admin, 'Org B');
  const owner = await invitedAccount(admin, 'owner@example.cn', { organisationId: ownerOrg.id });
  const r1 = await invitedAccount(admin, 'r1@example.cn', { organisationId: experts.id });
  const r2 = await invitedAccount(admin, 'r2@example.cn', { organisationId: experts.id });
  const r3 = await invitedAccount(admin, 'r3@example.cn', { organisationId: experts.id });
  const sameOrg = await invitedAccount(admin, 'acme.reviewer@example.cn', { organisationId: solverOrg.id });
  const other = await invitedAccount(admin, 'mb@example.cn', { organisationId: otherOrg.id });
  const solvers = [];
  for (const [index, email] of SOLVER_EMAILS.entries()) solvers.push(await invitedAccount(admin, email, index === 0 ? { organisationId: solverOrg.id } : {}));
  const field = (await admin.call<FieldPublic[]>('GET', '/api/fields')).body[0]?.id ?? '';
  await owner.client.me();
  const body: CreateChallengeBody = {
    organisationId: ownerOrg.id,
    title: 'Lighter steel 更轻的钢材',
    problem: 'We need **lighter** steel.',
    fieldIds: [field],
    deadline: { local: '2030-06-30T18:00', timeZone: 'Asia/Shanghai' },
    visibility: 'public',
    criteria: [
      { name: 'Feasibility 可行性', weight: 60 },
      { name: 'Impact 影响', weight: 40 },
    ],
  };
  const challenge = await ok(owner.client.call<ChallengePublic>('POST', '/api/challenges', body), 201);
  await ok(owner.client.call('POST', `/api/challenges/${challenge.id}/transitions`, { to: 'open' }));
  const subjects: string[] = [];
  for (const [index, solver] of solvers.entries()) {
    await solver.client.me();
    const response = await ok(solver.client.call<ResponsePublic>('POST', `/api/challenges/${challenge.id}/responses`, { teamName: TEAMS[index], language: 'en' }), 201);
    await ok(solver.client.call('POST', `/api/responses/${response.id}/submit`));
    subjects.push(response.id);
  }
  for (const client of [r1, r2, r3, sameOrg, other]) await client.client.me();
  if (!store) throw new Error('no store');
  return {
    app,
    store,
    clients: { anonymous: new AccountClient(base), owner: owner.client, r1: r1.client, r2: r2.client, r3: r3.client, team: solvers[0]?.client ?? admin, otherOrg: other.client, admin, solvers: solvers.map((s) => s.client) },
    ids: {
      challenge: challenge.id,
      round: '',
      subjects,
      reviewers: { r1: r1.me.account.id, r2: r2.me.account.id, r3: r3.me.account.id },
      sameOrgReviewer: sameOrg.me.account.id,
    },
  };
}

/** Every review record a route could change. */
async function snapshot(f: Fixture): Promise<string> {
  const round = await f.store.reviews.getRound(f.ids.round);
  const cards = await f.store.reviews.listScorecardsOfRound(f.ids.round);
  const decisions = await f.store.reviews.listDecisionsOfRound(f.ids.round);
  const rounds = await f.store.reviews.listRoundsOfScope('challenge', f.ids.challenge);
  return JSON.stringify({ round, cards: cards.sort((a, b) => `${a.subjectId}${a.reviewerId}`.localeCompare(`${b.subjectId}${b.reviewerId}`)), decisions, rounds: rounds.map((r) => r.id) });
}

/** Every name a blind reviewer must never receive: team names, solvers' names, the solvers' organisation. */
const BLIND_NAMES = [...TEAMS, ...SOLVER_EMAILS.map((e) => e.split('@')[0] ?? ''), SOLVER_ORG, 'Acme'];

function expectNoNames(body: unknown, where: string): void {
  const text = JSON.stringify(body);
  for (const name of BLIND_NAMES) expect(text.includes(name), `${where} leaks "${name}"`).toBe(false);
}

// Scores per reviewer and subject (criteria c0 60 %, c1 40 %). The weighted score Σ w×s/100 is
// in the comment; where both criteria get the same score it is that score.
//   R1 (harsh):   S1 c0=2,c1=7 → 1.2+2.8 = 4;  S2 2;  S3 3;  S4 5      μ=3.5  σ=√1.25=1.118034
//   R2 (lenient): S1 c0=10,c1=5 → 6+2 = 8;     S2 6;  S3 7;  S4 9      μ=7.5  σ=1.118034
//   R3:           S1 9;  S2 10;  S3 8;  S4 — conflict                    μ=9    σ=√(2/3)=0.816497
const SCORES: Record<'r1' | 'r2' | 'r3', (Record<string, number> | null)[]> = {
  r1: [{ c0: 2, c1: 7 }, { c0: 2, c1: 2 }, { c0: 3, c1: 3 }, { c0: 5, c1: 5 }],
  r2: [{ c0: 10, c1: 5 }, { c0: 6, c1: 6 }, { c0: 7, c1: 7 }, { c0: 9, c1: 9 }],
  r3: [{ c0: 9, c1: 9 }, { c0: 10, c1: 10 }, { c0: 8, c1: 8 }, null],
};

describe('review over HTTP', () => {
  let f: Fixture;

  beforeAll(async () => {
    f = await buildFixture();
  }, 120_000);

  afterAll(async () => {
    await f?.app.dispose();
  });

  it('builds a blind round: pool by email, auto-assign k=3, a same-organisation reviewer refused by hand, then opens and tells the reviewers', async () => {
    const { owner } = f.clients;
    const created = await ok(owner.call<ReviewRoundPublic>('POST', `/api/review/scopes/challenge/${f.ids.challenge}/rounds`, { name: '初审 First round', blind: true, reviewersPerSubmission: 3, criterionGuidance: { c0: 'Can it be built in two years?' } }), 201);
    f.ids.round = created.id;
    expect(created).toMatchObject({ status: 'draft', blind: true, scale: { min: 1, max: 10 }, reviewersPerSubmission: 3 });
    expect(created.criteria).toEqual([
      { id: 'c0', name: 'Feasibility 可行性', weight: 60, guidance: 'Can it be built in two years?' },
      { id: 'c1', name: 'Impact 影响', weight: 40, guidance: '' },
    ]);
    expect(created.subjects.map((s) => s.title)).toEqual([...TEAMS]);
    for (const email of ['r1@example.cn', 'r2@example.cn', 'r3@example.cn', 'acme.reviewer@example.cn']) {
      await ok(owner.call('POST', `/api/review/rounds/${f.ids.round}/reviewers`, { email }));
    }
    // Auto-assign: S1 comes from the solvers' organisation, so the Acme reviewer gets only S2–S4.
    const assigned = await ok(owner.call<ReviewRoundPublic>('POST', `/api/review/rounds/${f.ids.round}/auto-assign`));
    const pairs = (subject: string) => assigned.assignments.filter((a) => a.subjectId === subject).map((a) => a.reviewerId).sort();
    expect(pairs(f.ids.subjects[0] ?? '')).toEqual([f.ids.reviewers.r1, f.ids.reviewers.r2, f.ids.reviewers.r3].sort());
    expect(assigned.assignments.filter((a) => a.reviewerId === f.ids.sameOrgReviewer).map((a) => a.subjectId)).not.toContain(f.ids.subjects[0]);
    // Load balanced: 12 places over 4 reviewers, nobody more than one above another.
    const loads = assigned.reviewers.map((r) => r.assigned);
    expect(loads.reduce((a, b) => a + b, 0)).toBe(12);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    // For the fixture: take the Acme reviewer out again, and fill the gaps with R1–R3.
    const refused = await owner.call('POST', `/api/review/rounds/${f.ids.round}/assignments`, { subjectId: f.ids.subjects[0], reviewerId: f.ids.sameOrgReviewer });
    expect([refused.status, refusal(refused)]).toEqual([409, 'review_reviewer_ineligible']);
    await ok(owner.call('DELETE', `/api/review/rounds/${f.ids.round}/reviewers/${f.ids.sameOrgReviewer}`));
    const filled = await ok(owner.call<ReviewRoundPublic>('POST', `/api/review/rounds/${f.ids.round}/auto-assign`));
    expect(filled.assignments).toHaveLength(12);
    expect(filled.reviewers.map((r) => [r.account.id, r.assigned])).toEqual([
      [f.ids.reviewers.r1, 4],
      [f.ids.reviewers.r2, 4],
      [f.ids.reviewers.r3, 4],
    ]);
    // A reviewer sees nothing of a draft round.
    expect(await ok(f.clients.r1.call<MyReviewRound[]>('GET', '/api/review/mine'))).toEqual([]);
    const opened = await ok(owner.call<ReviewRoundPublic>('POST', `/api/review/rounds/${f.ids.round}/transitions`, { to: 'open' }));
    expect(opened.status).toBe('open');
    const told = await ok(f.clients.r1.call<NotificationPage>('GET', '/api/account/notifications'));
    expect(told.notifications.map((n) => n.kind)).toContain('review_assigned');
    const locked = await owner.call('PATCH', `/api/review/rounds/${f.ids.round}`, { blind: false });
    expect([locked.status, refusal(locked)]).toEqual([409, 'review_round_not_editable']);
  });

  it('R3 declares a conflict with S4: the assignment is freed and auto-assign cannot give it back', async () => {
    const s4 = f.ids.subjects[3] ?? '';
    const mine = await ok(f.clients.r3.call<MyReviewRound[]>('POST', `/api/review/rounds/${f.ids.round}/subjects/${s4}/conflict`));
    expect(mine[0]?.items.map((i) => i.subjectId)).not.toContain(s4);
    expect(mine[0]?.total).toBe(3);
    const refilled = await ok(f.clients.owner.call<ReviewRoundPublic>('POST', `/api/review/rounds/${f.ids.round}/auto-assign`));
    expect(refilled.assignments.filter((a) => a.subjectId === s4).map((a) => a.reviewerId).sort()).toEqual([f.ids.reviewers.r1, f.ids.reviewers.r2].sort());
    expect(refilled.conflicts).toEqual([expect.objectContaining({ subjectId: s4, reviewerId: f.ids.reviewers.r3 })]);
    const byHand = await f.clients.owner.call('POST', `/api/review/rounds/${f.ids.round}/assignments`, { subjectId: s4, reviewerId: f.ids.reviewers.r3 });
    expect(refusal(byHand)).toBe('review_reviewer_ineligible');
  });

  it('blind: no reviewer-facing body holds a solver name, team name or organisation, the document included', async () => {
    for (const role of ['r1', 'r2', 'r3'] as const) {
      const client = f.clients[role];
      const mine = await ok(client.call<MyReviewRound[]>('GET', '/api/review/mine'));
      expectNoNames(mine, `${role} /api/review/mine`);
      expect(mine[0]?.items.every((i) => /^#\d+$/.test(i.label))).toBe(true);
      for (const item of mine[0]?.items ?? []) {
        const card = await ok(client.call<ScorecardView>('GET', `/api/review/rounds/${f.ids.round}/subjects/${item.subjectId}/scorecard`));
        expectNoNames(card, `${role} scorecard ${item.label}`);
        expect(card.subject.authors).toBeNull();
        expect(card.subject.markdown).toContain('▇▇▇');
        expect(card.criteria[0]?.guidance).toBe('Can it be built in two years?');
      }
      // Nor through the responses API: a reviewer outside the challenge's organisation may not read a response.
      const direct = await client.call('GET', `/api/responses/${f.ids.subjects[0]}`);
      expect(direct.status).toBe(404);
      expectNoNames(direct.body, `${role} /api/responses/:id`);
    }
  });

  it('scorecards: a draft keeps gaps, a submission needs every criterion on the scale; progress n of m', async () => {
    const s1 = f.ids.subjects[0] ?? '';
    const path = `/api/review/rounds/${f.ids.round}/subjects/${s1}/scorecard`;
    const draft = await ok(f.clients.r1.call<ScorecardView>('PUT', path, { scores: { c0: 2 }, comment: 'Clear plan.', note: 'Budget looks thin.' }));
    expect(draft.review).toMatchObject({ status: 'draft', scores: { c0: 2 } });
    const incomplete = await f.clients.r1.call('PUT', path, { scores: { c0: 2 }, submit: true });
    expect([incomplete.status, refusal(incomplete)]).toEqual([400, 'review_scores_incomplete']);
    const outside = await f.clients.r1.call('PUT', path, { scores: { c0: 11, c1: 3 } });
    expect([outside.status, refusal(outside)]).toEqual([400, 'review_score_out_of_scale']);
    const unknown = await f.clients.r1.call('PUT', path, { scores: { c9: 3 } });
    expect([unknown.status, refusal(unknown)]).toEqual([400, 'invalid_input']);
    for (const role of ['r1', 'r2', 'r3'] as const) {
      for (const [index, scores] of SCORES[role].entries()) {
        if (scores === null) continue;
        await ok(f.clients[role].call('PUT', `/api/review/rounds/${f.ids.round}/subjects/${f.ids.subjects[index]}/scorecard`, { scores, comment: `Comment by ${role} on S${index + 1}`, note: `Note by ${role}`, submit: true }));
      }
    }
    const progress = await ok(f.clients.r3.call<MyReviewRound[]>('GET', '/api/review/mine'));
    expect([progress[0]?.done, progress[0]?.total]).toEqual([3, 3]);
    const round = await ok(f.clients.owner.call<ReviewRoundPublic>('GET', `/api/review/rounds/${f.ids.round}`));
    expect(round.reviewers.map((r) => [r.assigned, r.submitted])).toEqual([
      [4, 4],
      [4, 4],
      [3, 3],
    ]);
  });

  it('results match the hand-computed fixture: means, normalised scores, ranking S4, S1, S2, S3', async () => {
    const results = await ok(f.clients.owner.call<ReviewResults>('GET', `/api/review/rounds/${f.ids.round}/results`));
    const s = (i: number) => f.ids.subjects[i] ?? '';
    // Means: S1 (4+8+9)/3 = 7, S2 (2+6+10)/3 = 6, S3 (3+7+8)/3 = 6, S4 (5+9)/2 = 7.
    // z per review: R1 S1 .447214, S2 −1.341641, S3 −.447214, S4 1.341641; R2 the same; R3 S1 0, S2 1.224745, S3 −1.224745.
    // Mean z: S1 .298142, S2 −.486179, S3 −.706391, S4 1.341641. Over all 11 reviews μ = 71/11 = 6.454545, σ = 2.535696.
    // Normalised = μ + z̄σ: S4 9.8565, S1 7.2105, S2 5.2217, S3 4.6634 — S4 first though its mean ties S1's.
    expect(results.rows.map((r) => r.subjectId)).toEqual([s(3), s(0), s(1), s(2)]);
    expect(results.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(results.rows.map((r) => r.reviews)).toEqual([2, 3, 3, 3]);
    const [r4, r1, r2, r3] = results.rows;
    expect(r1?.mean).toBeCloseTo(7, 9);
    expect(r2?.mean).toBeCloseTo(6, 9);
    expect(r3?.mean).toBeCloseTo(6, 9);
    expect(r4?.mean).toBeCloseTo(7, 9);
    expect(r4?.normalised).toBeCloseTo(9.8565, 3);
    expect(r1?.normalised).toBeCloseTo(7.2105, 3);
    expect(r2?.normalised).toBeCloseTo(5.2217, 3);
    expect(r3?.normalised).toBeCloseTo(4.6634, 3);
    // Spread: S1 9−4 = 5, S4 9−5 = 4, S2 10−2 = 8, S3 8−3 = 5; all above 30 % of the range (2.7).
    expect(results.rows.map((r) => r.spread)).toEqual([4, 5, 8, 5]);
    expect(results.rows.every((r) => r.disagreement)).toBe(true);
    // Owners are not blind: names and private notes are theirs.
    expect(r4?.title).toBe(TEAMS[3]);
    expect(r1?.comments.map((c) => c.note)).toContain('Note by r1');
  });

  it('shortlist, decision with feedback the team reads and is told of; CSV with BOM and names for the owner', async () => {
    const s4 = f.ids.subjects[3] ?? '';
    const listed = await ok(f.clients.owner.call<ReviewResults>('PUT', `/api/review/rounds/${f.ids.round}/shortlist/${s4}`, { shortlisted: true }));
    expect(listed.rows.find((r) => r.subjectId === s4)?.shortlisted).toBe(true);
    const decided = await ok(f.clients.owner.call<ReviewResults>('POST', `/api/review/rounds/${f.ids.round}/decisions`, { subjectId: s4, decision: 'advance', feedback: 'Strong plan, "go" — 进入下一阶段' }));
    expect(decided.rows.find((r) => r.subjectId === s4)?.decision).toMatchObject({ decision: 'advance' });
    const team = f.clients.solvers[3] ?? f.clients.team;
    const feedback = await ok(team.call<SubjectFeedback>('GET', `/api/responses/${s4}/review-feedback`));
    expect(feedback.items).toEqual([
      expect.objectContaining({ roundName: '初审 First round', decision: 'advance', feedback: 'Strong plan, "go" — 进入下一阶段', comments: expect.arrayContaining(['Comment by r1 on S4', 'Comment by r2 on S4']) }),
    ]);
    // Never the reviewers' names or private notes.
    expect(JSON.stringify(feedback)).not.toMatch(/r1@|Note by|"r1"|"r2"/);
    // The decision to advance moves the response, in the pipeline since its submission, into the agreement stage.
    const board = await ok(f.clients.owner.call<PipelineBoard>('GET', '/api/pipeline'));
    const item = board.items.find((i) => i.ref.kind === 'response' && i.ref.id === s4);
    expect(item?.stage).toBe('agreement');
    const detail = await ok(f.clients.owner.call<PipelineItemDetail>('GET', `/api/pipeline/items/${item?.id ?? ''}`));
    expect(detail.history.at(-1)).toMatchObject({ from: 'proposal', to: 'agreement', reason: 'decision: advance' });
    expect(board.items.filter((i) => i.ref.kind === 'response' && i.ref.id !== s4).map((i) => i.stage)).toEqual(['proposal', 'proposal', 'proposal']);
    const told = await ok(team.call<NotificationPage>('GET', '/api/account/notifications'));
    expect(told.notifications[0]).toMatchObject({ kind: 'review_decided', link: `/platform/responses/${s4}` });
    const csv = await f.clients.owner.call<string>('GET', `/api/review/rounds/${f.ids.round}/results.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // fetch's text() drops a byte-order mark: read the bytes.
    const raw = new Uint8Array(await (await fetch(`${f.app.server.url}/api/review/rounds/${f.ids.round}/results.csv`, { headers: { cookie: f.clients.owner.cookie ?? '' } })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.body;
    expect(text.startsWith('rank,submission_id,team')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines[1]).toContain(`1,${s4},${TEAMS[3]}`);
    expect(lines[1]).toContain('"Strong plan, ""go"" — 进入下一阶段"');
  });

  it('the roles × routes matrix: only the allowed roles get through, and a refusal changes nothing', async () => {
    const s1 = f.ids.subjects[0] ?? '';
    const s4 = f.ids.subjects[3] ?? '';
    const r = f.ids.round;
    interface Case {
      name: string;
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      path: string;
      body?: unknown;
      allowed: Partial<Record<Role, number>>;
      refused: Partial<Record<Role, RefusalReason>>;
    }
    const HIDDEN = { team: 'review_round_not_found', otherOrg: 'review_round_not_found' } as const;
    const MANAGE = { ...HIDDEN, r1: 'role_forbidden', r3: 'role_forbidden' } as const;
    const cases: Case[] = [
      { name: 'GET rounds of a scope', method: 'GET', path: `/api/review/scopes/challenge/${f.ids.challenge}/rounds`, allowed: { owner: 200 }, refused: { r1: 'role_forbidden', r3: 'role_forbidden', team: 'role_forbidden', otherOrg: 'role_forbidden' } },
      { name: 'POST a round', method: 'POST', path: `/api/review/scopes/challenge/${f.ids.challenge}/rounds`, body: { name: 'x' }, allowed: {}, refused: { r1: 'role_forbidden', r3: 'role_forbidden', team: 'role_forbidden', otherOrg: 'role_forbidden' } },
      { name: 'GET a round', method: 'GET', path: `/api/review/rounds/${r}`, allowed: { owner: 200 }, refused: MANAGE },
      { name: 'PATCH a round', method: 'PATCH', path: `/api/review/rounds/${r}`, body: { name: 'Renamed' }, allowed: {}, refused: MANAGE },
      { name: 'POST a transition', method: 'POST', path: `/api/review/rounds/${r}/transitions`, body: { to: 'closed' }, allowed: {}, refused: MANAGE },
      { name: 'POST a reviewer', method: 'POST', path: `/api/review/rounds/${r}/reviewers`, body: { email: 'mb@example.cn' }, allowed: {}, refused: MANAGE },
      { name: 'DELETE a reviewer', method: 'DELETE', path: `/api/review/rounds/${r}/reviewers/${f.ids.reviewers.r1}`, allowed: {}, refused: MANAGE },
      { name: 'POST an assignment', method: 'POST', path: `/api/review/rounds/${r}/assignments`, body: { subjectId: s4, reviewerId: f.ids.reviewers.r3 }, allowed: {}, refused: MANAGE },
      { name: 'DELETE an assignment', method: 'DELETE', path: `/api/review/rounds/${r}/assignments/${s1}/${f.ids.reviewers.r1}`, allowed: {}, refused: MANAGE },
      { name: 'POST auto-assign', method: 'POST', path: `/api/review/rounds/${r}/auto-assign`, allowed: {}, refused: MANAGE },
      { name: 'GET results', method: 'GET', path: `/api/review/rounds/${r}/results`, allowed: { owner: 200 }, refused: MANAGE },
      { name: 'GET results.csv', method: 'GET', path: `/api/review/rounds/${r}/results.csv`, allowed: { owner: 200 }, refused: MANAGE },
      { name: 'PUT shortlist', method: 'PUT', path: `/api/review/rounds/${r}/shortlist/${s1}`, body: { shortlisted: true }, allowed: {}, refused: MANAGE },
      { name: 'POST a decision', method: 'POST', path: `/api/review/rounds/${r}/decisions`, body: { subjectId: s1, decision: 'decline' }, allowed: {}, refused: MANAGE },
      { name: 'GET a scorecard', method: 'GET', path: `/api/review/rounds/${r}/subjects/${s4}/scorecard`, allowed: { r1: 200 }, refused: { ...HIDDEN, owner: 'review_not_assigned', r3: 'review_not_assigned' } },
      { name: 'PUT a scorecard', method: 'PUT', path: `/api/review/rounds/${r}/subjects/${s4}/scorecard`, body: { scores: { c0: 1 } }, allowed: {}, refused: { ...HIDDEN, owner: 'review_not_assigned', r3: 'review_not_assigned' } },
      { name: 'POST a conflict', method: 'POST', path: `/api/review/rounds/${r}/subjects/${s1}/conflict`, allowed: {}, refused: { ...HIDDEN, owner: 'review_not_assigned' } },
      { name: 'GET feedback of S1', method: 'GET', path: `/api/responses/${s1}/review-feedback`, allowed: { team: 200, owner: 200 }, refused: { r1: 'response_not_found', r3: 'response_not_found', otherOrg: 'response_not_found' } },
      { name: 'GET my reviews', method: 'GET', path: '/api/review/mine', allowed: { owner: 200, r1: 200, r3: 200, team: 200, otherOrg: 200 }, refused: {} },
    ];
    const STATUS: Partial<Record<RefusalReason, number>> = { sign_in_required: 401, role_forbidden: 403, review_not_assigned: 403, review_round_not_found: 404, response_not_found: 404, csrf_failed: 403 };
    for (const c of cases) {
      for (const role of ROLES) {
        const expectedStatus = c.allowed[role];
        const expectedReason: RefusalReason | undefined = role === 'anonymous' ? 'sign_in_required' : c.refused[role];
        if (expectedStatus === undefined && expectedReason === undefined) continue;
        const before = await snapshot(f);
        const reply = await f.clients[role].call(c.method, c.path, c.body);
        if (expectedStatus !== undefined) {
          expect(reply.status, `${c.name} as ${role}`).toBe(expectedStatus);
          if (role === 'r1' || role === 'r3') expectNoNames(reply.body, `${c.name} as ${role}`);
          continue;
        }
        expect([reply.status, refusal(reply)], `${c.name} as ${role}`).toEqual([STATUS[expectedReason ?? 'sign_in_required'], expectedReason]);
        expectNoNames(reply.body, `${c.name} as ${role}`);
        expect(await snapshot(f), `${c.name} as ${role} changed state`).toBe(before);
      }
      // Without the CSRF token, even the owner changes nothing.
      if (c.method !== 'GET') {
        const before = await snapshot(f);
        const reply = await f.clients.owner.call(c.method, c.path, c.body, { csrf: false });
        expect([reply.status, refusal(reply)], `${c.name} without CSRF`).toEqual([403, 'csrf_failed']);
        expect(await snapshot(f)).toBe(before);
      }
    }
    // Invalid bodies change nothing either.
    const before = await snapshot(f);
    for (const [method, path, body] of [
      ['POST', `/api/review/rounds/${r}/decisions`, { subjectId: s1, decision: 'maybe' }],
      ['PATCH', `/api/review/rounds/${r}`, { scaleMin: 5, scaleMax: 3 }],
      ['PUT', `/api/review/rounds/${r}/subjects/${s1}/scorecard`, { scores: { c0: 2.5 } }],
      ['POST', `/api/review/scopes/challenge/${f.ids.challenge}/rounds`, { name: '   ' }],
    ] as const) {
      const reply = await (method === 'PUT' ? f.clients.r1 : f.clients.owner).call(method, path, body);
      expect(reply.status, `${method} ${path}`).toBe(400);
    }
    expect(await snapshot(f)).toBe(before);
  });
});
