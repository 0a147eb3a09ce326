import { Schema, type ClientSession, type Connection } from 'mongoose';
import type {
  AgreementAuditRecord,
  AgreementDraftPatch,
  AgreementOutcome,
  AgreementRecord,
  AgreementStore,
  DraftRefusal,
  SignatureInput,
  SignatureRefusal,
} from './AgreementStore.js';
import { allSigned, declineRefusal, mayVoid, partiesOf, signatureRefusal, withDecline, withSignature } from './agreementRules.js';
import type { AsDoc } from './mongoModels.js';
import { inTransaction } from './mongoTransactions.js';

/** The stored agreement, with the list index field `parties` (sender and signers). */
type AgreementDoc = AsDoc<AgreementRecord> & { parties: string[] };
type AuditDoc = AsDoc<AgreementAuditRecord>;
interface BlobDoc {
  _id: string;
  agreementId: string;
  bytes: Buffer;
}

const signerSchema = new Schema(
  {
    accountId: { type: String, required: true },
    name: { type: String, required: true },
    email: { type: String, required: true },
    order: { type: Number, required: true },
    status: { type: String, required: true },
    signatureKind: { type: String, default: null },
    typedName: { type: String, default: null },
    signedAt: { type: Date, default: null },
    declinedAt: { type: Date, default: null },
    declineReason: { type: String, default: null },
    documentSha256: { type: String, default: null },
  },
  { _id: false },
);

const agreementSchema = new Schema<AgreementDoc>(
  {
    _id: { type: String, required: true },
    organisationId: { type: String, required: true },
    createdBy: { type: String, required: true },
    kind: { type: String, required: true },
    language: { type: String, required: true },
    variables: { type: Schema.Types.Mixed, required: true },
    body: { type: String, required: true },
    signingOrder: { type: String, required: true },
    status: { type: String, required: true },
    signers: { type: [signerSchema], default: [] },
    documentSha256: { type: String, default: null },
    completedSha256: { type: String, default: null },
    sentAt: { type: Date, default: null },
    completedAt: { type: Date, default: null },
    voidedAt: { type: Date, default: null },
    voidReason: { type: String, default: null },
    replacedBy: { type: String, default: null },
    copiedFrom: { type: String, default: null },
    responseId: { type: String, default: null },
    annex: { type: Schema.Types.Mixed, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    parties: { type: [String], default: [] },
  },
  { collection: 'agreements', versionKey: false, minimize: false },
);
// "My agreements" (sender or signer), newest first; verification by the sealed PDF's hash.
agreementSchema.index({ parties: 1, _id: -1 });
// The agreements made from a challenge response, oldest first.
agreementSchema.index({ responseId: 1, _id: 1 }, { partialFilterExpression: { responseId: { $type: 'string' } } });
agreementSchema.index({ completedSha256: 1 }, { unique: true, partialFilterExpression: { completedSha256: { $type: 'string' } } });

const auditSchema = new Schema<AuditDoc>(
  {
    _id: { type: String, required: true },
    agreementId: { type: String, required: true },
    action: { type: String, required: true },
    at: { type: Date, required: true },
    accountId: { type: String, default: null },
    ip: { type: String, required: true },
    userAgent: { type: String, default: '' },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'agreementAudit', versionKey: false, minimize: false },
);
// One agreement's trail in time order (ids sort by time).
auditSchema.index({ agreementId: 1, _id: 1 });

/** PDFs (`<agreementId>:sent`, `:completed`) and drawn signatures (`<agreementId>:<accountId>`). */
const blobSchema = new Schema<BlobDoc>(
  { _id: { type: String, required: true }, agreementId: { type: String, required: true }, bytes: { type: Buffer, required: true } },
  { versionKey: false },
);

function compileModels(connection: Connection) {
  return {
    agreements: connection.model('Agreement', agreementSchema),
    audit: connection.model('AgreementAudit', auditSchema),
    documents: connection.model('AgreementDocument', blobSchema, 'agreementDocuments'),
    signatures: connection.model('AgreementSignature', blobSchema, 'agreementSignatures'),
  };
}

/**
 * Agreements in `MongoStore`. Each change reads the agreement and writes it back in one
 * snapshot transaction, so two signers at the same instant conflict and one is retried on the
 * other's result (the rules in agreementRules.ts decide again). The audit collection is only
 * ever inserted into.
 */
export class MongoAgreements implements AgreementStore {
  private readonly models: ReturnType<typeof compileModels>;

  constructor(private readonly connection: Connection) {
    this.models = compileModels(connection);
  }

  async buildIndexes(): Promise<void> {
    for (const model of Object.values(this.models)) {
      await model.createCollection();
      await model.syncIndexes();
    }
  }

  async createAgreement(agreement: AgreementRecord, audit: AgreementAuditRecord): Promise<void> {
    await inTransaction(this.connection, async (session) => {
      await this.insertNew(agreement, audit, session);
    });
  }

  async getAgreement(id: string): Promise<AgreementRecord | null> {
    const doc = await this.models.agreements.findById(id).lean<AgreementDoc>().exec();
    return doc === null ? null : fromDoc(doc);
  }

  async listAgreementsOf(accountId: string, limit: number): Promise<AgreementRecord[]> {
    if (limit <= 0) return [];
    const docs = await this.models.agreements.find({ parties: accountId }).sort({ _id: -1 }).limit(limit).lean<AgreementDoc[]>().exec();
    return docs.map(fromDoc);
  }

  async listAgreementsForResponse(responseId: string): Promise<AgreementRecord[]> {
    const docs = await this.models.agreements.find({ responseId }).sort({ _id: 1 }).lean<AgreementDoc[]>().exec();
    return docs.map(fromDoc);
  }

  async updateDraft(id: string, patch: AgreementDraftPatch): Promise<AgreementOutcome<DraftRefusal>> {
    return this.change<DraftRefusal>(id, async (current) => {
      if (current.status !== 'draft') return { ok: false, reason: 'not_draft' };
      return { ok: true, agreement: { ...current, ...patch } };
    });
  }

  async sendAgreement(id: string, document: Uint8Array, documentSha256: string, at: Date, audit: AgreementAuditRecord): Promise<AgreementOutcome<DraftRefusal>> {
    return this.change<DraftRefusal>(id, async (current, session) => {
      if (current.status !== 'draft') return { ok: false, reason: 'not_draft' };
      await this.models.documents.create([{ _id: `${id}:sent`, agreementId: id, bytes: Buffer.from(document) }], { session });
      await this.insertAudit(audit, session);
      return { ok: true, agreement: { ...current, status: 'sent', documentSha256, sentAt: at, updatedAt: at } };
    });
  }

  async recordSignature(id: string, signature: SignatureInput, audit: AgreementAuditRecord): Promise<AgreementOutcome<SignatureRefusal>> {
    return this.change<SignatureRefusal>(id, async (current, session) => {
      const refusal = signatureRefusal(current, signature.accountId, signature.documentSha256);
      if (refusal !== null) return { ok: false, reason: refusal };
      if (signature.image !== null) {
        await this.models.signatures.create([{ _id: `${id}:${signature.accountId}`, agreementId: id, bytes: Buffer.from(signature.image) }], { session });
      }
      await this.insertAudit(audit, session);
      return { ok: true, agreement: withSignature(current, signature) };
    });
  }

  async recordDecline(
    id: string,
    accountId: string,
    reason: string,
    at: Date,
    audit: AgreementAuditRecord,
  ): Promise<AgreementOutcome<'not_found' | 'not_open' | 'not_signer' | 'already_signed'>> {
    return this.change<'not_open' | 'not_signer' | 'already_signed'>(id, async (current, session) => {
      const refusal = declineRefusal(current, accountId);
      if (refusal !== null) return { ok: false, reason: refusal };
      await this.insertAudit(audit, session);
      return { ok: true, agreement: withDecline(current, accountId, reason, at) };
    });
  }

  async completeAgreement(
    id: string,
    document: Uint8Array,
    completedSha256: string,
    at: Date,
    audit: AgreementAuditRecord,
  ): Promise<AgreementOutcome<'not_found' | 'not_open' | 'not_ready'>> {
    return this.change<'not_open' | 'not_ready'>(id, async (current, session) => {
      if (current.status !== 'sent') return { ok: false, reason: 'not_open' };
      if (!allSigned(current)) return { ok: false, reason: 'not_ready' };
      await this.models.documents.create([{ _id: `${id}:completed`, agreementId: id, bytes: Buffer.from(document) }], { session });
      await this.insertAudit(audit, session);
      return { ok: true, agreement: { ...current, status: 'completed', completedSha256, completedAt: at, updatedAt: at } };
    });
  }

  async voidAgreement(
    id: string,
    reason: string,
    at: Date,
    audit: AgreementAuditRecord,
    replacement: { agreement: AgreementRecord; audit: AgreementAuditRecord } | null,
  ): Promise<AgreementOutcome<'not_found' | 'not_voidable'>> {
    return this.change<'not_voidable'>(id, async (current, session) => {
      if (!mayVoid(current)) return { ok: false, reason: 'not_voidable' };
      await this.insertAudit(audit, session);
      if (replacement !== null) await this.insertNew(replacement.agreement, replacement.audit, session);
      return {
        ok: true,
        agreement: { ...current, status: 'voided', voidedAt: at, voidReason: reason, replacedBy: replacement?.agreement.id ?? null, updatedAt: at },
      };
    });
  }

  async appendAudit(audit: AgreementAuditRecord, max: number): Promise<boolean> {
    return inTransaction(this.connection, async (session) => {
      if ((await this.models.audit.countDocuments({ agreementId: audit.agreementId }).session(session).exec()) >= max) return false;
      await this.insertAudit(audit, session);
      return true;
    });
  }

  async listAudit(agreementId: string): Promise<AgreementAuditRecord[]> {
    const docs = await this.models.audit.find({ agreementId }).sort({ _id: 1 }).lean<AuditDoc[]>().exec();
    return docs.map(({ _id, ...fields }) => ({ ...fields, id: _id, details: fields.details ?? {} }));
  }

  async getDocument(id: string, which: 'sent' | 'completed'): Promise<Uint8Array | null> {
    const doc = await this.models.documents.findById(`${id}:${which}`).lean<BlobDoc>().exec();
    return doc === null ? null : bytesOf(doc.bytes);
  }

  async getSignatureImage(id: string, accountId: string): Promise<Uint8Array | null> {
    const doc = await this.models.signatures.findById(`${id}:${accountId}`).lean<BlobDoc>().exec();
    return doc === null ? null : bytesOf(doc.bytes);
  }

  async findByCompletedSha256(sha256: string): Promise<string | null> {
    const doc = await this.models.agreements.findOne({ completedSha256: sha256 }, { _id: 1 }).lean<{ _id: string }>().exec();
    return doc?._id ?? null;
  }

  /**
   * Reads the agreement, asks `decide`, and writes its answer (with the list index) in one
   * transaction; a refusal writes nothing.
   */
  private async change<R extends string>(
    id: string,
    decide: (current: AgreementRecord, session: ClientSession) => Promise<AgreementOutcome<R>>,
  ): Promise<AgreementOutcome<R | 'not_found'>> {
    return inTransaction(this.connection, async (session) => {
      const doc = await this.models.agreements.findById(id).session(session).lean<AgreementDoc>().exec();
      if (doc === null) return { ok: false, reason: 'not_found' } as const;
      const outcome = await decide(fromDoc(doc), session);
      if (!outcome.ok) return outcome;
      const { id: _id, ...fields } = outcome.agreement;
      await this.models.agreements.replaceOne({ _id: id }, { ...fields, parties: partiesOf(outcome.agreement) }, { session }).exec();
      return outcome;
    });
  }

  private async insertNew(agreement: AgreementRecord, audit: AgreementAuditRecord, session: ClientSession): Promise<void> {
    const { id, ...fields } = agreement;
    await this.models.agreements.create([{ _id: id, ...fields, parties: partiesOf(agreement) }], { session });
    await this.insertAudit(audit, session);
  }

  private async insertAudit(audit: AgreementAuditRecord, session: ClientSession): Promise<void> {
    const { id, ...fields } = audit;
    await this.models.audit.create([{ _id: id, ...fields }], { session });
  }
}

function fromDoc(doc: AgreementDoc): AgreementRecord {
  const { _id, parties: _parties, ...fields } = doc;
  const annex = fields.annex ? { versionId: fields.annex.versionId, sha256: fields.annex.sha256, title: fields.annex.title } : null;
  return { ...fields, id: _id, annex, signers: fields.signers.map((s) => ({ ...s })) };
}

/** A lean read gives the driver's Binary, not a Buffer. */
function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  const binary = value as { buffer: Uint8Array };
  return new Uint8Array(binary.buffer);
}
