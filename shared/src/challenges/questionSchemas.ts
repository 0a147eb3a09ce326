import { z } from 'zod';
import { entityIdSchema } from '../boardSchemas.js';
import { ANSWER_MAX_CHARS, QUESTION_MAX_CHARS } from '../limits.js';
import { blockText } from '../schemas.js';
import { ANSWER_VISIBILITIES } from './questionModel.js';

/** `POST /api/challenges/:challengeId/questions`: a question (1–QUESTION_MAX_CHARS, lines kept). */
export const askQuestionBodySchema = z.strictObject({ text: blockText(QUESTION_MAX_CHARS, { required: true }) });
export type AskQuestionBody = z.input<typeof askQuestionBodySchema>;

/** `PUT /api/challenges/:challengeId/questions/:questionId/answer`: the answer, new or changed, and who reads it. */
export const answerQuestionBodySchema = z.strictObject({
  text: blockText(ANSWER_MAX_CHARS, { required: true }),
  visibility: z.enum(ANSWER_VISIBILITIES),
});
export type AnswerQuestionBody = z.input<typeof answerQuestionBodySchema>;

export const questionParamsSchema = z.strictObject({ challengeId: entityIdSchema, questionId: entityIdSchema });
