import type {
  AgreementAnnex,
  AgreementAuditAction,
  AgreementKind,
  AgreementStatus,
  AgreementVariables,
  Language,
  SignatureKind,
  SignerStatus,
  SigningOrder,
} from '@ideasphere/shared';

/** One signer of an agreement, in signing order (`order` 0, 1, …). */
export interface SignerRecord {
  accountId: string;
  /** Name and email as they were when the signer was added (they go into the PDF). */
  name: string;
  email: string;
  order: number;
  status: SignerStatus;
  signatureKind: SignatureKind | null;
  /** The typed signature; a drawn one is kept apart (see `getSignatureImage`). */
  typedName: string | null;
  signedAt: Date | null;
  declinedAt: Date | null;
  declineReason: string | null;
  /** The SHA-256 (hex) of the sent document the signature binds to. */
  documentSha256: string | null;
}

/** An agreement as stored. The rendered PDFs and drawn signatures are kept apart from it. */
export interface AgreementRecord {
  id: string;
  organisationId: string;
  createdBy: string;
  kind: AgreementKind;
  language: Language;
  variables: AgreementVariables;
  body: string;
  signingOrder: SigningOrder;
  status: AgreementStatus;
  signers: SignerRecord[];
  documentSha256: string | null;
  completedSha256: string | null;
  sentAt: Date | null;
  completedAt: Date | null;
  voidedAt: Date | null;
  voidReason: string | null;
  replacedBy: string | null;
  copiedFrom: string | null;
  /** The challenge response it was made from (a corrected copy keeps it), or null. */
  responseId: string | null;
  /** The frozen proposal version rendered after the body; its Markdown is read from the response at sending. */
  annex: AgreementAnnex | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One line of an agreement's audit trail. `id` sorts by time (see `newId`). Never changed or removed. */
export interface AgreementAuditRecord {
  id: string;
  agreementId: string;
  action: AgreementAuditAction;
  at: Date;
  accountId: string | null;
  ip: string;
  userAgent: string;
  details: Record<string, string>;
}

/** A draft's fields that may change before it is sent. */
export type AgreementDraftPatch = Pick<AgreementRecord, 'kind' | 'language' | 'variables' | 'body' | 'signingOrder' | 'signers' | 'updatedAt'>;

export type DraftRefusal = 'not_found' | 'not_draft';

/** A signature to record: the store checks the hash, the signer and the turn in the same write. */
export interface SignatureInput {
  accountId: string;
  documentSha256: string;
  kind: SignatureKind;
  typedName: string | null;
  /** A validated PNG, for `drawn`. */
  image: Uint8Array | null;
  at: Date;
}

export type SignatureRefusal = 'not_found' | 'not_open' | 'not_signer' | 'already_signed' | 'document_changed' | 'not_your_turn';

export type AgreementOutcome<R extends string> = { ok: true; agreement: AgreementRecord } | { ok: false; reason: R };

/**
 * Agreements (`store.agreements`, in `LmdbAgreements` and `MongoAgreements`; `agreements.contract.ts`
 * tests both alike). Every state change is one atomic write that checks the state it changes
 * (still a draft, still open, the signer's turn, the document hash) and appends its audit line
 * in the same write. The audit trail can only be appended to: nothing here changes or removes
 * an entry. Pure rules shared by both stores are in `agreementRules.ts`.
 */
export interface AgreementStore {
  createAgreement(agreement: AgreementRecord, audit: AgreementAuditRecord): Promise<void>;
  getAgreement(id: string): Promise<AgreementRecord | null>;
  /** Agreements the account created or signs, newest first, at most `limit`. */
  listAgreementsOf(accountId: string, limit: number): Promise<AgreementRecord[]>;
  /** The agreements made from a challenge response (drafts, voided ones and corrected copies too), oldest first. */
  listAgreementsForResponse(responseId: string): Promise<AgreementRecord[]>;
  /** Replaces a draft's fields; refused once it is sent. */
  updateDraft(id: string, patch: AgreementDraftPatch): Promise<AgreementOutcome<DraftRefusal>>;
  /** Stores the sent PDF and its hash and moves the draft to `sent`, once. */
  sendAgreement(id: string, document: Uint8Array, documentSha256: string, at: Date, audit: AgreementAuditRecord): Promise<AgreementOutcome<DraftRefusal>>;
  recordSignature(id: string, signature: SignatureInput, audit: AgreementAuditRecord): Promise<AgreementOutcome<SignatureRefusal>>;
  /** A pending signer declines: the agreement is `declined`. */
  recordDecline(id: string, accountId: string, reason: string, at: Date, audit: AgreementAuditRecord): Promise<AgreementOutcome<'not_found' | 'not_open' | 'not_signer' | 'already_signed'>>;
  /**
   * Stores the sealed PDF and moves a `sent` agreement whose signers all signed to `completed`,
   * once; `not_ready` while someone has not signed, `not_open` when not `sent` (also when
   * already completed).
   */
  completeAgreement(id: string, document: Uint8Array, completedSha256: string, at: Date, audit: AgreementAuditRecord): Promise<AgreementOutcome<'not_found' | 'not_open' | 'not_ready'>>;
  /**
   * Voids a draft or sent agreement. With `replacement`, that new draft (a corrected copy) is
   * created in the same write and the voided one links to it.
   */
  voidAgreement(
    id: string,
    reason: string,
    at: Date,
    audit: AgreementAuditRecord,
    replacement: { agreement: AgreementRecord; audit: AgreementAuditRecord } | null,
  ): Promise<AgreementOutcome<'not_found' | 'not_voidable'>>;
  /** Appends a view or download line, unless the trail already has `max` lines; true when appended. */
  appendAudit(audit: AgreementAuditRecord, max: number): Promise<boolean>;
  /** The trail, oldest first. */
  listAudit(agreementId: string): Promise<AgreementAuditRecord[]>;
  /** The PDF as sent, or the sealed PDF. */
  getDocument(id: string, which: 'sent' | 'completed'): Promise<Uint8Array | null>;
  getSignatureImage(id: string, accountId: string): Promise<Uint8Array | null>;
  /** The completed agreement whose sealed PDF has this SHA-256 (hex). */
  findByCompletedSha256(sha256: string): Promise<string | null>;
}
