import type { PollPublic } from '@ideasphere/shared';
import type { Audience } from '../services/board/visibility.js';
import type { PollRecord } from '../store/PollStore.js';

/**
 * A poll as an audience sees it: phones and screens get a quiz's correct option only once the
 * poll is closed (before, it would give the answer away); the console always.
 */
export function presentPoll(poll: PollRecord, audience: Audience): PollPublic {
  const revealCorrect = audience === 'staff' || poll.status === 'closed';
  return {
    id: poll.id,
    kind: poll.kind,
    question: poll.question,
    options: poll.options.map((o) => ({ ...o })),
    multiple: poll.multiple,
    scaleMax: poll.scaleMax,
    correctOptionId: revealCorrect ? poll.correctOptionId : null,
    durationSeconds: poll.durationSeconds,
    resultMode: poll.resultMode,
    resultsShown: poll.resultsShown,
    status: poll.status,
    position: poll.position,
    openedAt: poll.openedAt?.toISOString() ?? null,
    closesAt: poll.closesAt?.toISOString() ?? null,
  };
}
