import type { Database, RootDatabase } from 'lmdb';
import type {
  AgreementAuditRecord,
  AgreementDraftPatch,
  AgreementOutcome,
  AgreementRecord,
  AgreementStore,
  DraftRefusal,
  SignatureInput,
  SignatureRefusal,
  SignerRecord,
} from './AgreementStore.js';
import { allSigned, declineRefusal, mayVoid, partiesOf, signatureRefusal, withDecline, withSignature } from './agreementRules.js';
import { prefixRange, writeDurably, type ScopedKey } from './lmdbRecords.js';

/** Sub-databases of this part, opened by {@link LmdbAgreements}. */
export const LMDB_AGREEMENT_DATABASES = 7;

type Millis<T, K extends keyof T> = Omit<T, K> & { [P in K]: number | (null extends T[P] ? null : never) };
type StoredSigner = Millis<SignerRecord, 'signedAt' | 'declinedAt'>;
type StoredAgreement = Omit<Millis<AgreementRecord, 'sentAt' | 'completedAt' | 'voidedAt' | 'createdAt' | 'updatedAt'>, 'signers'> & { signers: StoredSigner[] };
type StoredAudit = Millis<AgreementAuditRecord, 'at'>;

const time = (date: Date | null): number | null => (date === null ? null : date.getTime());
const date = (millis: number | null): Date | null => (millis === null ? null : new Date(millis));

/**
 * Agreements in `LmdbStore`. The list index keys are [accountId, agreementId] (ids sort by
 * creation time, so a reverse range is "newest first"); the audit trail's keys are
 * [agreementId, auditId], written only by `putSync` of a fresh id and never removed.
 */
export class LmdbAgreements implements AgreementStore {
  private readonly agreements: Database<StoredAgreement, string>;
  /** [accountId, agreementId] → true for the sender and each signer */
  private readonly parties: Database<true, ScopedKey>;
  private readonly audit: Database<StoredAudit, ScopedKey>;
  /** [agreementId, 'sent' | 'completed'] → PDF bytes */
  private readonly documents: Database<Uint8Array, ScopedKey>;
  /** [agreementId, accountId] → PNG bytes of a drawn signature */
  private readonly signatures: Database<Uint8Array, ScopedKey>;
  /** SHA-256 (hex) of a sealed PDF → agreement id */
  private readonly completedHashes: Database<string, string>;
  /** [responseId, agreementId] → true for agreements made from a challenge response */
  private readonly byResponse: Database<true, ScopedKey>;

  constructor(private readonly env: RootDatabase) {
    this.agreements = env.openDB({ name: 'agreements' });
    this.parties = env.openDB({ name: 'agreementParties' });
    this.audit = env.openDB({ name: 'agreementAudit' });
    this.documents = env.openDB({ name: 'agreementDocuments', encoding: 'binary' });
    this.signatures = env.openDB({ name: 'agreementSignatures', encoding: 'binary' });
    this.completedHashes = env.openDB({ name: 'agreementCompletedHashes' });
    this.byResponse = env.openDB({ name: 'agreementsByResponse' });
  }

  async createAgreement(agreement: AgreementRecord, audit: AgreementAuditRecord): Promise<void> {
    await writeDurably(this.env, () => this.putNew(agreement, audit));
  }

  async getAgreement(id: string): Promise<AgreementRecord | null> {
    const stored = this.agreements.get(id);
    return stored === undefined ? null : fromStored(stored);
  }

  async listAgreementsOf(accountId: string, limit: number): Promise<AgreementRecord[]> {
    if (limit <= 0) return [];
    const { start, end } = prefixRange(accountId);
    const found: AgreementRecord[] = [];
    for (const key of this.parties.getKeys({ start: end, end: start, reverse: true, limit })) {
      const stored = this.agreements.get(key[1]);
      if (stored !== undefined) found.push(fromStored(stored));
    }
    return found;
  }

  async listAgreementsForResponse(responseId: string): Promise<AgreementRecord[]> {
    const found: AgreementRecord[] = [];
    for (const key of this.byResponse.getKeys(prefixRange(responseId))) {
      const stored = this.agreements.get(key[1]);
      if (stored !== undefined) found.push(fromStored(stored));
    }
    return found;
  }

  async updateDraft(id: string, patch: AgreementDraftPatch): Promise<AgreementOutcome<DraftRefusal>> {
    return writeDurably(this.env, () => {
      const current = this.read(id);
      if (current === null) return { ok: false, reason: 'not_found' } as const;
      if (current.status !== 'draft') return { ok: false, reason: 'not_draft' } as const;
      const changed: AgreementRecord = { ...current, ...patch };
      for (const accountId of partiesOf(current)) this.parties.removeSync([accountId, id]);
      for (const accountId of partiesOf(changed)) this.parties.putSync([accountId, id], true);
      this.agreements.putSync(id, toStored(changed));
      return { ok: true, agreement: changed } as const;
    });
  }

  async sendAgreement(id: string, document: Uint8Array, documentSha256: string, at: Date, audit: AgreementAuditRecord): Promise<AgreementOutcome<DraftRefusal>> {
    return writeDurably(this.env, () => {
      const current = this.read(id);
      if (current === null) return { ok: false, reason: 'not_found' } as const;
      if (current.status !== 'draft') return { ok: false, reason: 'not_draft' } as const;
      const sent: AgreementRecord = { ...current, status: 'sent', documentSha256, sentAt: at, updatedAt: at };
      this.documents.putSync([id, 'sent'], document);
      this.agreements.putSync(id, toStored(sent));
      this.audit.putSync([id, audit.id], toStoredAudit(audit));
      return { ok: true, agreement: sent } as const;
    });
  }

  async recordSignature(id: string, signature: SignatureInput, audit: AgreementAuditRecord): Promise<AgreementOutcome<SignatureRefusal>> {
    return writeDurably(this.env, () => {
      const current = this.read(id);
      if (current === null) return { ok: false, reason: 'not_found' } as const;
      const refusal = signatureRefusal(current, signature.accountId, signature.documentSha256);
      if (refusal !== null) return { ok: false, reason: refusal } as const;
      const signed = withSignature(current, signature);
      if (signature.image !== null) this.signatures.putSync([id, signature.accountId], signature.image);
      this.agreements.putSync(id, toStored(signed));
      this.audit.putSync([id, audit.id], toStoredAudit(audit));
      return { ok: true, agreement: signed } as const;
    });
  }

  async recordDecline(
    id: string,
    accountId: string,
    reason: string,
    at: Date,
    audit: AgreementAuditRecord,
  ): Promise<AgreementOutcome<'not_found' | 'not_open' | 'not_signer' | 'already_signed'>> {
    return writeDurably(this.env, () => {
      const current = this.read(id);
      if (current === null) return { ok: false, reason: 'not_found' } as const;
      const refusal = declineRefusal(current, accountId);
      if (refusal !== null) return { ok: false, reason: refusal } as const;
      const declined = withDecline(current, accountId, reason, at);
      this.agreements.putSync(id, toStored(declined));
      this.audit.putSync([id, audit.id], toStoredAudit(audit));
      return { ok: true, agreement: declined } as const;
    });
  }

  async completeAgreement(
    id: string,
    document: Uint8Array,
    completedSha256: string,
    at: Date,
    audit: AgreementAuditRecord,
  ): Promise<AgreementOutcome<'not_found' | 'not_open' | 'not_ready'>> {
    return writeDurably(this.env, () => {
      const current = this.read(id);
      if (current === null) return { ok: false, reason: 'not_found' } as const;
      if (current.status !== 'sent') return { ok: false, reason: 'not_open' } as const;
      if (!allSigned(current)) return { ok: false, reason: 'not_ready' } as const;
      const completed: AgreementRecord = { ...current, status: 'completed', completedSha256, completedAt: at, updatedAt: at };
      this.documents.putSync([id, 'completed'], document);
      this.completedHashes.putSync(completedSha256, id);
      this.agreements.putSync(id, toStored(completed));
      this.audit.putSync([id, audit.id], toStoredAudit(audit));
      return { ok: true, agreement: completed } as const;
    });
  }

  async voidAgreement(
    id: string,
    reason: string,
    at: Date,
    audit: AgreementAuditRecord,
    replacement: { agreement: AgreementRecord; audit: AgreementAuditRecord } | null,
  ): Promise<AgreementOutcome<'not_found' | 'not_voidable'>> {
    return writeDurably(this.env, () => {
      const current = this.read(id);
      if (current === null) return { ok: false, reason: 'not_found' } as const;
      if (!mayVoid(current)) return { ok: false, reason: 'not_voidable' } as const;
      const voided: AgreementRecord = {
        ...current,
        status: 'voided',
        voidedAt: at,
        voidReason: reason,
        replacedBy: replacement?.agreement.id ?? null,
        updatedAt: at,
      };
      this.agreements.putSync(id, toStored(voided));
      this.audit.putSync([id, audit.id], toStoredAudit(audit));
      if (replacement !== null) this.putNew(replacement.agreement, replacement.audit);
      return { ok: true, agreement: voided } as const;
    });
  }

  async appendAudit(audit: AgreementAuditRecord, max: number): Promise<boolean> {
    return writeDurably(this.env, () => {
      if (this.audit.getKeysCount(prefixRange(audit.agreementId)) >= max) return false;
      this.audit.putSync([audit.agreementId, audit.id], toStoredAudit(audit));
      return true;
    });
  }

  async listAudit(agreementId: string): Promise<AgreementAuditRecord[]> {
    return [...this.audit.getRange(prefixRange(agreementId))].map(({ value }) => ({ ...value, at: new Date(value.at) }));
  }

  async getDocument(id: string, which: 'sent' | 'completed'): Promise<Uint8Array | null> {
    return copyOf(this.documents.get([id, which]));
  }

  async getSignatureImage(id: string, accountId: string): Promise<Uint8Array | null> {
    return copyOf(this.signatures.get([id, accountId]));
  }

  async findByCompletedSha256(sha256: string): Promise<string | null> {
    return this.completedHashes.get(sha256) ?? null;
  }

  private read(id: string): AgreementRecord | null {
    const stored = this.agreements.get(id);
    return stored === undefined ? null : fromStored(stored);
  }

  /** Inside a write: a new agreement, its list index entries and its first audit line. */
  private putNew(agreement: AgreementRecord, audit: AgreementAuditRecord): void {
    this.agreements.putSync(agreement.id, toStored(agreement));
    for (const accountId of partiesOf(agreement)) this.parties.putSync([accountId, agreement.id], true);
    if (agreement.responseId !== null) this.byResponse.putSync([agreement.responseId, agreement.id], true);
    this.audit.putSync([agreement.id, audit.id], toStoredAudit(audit));
  }
}

function toStored(agreement: AgreementRecord): StoredAgreement {
  return {
    ...agreement,
    variables: { ...agreement.variables },
    signers: agreement.signers.map((s) => ({ ...s, signedAt: time(s.signedAt), declinedAt: time(s.declinedAt) })),
    sentAt: time(agreement.sentAt),
    completedAt: time(agreement.completedAt),
    voidedAt: time(agreement.voidedAt),
    createdAt: agreement.createdAt.getTime(),
    updatedAt: agreement.updatedAt.getTime(),
  };
}

function fromStored(stored: StoredAgreement): AgreementRecord {
  return {
    ...stored,
    // Agreements stored before annexes existed have none.
    annex: stored.annex ?? null,
    signers: stored.signers.map((s) => ({ ...s, signedAt: date(s.signedAt), declinedAt: date(s.declinedAt) })),
    sentAt: date(stored.sentAt),
    completedAt: date(stored.completedAt),
    voidedAt: date(stored.voidedAt),
    createdAt: new Date(stored.createdAt),
    updatedAt: new Date(stored.updatedAt),
  };
}

function toStoredAudit(audit: AgreementAuditRecord): StoredAudit {
  return { ...audit, details: { ...audit.details }, at: audit.at.getTime() };
}

/** A plain Uint8Array (lmdb's binary reads are Buffers over a shared pool). */
function copyOf(bytes: Uint8Array | undefined): Uint8Array | null {
  return bytes === undefined ? null : new Uint8Array(bytes);
}
