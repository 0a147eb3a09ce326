import { z } from 'zod';
import { entityIdSchema } from '../boardSchemas.js';
import {
  ACCOUNT_NAME_MAX_CHARS,
  EMAIL_MAX_CHARS,
  ORGANISATION_NAME_MAX_CHARS,
  PASSWORD_MAX_BYTES,
  PASSWORD_MAX_GRAPHEMES,
  PASSWORD_MIN_GRAPHEMES,
} from '../limits.js';
import { lineText, tokenSchema } from '../schemas.js';
import { ACCOUNT_STATUSES, ORG_KINDS, ORG_ROLES, PLATFORM_ROLES, utf8Length } from './accountModel.js';
import { graphemeCount } from '../text.js';

export const platformRoleSchema = z.enum(PLATFORM_ROLES);
export const orgRoleSchema = z.enum(ORG_ROLES);
export const orgKindSchema = z.enum(ORG_KINDS);

/**
 * An email address as accounts are keyed by it: trimmed, lower-cased, one `@` with something
 * on both sides and a dot in the domain. Deliverability is not checked (no mail is sent).
 */
export const emailSchema = z
  .string()
  .transform((s) => s.normalize('NFC').trim().toLowerCase())
  .pipe(
    z
      .string()
      .max(EMAIL_MAX_CHARS, `must be at most ${EMAIL_MAX_CHARS} characters`)
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'is not an email address'),
  );

/**
 * A new password: NFC-normalised (the same password typed on another keyboard hashes alike),
 * never trimmed, PASSWORD_MIN_GRAPHEMES to PASSWORD_MAX_GRAPHEMES graphemes and at most
 * PASSWORD_MAX_BYTES bytes, so argon2 is never handed an unbounded input.
 */
export const newPasswordSchema = z
  .string()
  .max(PASSWORD_MAX_BYTES, 'is too long')
  .transform((s) => s.normalize('NFC'))
  .pipe(
    z
      .string()
      .refine((s) => utf8Length(s) <= PASSWORD_MAX_BYTES, 'is too long')
      .refine((s) => graphemeCount(s) >= PASSWORD_MIN_GRAPHEMES, `must have at least ${PASSWORD_MIN_GRAPHEMES} characters`)
      .refine((s) => graphemeCount(s) <= PASSWORD_MAX_GRAPHEMES, `must have at most ${PASSWORD_MAX_GRAPHEMES} characters`),
  );

/** A password to check at sign-in: only bounded, so a rule changed later never locks anyone out. */
export const presentedPasswordSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(PASSWORD_MAX_BYTES, 'is too long')
  .transform((s) => s.normalize('NFC'))
  .pipe(z.string().refine((s) => utf8Length(s) <= PASSWORD_MAX_BYTES, 'is too long'));

export const accountNameSchema = lineText(ACCOUNT_NAME_MAX_CHARS);
export const organisationNameSchema = lineText(ORGANISATION_NAME_MAX_CHARS);

/** `POST /api/account/login` */
export const loginBodySchema = z.strictObject({ email: emailSchema, password: presentedPasswordSchema });
export type LoginBody = z.input<typeof loginBodySchema>;

/** `POST /api/account/links/check` */
export const linkCheckBodySchema = z.strictObject({ token: tokenSchema });
export type LinkCheckBody = z.input<typeof linkCheckBodySchema>;

/** `POST /api/account/setup`: the first platform admin. */
export const setupBodySchema = z.strictObject({
  token: tokenSchema,
  email: emailSchema,
  name: accountNameSchema,
  password: newPasswordSchema,
});
export type SetupBody = z.input<typeof setupBodySchema>;

/** `POST /api/account/invites/accept`: the email is the invite's. */
export const acceptInviteBodySchema = z.strictObject({
  token: tokenSchema,
  name: accountNameSchema,
  password: newPasswordSchema,
});
export type AcceptInviteBody = z.input<typeof acceptInviteBodySchema>;

/** `POST /api/account/password-reset` */
export const resetPasswordBodySchema = z.strictObject({ token: tokenSchema, password: newPasswordSchema });
export type ResetPasswordBody = z.input<typeof resetPasswordBodySchema>;

/**
 * `POST /api/invites`. Without an organisation the invite makes a platform account only; with
 * one, `orgRole` says what the new account is there (default member).
 */
export const createInviteBodySchema = z
  .strictObject({
    email: emailSchema,
    platformRole: platformRoleSchema.default('user'),
    organisationId: entityIdSchema.nullable().default(null),
    orgRole: orgRoleSchema.nullable().default(null),
  })
  .transform((body) => ({
    ...body,
    orgRole: body.organisationId === null ? null : (body.orgRole ?? 'member'),
  }));
export type CreateInviteBody = z.input<typeof createInviteBodySchema>;

/** `PATCH /api/accounts/:accountId` (platform admins): at least one field. */
export const accountPatchBodySchema = z
  .strictObject({ platformRole: platformRoleSchema.optional(), status: z.enum(ACCOUNT_STATUSES).optional() })
  .refine((body) => body.platformRole !== undefined || body.status !== undefined, 'must change something');
export type AccountPatchBody = z.input<typeof accountPatchBodySchema>;

/** `POST /api/orgs`: a business unit needs its parent; other kinds may not have one. */
export const createOrganisationBodySchema = z
  .strictObject({
    name: organisationNameSchema,
    kind: orgKindSchema,
    parentId: entityIdSchema.nullable().default(null),
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'business_unit' && body.parentId === null) {
      ctx.addIssue({ code: 'custom', path: ['parentId'], message: 'a business unit needs its parent organisation' });
    }
    if (body.kind !== 'business_unit' && body.parentId !== null) {
      ctx.addIssue({ code: 'custom', path: ['parentId'], message: 'only a business unit has a parent organisation' });
    }
  });
export type CreateOrganisationBody = z.input<typeof createOrganisationBodySchema>;

/** `PATCH /api/orgs/:orgId`: the name (kind and parent stay as made). */
export const organisationPatchBodySchema = z.strictObject({ name: organisationNameSchema });
export type OrganisationPatchBody = z.input<typeof organisationPatchBodySchema>;

/** `PUT /api/orgs/:orgId/members/:accountId` */
export const memberPutBodySchema = z.strictObject({ role: orgRoleSchema });
export type MemberPutBody = z.input<typeof memberPutBodySchema>;

/** Route params and queries. */
export const accountParamsSchema = z.strictObject({ accountId: entityIdSchema });
export const orgParamsSchema = z.strictObject({ orgId: entityIdSchema });
export const orgMemberParamsSchema = z.strictObject({ orgId: entityIdSchema, accountId: entityIdSchema });
export const accountInviteParamsSchema = z.strictObject({ inviteId: entityIdSchema });
export const accountListQuerySchema = z.strictObject({ after: entityIdSchema.optional() });
export const inviteListQuerySchema = z.strictObject({ organisationId: entityIdSchema.optional() });
