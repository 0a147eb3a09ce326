import { z } from 'zod';
import { emailSchema } from '../accounts/accountSchemas.js';
import { entityIdSchema } from '../boardSchemas.js';
import { blockText, lineText } from '../schemas.js';
import {
  REVIEW_COMMENT_MAX_CHARS,
  REVIEW_DECISIONS,
  REVIEW_FEEDBACK_MAX_CHARS,
  REVIEW_GUIDANCE_MAX_CHARS,
  REVIEW_NOTE_MAX_CHARS,
  REVIEW_ROUND_NAME_MAX_CHARS,
  REVIEW_SCALE_TOP,
  REVIEW_SCOPE_KINDS,
  REVIEWERS_PER_SUBMISSION_MAX,
} from './reviewModel.js';

/** A criterion's id within its scope (`c0`, `c1`… for a challenge's criteria in order). */
export const criterionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a criterion id');

export const reviewScopeParamsSchema = z.strictObject({ kind: z.enum(REVIEW_SCOPE_KINDS), scopeId: entityIdSchema });
export const reviewRoundParamsSchema = z.strictObject({ roundId: entityIdSchema });
export const reviewSubjectParamsSchema = z.strictObject({ roundId: entityIdSchema, subjectId: entityIdSchema });
export const reviewReviewerParamsSchema = z.strictObject({ roundId: entityIdSchema, accountId: entityIdSchema });
export const reviewAssignmentParamsSchema = z.strictObject({ roundId: entityIdSchema, subjectId: entityIdSchema, accountId: entityIdSchema });
export const reviewResponseParamsSchema = z.strictObject({ responseId: entityIdSchema });

const scaleBound = z.number().int().min(0).max(REVIEW_SCALE_TOP);
const guidanceText = blockText(REVIEW_GUIDANCE_MAX_CHARS);
const criterionGuidance = z.record(criterionIdSchema, guidanceText).refine((value) => Object.keys(value).length <= 50, 'has too many criteria');

const roundFields = {
  name: lineText(REVIEW_ROUND_NAME_MAX_CHARS),
  scaleMin: scaleBound,
  scaleMax: scaleBound,
  blind: z.boolean(),
  reviewersPerSubmission: z.number().int().min(1).max(REVIEWERS_PER_SUBMISSION_MAX),
  /** ISO instant, or null for no due date. */
  dueAt: z.iso.datetime({ offset: true }).nullable(),
  guidance: guidanceText,
  criterionGuidance,
};

const scaleOrdered = (value: { scaleMin?: number | undefined; scaleMax?: number | undefined }) =>
  value.scaleMin === undefined || value.scaleMax === undefined || value.scaleMin < value.scaleMax;

/** `POST /api/review/scopes/:kind/:scopeId/rounds`: a new round, as a draft. */
export const createReviewRoundBodySchema = z
  .strictObject({
    name: roundFields.name,
    scaleMin: scaleBound.default(1),
    scaleMax: scaleBound.default(10),
    blind: z.boolean().default(false),
    reviewersPerSubmission: roundFields.reviewersPerSubmission.default(3),
    dueAt: roundFields.dueAt.default(null),
    guidance: guidanceText.default(''),
    criterionGuidance: criterionGuidance.default({}),
  })
  .refine(scaleOrdered, { message: 'the scale must go up', path: ['scaleMax'] });
export type CreateReviewRoundBody = z.input<typeof createReviewRoundBodySchema>;

/** `PATCH /api/review/rounds/:roundId`: some settings (the scale and blindness only while a draft). */
export const updateReviewRoundBodySchema = z
  .strictObject({
    name: roundFields.name.optional(),
    scaleMin: scaleBound.optional(),
    scaleMax: scaleBound.optional(),
    blind: z.boolean().optional(),
    reviewersPerSubmission: roundFields.reviewersPerSubmission.optional(),
    dueAt: roundFields.dueAt.optional(),
    guidance: guidanceText.optional(),
    criterionGuidance: criterionGuidance.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'changes nothing')
  .refine((value) => (value.scaleMin === undefined) === (value.scaleMax === undefined), { message: 'scaleMin and scaleMax change together', path: ['scaleMax'] })
  .refine(scaleOrdered, { message: 'the scale must go up', path: ['scaleMax'] });
export type UpdateReviewRoundBody = z.input<typeof updateReviewRoundBodySchema>;

/** `POST /api/review/rounds/:roundId/transitions` */
export const reviewTransitionBodySchema = z.strictObject({ to: z.enum(['open', 'closed']) });

/**
 * `POST /api/review/rounds/:roundId/reviewers`: add an account to the pool by its email, or a
 * member of the scope's own organisation (a `candidates` entry) by its id.
 */
export const addReviewerBodySchema = z.union([z.strictObject({ email: emailSchema }), z.strictObject({ accountId: entityIdSchema })]);
export type AddReviewerBody = z.input<typeof addReviewerBodySchema>;

/** `POST /api/review/rounds/:roundId/assignments`: assign by hand. */
export const assignReviewerBodySchema = z.strictObject({ subjectId: entityIdSchema, reviewerId: entityIdSchema });

/** `PUT /api/review/rounds/:roundId/subjects/:subjectId/scorecard`: save a draft, or submit (every criterion scored). */
export const scorecardBodySchema = z.strictObject({
  scores: z.record(criterionIdSchema, z.number().int()).refine((value) => Object.keys(value).length <= 50, 'has too many criteria'),
  comment: blockText(REVIEW_COMMENT_MAX_CHARS).default(''),
  note: blockText(REVIEW_NOTE_MAX_CHARS).default(''),
  submit: z.boolean().default(false),
});
export type ScorecardBody = z.input<typeof scorecardBodySchema>;

/** `PUT /api/review/rounds/:roundId/shortlist/:subjectId` */
export const shortlistBodySchema = z.strictObject({ shortlisted: z.boolean() });

/** `POST /api/review/rounds/:roundId/decisions`: the owner decides, with feedback the team reads. */
export const reviewDecisionBodySchema = z.strictObject({
  subjectId: entityIdSchema,
  decision: z.enum(REVIEW_DECISIONS),
  feedback: blockText(REVIEW_FEEDBACK_MAX_CHARS).default(''),
});
export type ReviewDecisionBody = z.input<typeof reviewDecisionBodySchema>;
