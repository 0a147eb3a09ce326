import type { AwardProgrammeView, AwardRevealState, BoardSnapshot, CreatedSession, JoinedSession, NominationPublic, NotificationPage, ParticipantPublic } from '@ideasphere/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLog } from '../logger.js';
import type { LmdbStore } from '../store/LmdbStore.js';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, refusal, setUpAdmin, type Reply } from '../testing/accountClients.js';
import { connectClient, expectOk, join, nextEvent, request, startTestApp, type TestApp, type TestClient } from '../testing/harness.js';
import type { JuryResults } from './JuryResults.js';
import { NominationSubjects } from './nominationSubjects.js';

/*
 * Awards end to end on a real server: nominations and decisions, an audience vote counted by the
 * board's own voting from real phones, the combined ranking with a fake jury, winners confirmed
 * (an override needs its reason), and the reveal broadcast to every screen, with catch-up for a
 * screen that connects after it. Photos only with the consent given in that session.
 */

/** The jury's scores, set by the test (a collaborator of the awards, not the store). */
const juryScores = new Map<string, Map<string, number | null>>();
const fakeJury: JuryResults = { scoresFor: (categoryId) => Promise.resolve(juryScores.get(categoryId) ?? new Map()) };

let app: TestApp;
let store: LmdbStore;
let owner: AccountClient;
let member: AccountClient;
let lina: AccountClient;
let bo: AccountClient;
let orgId: string;
const sockets: TestClient[] = [];

async function ok<T>(reply: Promise<Reply<T>>, status = 200): Promise<T> {
  const got = await reply;
  if (got.status !== status) throw new Error(`expected ${status}, got ${got.status} ${JSON.stringify(got.body)}`);
  return got.body;
}

async function socket(role: 'facilitator' | 'screen' | 'participant', code: string, token: string): Promise<TestClient> {
  const client = await connectClient(app.server.url, { role, code, token });
  sockets.push(client);
  return client;
}

async function withPhoto(code: string, joined: JoinedSession): Promise<ParticipantPublic> {
  const png = await sharp({ create: { width: 96, height: 96, channels: 3, background: { r: 200, g: 90, b: 40 } } }).png().toBuffer();
  const put = await fetch(`${app.server.url}/api/sessions/${code}/participants/me/photo?consent=yes`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${joined.participantToken}`, 'content-type': 'image/png' },
    body: png,
  });
  expect(put.status).toBe(200);
  return (await put.json()) as ParticipantPublic;
}

beforeAll(async () => {
  const { log, records } = capturedLog('info');
  app = await startTestApp({ log, passwordHasher: cheapHasher(), juryResults: fakeJury, onStore: (s) => (store = s) });
  const base = app.server.url;
  const admin = await setUpAdmin(base, String(records.find((r) => typeof r['setupUrl'] === 'string')?.['setupUrl']));
  const org = await createOrganisation(admin, 'Innovation Conference 创新大会');
  orgId = org.id;
  owner = (await invitedAccount(admin, 'owner@example.cn', { organisationId: orgId, orgRole: 'org_admin' })).client;
  member = (await invitedAccount(admin, 'member@example.cn', { organisationId: orgId })).client;
  lina = (await invitedAccount(admin, 'lina@example.cn', { organisationId: orgId })).client;
  bo = (await invitedAccount(admin, 'bo@example.cn')).client;
  for (const client of [owner, member, lina, bo]) await client.me();
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await app.dispose();
});

describe('awards end to end', () => {
  it('nominates, votes on phones, combines with the jury, confirms winners and reveals them on every screen', async () => {
    const created = await ok(owner.call<AwardProgrammeView>('POST', '/api/awards', { organisationId: orgId, name: 'Innovation awards 2026', year: 2026 }), 201);
    const [star, newStar] = created.programme.categories;
    if (!star || !newStar) throw new Error('no seeded categories');
    expect(created.programme.categories.map((c) => c.name)).toEqual([
      { zh: '科技之星', en: 'Science and technology star' },
      { zh: '新星', en: 'New star' },
      { zh: '先进团队', en: 'Advanced team' },
    ]);
    expect(star.criteria.map((c) => c.weight)).toEqual([40, 40, 20]);

    // Members nominate with citations; the owner decides and the nominator hears of it.
    const nominate = (categoryId: string, email: string, citation: string) =>
      ok(member.call<NominationPublic>('POST', `/api/awards/${created.programme.id}/nominations`, { categoryId, nominee: { kind: 'person', email }, citation }), 201);
    const linaNom = await nominate(star.id, 'lina@example.cn', 'Led the hydrogen steel pilot 氢冶金.');
    const boNom = await nominate(star.id, 'bo@example.cn', 'Built the sensor network.');
    const memberNom = await nominate(star.id, 'member@example.cn', 'Self-nomination.');
    const boNew = await nominate(newStar.id, 'bo@example.cn', 'First year, first patent.');
    expect(linaNom).toMatchObject({ status: 'pending', nominee: { kind: 'person', name: 'lina' }, nominatedBy: { name: 'member' } });
    const decide = (id: string, decision: 'accept' | 'reject') => owner.call<NominationPublic>('POST', `/api/awards/${created.programme.id}/nominations/${id}/decision`, { decision });
    for (const id of [linaNom.id, boNom.id, boNew.id]) expect((await ok(decide(id, 'accept'))).status).toBe('accepted');
    expect((await ok(decide(memberNom.id, 'reject'))).status).toBe('rejected');
    expect(refusal(await decide(memberNom.id, 'accept'))).toBe('nomination_already_decided');
    const notices = await ok(member.call<NotificationPage>('GET', '/api/account/notifications'));
    expect(notices.notifications.map((n) => n.kind).sort()).toEqual(['nomination_accepted', 'nomination_accepted', 'nomination_accepted', 'nomination_rejected']);

    // The owner's live session; the category's audience vote runs on its board.
    const live = await ok(owner.call<CreatedSession>('POST', '/api/account/live-sessions', { title: 'Awards night', language: 'en' }), 201);
    const base = `/api/awards/${created.programme.id}/categories`;
    expect(refusal(await owner.call('POST', `${base}/${star.id}/audience-vote`, { action: 'start' }))).toBe('award_session_required');
    await ok(owner.call('PUT', `${base}/${star.id}/session`, { code: live.code }));
    await ok(owner.call('PUT', `${base}/${newStar.id}/session`, { code: live.code }));
    const phones = await Promise.all(['Ann', 'Ben', 'Cy', 'Lina'].map((name) => join(app.server.url, live.code, name)));
    const started = await ok(owner.call<AwardProgrammeView>('POST', `${base}/${star.id}/audience-vote`, { action: 'start' }));
    expect(started.programme.categories[0]?.audienceVote).toMatchObject({ status: 'open', sessionCode: live.code, total: 0 });
    expect(refusal(await owner.call('POST', `${base}/${star.id}/audience-vote`, { action: 'start' }))).toBe('audience_vote_state_invalid');

    const phoneSockets = await Promise.all(phones.map((p) => socket('participant', live.code, p.participantToken)));
    const snapshot: BoardSnapshot = expectOk(await request(phoneSockets[0] as TestClient, 'board:snapshot', {}));
    expect(snapshot.phase.phase).toBe('vote');
    const ideaOf = (name: string) => snapshot.firstPage.ideas.find((i) => i.title === name && i.category === 'Science and technology star')?.id ?? '';
    expect(snapshot.firstPage.ideas.map((i) => i.title).sort()).toEqual(['bo', 'lina']);
    const vote = (phone: number, name: string, count: number) => request(phoneSockets[phone] as TestClient, 'vote:cast', { ideaId: ideaOf(name), count });
    expectOk(await vote(0, 'lina', 2));
    expectOk(await vote(1, 'lina', 1));
    expectOk(await vote(2, 'bo', 1));
    // The budget and per-idea cap are the board's: an over-cap vote is refused and counts nothing.
    expect(await vote(3, 'lina', 99)).toMatchObject({ ok: false });
    const counted = await ok(owner.call<AwardProgrammeView>('GET', `/api/awards/${created.programme.id}`));
    expect(counted.programme.categories[0]?.audienceVote?.votes).toEqual({ [linaNom.id]: 3, [boNom.id]: 1 });
    await ok(owner.call('POST', `${base}/${star.id}/audience-vote`, { action: 'close' }));
    expectOk(await vote(3, 'bo', 2));
    const closed = await ok(owner.call<AwardProgrammeView>('GET', `/api/awards/${created.programme.id}`));
    expect(closed.programme.categories[0]?.audienceVote).toMatchObject({ status: 'closed', votes: { [linaNom.id]: 3, [boNom.id]: 1 }, total: 4 });

    // Jury 60 %: lina .6 × .2 + .4 × .75 = .42; bo .6 × .9 + .4 × .25 = .64.
    juryScores.set(star.id, new Map([[linaNom.id, 0.2], [boNom.id, 0.9]]));
    await ok(owner.call('PATCH', `/api/awards/${created.programme.id}`, { juryWeight: 60 }));
    const ranked = await ok(owner.call<AwardProgrammeView>('GET', `/api/awards/${created.programme.id}`));
    const ranking = ranked.rankings?.find((r) => r.categoryId === star.id);
    expect(ranking?.rows.map((r) => [r.nominationId, r.combined, r.audienceShare, r.proposed])).toEqual([
      [boNom.id, expect.closeTo(0.64, 10), 0.25, true],
      [linaNom.id, expect.closeTo(0.42, 10), 0.75, false],
    ]);
    // The members see the programme but not the ranking.
    expect((await ok(member.call<AwardProgrammeView>('GET', `/api/awards/${created.programme.id}`))).rankings).toBeNull();

    // Overriding the ranking needs a written reason, which is kept.
    expect(refusal(await owner.call('POST', `${base}/${star.id}/winners`, { nominationIds: [linaNom.id] }))).toBe('award_override_reason_required');
    expect(refusal(await owner.call('POST', `${base}/${star.id}/winners`, { nominationIds: [memberNom.id] }))).toBe('award_winner_not_eligible');
    const confirmed = await ok(owner.call<AwardProgrammeView>('POST', `${base}/${star.id}/winners`, { nominationIds: [linaNom.id], overrideReason: 'The jury missed the pilot results.' }));
    expect(confirmed.programme.categories[0]?.winners).toMatchObject({ nominationIds: [linaNom.id], overrideReason: 'The jury missed the pilot results.', revealedAt: null });
    await ok(owner.call('POST', `${base}/${newStar.id}/winners`, { nominationIds: [boNew.id] }));

    // Lina's phone gave a photo with consent and her account kept it; Bo's face is hidden.
    const linaPhone = phones[3] as JoinedSession;
    await withPhoto(live.code, linaPhone);
    await ok(lina.call('POST', '/api/account/claims', { code: live.code, participantToken: linaPhone.participantToken }), 201);
    const boPhone = await join(app.server.url, live.code, 'Bo');
    await withPhoto(live.code, boPhone);
    await ok(bo.call('POST', '/api/account/claims', { code: live.code, participantToken: boPhone.participantToken }), 201);

    const facilitator = await socket('facilitator', live.code, live.facilitatorToken);
    expectOk(await request(facilitator, 'face:hide', { participantId: boPhone.participant.id, hidden: true }));
    const screen = await socket('screen', live.code, live.screenToken);
    const before: AwardRevealState = expectOk(await request(screen, 'award:state', {}));
    expect(before).toEqual({ revealed: [], remaining: 2, next: { categoryId: star.id, programmeName: 'Innovation awards 2026', name: star.name } });
    expect(await request(screen, 'award:revealNext', { categoryId: star.id })).toMatchObject({ ok: false, error: { reason: 'role_forbidden' } });
    expect(await request(facilitator, 'award:revealNext', { categoryId: newStar.id })).toMatchObject({ ok: false, error: { reason: 'award_reveal_not_next' } });

    const heard = [screen, phoneSockets[0] as TestClient].map((c) => nextEvent(c, 'award:revealed'));
    const first = expectOk(await request(facilitator, 'award:revealNext', { categoryId: star.id }));
    for (const [state] of await Promise.all(heard)) expect(state).toEqual(first);
    expect(first.remaining).toBe(1);
    expect(first.revealed).toHaveLength(1);
    const [winner] = first.revealed[0]?.winners ?? [];
    expect(winner).toMatchObject({ nominationId: linaNom.id, name: 'lina', citation: 'Led the hydrogen steel pilot 氢冶金.' });
    expect(winner?.photoUrl).toMatch(new RegExp(`^/api/sessions/${live.code}/participants/${linaPhone.participant.id}/photo\\?v=`));
    expect((await fetch(`${app.server.url}${winner?.photoUrl ?? ''}`)).status).toBe(200);
    // The same click from a second console reveals nothing twice.
    expect(await request(facilitator, 'award:revealNext', { categoryId: star.id })).toMatchObject({ ok: false, error: { reason: 'award_reveal_not_next' } });
    expect(refusal(await owner.call('POST', `${base}/${star.id}/winners`, { nominationIds: [boNom.id] }))).toBe('award_winners_revealed');

    const second = expectOk(await request(facilitator, 'award:revealNext', { categoryId: newStar.id }));
    expect(second.remaining).toBe(0);
    expect(second.next).toBeNull();
    expect(second.revealed[1]?.winners).toEqual([{ nominationId: boNew.id, name: 'bo', citation: 'First year, first patent.', photoUrl: null }]);

    // A screen that connects after the reveal catches up from the server's state.
    const late = await socket('screen', live.code, live.screenToken);
    expect(expectOk(await request(late, 'award:state', {}))).toEqual(second);
  });

  it('offers accepted nominations to review rounds as subjects of their category', async () => {
    const created = await ok(owner.call<AwardProgrammeView>('POST', '/api/awards', { organisationId: orgId, name: 'Subjects', year: 2027 }), 201);
    const category = created.programme.categories[0];
    if (!category) throw new Error('no category');
    const nominated = await ok(member.call<NominationPublic>('POST', `/api/awards/${created.programme.id}/nominations`, { categoryId: category.id, nominee: { kind: 'person', email: 'lina@example.cn' }, citation: 'Cited 引用.' }), 201);
    await ok(member.call('POST', `/api/awards/${created.programme.id}/nominations`, { categoryId: category.id, nominee: { kind: 'person', email: 'bo@example.cn' }, citation: 'Pending.' }), 201);
    await ok(owner.call('POST', `/api/awards/${created.programme.id}/nominations/${nominated.id}/decision`, { decision: 'accept' }));
    await ok(owner.call('PATCH', `/api/awards/${created.programme.id}/categories/${category.id}`, {
      criteria: [
        { name: 'Impact', weight: 70, guidance: 'Who gained what.' },
        { name: 'Novelty', weight: 30, guidance: '' },
      ],
    }));
    const source = new NominationSubjects(store);
    const subjects = await source.listSubjects(category.id);
    expect(subjects).toHaveLength(1);
    expect(subjects[0]).toMatchObject({ id: nominated.id, title: 'lina', organisationIds: [orgId] });
    expect(subjects[0]?.authors).toEqual([{ accountId: expect.any(String), name: 'lina' }]);
    expect(subjects[0]?.markdown).toContain('Cited 引用.');
    expect((await source.criteria(category.id)).map((c) => [c.name, c.weight, c.guidance])).toEqual([['Impact', 70, 'Who gained what.'], ['Novelty', 30, '']]);
    expect(await source.organisationOf(category.id)).toBe(orgId);
    expect(await source.listSubjects('0000000000nothing')).toEqual([]);
  });
});
