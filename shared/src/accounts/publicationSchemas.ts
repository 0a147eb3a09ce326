import { z } from 'zod';
import { entityIdSchema } from '../boardSchemas.js';
import { joinCodeSchema } from '../schemas.js';
import { PUBLICATION_KINDS } from './publicationModel.js';

/**
 * `PUT /api/account/publications`: show (or stop showing) one kept idea or proposal on the
 * account's profile. `code` is the live session's join code, `id` the idea's or proposal's.
 */
export const publicationBodySchema = z.strictObject({
  kind: z.enum(PUBLICATION_KINDS),
  code: joinCodeSchema,
  id: entityIdSchema,
  shown: z.boolean(),
});
export type PublicationBody = z.input<typeof publicationBodySchema>;
