import { z } from 'zod';
import { entityIdSchema } from '../boardSchemas.js';
import { createSessionBodySchema, joinCodeSchema, tokenSchema } from '../schemas.js';
import { accountNameSchema, emailSchema, newPasswordSchema } from './accountSchemas.js';

/** `POST /api/account/signup`: a new account of one's own (when sign-up is open). */
export const signupBodySchema = z.strictObject({ email: emailSchema, name: accountNameSchema, password: newPasswordSchema });
export type SignupBody = z.input<typeof signupBodySchema>;

/**
 * `POST /api/account/claims`: keep the ideas this browser wrote in a live session. The
 * participant token proves the phone identity; the cookie, the account.
 */
export const claimBodySchema = z.strictObject({ code: joinCodeSchema, participantToken: tokenSchema });
export type ClaimBody = z.input<typeof claimBodySchema>;

/** `:code` of `/api/account/live-sessions/:code/…` */
export const liveSessionParamsSchema = z.strictObject({ code: joinCodeSchema });

/**
 * `POST /api/account/live-sessions`: a session as `POST /api/sessions` makes it, optionally run
 * for a challenge of the organiser's organisation.
 */
export const liveSessionBodySchema = createSessionBodySchema.extend({ challengeId: entityIdSchema.optional() });
export type LiveSessionBody = z.input<typeof liveSessionBodySchema>;
