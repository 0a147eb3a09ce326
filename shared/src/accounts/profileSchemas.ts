import { z } from 'zod';
import { entityIdSchema } from '../boardSchemas.js';
import { blockText, lineText } from '../schemas.js';
import {
  PROFILE_BIO_MAX_CHARS,
  PROFILE_FIELDS_MAX,
  PROFILE_HEADLINE_MAX_CHARS,
  PROFILE_KINDS,
  PROFILE_TAG_MAX_CHARS,
  PROFILE_TAGS_MAX,
  PROFILE_VISIBILITIES,
} from './profileModel.js';

/** A list of short tags: each cleaned like a title; later duplicates (ignoring case) dropped. */
const tagsSchema = z
  .array(lineText(PROFILE_TAG_MAX_CHARS))
  .max(PROFILE_TAGS_MAX)
  .transform((tags) => {
    const seen = new Map<string, string>();
    for (const tag of tags) if (!seen.has(tag.toLocaleLowerCase())) seen.set(tag.toLocaleLowerCase(), tag);
    return [...seen.values()];
  });

/** `PUT /api/profiles/:kind/:id`: the whole profile (fields of the taxonomy are checked to exist). */
export const profilePutBodySchema = z.strictObject({
  headline: blockText(PROFILE_HEADLINE_MAX_CHARS),
  bio: blockText(PROFILE_BIO_MAX_CHARS),
  fields: z
    .array(entityIdSchema)
    .max(PROFILE_FIELDS_MAX)
    .transform((ids) => [...new Set(ids)]),
  skills: tagsSchema,
  keywords: tagsSchema,
  visibility: z.enum(PROFILE_VISIBILITIES),
});
export type ProfilePutBody = z.input<typeof profilePutBodySchema>;

export const profileParamsSchema = z.strictObject({ kind: z.enum(PROFILE_KINDS), id: entityIdSchema });

/** `GET /api/profiles?after=<kind>:<id>` */
export const profileListQuerySchema = z.strictObject({
  after: z
    .string()
    .regex(/^(person|organisation|team):[A-Za-z0-9_-]{8,64}$/, 'is not a profile cursor')
    .transform((cursor) => {
      const [kind, id] = cursor.split(':') as [(typeof PROFILE_KINDS)[number], string];
      return { kind, id };
    })
    .optional(),
});
