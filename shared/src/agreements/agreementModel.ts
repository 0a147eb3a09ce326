import type { Language } from '../languages.js';

/**
 * Electronic agreements (issue 13): a contract made from a template, sent to signers, signed on
 * the platform and sealed. Limits are defined once here and used by the server's schemas and
 * the client's forms alike. docs/agreements.md says what the seal does and does not prove;
 * docs/protocol.md ("Agreements") has the routes.
 */

/** The templates (server/src/agreements/templates/), each in zh and en. */
export const AGREEMENT_KINDS = ['nda', 'cooperation', 'ip_licence', 'ip_assignment'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/** draft → sent → completed | declined | voided (a draft may be voided too). */
export const AGREEMENT_STATUSES = ['draft', 'sent', 'completed', 'declined', 'voided'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** Sequential: signers in their order, one at a time. Parallel: any pending signer, any time. */
export const SIGNING_ORDERS = ['sequential', 'parallel'] as const;
export type SigningOrder = (typeof SIGNING_ORDERS)[number];

export const SIGNER_STATUSES = ['pending', 'signed', 'declined'] as const;
export type SignerStatus = (typeof SIGNER_STATUSES)[number];

/** A typed name (drawn in a script face in the PDF) or a PNG drawn on a canvas. */
export const SIGNATURE_KINDS = ['typed', 'drawn'] as const;
export type SignatureKind = (typeof SIGNATURE_KINDS)[number];

/** What the audit trail records, with server time, account, address and user agent. */
export const AGREEMENT_AUDIT_ACTIONS = ['created', 'sent', 'viewed', 'signed', 'declined', 'voided', 'completed', 'downloaded'] as const;
export type AgreementAuditAction = (typeof AGREEMENT_AUDIT_ACTIONS)[number];

/** Title, party names, reward, references (challenge, proposal title): one line each. */
export const AGREEMENT_LINE_MAX_CHARS = 200;
/** The agreement's text (the template filled in, then edited): at most this many characters. */
export const AGREEMENT_BODY_MAX_CHARS = 20_000;
/** Signers of one agreement. */
export const AGREEMENT_SIGNERS_MAX = 10;
/** A decline or void reason. */
export const AGREEMENT_REASON_MAX_CHARS = 1_000;
/** A typed signature (a name). */
export const SIGNATURE_TYPED_MAX_CHARS = 80;
/** A drawn signature: a PNG of at most this many bytes… */
export const SIGNATURE_PNG_MAX_BYTES = 300 * 1024;
/** …and within these dimensions (pixels). */
export const SIGNATURE_PNG_MIN_WIDTH = 40;
export const SIGNATURE_PNG_MIN_HEIGHT = 20;
export const SIGNATURE_PNG_MAX_WIDTH = 2_000;
export const SIGNATURE_PNG_MAX_HEIGHT = 1_000;
/** A create or draft change body (the text is up to 20 000 characters of 3-byte Chinese). */
export const AGREEMENT_JSON_MAX_BYTES = 128 * 1024;
/** A signature body: the PNG as base64 plus a little. */
export const AGREEMENT_SIGN_JSON_MAX_BYTES = Math.ceil((SIGNATURE_PNG_MAX_BYTES * 4) / 3) + 4 * 1024;
/** A PDF uploaded to the public verification page. */
export const AGREEMENT_VERIFY_MAX_BYTES = 10 * 1024 * 1024;
/** Agreements one list answers (newest first). */
export const AGREEMENT_LIST_MAX = 200;
/**
 * Audit entries kept per agreement. State changes are always recorded; views and downloads
 * stop being recorded past this, so a reload loop cannot grow the log without bound.
 */
export const AGREEMENT_AUDIT_MAX = 1_000;
/** Verification uploads one address may make per minute (the page is public). */
export const AGREEMENT_VERIFY_PER_IP_PER_MINUTE = 10;

/** The fill-ins of a template. Dates are `YYYY-MM-DD` or empty. */
export interface AgreementVariables {
  title: string;
  /** The sender's side (an organisation or person). */
  partyA: string;
  /** The other side. */
  partyB: string;
  reward: string;
  startDate: string;
  endDate: string;
  /** Free-text references, e.g. the challenge and the proposal the agreement is about. */
  challengeTitle: string;
  proposalTitle: string;
}

export const AGREEMENT_VARIABLE_NAMES = ['title', 'partyA', 'partyB', 'reward', 'startDate', 'endDate', 'challengeTitle', 'proposalTitle'] as const satisfies readonly (keyof AgreementVariables)[];

export interface AgreementSignerPublic {
  accountId: string;
  name: string;
  email: string;
  order: number;
  status: SignerStatus;
  signatureKind: SignatureKind | null;
  signedAt: string | null;
  declinedAt: string | null;
  declineReason: string | null;
  /** The SHA-256 (hex) of the sent document this signer signed. */
  documentSha256: string | null;
}

export interface AgreementAuditPublic {
  id: string;
  action: AgreementAuditAction;
  at: string;
  accountId: string | null;
  accountName: string | null;
  ip: string;
  userAgent: string;
  details: Record<string, string>;
}

/** What a party sees of an agreement. */
export interface AgreementPublic {
  id: string;
  organisationId: string;
  createdBy: string;
  kind: AgreementKind;
  language: Language;
  variables: AgreementVariables;
  body: string;
  signingOrder: SigningOrder;
  status: AgreementStatus;
  signers: AgreementSignerPublic[];
  /** SHA-256 (hex) of the PDF as sent; null while a draft. */
  documentSha256: string | null;
  /** SHA-256 (hex) of the sealed, completed PDF. */
  completedSha256: string | null;
  sentAt: string | null;
  completedAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  /** A corrected version that replaced this one, and the one this was copied from. */
  replacedBy: string | null;
  copiedFrom: string | null;
  /** The challenge response (in review or decided) it was made from, or null. */
  responseId: string | null;
  /** The frozen proposal version attached as an annex (rendered after the body), or null. */
  annex: AgreementAnnex | null;
  createdAt: string;
  /** What the asking account may do now. */
  you: { isSender: boolean; isSigner: boolean; mayEdit: boolean; maySign: boolean; mayDecline: boolean; mayVoid: boolean };
}

/** A response's frozen proposal version, attached to an agreement: the latest submission's Markdown export and its SHA-256. */
export interface AgreementAnnex {
  versionId: string;
  /** Lower-case hex SHA-256 of the Markdown export (as recorded at submission). */
  sha256: string;
  /** The proposal's title, as the annex heading shows it. */
  title: string;
}

/** Challenge statuses in which an agreement may be made from one of its responses. */
export const AGREEMENT_FROM_RESPONSE_STATUSES = ['in_review', 'decided'] as const;

/**
 * `GET /api/agreements/from-response/:responseId`: what the platform knows, to fill a new
 * agreement from a response (all of it editable in the form before sending).
 */
export interface AgreementPrefill {
  responseId: string;
  organisationId: string;
  variables: AgreementVariables;
  /** The sender first (for the organisation), then the team's owner and members. */
  signers: { email: string; name: string }[];
  /** The latest submission, to attach as the annex; null if there is none. */
  annex: AgreementAnnex | null;
}

/** One row of "my agreements". */
export interface AgreementSummary {
  id: string;
  title: string;
  kind: AgreementKind;
  status: AgreementStatus;
  isSender: boolean;
  /** Names of signers who still have to sign (in order). */
  waitingFor: string[];
  createdAt: string;
}

/** `POST /api/agreements/verify` (public): what a PDF is. */
export type AgreementVerification =
  | {
      result: 'valid';
      agreementId: string;
      title: string;
      completedAt: string;
      sha256: string;
      signers: { name: string; signedAt: string }[];
    }
  /** The PDF carries our seal but its bytes changed after sealing (or the seal does not verify). */
  | { result: 'modified'; sha256: string; detail: 'digest_mismatch' | 'signature_invalid' }
  /** Not a completed agreement of this platform. */
  | { result: 'unknown'; sha256: string };

/** A template as the create form shows it (`GET /api/agreements/templates`). */
export interface AgreementTemplatePublic {
  kind: AgreementKind;
  language: Language;
  /** The text with `{{variable}}` placeholders (see fillAgreementTemplate). */
  body: string;
}

/** Fills `{{name}}` placeholders with the variables; an empty variable leaves a blank line "____". */
export function fillAgreementTemplate(template: string, variables: AgreementVariables): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    if (!(AGREEMENT_VARIABLE_NAMES as readonly string[]).includes(name)) return whole;
    const value = variables[name as keyof AgreementVariables];
    return value === '' ? '____' : value;
  });
}
