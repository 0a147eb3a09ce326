import { describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import type { DecisionRecord, ReviewRoundRecord, ReviewStore, ScorecardRecord } from './ReviewStore.js';
import { StoreConflictError, type Store } from './Store.js';

const NOW = new Date(Date.UTC(2025, 8, 1, 8, 0, 0, 123));

export function makeRound(overrides: Partial<ReviewRoundRecord> = {}): ReviewRoundRecord {
  return {
    id: newId(),
    scopeKind: 'challenge',
    scopeId: newId(),
    name: '初审 First round',
    scaleMin: 1,
    scaleMax: 10,
    blind: true,
    reviewersPerSubmission: 2,
    dueAt: new Date(NOW.getTime() + 86_400_000),
    guidance: 'Read the whole proposal.',
    criterionGuidance: { c0: '可行性 feasibility' },
    status: 'draft',
    reviewerIds: [],
    assignments: [],
    conflicts: [],
    shortlist: [],
    createdBy: newId(),
    createdAt: NOW,
    updatedAt: NOW,
    revision: 0,
    ...overrides,
  };
}

function makeScorecard(overrides: Partial<ScorecardRecord> = {}): ScorecardRecord {
  return { roundId: newId(), subjectId: newId(), reviewerId: newId(), scores: { c0: 7, c1: 4 }, comment: '好', note: 'private', status: 'draft', updatedAt: NOW, submittedAt: null, ...overrides };
}

/** The review part of the store contract. */
export function describeReviewContract(getStore: () => Store): void {
  const reviews = (): ReviewStore => getStore().reviews;

  describe('reviews', () => {
    it('stores a round, reads it back with Dates, refuses a duplicate id', async () => {
      const reviewer = newId();
      const round = makeRound({
        reviewerIds: [reviewer],
        assignments: [{ subjectId: newId(), reviewerId: reviewer, assignedAt: NOW, by: 'auto' }],
        conflicts: [{ subjectId: newId(), reviewerId: reviewer, declaredAt: NOW }],
      });
      await reviews().createRound(round);
      const got = await reviews().getRound(round.id);
      expect(got).toEqual(round);
      expect(got?.assignments[0]?.assignedAt).toBeInstanceOf(Date);
      expect(got?.dueAt).toBeInstanceOf(Date);
      await expect(reviews().createRound({ ...round, name: 'other' })).rejects.toBeInstanceOf(StoreConflictError);
      expect((await reviews().getRound(round.id))?.name).toBe(round.name);
      expect(await reviews().getRound(newId())).toBeNull();
      const noDue = makeRound({ dueAt: null, criterionGuidance: {} });
      await reviews().createRound(noDue);
      expect(await reviews().getRound(noDue.id)).toEqual(noDue);
    });

    it("lists a scope's rounds oldest first, and a reviewer's rounds as the pool changes", async () => {
      const scopeId = newId();
      const reviewer = newId();
      const first = makeRound({ id: newId(NOW.getTime()), scopeId, reviewerIds: [reviewer] });
      const second = makeRound({ id: newId(NOW.getTime() + 1), scopeId });
      await reviews().createRound(second);
      await reviews().createRound(first);
      await reviews().createRound(makeRound({ scopeKind: 'award_category', scopeId }));
      expect((await reviews().listRoundsOfScope('challenge', scopeId)).map((r) => r.id)).toEqual([first.id, second.id]);
      expect((await reviews().listRoundsOfReviewer(reviewer)).map((r) => r.id)).toEqual([first.id]);
      await reviews().changeRound(second.id, (current) => ({ ok: true, record: { ...current, reviewerIds: [reviewer] } }));
      await reviews().changeRound(first.id, (current) => ({ ok: true, record: { ...current, reviewerIds: [] } }));
      expect((await reviews().listRoundsOfReviewer(reviewer)).map((r) => r.id)).toEqual([second.id]);
      expect(await reviews().listRoundsOfScope('challenge', newId())).toEqual([]);
    });

    it('changes a round atomically: revision bumped, ids fixed; a refusal changes nothing; concurrent changes all kept', async () => {
      const round = makeRound();
      await reviews().createRound(round);
      const changed = await reviews().changeRound(round.id, (current) => ({ ok: true, record: { ...current, id: 'x', scopeId: 'y', status: 'open', shortlist: ['s1'] } }));
      expect(changed.ok).toBe(true);
      expect(await reviews().getRound(round.id)).toEqual({ ...round, status: 'open', shortlist: ['s1'], revision: 1 });
      expect(await reviews().changeRound(round.id, () => ({ ok: false, reason: 'nope' }))).toEqual({ ok: false, reason: 'nope' });
      expect((await reviews().getRound(round.id))?.revision).toBe(1);
      expect(await reviews().changeRound(newId(), (current) => ({ ok: true, record: current }))).toEqual({ ok: false, reason: 'review_round_not_found' });
      const added = Array.from({ length: 5 }, () => newId());
      await Promise.all(added.map((id) => reviews().changeRound(round.id, (current) => ({ ok: true, record: { ...current, reviewerIds: [...current.reviewerIds, id] } }))));
      const stored = await reviews().getRound(round.id);
      expect(new Set(stored?.reviewerIds)).toEqual(new Set(added));
      expect(stored?.revision).toBe(6);
    });

    it('keeps one scorecard per (round, subject, reviewer): put replaces, delete removes', async () => {
      const roundId = newId();
      const card = makeScorecard({ roundId });
      const other = makeScorecard({ roundId, reviewerId: newId(), subjectId: card.subjectId });
      await reviews().putScorecard(card);
      await reviews().putScorecard(other);
      await reviews().putScorecard(makeScorecard());
      expect(await reviews().getScorecard(roundId, card.subjectId, card.reviewerId)).toEqual(card);
      const submitted = { ...card, scores: { c0: 9, c1: 10 }, status: 'submitted' as const, submittedAt: new Date(NOW.getTime() + 9) };
      await reviews().putScorecard(submitted);
      const got = await reviews().getScorecard(roundId, card.subjectId, card.reviewerId);
      expect(got).toEqual(submitted);
      expect(got?.submittedAt).toBeInstanceOf(Date);
      expect((await reviews().listScorecardsOfRound(roundId)).length).toBe(2);
      await reviews().deleteScorecard(roundId, card.subjectId, card.reviewerId);
      expect(await reviews().getScorecard(roundId, card.subjectId, card.reviewerId)).toBeNull();
      expect(await reviews().listScorecardsOfRound(roundId)).toEqual([other]);
    });

    it('keeps one decision per (round, subject) and lists a subject’s decisions oldest first', async () => {
      const subjectId = newId();
      const early: DecisionRecord = { roundId: newId(), scopeKind: 'challenge', scopeId: newId(), subjectId, decision: 'advance', feedback: '进入下一轮', decidedBy: newId(), decidedAt: NOW };
      const late: DecisionRecord = { ...early, roundId: newId(), decision: 'award', decidedAt: new Date(NOW.getTime() + 1000) };
      await reviews().putDecision(late);
      await reviews().putDecision(early);
      expect((await reviews().listDecisionsOfSubject(subjectId)).map((d) => d.decision)).toEqual(['advance', 'award']);
      const changed = { ...early, decision: 'decline' as const, feedback: 'no', decidedAt: new Date(NOW.getTime() + 2000) };
      await reviews().putDecision(changed);
      expect(await reviews().listDecisionsOfRound(early.roundId)).toEqual([changed]);
      expect((await reviews().listDecisionsOfSubject(subjectId)).map((d) => d.decision)).toEqual(['award', 'decline']);
      expect(await reviews().listDecisionsOfSubject(newId())).toEqual([]);
    });
  });
}
