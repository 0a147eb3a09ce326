import type { QuestionRecord } from './QaStore.js';

/**
 * Rules of the Q&A store both stores call, so LMDB and MongoDB decide alike. Upvotes and
 * highlights need a question everyone sees: not merged, `visible`.
 */
export function isUpvotable(question: Pick<QuestionRecord, 'status' | 'mergedInto'> | null | undefined): question is Pick<QuestionRecord, 'status' | 'mergedInto'> {
  return question !== null && question !== undefined && question.mergedInto === null && question.status === 'visible';
}

/** A question that may go into another: any not yet merged. */
export function isMergeableQuestion<Q extends Pick<QuestionRecord, 'mergedInto'>>(question: Q | null | undefined): question is Q {
  return question !== null && question !== undefined && question.mergedInto === null;
}

/** Upvoters of the target after a merge: the union, each counted once. */
export function unionUpvoters(target: readonly string[], source: readonly string[]): string[] {
  return [...new Set([...target, ...source])];
}
