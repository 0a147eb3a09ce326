import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationService } from '../accounts/NotificationService.js';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import { capturedLog } from '../logger.js';
import { LmdbStore } from '../store/LmdbStore.js';
import { ReviewService } from './ReviewService.js';
import type { ReviewSubject } from './reviewSubjects.js';
import { actorOf, StubCategorySource } from '../testing/reviewStubs.js';

/*
 * Due dates on a real store with the clock injected: before the due instant a reviewer saves and
 * submits; from it on every save or edit is refused with `review_round_past_due` and nothing is
 * written; the scorecard, "My reviews" and the owner's completion say so; the owner moving the
 * date later opens the scorecards again. Declaring a conflict stays possible at any time.
 */

const T0 = Date.UTC(2026, 5, 1, 9, 0, 0);
const HOUR = 3_600_000;

/** The reason of a refusal, or 'no refusal'. */
async function refusalOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'no refusal';
  } catch (error) {
    if (error instanceof AppError) return `${error.code}/${error.reason}`;
    throw error;
  }
}

describe('review due dates', () => {
  let dir: string;
  let store: LmdbStore;
  let clock = T0;
  let service: ReviewService;
  const owner = actorOf(newId());
  const reviewer = actorOf(newId());
  const subjects: ReviewSubject[] = [
    { id: newId(), title: 'Nominee A', authors: [], organisationIds: [], markdown: 'A' },
    { id: newId(), title: 'Nominee B', authors: [], organisationIds: [], markdown: 'B' },
    { id: newId(), title: 'Nominee C', authors: [], organisationIds: [], markdown: 'C' },
  ];
  const [a, b, c] = subjects.map((s) => s.id) as [string, string, string];
  const score = (subjectId: string, merit: number, submit: boolean) => service.saveScorecard(reviewer, roundId, subjectId, { scores: { merit }, comment: 'ok', note: '', submit });
  let roundId = '';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ideasphere-due-'));
    store = await LmdbStore.open(dir);
    const at = new Date(T0);
    await store.accounts.createAccount(
      { id: reviewer.account.id, email: 'due@example.cn', name: 'due', passwordHash: 'x', platformRole: 'user', status: 'active', createdAt: at, updatedAt: at },
      { id: newId(), accountId: reviewer.account.id, tokenHash: newId(), createdAt: at, lastSeenAt: at, expiresAt: new Date(T0 + HOUR) },
    );
    const now = () => clock;
    service = new ReviewService({ store, sources: [new StubCategorySource(owner.account.id, subjects)], notifications: new NotificationService(store.notifications, now), now, log: capturedLog('error').log });
    const round = await service.createRound(owner, { kind: 'award_category', id: newId() }, {
      name: 'Jury',
      scaleMin: 1,
      scaleMax: 10,
      blind: false,
      reviewersPerSubmission: 1,
      dueAt: new Date(T0 + HOUR).toISOString(),
      guidance: '',
      criterionGuidance: {},
    });
    roundId = round.id;
    await service.addReviewer(owner, roundId, { email: 'due@example.cn' });
    await service.autoAssign(owner, roundId);
    await service.transition(owner, roundId, 'open');
  });

  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes drafts and submissions before the due instant', async () => {
    clock = T0 + HOUR - 1;
    expect((await score(a, 7, true)).review?.status).toBe('submitted');
    const draft = await score(b, 5, false);
    expect([draft.review?.status, draft.editable, draft.round.pastDue]).toEqual(['draft', true, false]);
    expect((await service.myReviews(reviewer))[0]).toMatchObject({ roundId, pastDue: false, done: 1, total: 3 });
    expect((await service.round(owner, roundId)).reviewers).toEqual([expect.objectContaining({ assigned: 3, submitted: 1, overdue: false })]);
  });

  it('refuses every save and edit from the due instant on, writes nothing, and says so to reviewer and owner', async () => {
    clock = T0 + HOUR;
    const before = JSON.stringify(await store.reviews.listScorecardsOfRound(roundId));
    expect(await refusalOf(score(b, 6, true))).toBe('forbidden/review_round_past_due');
    expect(await refusalOf(score(c, 6, false))).toBe('forbidden/review_round_past_due');
    // A submitted scorecard cannot be edited either.
    expect(await refusalOf(score(a, 9, true))).toBe('forbidden/review_round_past_due');
    expect(JSON.stringify(await store.reviews.listScorecardsOfRound(roundId))).toBe(before);

    const card = await service.scorecard(reviewer, roundId, b);
    expect([card.editable, card.round.pastDue, card.round.dueAt, card.review?.scores]).toEqual([false, true, new Date(T0 + HOUR).toISOString(), { merit: 5 }]);
    expect((await service.myReviews(reviewer))[0]).toMatchObject({ pastDue: true, done: 1, total: 3 });
    const owned = await service.round(owner, roundId);
    expect(owned.pastDue).toBe(true);
    expect(owned.reviewers).toEqual([expect.objectContaining({ assigned: 3, submitted: 1, overdue: true })]);

    // A conflict may still be declared after the due date (it frees the assignment).
    const mine = await service.declareConflict(reviewer, roundId, c);
    expect(mine[0]?.total).toBe(2);
  });

  it('opens the scorecards again when the owner moves the due date later, and a round without one never closes', async () => {
    clock = T0 + 2 * HOUR;
    await service.updateRound(owner, roundId, { dueAt: new Date(T0 + 3 * HOUR).toISOString() });
    expect((await score(b, 6, true)).review?.status).toBe('submitted');
    const owned = await service.round(owner, roundId);
    expect([owned.pastDue, owned.reviewers[0]?.overdue, owned.reviewers[0]?.submitted]).toEqual([false, false, 2]);

    // Every review in by the due date: past it, nobody is overdue.
    clock = T0 + 4 * HOUR;
    const done = await service.round(owner, roundId);
    expect([done.pastDue, done.reviewers[0]?.overdue]).toEqual([true, false]);

    await service.updateRound(owner, roundId, { dueAt: null });
    clock = T0 + 1000 * HOUR;
    expect((await score(b, 8, true)).review?.scores).toEqual({ merit: 8 });
    expect((await service.myReviews(reviewer))[0]?.pastDue).toBe(false);
  });
});
