import type { AgreementRecord } from '../store/AgreementStore.js';
import { errors } from '../errors.js';
import type { Actor } from '../accounts/accountPolicy.js';

/** What an account may ask to do with agreements. */
export type AgreementAction =
  | { kind: 'agreement:create'; organisationId: string }
  | { kind: 'agreement:view'; agreement: AgreementRecord }
  | { kind: 'agreement:edit'; agreement: AgreementRecord }
  | { kind: 'agreement:sign'; agreement: AgreementRecord }
  | { kind: 'agreement:void'; agreement: AgreementRecord };

export type AgreementVerdict = null | 'agreement_not_found' | 'organisation_not_found' | 'role_forbidden' | 'agreement_not_editable' | 'agreement_not_signer' | 'agreement_not_voidable';

/**
 * The agreements' one authorization policy. The parties are the sender (the organisation
 * member who created it) and the signers; anyone else is told the agreement does not exist.
 * Signers see it only once sent (a draft is the sender's). Only the sender edits and sends,
 * only while a draft; only the sender voids, only before completion; only a signer signs or
 * declines (whose turn it is, the store decides in the same write as the signature).
 */
export function judgeAgreement(actor: Actor, action: AgreementAction): AgreementVerdict {
  if (action.kind === 'agreement:create') {
    const member = actor.memberships.has(action.organisationId) || actor.account.platformRole === 'platform_admin';
    return member ? null : 'organisation_not_found';
  }
  const { agreement } = action;
  const isSender = agreement.createdBy === actor.account.id;
  const isSigner = agreement.status !== 'draft' && agreement.signers.some((s) => s.accountId === actor.account.id);
  if (!isSender && !isSigner) return 'agreement_not_found';
  switch (action.kind) {
    case 'agreement:view':
      return null;
    case 'agreement:edit':
      if (!isSender) return 'role_forbidden';
      return agreement.status === 'draft' ? null : 'agreement_not_editable';
    case 'agreement:sign':
      return isSigner ? null : 'agreement_not_signer';
    case 'agreement:void':
      if (!isSender) return 'role_forbidden';
      return agreement.status === 'draft' || agreement.status === 'sent' ? null : 'agreement_not_voidable';
  }
}

/** Throws the refusal for an action the policy does not allow. */
export function authorizeAgreement(actor: Actor, action: AgreementAction): void {
  const verdict = judgeAgreement(actor, action);
  switch (verdict) {
    case null:
      return;
    case 'agreement_not_found':
      throw errors.agreementNotFound();
    case 'organisation_not_found':
      throw errors.organisationNotFound();
    case 'role_forbidden':
      throw errors.forbidden(action.kind === 'agreement:void' ? 'void this agreement (its sender may)' : 'change this agreement (its sender may)');
    case 'agreement_not_editable':
      throw errors.agreementNotEditable();
    case 'agreement_not_signer':
      throw errors.agreementNotSigner();
    case 'agreement_not_voidable':
      throw errors.agreementNotVoidable();
  }
}
