import { z } from 'zod';
import { emailSchema } from '../accounts/accountSchemas.js';
import { entityIdSchema } from '../boardSchemas.js';
import { languageSchema, lineText } from '../schemas.js';
import { PROMOTE_IDEAS_MAX, RESPONSE_TEAM_NAME_MAX_CHARS } from './responseModel.js';

/** `POST /api/challenges/:challengeId/responses`: start a response (the caller owns the team). */
export const createResponseBodySchema = z.strictObject({
  teamName: lineText(RESPONSE_TEAM_NAME_MAX_CHARS),
  /** The language of the document's section headings. */
  language: languageSchema.default('zh'),
});
export type CreateResponseBody = z.input<typeof createResponseBodySchema>;

/** `PATCH /api/responses/:id`: a team member renames the team (its profile and search follow). */
export const responsePatchBodySchema = z.strictObject({ teamName: lineText(RESPONSE_TEAM_NAME_MAX_CHARS) });
export type ResponsePatchBody = z.input<typeof responsePatchBodySchema>;

export const responseParamsSchema = z.strictObject({ responseId: entityIdSchema });
export const responseMemberParamsSchema = z.strictObject({ responseId: entityIdSchema, accountId: entityIdSchema });
export const submissionParamsSchema = z.strictObject({ responseId: entityIdSchema, versionId: entityIdSchema });

/** `POST /api/responses/:id/members`: the team's owner adds an existing account by its email. */
export const responseMemberBodySchema = z.strictObject({ email: emailSchema });
export type ResponseMemberBody = z.input<typeof responseMemberBodySchema>;

/**
 * `POST /api/challenges/:challengeId/promotions`: ideas of live sessions run for the challenge
 * into a new response (the caller owns its team) or appended to one of the caller's.
 */
export const promoteIdeasBodySchema = z.strictObject({
  ideaIds: z
    .array(entityIdSchema)
    .min(1)
    .max(PROMOTE_IDEAS_MAX)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'each idea once' }),
  target: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('new'), teamName: lineText(RESPONSE_TEAM_NAME_MAX_CHARS), language: languageSchema.default('zh') }),
    z.strictObject({ kind: z.literal('existing'), responseId: entityIdSchema }),
  ]),
});
export type PromoteIdeasBody = z.input<typeof promoteIdeasBodySchema>;
