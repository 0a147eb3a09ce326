import { z } from 'zod';
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

/** The session's language is the default UI language; each phone may switch. */
export const languageSchema = z.enum(LANGUAGES);

// Control characters and bidi overrides would let a name disguise itself on the big screen.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same, but keeping the line feed for multi-line fields. */
// eslint-disable-next-line no-control-regex
const UNSAFE_BLOCK_CHARS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Counts user-perceived characters, so one emoji or one 汉字 counts as one. */
export function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** One line of text as it may be shown: NFC-normalised, unsafe characters removed, spaces collapsed. */
export function cleanLine(text: string): string {
  // Line breaks and tabs become spaces first, so two lines never run into one word.
  return text.normalize('NFC').replace(/\s+/g, ' ').replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim();
}

/** A single-line text field: NFC-normalised, unsafe characters removed, spaces collapsed. */
export function lineText(max: number) {
  return z
    .string()
    .transform(cleanLine)
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .refine((s) => charCount(s) <= max, `must be at most ${max} characters`),
    );
}

/** A multi-line text field: line breaks kept, other unsafe characters removed. */
export function blockText(max: number) {
  return z
    .string()
    .transform((s) =>
      s
        .normalize('NFC')
        .replace(/\r\n?/g, '\n')
        .replace(/[^\S\n]+/g, ' ')
        .replace(UNSAFE_BLOCK_CHARS, '')
        .trim(),
    )
    .pipe(z.string().refine((s) => charCount(s) <= max, `must be at most ${max} characters`));
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

/** Socket.IO handshake `auth`: who is connecting, to which session, with which secret. */
export const socketAuthSchema = z.strictObject({
  protocolVersion: z.literal(PROTOCOL_VERSION),
  role: z.enum(['participant', 'facilitator', 'screen']),
  code: joinCodeSchema,
  token: tokenSchema,
  // socket.io-client adds these when it tries to recover a dropped connection; when recovery
  // is not possible the handshake runs the middleware with them, and refusing them would lock
  // a phone out after its first network drop.
  pid: z.string().max(128).optional(),
  offset: z.string().max(128).optional(),
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
