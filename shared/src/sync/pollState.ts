import type { PollAnswerValue, PollDelta, PollPublic, PollResults, PollSnapshot } from '../polls/pollModel.js';

/** A client's view of a session's polls. */
export interface PollState {
  loaded: boolean;
  polls: ReadonlyMap<string, PollPublic>;
  /** Results the client may see, by poll id. */
  results: ReadonlyMap<string, PollResults>;
  /** Console: participants who answered, by poll id. */
  answered: ReadonlyMap<string, number>;
  /** A phone's own answers, by poll id. */
  mine: ReadonlyMap<string, PollAnswerValue>;
  /** Console: participants connected at the last count. */
  present: number;
}

export type PollAction =
  | { type: 'snapshot'; snapshot: PollSnapshot }
  | { type: 'delta'; delta: PollDelta }
  | { type: 'answered'; pollId: string; answer: PollAnswerValue };

export const initialPollState: PollState = { loaded: false, polls: new Map(), results: new Map(), answered: new Map(), mine: new Map(), present: 0 };

/** Pure reducer of poll snapshots, deltas and a phone's acknowledged answers. */
export function pollReducer(state: PollState, action: PollAction): PollState {
  switch (action.type) {
    case 'snapshot': {
      const { snapshot } = action;
      return {
        loaded: true,
        polls: new Map(snapshot.polls.map((p) => [p.id, p])),
        results: new Map(snapshot.results.map((r) => [r.pollId, r])),
        answered: new Map(snapshot.results.map((r) => [r.pollId, r.answered])),
        mine: new Map(Object.entries(snapshot.mine)),
        present: snapshot.present,
      };
    }
    case 'delta': {
      const { delta } = action;
      const polls = new Map(state.polls);
      const results = new Map(state.results);
      const answered = new Map(state.answered);
      for (const poll of delta.polls) polls.set(poll.id, poll);
      for (const id of delta.removedPollIds) {
        polls.delete(id);
        results.delete(id);
        answered.delete(id);
      }
      for (const r of delta.results) results.set(r.pollId, r);
      for (const [id, count] of Object.entries(delta.answered)) answered.set(id, count);
      return { ...state, polls, results, answered, present: delta.present ?? state.present };
    }
    case 'answered': {
      const mine = new Map(state.mine);
      mine.set(action.pollId, action.answer);
      return { ...state, mine };
    }
  }
}

/** Polls in the facilitator's order. */
export function orderedPolls(state: Pick<PollState, 'polls'>): PollPublic[] {
  return [...state.polls.values()].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
}

/** The poll taking answers now, or the one closed last when none is. */
export function currentPoll(state: Pick<PollState, 'polls'>): PollPublic | null {
  const launched = [...state.polls.values()].filter((p) => p.status !== 'draft');
  const open = launched.find((p) => p.status === 'open');
  if (open) return open;
  return launched.sort((a, b) => (b.openedAt ?? '').localeCompare(a.openedAt ?? ''))[0] ?? null;
}
