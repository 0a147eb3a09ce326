import { z } from 'zod';
import { entityIdSchema } from '../boardSchemas.js';
import { FIELD_NAME_MAX_CHARS } from '../limits.js';
import { lineText } from '../schemas.js';

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
