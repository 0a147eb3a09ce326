import { z } from 'zod';
import { entityIdSchema } from '../boardSchemas.js';
import { NOTIFICATION_READ_IDS_MAX } from './notificationModel.js';

/** `GET /api/account/notifications?before=<id>` */
export const notificationListQuerySchema = z.strictObject({ before: entityIdSchema.optional() });

/** `POST /api/account/notifications/read`: some (by id) or all. */
export const notificationReadBodySchema = z.union([
  z.strictObject({ ids: z.array(entityIdSchema).min(1).max(NOTIFICATION_READ_IDS_MAX) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type NotificationReadBody = z.input<typeof notificationReadBodySchema>;
