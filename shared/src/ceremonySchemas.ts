import { z } from 'zod';
import { SCREEN_VIEWS } from './ceremonyModel.js';
import { CEREMONY_MESSAGE_MAX_CHARS, VENUE_NAME_MAX_CHARS } from './limits.js';
import { entityIdSchema } from './boardSchemas.js';
import { blockText, lineText, venueIdSchema, venueNameSchema } from './schemas.js';

export const screenViewSchema = z.enum(SCREEN_VIEWS);

/** `ceremony:finale` (facilitator): spin up and show the message (or the session title). */
export const ceremonyFinaleSchema = z.strictObject({
  message: blockText(CEREMONY_MESSAGE_MAX_CHARS).optional(),
});
export type CeremonyFinale = z.input<typeof ceremonyFinaleSchema>;

/** `screen:switch` (facilitator): all screens, or one venue's screens. */
export const screenSwitchSchema = z.strictObject({
  view: screenViewSchema,
  venueId: venueIdSchema.optional(),
});
export type ScreenSwitch = z.input<typeof screenSwitchSchema>;

/** `venue:add` (facilitator). */
export const venueAddSchema = z.strictObject({ name: venueNameSchema });
export type VenueAdd = z.input<typeof venueAddSchema>;

/** `venue:rename` (facilitator). */
export const venueRenameSchema = z.strictObject({ venueId: venueIdSchema, name: lineText(VENUE_NAME_MAX_CHARS) });
export type VenueRename = z.input<typeof venueRenameSchema>;

/** `venue:rotateScreenLink` (facilitator): the venue's old screen link stops working. */
export const venueRotateScreenLinkSchema = z.strictObject({ venueId: venueIdSchema });
export type VenueRotateScreenLink = z.input<typeof venueRotateScreenLinkSchema>;

/** `face:hide` (facilitator): hide or show a participant's face on every screen. */
export const faceHideSchema = z.strictObject({
  participantId: entityIdSchema,
  hidden: z.boolean(),
});
export type FaceHide = z.input<typeof faceHideSchema>;
