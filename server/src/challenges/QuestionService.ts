import {
  QUESTION_WINDOW_MS,
  QUESTIONS_PER_ACCOUNT_PER_HOUR,
  QUESTIONS_PER_CHALLENGE_MAX,
  type answerQuestionBodySchema,
  type ChallengeQuestions,
  type ChallengeQuestionPublic,
} from '@ideasphere/shared';
import type { z } from 'zod';
import type { Notice } from '../accounts/NotificationService.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import type { ChallengeRecord, ChallengeStore } from '../store/ChallengeStore.js';
import type { QuestionRecord } from '../store/QuestionStore.js';
import { authorizeChallenge, canSeeQuestion, judgeChallenge, ownsChallenge, type Viewer } from './challengePolicy.js';
import type { ChallengeService } from './ChallengeService.js';
import { presentQuestion } from './questionPresenters.js';

/** Accounts' names by id, from the accounts domain (its PlatformService). */
export interface AccountNameDirectory {
  accountNames(ids: readonly string[]): Promise<Map<string, string>>;
}

/** Tells accounts what happened (the accounts domain's NotificationService). */
export interface Notifier {
  notify(accountIds: readonly string[], notice: Notice): Promise<number>;
}

/**
 * Q&A on a challenge. Whoever may see an open challenge and is signed in (outside the owner
 * organisation) asks; the owner organisation answers, publicly or privately, and may change
 * its answer. Each method asks the policy first; a refusal changes nothing.
 */
export class QuestionService {
  constructor(
    private readonly store: ChallengeStore,
    private readonly challenges: ChallengeService,
    private readonly accounts: AccountNameDirectory,
    private readonly notifier: Notifier,
    private readonly now: () => number,
  ) {}

  /** The questions the viewer may see, oldest first, and whether it may ask or answer. */
  async list(viewer: Viewer, challengeId: string): Promise<ChallengeQuestions> {
    const challenge = await this.challenges.visible(viewer, challengeId);
    const owner = ownsChallenge(viewer, challenge);
    const visible = (await this.store.listQuestions(challenge.id)).filter((q) => canSeeQuestion(viewer, challenge, q));
    const names = owner ? await this.accounts.accountNames(visible.map((q) => q.askedBy)) : null;
    return {
      questions: visible.map((q) => presentQuestion(q, viewer, names)),
      canAsk: viewer !== null && judgeChallenge(viewer, { kind: 'question:ask', challenge }) === null && this.isOpen(challenge),
      canAnswer: owner,
    };
  }

  async ask(viewer: Viewer, challengeId: string, text: string): Promise<ChallengeQuestionPublic> {
    const challenge = await this.challenge(viewer, challengeId);
    authorizeChallenge(viewer, { kind: 'question:ask', challenge });
    if (viewer === null) throw errors.signInRequired();
    if (!this.isOpen(challenge)) throw errors.challengeNotOpen();
    const now = this.now();
    const question: QuestionRecord = { id: newId(now), challengeId: challenge.id, askedBy: viewer.account.id, text, createdAt: new Date(now), answer: null };
    const outcome = await this.store.addQuestion(question, {
      perChallenge: QUESTIONS_PER_CHALLENGE_MAX,
      perAsker: QUESTIONS_PER_ACCOUNT_PER_HOUR,
      askerWindowStart: new Date(now - QUESTION_WINDOW_MS),
    });
    if (!outcome.ok) {
      if (outcome.reason === 'challenge_full') throw errors.questionsFull(QUESTIONS_PER_CHALLENGE_MAX);
      const waitMs = outcome.retryAt.getTime() + QUESTION_WINDOW_MS - now;
      throw errors.questionsRateLimited(QUESTIONS_PER_ACCOUNT_PER_HOUR, Math.max(1, Math.ceil(waitMs / 1000)));
    }
    return presentQuestion(question, viewer, null);
  }

  /**
   * Answers a question or changes its answer (text and who reads it). The asker is told the
   * first time only: an edit is a correction, not news.
   */
  async answer(viewer: Viewer, challengeId: string, questionId: string, input: z.output<typeof answerQuestionBodySchema>): Promise<ChallengeQuestionPublic> {
    const challenge = await this.challenge(viewer, challengeId);
    authorizeChallenge(viewer, { kind: 'question:answer', challenge });
    if (viewer === null) throw errors.signInRequired();
    const current = await this.store.getQuestion(challenge.id, questionId);
    if (!current) throw errors.challengeQuestionNotFound();
    const now = new Date(this.now());
    const previous = current.answer;
    const answered = await this.store.setAnswer(challenge.id, questionId, {
      text: input.text,
      visibility: input.visibility,
      answeredBy: viewer.account.id,
      answeredAt: previous?.answeredAt ?? now,
      editedAt: previous === null ? null : now,
    });
    if (!answered) throw errors.challengeQuestionNotFound();
    if (previous === null) {
      await this.notifier.notify([answered.askedBy], {
        kind: 'question_answered',
        params: { challenge: challenge.title, question: answered.text },
        link: `/platform/challenges/${challenge.id}`,
      });
    }
    return presentQuestion(answered, viewer, await this.accounts.accountNames([answered.askedBy]));
  }

  /** Questions are taken while the challenge is open and its deadline ahead. */
  private isOpen(challenge: ChallengeRecord): boolean {
    return challenge.status === 'open' && challenge.deadline.at.getTime() > this.now();
  }

  /** The challenge of a change; an anonymous caller learns only that it must sign in. */
  private async challenge(viewer: Viewer, challengeId: string): Promise<ChallengeRecord> {
    const challenge = await this.store.getChallenge(challengeId);
    if (!challenge) throw viewer === null ? errors.signInRequired() : errors.challengeNotFound();
    return challenge;
  }
}
