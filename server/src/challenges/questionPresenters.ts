import type { ChallengeQuestionPublic } from '@ideasphere/shared';
import type { QuestionRecord } from '../store/QuestionStore.js';
import type { Viewer } from './challengePolicy.js';

/**
 * A question as a viewer may see it (the caller has checked `canSeeQuestion`): never the
 * asker's email or account id; the asker's name only when `askerNames` is given (the owner
 * organisation's view); who answered never leaves the owner organisation either.
 */
export function presentQuestion(question: QuestionRecord, viewer: Viewer, askerNames: Map<string, string> | null): ChallengeQuestionPublic {
  const { answer } = question;
  return {
    id: question.id,
    text: question.text,
    askedAt: question.createdAt.toISOString(),
    askerName: askerNames === null ? null : (askerNames.get(question.askedBy) ?? null),
    mine: viewer !== null && viewer.account.id === question.askedBy,
    answer:
      answer === null
        ? null
        : { text: answer.text, visibility: answer.visibility, answeredAt: answer.answeredAt.toISOString(), editedAt: answer.editedAt?.toISOString() ?? null },
  };
}
