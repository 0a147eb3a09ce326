import { z } from 'zod';
import { emailSchema } from '../accounts/accountSchemas.js';
import { entityIdSchema } from '../boardSchemas.js';
import { languageSchema, lineText } from '../schemas.js';
import { RESPONSE_TEAM_NAME_MAX_CHARS } from './responseModel.js';

/** `POST /api/challenges/:challengeId/responses`: start a response (the caller owns the team). */
export const createResponseBodySchema = z.strictObject({
  teamName: lineText(RESPONSE_TEAM_NAME_MAX_CHARS),
  /** The language of the document's section headings. */
  language: languageSchema.default('zh'),
});
export type CreateResponseBody = z.input<typeof createResponseBodySchema>;

export const responseParamsSchema = z.strictObject({ responseId: entityIdSchema });
export const submissionParamsSchema = z.strictObject({ responseId: entityIdSchema, versionId: entityIdSchema });

/** `POST /api/responses/:id/members`: the team's owner adds an existing account by its email. */
export const responseMemberBodySchema = z.strictObject({ email: emailSchema });
export type ResponseMemberBody = z.input<typeof responseMemberBodySchema>;
