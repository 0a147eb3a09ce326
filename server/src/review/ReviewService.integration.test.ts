import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationService } from '../accounts/NotificationService.js';
import { newId } from '../ids.js';
import { capturedLog } from '../logger.js';
import { LmdbStore } from '../store/LmdbStore.js';
import { ReviewService, type ReviewDecidedEvent } from './ReviewService.js';
import type { ReviewSubject } from './reviewSubjects.js';
import { actorOf, StubCategorySource } from '../testing/reviewStubs.js';

/*
 * The integration points other domains use, on a real store with a scope source of its own
 * (as the awards' will be): `onDecided` after a stored decision (its failure logged, the
 * decision kept), `decisionOf` (the latest over rounds) and `resultsForScope`.
 */

describe('ReviewService integration points', () => {
  let dir: string;
  let store: LmdbStore;
  const owner = actorOf(newId());
  const reviewer = actorOf(newId());
  const nominee = newId();
  const subjects: ReviewSubject[] = [
    { id: newId(), title: 'Nominee A', authors: [{ accountId: nominee, name: 'nominee' }], organisationIds: [], markdown: 'A' },
    { id: newId(), title: 'Nominee B', authors: [], organisationIds: [], markdown: 'B' },
  ];
  const scope = { kind: 'award_category' as const, id: newId() };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ideasphere-review-'));
    store = await LmdbStore.open(dir);
    const at = new Date();
    await store.accounts.createAccount(
      { id: reviewer.account.id, email: 'rev@example.cn', name: 'rev', passwordHash: 'x', platformRole: 'user', status: 'active', createdAt: at, updatedAt: at },
      { id: newId(), accountId: reviewer.account.id, tokenHash: newId(), createdAt: at, lastSeenAt: at, expiresAt: new Date(at.getTime() + 3_600_000) },
    );
  });

  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('calls onDecided after the decision is stored, logs a failing hook and keeps the decision; decisionOf gives the latest', async () => {
    const events: ReviewDecidedEvent[] = [];
    const { log, records } = capturedLog('error');
    let fail = false;
    const service = new ReviewService({
      store,
      sources: [new StubCategorySource(owner.account.id, subjects)],
      notifications: new NotificationService(store.notifications, Date.now),
      now: Date.now,
      log,
      onDecided: async (event) => {
        // The decision is already stored when the hook runs.
        expect(await service.decisionOf(event.subjectId)).toBe(event.decision);
        events.push(event);
        if (fail) throw new Error('pipeline down');
      },
    });
    const first = await service.createRound(owner, scope, { name: 'Jury', scaleMin: 1, scaleMax: 10, blind: false, reviewersPerSubmission: 1, dueAt: null, guidance: '', criterionGuidance: {} });
    await service.transition(owner, first.id, 'open');
    const subject = subjects[0]?.id ?? '';
    expect(await service.decisionOf(subject)).toBeNull();
    await service.decide(owner, first.id, { subjectId: subject, decision: 'advance', feedback: '' });
    expect(events).toEqual([expect.objectContaining({ scope, subjectId: subject, decision: 'advance', decidedBy: owner.account.id })]);
    expect(events[0]?.at).toBeInstanceOf(Date);
    const second = await service.createRound(owner, scope, { name: 'Final', scaleMin: 1, scaleMax: 10, blind: false, reviewersPerSubmission: 1, dueAt: null, guidance: '', criterionGuidance: {} });
    await service.transition(owner, second.id, 'open');
    fail = true;
    const decided = await service.decide(owner, second.id, { subjectId: subject, decision: 'award', feedback: 'Congratulations' });
    expect(decided.rows.find((r) => r.subjectId === subject)?.decision?.decision).toBe('award');
    expect(await service.decisionOf(subject)).toBe('award');
    expect(records.some((r) => r['msg'] === 'review onDecided hook failed; the decision stands')).toBe(true);
    // The team (the nominee's account) is told.
    expect((await store.notifications.listNotifications(nominee, { limit: 10 })).map((n) => n.kind)).toEqual(['review_decided', 'review_decided']);
  });

  it('resultsForScope gives every round past its draft with its results', async () => {
    const service = new ReviewService({ store, sources: [new StubCategorySource(owner.account.id, subjects)], notifications: new NotificationService(store.notifications, Date.now), now: Date.now, log: capturedLog('error').log });
    const own = { kind: 'award_category' as const, id: newId() };
    const round = await service.createRound(owner, own, { name: 'Jury', scaleMin: 1, scaleMax: 5, blind: true, reviewersPerSubmission: 1, dueAt: null, guidance: '', criterionGuidance: {} });
    expect(await service.resultsForScope(own)).toEqual([]);
    await service.addReviewer(owner, round.id, { email: 'rev@example.cn' });
    await service.autoAssign(owner, round.id);
    await service.transition(owner, round.id, 'open');
    await service.saveScorecard(reviewer, round.id, subjects[0]?.id ?? '', { scores: { merit: 4 }, comment: '', note: '', submit: true });
    const results = await service.resultsForScope(own);
    expect(results.map((r) => r.round.id)).toEqual([round.id]);
    expect(results[0]?.results).toEqual([
      { submissionId: subjects[0]?.id, reviews: 1, mean: 4, normalised: 4, spread: 0, disagreement: false },
      { submissionId: subjects[1]?.id, reviews: 0, mean: null, normalised: null, spread: 0, disagreement: false },
    ]);
  });
});
