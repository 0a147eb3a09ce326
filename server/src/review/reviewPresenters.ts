import {
  isRoundPastDue,
  type AccountRef,
  type ReviewResultRow,
  type ReviewResults,
  type ReviewRoundPublic,
  type ReviewRoundSummary,
  type ReviewScopeHome,
  type ScorecardStatus,
  type ScorecardView,
} from '@ideasphere/shared';
import type { DecisionRecord, ReviewRoundRecord, ScorecardRecord } from '../store/ReviewStore.js';
import { redactNames } from './blindText.js';
import type { SubmissionResult } from './reviewScores.js';
import type { ReviewSubject, SubjectCriterion } from './reviewSubjects.js';

const ref = (names: ReadonlyMap<string, string>, id: string): AccountRef => ({ id, name: names.get(id) ?? '' });

/** The state of one assignment: nothing saved, a draft, or submitted. */
export function scorecardStatus(cards: readonly ScorecardRecord[], subjectId: string, reviewerId: string): 'assigned' | ScorecardStatus {
  return cards.find((c) => c.subjectId === subjectId && c.reviewerId === reviewerId)?.status ?? 'assigned';
}

const isCounted = (round: ReviewRoundRecord, card: ScorecardRecord) =>
  card.status === 'submitted' && round.assignments.some((a) => a.subjectId === card.subjectId && a.reviewerId === card.reviewerId);

/** `now` (ms) says whether the round is past due. */
export function presentSummary(round: ReviewRoundRecord, cards: readonly ScorecardRecord[], now: number): ReviewRoundSummary {
  return {
    id: round.id,
    scope: { kind: round.scopeKind, id: round.scopeId },
    name: round.name,
    status: round.status,
    blind: round.blind,
    scale: { min: round.scaleMin, max: round.scaleMax },
    reviewersPerSubmission: round.reviewersPerSubmission,
    dueAt: round.dueAt?.toISOString() ?? null,
    pastDue: isRoundPastDue(round.dueAt, now),
    assigned: round.assignments.length,
    submitted: cards.filter((c) => isCounted(round, c)).length,
  };
}

/** The owner's view (owners are not blind: names included). */
export function presentRound(
  round: ReviewRoundRecord,
  scope: { title: string; home: ReviewScopeHome },
  subjects: readonly ReviewSubject[],
  criteria: readonly SubjectCriterion[],
  cards: readonly ScorecardRecord[],
  names: ReadonlyMap<string, string>,
  candidates: readonly string[],
  now: number,
): ReviewRoundPublic {
  const summary = presentSummary(round, cards, now);
  return {
    ...summary,
    scopeTitle: scope.title,
    scopeHome: scope.home,
    guidance: round.guidance,
    criteria: criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight, guidance: c.guidance })),
    reviewers: round.reviewerIds.map((id) => {
      const mine = round.assignments.filter((a) => a.reviewerId === id);
      const submitted = mine.filter((a) => scorecardStatus(cards, a.subjectId, id) === 'submitted').length;
      return { account: ref(names, id), assigned: mine.length, submitted, overdue: summary.pastDue && round.status === 'open' && submitted < mine.length };
    }),
    subjects: subjects.map((s) => ({ id: s.id, title: s.title, authors: s.authors.map((a) => a.name) })),
    assignments: round.assignments.map((a) => ({ subjectId: a.subjectId, reviewerId: a.reviewerId, status: scorecardStatus(cards, a.subjectId, a.reviewerId) })),
    conflicts: round.conflicts.map((c) => ({ subjectId: c.subjectId, reviewerId: c.reviewerId, declaredAt: c.declaredAt.toISOString() })),
    candidates: candidates.filter((id) => !round.reviewerIds.includes(id)).map((id) => ref(names, id)),
  };
}

/**
 * What a reviewer calls each subject: its title, or in a blind round "#n" — its place among
 * the round's assigned or conflicted subjects, so the number stays put when assignments change.
 */
export function reviewerLabels(round: ReviewRoundRecord, reviewerId: string, titles: ReadonlyMap<string, string>): Map<string, string> {
  const mine = round.assignments.filter((a) => a.reviewerId === reviewerId).map((a) => a.subjectId);
  if (!round.blind) return new Map(mine.map((id) => [id, titles.get(id) ?? '']));
  const numbered = [...new Set([...round.assignments.map((a) => a.subjectId), ...round.conflicts.map((c) => c.subjectId)])].sort();
  return new Map(numbered.map((id, index) => [id, `#${index + 1}`]));
}

/**
 * The scorecard page: the subject as the reviewer may read it. In a blind round the label is
 * "#n", the authors are left out and every name (team members, the team's name, their
 * organisations) is redacted from the text.
 */
export function presentScorecard(
  round: ReviewRoundRecord,
  scopeTitle: string,
  subject: ReviewSubject,
  criteria: readonly SubjectCriterion[],
  card: ScorecardRecord | null,
  reviewerId: string,
  organisationNames: readonly string[],
  now: number,
): ScorecardView {
  const pastDue = isRoundPastDue(round.dueAt, now);
  const label = reviewerLabels(round, reviewerId, new Map([[subject.id, subject.title]])).get(subject.id) ?? '';
  const hidden = [subject.title, ...subject.authors.map((a) => a.name), ...organisationNames];
  return {
    round: {
      id: round.id,
      name: round.name,
      status: round.status,
      blind: round.blind,
      scale: { min: round.scaleMin, max: round.scaleMax },
      guidance: round.guidance,
      dueAt: round.dueAt?.toISOString() ?? null,
      pastDue,
      scopeTitle,
    },
    subject: {
      id: subject.id,
      label,
      authors: round.blind ? null : subject.authors.map((a) => a.name),
      markdown: round.blind ? redactNames(subject.markdown, hidden) : subject.markdown,
    },
    criteria: criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight, guidance: c.guidance })),
    review: card ? { scores: card.scores, comment: card.comment, note: card.note, status: card.status, submittedAt: card.submittedAt?.toISOString() ?? null } : null,
    editable: round.status === 'open' && !pastDue,
  };
}

/** Results for the owner, best normalised score first (ties share a rank; without reviews last). */
export function presentResults(
  round: ReviewRoundRecord,
  subjects: readonly ReviewSubject[],
  cards: readonly ScorecardRecord[],
  results: readonly SubmissionResult[],
  decisions: readonly DecisionRecord[],
  names: ReadonlyMap<string, string>,
  now: number,
): ReviewResults {
  const byId = new Map(subjects.map((s) => [s.id, s]));
  const rows: ReviewResultRow[] = results.map((result) => {
    const subject = byId.get(result.submissionId);
    const decision = decisions.find((d) => d.subjectId === result.submissionId);
    return {
      subjectId: result.submissionId,
      title: subject?.title ?? '',
      authors: subject?.authors.map((a) => a.name) ?? [],
      reviews: result.reviews,
      mean: result.mean,
      normalised: result.normalised,
      spread: result.spread,
      disagreement: result.disagreement,
      rank: null,
      shortlisted: round.shortlist.includes(result.submissionId),
      decision: decision ? { decision: decision.decision, feedback: decision.feedback, decidedAt: decision.decidedAt.toISOString(), decidedBy: ref(names, decision.decidedBy) } : null,
      comments: cards.filter((c) => c.subjectId === result.submissionId).map((c) => ({ reviewer: ref(names, c.reviewerId), comment: c.comment, note: c.note })),
    };
  });
  rows.sort((a, b) => (b.normalised ?? -Infinity) - (a.normalised ?? -Infinity) || (b.mean ?? -Infinity) - (a.mean ?? -Infinity) || a.subjectId.localeCompare(b.subjectId));
  // Normalised scores within 1e-9 of each other share a rank (floating point makes "equal" approximate).
  let previous: number | null = null;
  let rank = 0;
  rows.forEach((row, index) => {
    if (row.normalised === null) return;
    if (previous === null || Math.abs(row.normalised - previous) > 1e-9) rank = index + 1;
    previous = row.normalised;
    row.rank = rank;
  });
  return { round: presentSummary(round, cards, now), rows };
}
