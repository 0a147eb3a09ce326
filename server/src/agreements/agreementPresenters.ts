import type { AgreementAuditPublic, AgreementPublic, AgreementSummary } from '@ideasphere/shared';
import type { AgreementAuditRecord, AgreementRecord } from '../store/AgreementStore.js';
import { currentSigner } from '../store/agreementRules.js';

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/** Who is asking, and what they may do now. */
export function presentAgreement(agreement: AgreementRecord, accountId: string): AgreementPublic {
  const isSender = agreement.createdBy === accountId;
  const mine = agreement.signers.find((s) => s.accountId === accountId);
  const isSigner = mine !== undefined;
  const open = agreement.status === 'sent' && mine?.status === 'pending';
  const turn = agreement.signingOrder === 'parallel' || currentSigner(agreement)?.accountId === accountId;
  return {
    id: agreement.id,
    organisationId: agreement.organisationId,
    createdBy: agreement.createdBy,
    kind: agreement.kind,
    language: agreement.language,
    variables: { ...agreement.variables },
    body: agreement.body,
    signingOrder: agreement.signingOrder,
    status: agreement.status,
    signers: [...agreement.signers]
      .sort((a, b) => a.order - b.order)
      .map((s) => ({
        accountId: s.accountId,
        name: s.name,
        email: s.email,
        order: s.order,
        status: s.status,
        signatureKind: s.signatureKind,
        signedAt: iso(s.signedAt),
        declinedAt: iso(s.declinedAt),
        declineReason: s.declineReason,
        documentSha256: s.documentSha256,
      })),
    documentSha256: agreement.documentSha256,
    completedSha256: agreement.completedSha256,
    sentAt: iso(agreement.sentAt),
    completedAt: iso(agreement.completedAt),
    voidedAt: iso(agreement.voidedAt),
    voidReason: agreement.voidReason,
    replacedBy: agreement.replacedBy,
    copiedFrom: agreement.copiedFrom,
    responseId: agreement.responseId,
    annex: agreement.annex,
    createdAt: agreement.createdAt.toISOString(),
    you: {
      isSender,
      isSigner,
      mayEdit: isSender && agreement.status === 'draft',
      maySign: open && turn,
      mayDecline: open,
      mayVoid: isSender && (agreement.status === 'draft' || agreement.status === 'sent'),
    },
  };
}

export function presentSummary(agreement: AgreementRecord, accountId: string): AgreementSummary {
  return {
    id: agreement.id,
    title: agreement.variables.title,
    kind: agreement.kind,
    status: agreement.status,
    isSender: agreement.createdBy === accountId,
    waitingFor:
      agreement.status === 'sent'
        ? [...agreement.signers].sort((a, b) => a.order - b.order).filter((s) => s.status === 'pending').map((s) => s.name)
        : [],
    createdAt: agreement.createdAt.toISOString(),
  };
}

export function presentAudit(entry: AgreementAuditRecord, names: ReadonlyMap<string, string>): AgreementAuditPublic {
  return {
    id: entry.id,
    action: entry.action,
    at: entry.at.toISOString(),
    accountId: entry.accountId,
    accountName: entry.accountId === null ? null : (names.get(entry.accountId) ?? null),
    ip: entry.ip,
    userAgent: entry.userAgent,
    details: { ...entry.details },
  };
}
