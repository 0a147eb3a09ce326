/**
 * Q&A on a challenge: the model both sides share. Anyone who may see an open challenge and is
 * signed in asks; the owner organisation answers, publicly (everyone who may see the challenge
 * reads it) or privately (only the asker). docs/protocol.md ("Questions") has the routes.
 */

export const ANSWER_VISIBILITIES = ['public', 'private'] as const;
export type AnswerVisibility = (typeof ANSWER_VISIBILITIES)[number];

export interface AnswerPublic {
  text: string;
  visibility: AnswerVisibility;
  answeredAt: string;
  /** When the answer was last changed after it was first given, or null. */
  editedAt: string | null;
}

/** A question as one viewer may see it. Never carries the asker's email or account id. */
export interface ChallengeQuestionPublic {
  id: string;
  text: string;
  askedAt: string;
  /** The asker's name, for the owner organisation only; null for everyone else ("a participant"). */
  askerName: string | null;
  /** Whether the viewer asked it. */
  mine: boolean;
  answer: AnswerPublic | null;
}

/** `GET /api/challenges/:challengeId/questions`: what the viewer may see, oldest first, and what it may do. */
export interface ChallengeQuestions {
  questions: ChallengeQuestionPublic[];
  /** The viewer may ask now (signed in, not of the owner organisation, the challenge open). */
  canAsk: boolean;
  /** The viewer answers (a member of the owner organisation). */
  canAnswer: boolean;
}
