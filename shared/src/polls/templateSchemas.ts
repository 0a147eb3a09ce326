import { z } from 'zod';
import { entityIdSchema } from '../boardSchemas.js';
import { joinCodeSchema, lineText } from '../schemas.js';
import { TEMPLATE_NAME_MAX_CHARS } from './pollLimits.js';

/** `POST /api/account/templates`: saves what one of the organiser's sessions prepared. */
export const templateCreateBodySchema = z.strictObject({ code: joinCodeSchema, name: lineText(TEMPLATE_NAME_MAX_CHARS) });
export type TemplateCreateBody = z.input<typeof templateCreateBodySchema>;

/** `/api/account/templates/:id`. */
export const templateParamsSchema = z.strictObject({ id: entityIdSchema });

/** `POST /api/account/live-sessions/from-template`: a new session from a saved template. */
export const sessionFromTemplateBodySchema = z.strictObject({ templateId: entityIdSchema });
export type SessionFromTemplateBody = z.input<typeof sessionFromTemplateBodySchema>;
