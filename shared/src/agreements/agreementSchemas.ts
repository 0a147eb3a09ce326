import { z } from 'zod';
import { entityIdSchema } from '../boardSchemas.js';
import { LANGUAGES } from '../languages.js';
import { blockText, lineText } from '../schemas.js';
import { emailSchema } from '../accounts/accountSchemas.js';
import {
  AGREEMENT_BODY_MAX_CHARS,
  AGREEMENT_KINDS,
  AGREEMENT_LINE_MAX_CHARS,
  AGREEMENT_REASON_MAX_CHARS,
  AGREEMENT_SIGNERS_MAX,
  SIGNATURE_PNG_MAX_BYTES,
  SIGNATURE_TYPED_MAX_CHARS,
  SIGNING_ORDERS,
} from './agreementModel.js';

/** An optional line: empty is allowed (the template shows "____"). */
const optionalLine = z.string().transform((raw) => raw.trim()).pipe(z.union([z.literal(''), lineText(AGREEMENT_LINE_MAX_CHARS)]));
const dateOrEmpty = z.union([z.literal(''), z.iso.date()]);

export const agreementVariablesSchema = z.strictObject({
  title: lineText(AGREEMENT_LINE_MAX_CHARS),
  partyA: lineText(AGREEMENT_LINE_MAX_CHARS),
  partyB: lineText(AGREEMENT_LINE_MAX_CHARS),
  reward: optionalLine,
  startDate: dateOrEmpty,
  endDate: dateOrEmpty,
  challengeTitle: optionalLine,
  proposalTitle: optionalLine,
});

/** Signers by the email of an existing account; the order is the array's. */
const signersSchema = z
  .array(z.strictObject({ email: emailSchema }))
  .min(1)
  .max(AGREEMENT_SIGNERS_MAX)
  .refine((signers) => new Set(signers.map((s) => s.email)).size === signers.length, 'lists an account twice');

/** `POST /api/agreements`: a draft. `body` is the template filled in and edited by the sender. */
export const createAgreementBodySchema = z.strictObject({
  organisationId: entityIdSchema,
  kind: z.enum(AGREEMENT_KINDS),
  language: z.enum(LANGUAGES),
  variables: agreementVariablesSchema,
  body: blockText(AGREEMENT_BODY_MAX_CHARS, { required: true }),
  signingOrder: z.enum(SIGNING_ORDERS),
  signers: signersSchema,
  /** Made from this challenge response (in review or decided); its organisation must be `organisationId`. */
  responseId: entityIdSchema.optional(),
  /** With `responseId`: attach the latest submission's frozen Markdown as an annex. */
  attachProposal: z.boolean().optional(),
});
export type CreateAgreementBody = z.input<typeof createAgreementBodySchema>;

/** `PUT /api/agreements/:agreementId`: replaces a draft's fields (not its organisation, response or annex). */
export const updateAgreementBodySchema = createAgreementBodySchema.omit({ organisationId: true, responseId: true, attachProposal: true });

/** `GET /api/agreements?responseId=`: only the agreements made from that response. */
export const agreementListQuerySchema = z.strictObject({ responseId: entityIdSchema.optional() });
export const agreementResponseParamsSchema = z.strictObject({ responseId: entityIdSchema });
export type UpdateAgreementBody = z.input<typeof updateAgreementBodySchema>;

export const agreementParamsSchema = z.strictObject({ agreementId: entityIdSchema });

/** A SHA-256 in hex, as the client saw it in the agreement. */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'is not a SHA-256');

/** Base64 of at most SIGNATURE_PNG_MAX_BYTES bytes; the server decodes it and checks it is a PNG. */
const pngBase64Schema = z
  .string()
  .max(Math.ceil(SIGNATURE_PNG_MAX_BYTES / 3) * 4, 'is too large')
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'is not base64');

/** `POST /api/agreements/:agreementId/sign` */
export const signAgreementBodySchema = z.strictObject({
  /** The signer ticked "I agree to sign electronically". */
  consent: z.literal(true),
  /** The SHA-256 of the document the signer was shown. */
  documentSha256: sha256HexSchema,
  signature: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('typed'), name: lineText(SIGNATURE_TYPED_MAX_CHARS) }),
    z.strictObject({ kind: z.literal('drawn'), png: pngBase64Schema }),
  ]),
});
export type SignAgreementBody = z.input<typeof signAgreementBodySchema>;

/** `POST /api/agreements/:agreementId/decline` and `/void` */
export const agreementReasonBodySchema = z.strictObject({ reason: blockText(AGREEMENT_REASON_MAX_CHARS, { required: true }) });
export type AgreementReasonBody = z.input<typeof agreementReasonBodySchema>;

/** `POST /api/agreements/:agreementId/correct`: void this one and start a corrected copy. */
export const correctAgreementBodySchema = agreementReasonBodySchema;
