import type { PollAnswerValue, PollPublic } from './pollModel.js';

type PollShape = Pick<PollPublic, 'kind' | 'options' | 'multiple' | 'scaleMax'>;

/** Whether an answer fits its poll: same kind, known options, one pick unless multiple, a whole ranking. */
export function answerFits(poll: PollShape, answer: PollAnswerValue): boolean {
  if (answer.kind !== poll.kind) return false;
  const known = new Set(poll.options.map((o) => o.id));
  switch (answer.kind) {
    case 'choice':
      return (
        new Set(answer.optionIds).size === answer.optionIds.length &&
        answer.optionIds.every((id) => known.has(id)) &&
        (poll.multiple || answer.optionIds.length === 1)
      );
    case 'rating':
      return answer.rating >= 1 && answer.rating <= poll.scaleMax;
    case 'ranking':
      return answer.optionIds.length === known.size && new Set(answer.optionIds).size === known.size && answer.optionIds.every((id) => known.has(id));
    case 'words':
      return true;
    case 'quiz':
      return known.has(answer.optionId);
  }
}

/** Why an answer cannot be taken now, or null: only an open poll before its deadline takes one. */
export function answerRefusal(
  poll: { status: PollPublic['status']; closesAtMs: number | null },
  nowMs: number,
): 'poll_not_open' | 'poll_deadline_passed' | null {
  if (poll.status !== 'open') return 'poll_not_open';
  if (poll.closesAtMs !== null && nowMs > poll.closesAtMs) return 'poll_deadline_passed';
  return null;
}

/**
 * Whether phones and screens may see a poll's results now: the facilitator shows them, and a
 * poll whose results are kept until close is closed. The console always sees them.
 */
export function resultsVisibleToAudience(poll: Pick<PollPublic, 'status' | 'resultsShown' | 'resultMode'>): boolean {
  if (poll.status === 'draft' || !poll.resultsShown) return false;
  return poll.resultMode === 'live' || poll.status === 'closed';
}

/** Phones and screens see launched polls only; prepared ones stay on the console. */
export function pollVisibleToAudience(poll: Pick<PollPublic, 'status'>): boolean {
  return poll.status !== 'draft';
}

/** The id of an option at an index (ids are stable across edits of a draft's texts). */
export function optionIdAt(index: number): string {
  return `o${index}`;
}
