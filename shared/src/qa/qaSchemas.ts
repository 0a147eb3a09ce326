import { z } from 'zod';
import { clientIdSchema, entityIdSchema } from '../boardSchemas.js';
import { QA_TRACK_NAME_MAX_CHARS, QUESTION_TEXT_MAX_CHARS } from '../limits.js';
import { lineText, blockText, venueIdSchema } from '../schemas.js';
import { QA_MAIN_TRACK_ID, QUESTION_ACTIONS } from './qaModel.js';

/** A track id: the main track's, or a server-made id. */
export const trackIdSchema = z.union([z.literal(QA_MAIN_TRACK_ID), entityIdSchema]);

/** `qa:catchUp`: the version the client holds. */
export const qaCatchUpSchema = z.strictObject({ since: z.number().int().min(0) });

/** `question:ask`: `clientId` makes a resend after a lost ack return the first question. */
export const questionAskSchema = z.strictObject({
  clientId: clientIdSchema,
  trackId: trackIdSchema,
  text: blockText(QUESTION_TEXT_MAX_CHARS, { required: true }),
  anonymous: z.boolean().optional().default(false),
});
export type QuestionAsk = z.input<typeof questionAskSchema>;

/** `question:upvote`: sets (not toggles) the sender's upvote, so a resend changes nothing. */
export const questionUpvoteSchema = z.strictObject({ questionId: entityIdSchema, up: z.boolean() });

/** `question:moderate` (facilitator). */
export const questionModerateSchema = z.strictObject({ questionId: entityIdSchema, action: z.enum(QUESTION_ACTIONS) });

/** `question:edit` (facilitator): a typo fixed. */
export const questionEditSchema = z.strictObject({
  questionId: entityIdSchema,
  text: blockText(QUESTION_TEXT_MAX_CHARS, { required: true }),
});

/** `question:merge` (facilitator): the duplicate goes into the target; upvotes combine. */
export const questionMergeSchema = z
  .strictObject({ sourceId: entityIdSchema, targetId: entityIdSchema })
  .refine((m) => m.sourceId !== m.targetId, { message: 'a question cannot be merged into itself', path: ['targetId'] });

/** `question:highlight` (facilitator): the track's question being answered now, or none. */
export const questionHighlightSchema = z.strictObject({ trackId: trackIdSchema, questionId: entityIdSchema.nullable() });

/** `track:create` (facilitator). */
export const trackCreateSchema = z.strictObject({
  name: lineText(QA_TRACK_NAME_MAX_CHARS),
  venueId: venueIdSchema.nullable().optional().default(null),
});

/** `track:rename` (facilitator): the name and, optionally, the venue it belongs to. */
export const trackRenameSchema = z.strictObject({
  trackId: trackIdSchema,
  name: lineText(QA_TRACK_NAME_MAX_CHARS),
  venueId: venueIdSchema.nullable().optional(),
});

/** `qa:configure` (facilitator): any of the Q&A settings. */
export const qaSettingsPatchSchema = z.strictObject({
  open: z.boolean().optional(),
  anonymousAllowed: z.boolean().optional(),
  preModeration: z.boolean().optional(),
});
