import { z } from 'zod';
import { entityIdSchema } from '../boardSchemas.js';
import { joinCodeSchema, blockText, lineText } from '../schemas.js';
import {
  MILESTONE_NOTE_MAX_CHARS,
  MILESTONE_STATUSES,
  MILESTONE_TITLE_MAX_CHARS,
  PIPELINE_GATES,
  PIPELINE_MOVE_REASON_MAX_CHARS,
  PIPELINE_STAGES,
  PIPELINE_STAGE_NAME_MAX_CHARS,
} from './pipelineModel.js';

export const pipelineStageSchema = z.enum(PIPELINE_STAGES);
export const pipelineGateSchema = z.enum(PIPELINE_GATES);
export const milestoneStatusSchema = z.enum(MILESTONE_STATUSES);

export const pipelineItemParamsSchema = z.strictObject({ itemId: entityIdSchema });
export const milestoneParamsSchema = z.strictObject({ itemId: entityIdSchema, milestoneId: entityIdSchema });
export const pipelineOrgParamsSchema = z.strictObject({ orgId: entityIdSchema });
export const pipelineSourceParamsSchema = z.strictObject({ code: joinCodeSchema });

/** `GET /api/pipeline` and the dashboard: optional filters. */
export const pipelineFilterSchema = z.strictObject({
  organisation: entityIdSchema.optional(),
  field: entityIdSchema.optional(),
});
export type PipelineFilter = z.output<typeof pipelineFilterSchema>;

/** `POST /api/pipeline/items`: an idea or a proposal of one of the asker's live sessions. */
export const addPipelineItemBodySchema = z.strictObject({
  organisationId: entityIdSchema,
  sessionCode: joinCodeSchema,
  kind: z.enum(['idea', 'proposal']),
  id: entityIdSchema,
});
export type AddPipelineItemBody = z.input<typeof addPipelineItemBodySchema>;

/** `POST /api/pipeline/items/:itemId/move`: a reason is required when moving back (the service checks). */
export const movePipelineItemBodySchema = z.strictObject({
  to: pipelineStageSchema,
  reason: blockText(PIPELINE_MOVE_REASON_MAX_CHARS).optional(),
});
export type MovePipelineItemBody = z.input<typeof movePipelineItemBodySchema>;

const stageNameSchema = z.strictObject({ zh: lineText(PIPELINE_STAGE_NAME_MAX_CHARS), en: lineText(PIPELINE_STAGE_NAME_MAX_CHARS) });
const gateListSchema = z
  .array(pipelineGateSchema)
  .max(PIPELINE_GATES.length)
  .refine((gates) => new Set(gates).size === gates.length, 'names a gate twice');

/** One value per stage, every stage named (the order is fixed, so a body never leaves one out). */
function perStage<S extends z.ZodType>(schema: S) {
  return z.strictObject({ idea: schema, concept: schema, proposal: schema, review: schema, agreement: schema, incubation: schema, completed: schema } satisfies Record<(typeof PIPELINE_STAGES)[number], S>);
}

/** `PUT /api/pipeline/settings/:orgId`: every stage's names and gates (the whole set). */
export const pipelineSettingsBodySchema = z.strictObject({
  stageNames: perStage(stageNameSchema),
  gates: perStage(gateListSchema),
});
export type PipelineSettingsBody = z.input<typeof pipelineSettingsBodySchema>;

const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a date (YYYY-MM-DD)')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a date');

/** `POST /api/pipeline/items/:itemId/milestones`. */
export const addMilestoneBodySchema = z.strictObject({
  title: lineText(MILESTONE_TITLE_MAX_CHARS),
  ownerAccountId: entityIdSchema,
  due: dateSchema,
});
export type AddMilestoneBody = z.input<typeof addMilestoneBodySchema>;

/** `POST /api/pipeline/items/:itemId/milestones/:milestoneId/updates`: a status and an optional note. */
export const milestoneUpdateBodySchema = z.strictObject({
  status: milestoneStatusSchema,
  note: blockText(MILESTONE_NOTE_MAX_CHARS).optional(),
});
export type MilestoneUpdateBody = z.input<typeof milestoneUpdateBodySchema>;
