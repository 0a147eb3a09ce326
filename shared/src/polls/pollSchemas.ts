import { z } from 'zod';
import { clientIdSchema, entityIdSchema } from '../boardSchemas.js';
import { lineText } from '../schemas.js';
import {
  POLL_OPTION_MAX_CHARS,
  POLL_OPTIONS_MAX,
  POLL_OPTIONS_MIN,
  POLL_QUESTION_MAX_CHARS,
  POLL_SCALE_MAX,
  POLL_SCALE_MIN,
  POLL_WORDS_MAX_CHARS,
  POLLS_PER_SESSION_MAX,
  QUIZ_DURATION_DEFAULT_SECONDS,
  QUIZ_DURATION_MAX_SECONDS,
  QUIZ_DURATION_MIN_SECONDS,
} from './pollLimits.js';
import { POLL_KINDS, POLL_RESULT_MODES } from './pollModel.js';

/** A poll as the facilitator prepares it: options as texts (the server gives them ids). */
export const pollDraftSchema = z
  .strictObject({
    kind: z.enum(POLL_KINDS),
    question: lineText(POLL_QUESTION_MAX_CHARS),
    options: z.array(lineText(POLL_OPTION_MAX_CHARS)).max(POLL_OPTIONS_MAX).optional().default([]),
    multiple: z.boolean().optional().default(false),
    scaleMax: z.number().int().min(POLL_SCALE_MIN).max(POLL_SCALE_MAX).optional().default(5),
    /** Quiz: the index in `options` of the correct one. */
    correctIndex: z.number().int().min(0).max(POLL_OPTIONS_MAX - 1).nullable().optional().default(null),
    durationSeconds: z.number().int().min(QUIZ_DURATION_MIN_SECONDS).max(QUIZ_DURATION_MAX_SECONDS).optional().default(QUIZ_DURATION_DEFAULT_SECONDS),
    resultMode: z.enum(POLL_RESULT_MODES).optional().default('live'),
  })
  .superRefine((draft, ctx) => {
    const needsOptions = draft.kind === 'choice' || draft.kind === 'ranking' || draft.kind === 'quiz';
    if (needsOptions && draft.options.length < POLL_OPTIONS_MIN) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `needs at least ${POLL_OPTIONS_MIN} options` });
    }
    if (!needsOptions && draft.options.length > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'this kind has no options' });
    if (new Set(draft.options.map((o) => o.toLocaleLowerCase())).size !== draft.options.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'options must differ' });
    }
    if (draft.kind === 'quiz' && (draft.correctIndex === null || draft.correctIndex >= draft.options.length)) {
      ctx.addIssue({ code: 'custom', path: ['correctIndex'], message: 'a quiz needs its correct option' });
    }
    if (draft.kind !== 'quiz' && draft.correctIndex !== null) ctx.addIssue({ code: 'custom', path: ['correctIndex'], message: 'only a quiz has a correct option' });
  });
export type PollDraft = z.input<typeof pollDraftSchema>;

/** `poll:create` (facilitator). */
export const pollCreateSchema = z.strictObject({ draft: pollDraftSchema });

/** `poll:edit` (facilitator): a prepared poll, not yet launched. */
export const pollEditSchema = z.strictObject({ pollId: entityIdSchema, draft: pollDraftSchema });

/** `poll:delete`, `poll:launch`, `poll:close` (facilitator). */
export const pollIdSchema = z.strictObject({ pollId: entityIdSchema });

/** `poll:reorder` (facilitator): every poll id of the session, in the new order. */
export const pollReorderSchema = z.strictObject({
  pollIds: z
    .array(entityIdSchema)
    .max(POLLS_PER_SESSION_MAX)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'ids must differ' }),
});

/** `poll:showResults` (facilitator): show or hide a poll's results on phones and screens. */
export const pollShowResultsSchema = z.strictObject({ pollId: entityIdSchema, shown: z.boolean() });

const optionIdSchema = z.string().regex(/^o[0-9]{1,2}$/, 'is not an option id');

/** A participant's answer; the server checks it against the poll (kind, options, scale). */
export const pollAnswerValueSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('choice'), optionIds: z.array(optionIdSchema).min(1).max(POLL_OPTIONS_MAX) }),
  z.strictObject({ kind: z.literal('rating'), rating: z.number().int().min(1).max(POLL_SCALE_MAX) }),
  z.strictObject({ kind: z.literal('ranking'), optionIds: z.array(optionIdSchema).min(POLL_OPTIONS_MIN).max(POLL_OPTIONS_MAX) }),
  z.strictObject({ kind: z.literal('words'), text: lineText(POLL_WORDS_MAX_CHARS) }),
  z.strictObject({ kind: z.literal('quiz'), optionId: optionIdSchema }),
]);

/**
 * `poll:answer` (participant): sets the sender's answer to the poll. A resend with the same
 * `clientId` as the stored answer changes nothing (a quiz answer keeps its time).
 */
export const pollAnswerSchema = z.strictObject({ pollId: entityIdSchema, clientId: clientIdSchema, answer: pollAnswerValueSchema });
