import { z } from 'zod';
import { emailSchema } from '../accounts/accountSchemas.js';
import { entityIdSchema } from '../boardSchemas.js';
import { CHALLENGE_CRITERIA_MAX, CRITERIA_WEIGHT_TOTAL, CRITERION_NAME_MAX_CHARS } from '../limits.js';
import { blockText, joinCodeSchema, lineText } from '../schemas.js';
import {
  AWARD_CATEGORY_DESCRIPTION_MAX_CHARS,
  AWARD_CATEGORY_NAME_MAX_CHARS,
  AWARD_CITATION_MAX_CHARS,
  AWARD_GUIDANCE_MAX_CHARS,
  AWARD_OVERRIDE_REASON_MAX_CHARS,
  AWARD_PROGRAMME_NAME_MAX_CHARS,
  AWARD_WEIGHT_TOTAL,
  AWARD_WINNERS_MAX,
  AWARD_YEAR_MAX,
  AWARD_YEAR_MIN,
  NOMINEE_SEARCH_MAX_CHARS,
  PICKED_NOMINEE_KINDS,
} from './awardModel.js';

export const awardProgrammeParamsSchema = z.strictObject({ programmeId: entityIdSchema });
export const awardCategoryParamsSchema = z.strictObject({ programmeId: entityIdSchema, categoryId: entityIdSchema });
export const awardNominationParamsSchema = z.strictObject({ programmeId: entityIdSchema, nominationId: entityIdSchema });

const yearSchema = z.number().int('must be a whole number').min(AWARD_YEAR_MIN).max(AWARD_YEAR_MAX);

/** `POST /api/awards`: a programme of one of the caller's organisations (its admins), seeded with three categories. */
export const createAwardProgrammeBodySchema = z.strictObject({
  organisationId: entityIdSchema,
  name: lineText(AWARD_PROGRAMME_NAME_MAX_CHARS),
  year: yearSchema,
});
export type CreateAwardProgrammeBody = z.input<typeof createAwardProgrammeBodySchema>;

/** `PATCH /api/awards/:programmeId`: name, year, and the jury's weight (the audience gets the rest of 100). */
export const awardProgrammePatchBodySchema = z
  .strictObject({
    name: lineText(AWARD_PROGRAMME_NAME_MAX_CHARS).optional(),
    year: yearSchema.optional(),
    juryWeight: z.number().int('must be a whole number').min(0).max(AWARD_WEIGHT_TOTAL).optional(),
  })
  .refine((body) => body.name !== undefined || body.year !== undefined || body.juryWeight !== undefined, 'must change something');
export type AwardProgrammePatchBody = z.input<typeof awardProgrammePatchBodySchema>;

const categoryName = lineText(AWARD_CATEGORY_NAME_MAX_CHARS);

/** One jury criterion as the owner edits it; ids are kept when given, made when not. */
export const awardCriterionSchema = z.strictObject({
  id: entityIdSchema.optional(),
  name: lineText(CRITERION_NAME_MAX_CHARS),
  weight: z.number().int('must be a whole number').min(1).max(CRITERIA_WEIGHT_TOTAL),
  guidance: blockText(AWARD_GUIDANCE_MAX_CHARS),
});

/** 1–10 criteria whose weights add up to exactly 100 (`criteria_weights_invalid` otherwise). */
export const awardCriteriaSchema = z
  .array(awardCriterionSchema)
  .min(1, 'needs at least one criterion')
  .max(CHALLENGE_CRITERIA_MAX)
  .superRefine((criteria, ctx) => {
    const total = criteria.reduce((sum, c) => sum + c.weight, 0);
    if (total !== CRITERIA_WEIGHT_TOTAL) {
      ctx.addIssue({ code: 'custom', message: `weights add up to ${total}, not ${CRITERIA_WEIGHT_TOTAL}`, params: { reason: 'criteria_weights_invalid' } });
    }
  });

/** `POST /api/awards/:programmeId/categories`: a new category (default jury criteria). */
export const createAwardCategoryBodySchema = z.strictObject({
  nameZh: categoryName,
  nameEn: categoryName,
  description: blockText(AWARD_CATEGORY_DESCRIPTION_MAX_CHARS).default(''),
  winnersCount: z.number().int().min(1).max(AWARD_WINNERS_MAX).default(1),
});
export type CreateAwardCategoryBody = z.input<typeof createAwardCategoryBodySchema>;

/** `PATCH /api/awards/:programmeId/categories/:categoryId`: at least one change. */
export const awardCategoryPatchBodySchema = z
  .strictObject({
    nameZh: categoryName.optional(),
    nameEn: categoryName.optional(),
    description: blockText(AWARD_CATEGORY_DESCRIPTION_MAX_CHARS).optional(),
    winnersCount: z.number().int().min(1).max(AWARD_WINNERS_MAX).optional(),
    criteria: awardCriteriaSchema.optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), 'must change something');
export type AwardCategoryPatchBody = z.input<typeof awardCategoryPatchBodySchema>;

/** Who is nominated: an account (by its email), a challenge response's team, or a proposal. */
export const nomineeInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('person'), email: emailSchema }),
  z.strictObject({ kind: z.literal('team'), responseId: entityIdSchema }),
  z.strictObject({ kind: z.literal('proposal'), proposalId: entityIdSchema }),
]);
export type NomineeInput = z.input<typeof nomineeInputSchema>;

/** `GET /api/awards/:programmeId/nominee-candidates?kind=team&q=`: the picker's search (blank `q`: the first page of all). */
export const nomineeCandidatesQuerySchema = z.strictObject({
  kind: z.enum(PICKED_NOMINEE_KINDS),
  q: z.string().trim().max(NOMINEE_SEARCH_MAX_CHARS).default(''),
});
export type NomineeCandidatesQuery = z.input<typeof nomineeCandidatesQuerySchema>;

/** `POST /api/awards/:programmeId/nominations`: members of the programme's organisation nominate. */
export const createNominationBodySchema = z.strictObject({
  categoryId: entityIdSchema,
  nominee: nomineeInputSchema,
  citation: blockText(AWARD_CITATION_MAX_CHARS, { required: true }),
});
export type CreateNominationBody = z.input<typeof createNominationBodySchema>;

/** `POST /api/awards/:programmeId/nominations/:nominationId/decision`. */
export const nominationDecisionBodySchema = z.strictObject({ decision: z.enum(['accept', 'reject']) });
export type NominationDecisionBody = z.input<typeof nominationDecisionBodySchema>;

/** `PUT /api/awards/:programmeId/categories/:categoryId/session`: one of the owner's live sessions, or null to unlink. */
export const awardSessionBodySchema = z.strictObject({ code: joinCodeSchema.nullable() });
export type AwardSessionBody = z.input<typeof awardSessionBodySchema>;

/** `POST /api/awards/:programmeId/categories/:categoryId/audience-vote`. */
export const audienceVoteBodySchema = z.strictObject({ action: z.enum(['start', 'close']) });
export type AudienceVoteBody = z.input<typeof audienceVoteBodySchema>;

/** `POST /api/awards/:programmeId/categories/:categoryId/winners`: a reason is needed when they differ from the ranking's top N. */
export const confirmWinnersBodySchema = z.strictObject({
  nominationIds: z
    .array(entityIdSchema)
    .min(1)
    .max(AWARD_WINNERS_MAX)
    .refine((ids) => new Set(ids).size === ids.length, 'lists a nomination twice'),
  overrideReason: blockText(AWARD_OVERRIDE_REASON_MAX_CHARS).optional(),
});
export type ConfirmWinnersBody = z.input<typeof confirmWinnersBodySchema>;

/** `award:revealNext` (facilitator): the category the console showed in its confirm step, so two consoles never reveal twice. */
export const awardRevealNextSchema = z.strictObject({ categoryId: entityIdSchema });
