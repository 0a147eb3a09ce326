import { isRoundPastDue } from '@ideasphere/shared';
import { describe, expect, it } from 'vitest';
import { makeRound } from '../store/reviews.contract.js';
import { redactNames, REDACTED } from './blindText.js';
import { autoAssignments, ineligibility, scoresRefusal, type SubjectEligibility } from './reviewRules.js';

const NOW = new Date(Date.UTC(2026, 0, 1));
const subject = (id: string, excluded: string[] = []): SubjectEligibility => ({ subjectId: id, excluded: new Set(excluded) });

describe('autoAssignments', () => {
  it('fills each subject to k, least-loaded reviewer first (ties: pool order), never an excluded one or one with a conflict', () => {
    const round = makeRound({ reviewerIds: ['a', 'b', 'c'], reviewersPerSubmission: 2, conflicts: [{ subjectId: 's3', reviewerId: 'a', declaredAt: NOW }] });
    const added = autoAssignments(round, [subject('s1'), subject('s2', ['a']), subject('s3')], NOW);
    // s1: a, b (both 0, pool order) → loads a1 b1 c0. s2: a excluded → c (0), b (1). s3: a conflicts → c (1), b (2)… b and c: c has 1, b has 2 → c, then b.
    expect(added.map((x) => `${x.subjectId}:${x.reviewerId}`)).toEqual(['s1:a', 's1:b', 's2:c', 's2:b', 's3:c', 's3:b']);
    expect(added.every((x) => x.by === 'auto')).toBe(true);
  });

  it('keeps existing assignments, counts them in the load, and leaves a subject short when nobody is eligible', () => {
    const round = makeRound({ reviewerIds: ['a', 'b'], reviewersPerSubmission: 2, assignments: [{ subjectId: 's1', reviewerId: 'a', assignedAt: NOW, by: 'hand' }] });
    const added = autoAssignments(round, [subject('s1'), subject('s2', ['a', 'b'])], NOW);
    expect(added.map((x) => `${x.subjectId}:${x.reviewerId}`)).toEqual(['s1:b']);
  });

  it('explains why a reviewer may not review a subject', () => {
    const round = makeRound({ reviewerIds: ['a', 'b'], conflicts: [{ subjectId: 's1', reviewerId: 'b', declaredAt: NOW }] });
    expect(ineligibility(round, subject('s1', ['a']), 'a')).toBe('excluded');
    expect(ineligibility(round, subject('s1'), 'b')).toBe('conflict');
    expect(ineligibility(round, subject('s1'), 'z')).toBe('not_in_pool');
    expect(ineligibility(round, subject('s2'), 'b')).toBeNull();
  });
});

describe('scoresRefusal', () => {
  const scale = { min: 1, max: 10 };
  it('lets a draft leave criteria out but not leave the scale; a submission needs every criterion', () => {
    expect(scoresRefusal(['c0', 'c1'], scale, { c0: 3 }, false)).toBeNull();
    expect(scoresRefusal(['c0', 'c1'], scale, { c0: 3 }, true)).toBe('review_scores_incomplete');
    expect(scoresRefusal(['c0', 'c1'], scale, { c0: 0, c1: 3 }, false)).toBe('review_score_out_of_scale');
    expect(scoresRefusal(['c0'], scale, { c7: 3 }, false)).toBe('unknown_criterion');
    expect(scoresRefusal(['c0', 'c1'], scale, { c0: 1, c1: 10 }, true)).toBeNull();
  });
});

describe('redactNames', () => {
  it('replaces every name case-insensitively, longest first, also as Markdown escapes it; leaves one-character names alone', () => {
    const text = '# Team\\_X · steel\nBy zhang.wei of ACME robotics 阿克米 (Acme). 王 wrote it.';
    const out = redactNames(text, ['Team_X', 'Zhang.Wei', 'Acme Robotics', 'Acme', '阿克米', '王']);
    expect(out).toBe(`# ${REDACTED} · steel\nBy ${REDACTED} of ${REDACTED} ${REDACTED} (${REDACTED}). 王 wrote it.`);
  });
});

describe('isRoundPastDue', () => {
  it('is past due from the due instant on (a Date or its ISO text), never without a due date', () => {
    const due = NOW.getTime();
    expect(isRoundPastDue(NOW, due - 1)).toBe(false);
    expect(isRoundPastDue(NOW, due)).toBe(true);
    expect(isRoundPastDue(NOW.toISOString(), due)).toBe(true);
    expect(isRoundPastDue(NOW.toISOString(), due - 1)).toBe(false);
    expect(isRoundPastDue(null, Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});
