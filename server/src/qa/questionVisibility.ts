import type { QuestionRecord } from '../store/QaStore.js';
import type { Audience } from '../services/board/visibility.js';

/** In the Q&A at all: not merged into another question. */
export function isLiveQuestion(question: Pick<QuestionRecord, 'mergedInto'>): boolean {
  return question.mergedInto === null;
}

/** What this audience may see: the facilitator every live question, phones and screens visible ones. */
export function isQuestionVisibleTo(question: Pick<QuestionRecord, 'mergedInto' | 'status'>, audience: Audience): boolean {
  return isLiveQuestion(question) && (audience === 'staff' || question.status === 'visible');
}
