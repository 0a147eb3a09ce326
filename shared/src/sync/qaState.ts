import { defaultQaSettings, type QaCatchUp, type QaDelta, type QaSettings, type QaSnapshot, type QaTrackPublic, type QuestionPublic, type UpvoteResult } from '../qa/qaModel.js';

/** What a page knows about the session's Q&A, rebuilt from each `qa:snapshot`. */
export interface QaState {
  /** False until the first snapshot arrived. */
  loaded: boolean;
  settings: QaSettings;
  /** Main track first, then by creation. */
  tracks: readonly QaTrackPublic[];
  /** Every question this audience may see, plus a phone's own of any status. */
  questions: ReadonlyMap<string, QuestionPublic>;
  /** A phone's own questions (ids), any status. */
  mine: ReadonlySet<string>;
  /** The questions this phone upvoted. */
  upvoted: ReadonlySet<string>;
}

export type QaAction =
  | { type: 'snapshot'; snapshot: QaSnapshot }
  | { type: 'catchUp'; changes: Extract<QaCatchUp, { kind: 'changes' }> }
  | { type: 'delta'; delta: QaDelta }
  | { type: 'settings'; settings: QaSettings }
  /** A question an ack returned (the asker's own, or a facilitator's change). */
  | { type: 'question'; question: QuestionPublic; mine?: boolean }
  | { type: 'track'; track: QaTrackPublic }
  | { type: 'upvote'; result: UpvoteResult };

export const initialQaState: QaState = {
  loaded: false,
  settings: defaultQaSettings(),
  tracks: [{ id: 'main', name: '', venueId: null, highlightedId: null }],
  questions: new Map(),
  mine: new Set(),
  upvoted: new Set(),
};

/** The pure reducer of QaState: every message and ack goes through here, in order. */
export function qaReducer(state: QaState, action: QaAction): QaState {
  switch (action.type) {
    case 'snapshot': {
      const { snapshot } = action;
      return {
        loaded: true,
        settings: snapshot.settings,
        tracks: snapshot.tracks,
        questions: new Map(snapshot.questions.map((q) => [q.id, q])),
        mine: new Set(snapshot.mine),
        upvoted: new Set(snapshot.myUpvotes),
      };
    }
    case 'catchUp': {
      const { changes } = action;
      const next = applyDelta(state, changes.delta);
      return { ...next, settings: changes.settings, mine: new Set(changes.mine), upvoted: new Set(changes.myUpvotes) };
    }
    case 'delta':
      return applyDelta(state, action.delta);
    case 'settings':
      return { ...state, settings: action.settings };
    case 'question': {
      const questions = new Map(state.questions);
      questions.set(action.question.id, action.question);
      const mine = action.mine ? new Set([...state.mine, action.question.id]) : state.mine;
      return { ...state, questions, mine };
    }
    case 'track':
      return { ...state, tracks: withTracks(state.tracks, [action.track]) };
    case 'upvote': {
      const { questionId, upvoted, upvotes } = action.result;
      const questions = new Map(state.questions);
      const question = questions.get(questionId);
      if (question) questions.set(questionId, { ...question, upvotes });
      const mineUp = new Set(state.upvoted);
      if (upvoted) mineUp.add(questionId);
      else mineUp.delete(questionId);
      return { ...state, questions, upvoted: mineUp };
    }
  }
}

function applyDelta(state: QaState, delta: QaDelta): QaState {
  const questions = new Map(state.questions);
  for (const id of delta.removedQuestionIds) questions.delete(id);
  for (const q of delta.questions) questions.set(q.id, q);
  for (const [id, upvotes] of Object.entries(delta.upvotes)) {
    const q = questions.get(id);
    if (q) questions.set(id, { ...q, upvotes });
  }
  // A question merged away leaves the list: its upvote, if any, now sits on the target.
  const upvoted = delta.removedQuestionIds.some((id) => state.upvoted.has(id)) ? new Set([...state.upvoted].filter((id) => questions.has(id))) : state.upvoted;
  return { ...state, questions, upvoted, tracks: delta.tracks.length > 0 ? withTracks(state.tracks, delta.tracks) : state.tracks };
}

/** Tracks updated in place, new ones appended (the server sends the whole list when any changed). */
function withTracks(current: readonly QaTrackPublic[], changed: readonly QaTrackPublic[]): QaTrackPublic[] {
  const byId = new Map(changed.map((t) => [t.id, t]));
  const next = current.map((t) => byId.get(t.id) ?? t);
  for (const t of changed) if (!current.some((c) => c.id === t.id)) next.push(t);
  return next;
}

/** The questions of one track this viewer should list: visible ones, and a phone's own of any status. */
export function questionsOfTrack(state: QaState, trackId: string): QuestionPublic[] {
  return [...state.questions.values()].filter((q) => q.trackId === trackId);
}
