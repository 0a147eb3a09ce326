import type { AgreementRecord, SignatureInput, SignatureRefusal, SignerRecord } from './AgreementStore.js';

/*
 * The rules of an agreement's state changes, as pure functions over the stored record: both
 * stores read the record, ask here, and write the answer in the same transaction, so LMDB and
 * MongoDB cannot disagree about whose turn it is.
 */

/** The signer whose turn it is in a sequential agreement: the first pending one in order. */
export function currentSigner(agreement: AgreementRecord): SignerRecord | null {
  return [...agreement.signers].sort((a, b) => a.order - b.order).find((s) => s.status === 'pending') ?? null;
}

/** May this account sign now? Null when yes, else why not. */
export function signatureRefusal(agreement: AgreementRecord, accountId: string, documentSha256: string): SignatureRefusal | null {
  if (agreement.status !== 'sent') return 'not_open';
  const signer = agreement.signers.find((s) => s.accountId === accountId);
  if (signer === undefined) return 'not_signer';
  if (signer.status !== 'pending') return 'already_signed';
  if (agreement.documentSha256 !== documentSha256) return 'document_changed';
  if (agreement.signingOrder === 'sequential' && currentSigner(agreement)?.accountId !== accountId) return 'not_your_turn';
  return null;
}

/** The agreement with this signature recorded (not yet completed: that needs the sealed PDF). */
export function withSignature(agreement: AgreementRecord, signature: SignatureInput): AgreementRecord {
  return {
    ...agreement,
    signers: agreement.signers.map((s) =>
      s.accountId === signature.accountId
        ? { ...s, status: 'signed', signatureKind: signature.kind, typedName: signature.typedName, signedAt: signature.at, documentSha256: signature.documentSha256 }
        : s,
    ),
    updatedAt: signature.at,
  };
}

export function declineRefusal(agreement: AgreementRecord, accountId: string): 'not_open' | 'not_signer' | 'already_signed' | null {
  if (agreement.status !== 'sent') return 'not_open';
  const signer = agreement.signers.find((s) => s.accountId === accountId);
  if (signer === undefined) return 'not_signer';
  return signer.status === 'pending' ? null : 'already_signed';
}

export function withDecline(agreement: AgreementRecord, accountId: string, reason: string, at: Date): AgreementRecord {
  return {
    ...agreement,
    status: 'declined',
    signers: agreement.signers.map((s) => (s.accountId === accountId ? { ...s, status: 'declined', declinedAt: at, declineReason: reason } : s)),
    updatedAt: at,
  };
}

export function allSigned(agreement: AgreementRecord): boolean {
  return agreement.signers.length > 0 && agreement.signers.every((s) => s.status === 'signed');
}

export function mayVoid(agreement: AgreementRecord): boolean {
  return agreement.status === 'draft' || agreement.status === 'sent';
}

/** Everyone who is a party: the sender and the signers (the list index keys). */
export function partiesOf(agreement: AgreementRecord): string[] {
  return [...new Set([agreement.createdBy, ...agreement.signers.map((s) => s.accountId)])];
}
