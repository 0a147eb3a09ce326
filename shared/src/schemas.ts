import { z } from 'zod';
import { type RefusalReason, isRefusalReason } from './errors.js';
import { JOIN_CODE_PATTERN } from './joinCode.js';
import { LANGUAGES } from './languages.js';
import {
  DISPLAY_NAME_MAX_CHARS,
  PROTOCOL_VERSION,
  SESSION_DESCRIPTION_MAX_CHARS,
  SESSION_TITLE_MAX_CHARS,
  TOKEN_MAX_CHARS,
  VENUES_MAX,
  VENUE_NAME_MAX_CHARS,
} from './limits.js';
import { type TextCheck, type TextProblem, checkBlock, checkLine } from './text.js';

/** The session's language is the default UI language; each phone may switch. */
export const languageSchema = z.enum(LANGUAGES);

/** The reason a refused text carries: `errors.invalid` answers with it instead of `invalid_input`. */
const TEXT_REASONS = { blank: 'text_blank', too_long: 'text_too_long' } as const satisfies Record<TextProblem, RefusalReason>;

function textIssue(raw: string, check: TextCheck, max: number): z.core.$ZodRawIssue {
  const message = check.problem === 'blank' ? 'must have visible characters' : `must be at most ${max} characters`;
  return { code: 'custom', input: raw, message, params: { reason: TEXT_REASONS[check.problem ?? 'blank'] } };
}

/**
 * A single-line text field (a name or a title): cleaned by `cleanLine`; refused with
 * `text_blank` when nothing in it can be seen and `text_too_long` beyond `max` characters.
 */
export function lineText(max: number) {
  return z.string().transform((raw, ctx) => {
    const check = checkLine(raw, max);
    if (check.problem === null) return check.text;
    ctx.issues.push(textIssue(raw, check, max));
    return z.NEVER;
  });
}

/**
 * A multi-line text field: line breaks kept. Optional text with nothing visible becomes '';
 * `required` text is refused with `text_blank` instead. `text_too_long` beyond `max` characters.
 */
export function blockText(max: number, options: { required?: boolean } = {}) {
  return z.string().transform((raw, ctx) => {
    const check = checkBlock(raw, max, options);
    if (check.problem === null) return check.text;
    ctx.issues.push(textIssue(raw, check, max));
    return z.NEVER;
  });
}

/**
 * The refusal reason of a rejected payload: the first issue that names one (a text field's
 * `text_blank` or `text_too_long`), otherwise `invalid_input`.
 */
export function reasonOfIssues(error: z.ZodError): RefusalReason {
  for (const issue of error.issues) {
    const reason: unknown = issue.code === 'custom' ? issue.params?.reason : undefined;
    if (isRefusalReason(reason)) return reason;
  }
  return 'invalid_input';
}

export const joinCodeSchema = z
  .string()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(JOIN_CODE_PATTERN, 'is not a join code'));

export const tokenSchema = z
  .string()
  .min(16, 'is not a valid token')
  .max(TOKEN_MAX_CHARS, 'is not a valid token')
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a valid token');

export const displayNameSchema = lineText(DISPLAY_NAME_MAX_CHARS);

/** Venue ids are server-made ids (see server `newId`). */
export const venueIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'is not a venue id');
export const venueNameSchema = lineText(VENUE_NAME_MAX_CHARS);
/** A session's venues at creation: 1..VENUES_MAX distinct names. */
export const venueNamesSchema = z
  .array(venueNameSchema)
  .min(1, 'needs at least one venue')
  .max(VENUES_MAX, `at most ${VENUES_MAX} venues`)
  .refine((names) => new Set(names.map((n) => n.toLowerCase())).size === names.length, 'venue names must differ');

/** `POST /api/sessions` */
export const createSessionBodySchema = z.strictObject({
  title: lineText(SESSION_TITLE_MAX_CHARS),
  description: blockText(SESSION_DESCRIPTION_MAX_CHARS).optional().default(''),
  language: languageSchema.optional().default('zh'),
  /** Default: one venue named after the language ('主会场' / 'Main venue'). */
  venues: venueNamesSchema.optional(),
});
export type CreateSessionBody = z.input<typeof createSessionBodySchema>;

/** `POST /api/sessions/:code/participants` */
export const joinSessionBodySchema = z.strictObject({
  name: displayNameSchema,
  /** The venue of the QR code scanned (`?v=`); the first venue when absent. */
  venueId: venueIdSchema.optional(),
});
export type JoinSessionBody = z.input<typeof joinSessionBodySchema>;

/**
 * A token the phone makes itself to join in the handshake: 32 random bytes, base64url (as the
 * server's own tokens). Its secrecy is the phone's own: the server stores only its hash.
 */
export const joinTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a valid token');

/** Socket.IO handshake `auth`: who is connecting, to which session, with which secret. */
export const socketAuthSchema = z
  .strictObject({
    protocolVersion: z.literal(PROTOCOL_VERSION),
    /** `moderator`: the Q&A only, by a link the facilitator hands out (see `qa:rotateModeratorLink`). */
    role: z.enum(['participant', 'facilitator', 'screen', 'moderator']),
    code: joinCodeSchema,
    token: tokenSchema,
    /**
     * A phone joining in the handshake (participant only, with a token it made: `joinTokenSchema`):
     * the server makes the participant unless one already holds this token (a join whose answer
     * was lost, tried again), and then it is that participant. One connection instead of an
     * HTTP join and then a connection.
     */
    join: joinSessionBodySchema.optional(),
    // socket.io-client adds these when it tries to recover a dropped connection; when recovery
    // is not possible the handshake runs the middleware with them, and refusing them would lock
    // a phone out after its first network drop.
    pid: z.string().max(128).optional(),
    offset: z.string().max(128).optional(),
  })
  .superRefine((auth, context) => {
    if (auth.join === undefined) return;
    if (auth.role !== 'participant') context.addIssue({ code: 'custom', path: ['join'], message: 'only a participant joins' });
    else if (!joinTokenSchema.safeParse(auth.token).success) context.addIssue({ code: 'custom', path: ['token'], message: 'a joining token is 43 base64url characters' });
  });
export type SocketAuth = z.input<typeof socketAuthSchema>;
export type Role = z.infer<typeof socketAuthSchema>['role'];

/** `session:catchUp`: the version the client holds. */
export const catchUpRequestSchema = z.strictObject({ since: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
export type CatchUpRequest = z.input<typeof catchUpRequestSchema>;

/** Events that take no arguments accept `{}` (or nothing) and nothing else. */
export const noArgumentsSchema = z.strictObject({}).optional();

/** `participants:page` */
export const participantsPageRequestSchema = z.strictObject({
  after: z.string().max(64).optional(),
});
export type ParticipantsPageRequest = z.input<typeof participantsPageRequestSchema>;

/** `participant:rename` */
export const renameRequestSchema = z.strictObject({ name: displayNameSchema });
export type RenameRequest = z.input<typeof renameRequestSchema>;

/** `session:update` (facilitator only). */
export const sessionUpdateRequestSchema = z
  .strictObject({
    title: lineText(SESSION_TITLE_MAX_CHARS).optional(),
    description: blockText(SESSION_DESCRIPTION_MAX_CHARS).optional(),
    language: languageSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to update');
export type SessionUpdateRequest = z.input<typeof sessionUpdateRequestSchema>;

/** Turns zod issues into the `fields` map of an ApiError. */
export function issuesToFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    fields[key] ??= issue.message;
  }
  return fields;
}
