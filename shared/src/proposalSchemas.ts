import { z } from 'zod';
import { entityIdSchema, sectionKeySchema } from './boardSchemas.js';
import {
  COMMENT_MAX_CHARS,
  COMMENT_QUOTE_MAX_CHARS,
  PROPOSAL_SOURCE_IDEAS_MAX,
  PROPOSAL_TITLE_MAX_CHARS,
  VERSION_NAME_MAX_CHARS,
} from './limits.js';
import { INVITE_ROLES, PROPOSAL_EVENT_KINDS, PROPOSAL_ROLES } from './proposalModel.js';
import { blockText, displayNameSchema, lineText, tokenSchema } from './schemas.js';

export const proposalRoleSchema = z.enum(PROPOSAL_ROLES);
export const inviteRoleSchema = z.enum(INVITE_ROLES);

/** `POST /api/sessions/:code/proposals` */
export const createProposalBodySchema = z.strictObject({
  ideaIds: z
    .array(entityIdSchema)
    .min(1)
    .max(PROPOSAL_SOURCE_IDEAS_MAX)
    .transform((ids) => [...new Set(ids)]),
  title: lineText(PROPOSAL_TITLE_MAX_CHARS).optional(),
});
export type CreateProposalBody = z.input<typeof createProposalBodySchema>;

/** `POST /api/proposals/:id/members` */
export const joinProposalBodySchema = z.strictObject({
  invite: tokenSchema,
  name: displayNameSchema,
});
export type JoinProposalBody = z.input<typeof joinProposalBodySchema>;

/** `PATCH /api/proposals/:id/members/:memberId` (owner). */
export const memberRoleBodySchema = z.strictObject({ role: proposalRoleSchema });
export type MemberRoleBody = z.input<typeof memberRoleBodySchema>;

/** base64 of an encoded Y.RelativePosition (a few dozen bytes). */
const relativePositionSchema = z
  .string()
  .min(4)
  .max(512)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'is not base64');

export const commentAnchorSchema = z.strictObject({
  section: sectionKeySchema,
  start: relativePositionSchema,
  end: relativePositionSchema,
  quote: blockText(COMMENT_QUOTE_MAX_CHARS),
});

/** `POST /api/proposals/:id/comments` */
export const commentCreateBodySchema = z.strictObject({
  anchor: commentAnchorSchema,
  body: blockText(COMMENT_MAX_CHARS, { required: true }),
});
export type CommentCreateBody = z.input<typeof commentCreateBodySchema>;

/** `POST /api/proposals/:id/comments/:cid/replies` */
export const commentReplyBodySchema = z.strictObject({
  body: blockText(COMMENT_MAX_CHARS, { required: true }),
});
export type CommentReplyBody = z.input<typeof commentReplyBodySchema>;

/** `PATCH /api/proposals/:id/comments/:cid` */
export const commentPatchBodySchema = z.strictObject({ resolved: z.boolean() });
export type CommentPatchBody = z.input<typeof commentPatchBodySchema>;

/** `POST /api/proposals/:id/versions` */
export const versionCreateBodySchema = z.strictObject({ name: lineText(VERSION_NAME_MAX_CHARS) });
export type VersionCreateBody = z.input<typeof versionCreateBodySchema>;

/** Route params. */
export const proposalParamsSchema = z.strictObject({ id: entityIdSchema });
export const memberParamsSchema = z.strictObject({ id: entityIdSchema, memberId: entityIdSchema });
export const inviteParamsSchema = z.strictObject({ id: entityIdSchema, role: inviteRoleSchema });
export const commentParamsSchema = z.strictObject({ id: entityIdSchema, cid: entityIdSchema });
export const versionParamsSchema = z.strictObject({ id: entityIdSchema, vid: entityIdSchema });

/** `GET /api/proposals/:id/export.md?comments=yes` */
export const exportQuerySchema = z.strictObject({
  comments: z.enum(['yes', 'no']).optional().default('no'),
});

/** `?token=` of the /yjs upgrade. */
export const yjsQuerySchema = z.object({ token: tokenSchema });

/** The JSON of custom message 100 (clients may validate what they receive with it). */
export const proposalEventSchema = z.strictObject({ kind: z.enum(PROPOSAL_EVENT_KINDS) });
