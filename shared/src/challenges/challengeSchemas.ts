import { z } from 'zod';
import { entityIdSchema } from '../boardSchemas.js';
import {
  CHALLENGE_CRITERIA_MAX,
  CHALLENGE_FIELDS_MAX,
  CHALLENGE_INVITED_ORGS_MAX,
  CHALLENGE_OFFSET_MAX,
  CHALLENGE_PAGE_SIZE,
  CHALLENGE_PAGE_SIZE_MAX,
  CHALLENGE_PROBLEM_MAX_CHARS,
  CHALLENGE_QUERY_MAX_CHARS,
  CHALLENGE_REWARD_MAX_CHARS,
  CHALLENGE_SECTION_MAX_CHARS,
  CHALLENGE_TITLE_MAX_CHARS,
  CRITERIA_WEIGHT_TOTAL,
  CRITERION_NAME_MAX_CHARS,
  FIELD_NAME_MAX_CHARS,
} from '../limits.js';
import { blockText, lineText } from '../schemas.js';
import { CHALLENGE_SORTS, CHALLENGE_STATUSES, CHALLENGE_VISIBILITIES, DEADLINE_FILTERS, type ChallengeVisibility } from './challengeModel.js';
import { isTimeZone, LOCAL_DATE_TIME_PATTERN, zonedLocalToInstant } from './deadline.js';

export const fieldNameSchema = lineText(FIELD_NAME_MAX_CHARS);

/** `POST /api/fields` (platform admins): a new field, named in both languages. */
export const createFieldBodySchema = z.strictObject({ nameZh: fieldNameSchema, nameEn: fieldNameSchema });
export type CreateFieldBody = z.input<typeof createFieldBodySchema>;

/** `PATCH /api/fields/:fieldId` (platform admins): rename, archive or restore; at least one change. */
export const fieldPatchBodySchema = z
  .strictObject({ nameZh: fieldNameSchema.optional(), nameEn: fieldNameSchema.optional(), archived: z.boolean().optional() })
  .refine((body) => body.nameZh !== undefined || body.nameEn !== undefined || body.archived !== undefined, 'must change something');
export type FieldPatchBody = z.input<typeof fieldPatchBodySchema>;

export const fieldParamsSchema = z.strictObject({ fieldId: entityIdSchema });

/** An IANA time zone this runtime knows. */
export const timeZoneSchema = z.string().max(64).refine(isTimeZone, 'is not a known IANA time zone');

/**
 * A deadline as a form gives it: the local date and time (`2026-03-31T18:00`) and the zone it
 * is meant in; the server stores the instant it is there.
 */
export const deadlineInputSchema = z
  .strictObject({ local: z.string().regex(LOCAL_DATE_TIME_PATTERN, 'is not a date and time (YYYY-MM-DDTHH:mm)'), timeZone: timeZoneSchema })
  .transform((input, ctx) => {
    const at = zonedLocalToInstant(input.local, input.timeZone);
    if (at === null) {
      ctx.issues.push({ code: 'custom', input: input.local, path: ['local'], message: 'is not a day that exists' });
      return z.NEVER;
    }
    return { at: new Date(at), timeZone: input.timeZone };
  });
export type DeadlineInput = z.input<typeof deadlineInputSchema>;

export const criterionSchema = z.strictObject({
  name: lineText(CRITERION_NAME_MAX_CHARS),
  weight: z.number().int('must be a whole number').min(1).max(CRITERIA_WEIGHT_TOTAL),
});

/** 1–10 criteria whose integer weights add up to exactly 100 (`criteria_weights_invalid` otherwise). */
export const criteriaSchema = z
  .array(criterionSchema)
  .min(1, 'needs at least one criterion')
  .max(CHALLENGE_CRITERIA_MAX)
  .superRefine((criteria, ctx) => {
    const total = criteria.reduce((sum, c) => sum + c.weight, 0);
    if (criteria.length > 0 && total !== CRITERIA_WEIGHT_TOTAL) {
      ctx.addIssue({ code: 'custom', message: `weights add up to ${total}, not ${CRITERIA_WEIGHT_TOTAL}`, params: { reason: 'criteria_weights_invalid' } });
    }
  });

const uniqueIds = (max: number, min: number) =>
  z
    .array(entityIdSchema)
    .min(min)
    .max(max)
    .refine((ids) => new Set(ids).size === ids.length, 'lists an id twice');

/** The content of a challenge, as a draft is made or changed. */
const challengeContent = {
  title: lineText(CHALLENGE_TITLE_MAX_CHARS),
  problem: blockText(CHALLENGE_PROBLEM_MAX_CHARS, { required: true }),
  background: blockText(CHALLENGE_SECTION_MAX_CHARS),
  desiredOutcomes: blockText(CHALLENGE_SECTION_MAX_CHARS),
  constraints: blockText(CHALLENGE_SECTION_MAX_CHARS),
  reward: blockText(CHALLENGE_REWARD_MAX_CHARS),
  ipTerms: blockText(CHALLENGE_SECTION_MAX_CHARS),
  fieldIds: uniqueIds(CHALLENGE_FIELDS_MAX, 1),
  deadline: deadlineInputSchema,
  visibility: z.enum(CHALLENGE_VISIBILITIES),
  invitedOrganisationIds: uniqueIds(CHALLENGE_INVITED_ORGS_MAX, 0),
  criteria: criteriaSchema,
};

/** Invited organisations belong to `invited` challenges only, which need at least one. */
function checkInvitations(body: { visibility?: ChallengeVisibility | undefined; invitedOrganisationIds?: string[] | undefined }, ctx: z.RefinementCtx): void {
  if (body.visibility === undefined) return;
  const count = body.invitedOrganisationIds?.length ?? 0;
  if (body.visibility === 'invited' && count === 0) {
    ctx.addIssue({ code: 'custom', path: ['invitedOrganisationIds'], message: 'an invited challenge needs at least one organisation' });
  }
  if (body.visibility !== 'invited' && count > 0) {
    ctx.addIssue({ code: 'custom', path: ['invitedOrganisationIds'], message: 'only an invited challenge invites organisations' });
  }
}

/** `POST /api/challenges`: a new draft of an organisation the poster belongs to. */
export const createChallengeBodySchema = z
  .strictObject({
    organisationId: entityIdSchema,
    ...challengeContent,
    background: challengeContent.background.default(''),
    desiredOutcomes: challengeContent.desiredOutcomes.default(''),
    constraints: challengeContent.constraints.default(''),
    reward: challengeContent.reward.default(''),
    ipTerms: challengeContent.ipTerms.default(''),
    invitedOrganisationIds: challengeContent.invitedOrganisationIds.default([]),
  })
  .superRefine(checkInvitations);
export type CreateChallengeBody = z.input<typeof createChallengeBodySchema>;

/**
 * `PATCH /api/challenges/:challengeId`: some of the content (at least one field). A draft takes
 * any; an open challenge only OPEN_EDITABLE_FIELDS. Visibility and invitations change together.
 */
export const challengePatchBodySchema = z
  .strictObject({
    title: challengeContent.title.optional(),
    problem: challengeContent.problem.optional(),
    background: challengeContent.background.optional(),
    desiredOutcomes: challengeContent.desiredOutcomes.optional(),
    constraints: challengeContent.constraints.optional(),
    reward: challengeContent.reward.optional(),
    ipTerms: challengeContent.ipTerms.optional(),
    fieldIds: challengeContent.fieldIds.optional(),
    deadline: challengeContent.deadline.optional(),
    visibility: challengeContent.visibility.optional(),
    invitedOrganisationIds: challengeContent.invitedOrganisationIds.optional(),
    criteria: challengeContent.criteria.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'must change something')
  .superRefine((body, ctx) => {
    if ((body.visibility === undefined) !== (body.invitedOrganisationIds === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['visibility'], message: 'visibility and invitedOrganisationIds change together' });
    }
    checkInvitations(body, ctx);
  });
export type ChallengePatchBody = z.input<typeof challengePatchBodySchema>;

/** `POST /api/challenges/:challengeId/transitions`: the next step of the lifecycle. */
export const challengeTransitionBodySchema = z.strictObject({ to: z.enum(CHALLENGE_STATUSES) });
export type ChallengeTransitionBody = z.input<typeof challengeTransitionBodySchema>;

/** `POST /api/challenges/:challengeId/deadline`: a later deadline (open or closed challenges). */
export const challengeDeadlineBodySchema = z.strictObject({ deadline: deadlineInputSchema });
export type ChallengeDeadlineBody = z.input<typeof challengeDeadlineBodySchema>;

export const challengeParamsSchema = z.strictObject({ challengeId: entityIdSchema });

/** A query-string number: digits only, within bounds. */
const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'is not a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** `GET /api/challenges?…`: the catalogue's filter, sort and page. */
export const challengeListQuerySchema = z.strictObject({
  q: z
    .string()
    .max(CHALLENGE_QUERY_MAX_CHARS * 4)
    .transform((q) => q.normalize('NFC').trim())
    .pipe(z.string().refine((q) => [...q].length <= CHALLENGE_QUERY_MAX_CHARS, `must be at most ${CHALLENGE_QUERY_MAX_CHARS} characters`))
    .optional(),
  field: entityIdSchema.optional(),
  status: z.enum(CHALLENGE_STATUSES).optional(),
  deadline: z.enum(DEADLINE_FILTERS).optional(),
  sort: z.enum(CHALLENGE_SORTS).default('deadline'),
  limit: queryInt(1, CHALLENGE_PAGE_SIZE_MAX).default(CHALLENGE_PAGE_SIZE),
  offset: queryInt(0, CHALLENGE_OFFSET_MAX).default(0),
});
export type ChallengeListQuery = z.output<typeof challengeListQuerySchema>;
