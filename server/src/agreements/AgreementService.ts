import { createHash } from 'node:crypto';
import {
  AGREEMENT_AUDIT_MAX,
  AGREEMENT_LINE_MAX_CHARS,
  AGREEMENT_LIST_MAX,
  type AgreementAnnex,
  type AgreementPrefill,
  truncateGraphemes,
  type AgreementAuditAction,
  type AgreementAuditPublic,
  type AgreementPublic,
  type AgreementSummary,
  type AgreementTemplatePublic,
  type AgreementVerification,
  type createAgreementBodySchema,
  type signAgreementBodySchema,
  type updateAgreementBodySchema,
} from '@ideasphere/shared';
import type { z } from 'zod';
import type { Actor } from '../accounts/accountPolicy.js';
import type { NotificationService } from '../accounts/NotificationService.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import type { Log } from '../logger.js';
import type { Links } from '../presenters.js';
import type { AccountStore } from '../store/AccountStore.js';
import type { AgreementAuditRecord, AgreementRecord, AgreementStore, SignerRecord } from '../store/AgreementStore.js';
import { allSigned, currentSigner } from '../store/agreementRules.js';
import { authorizeAgreement } from './agreementPolicy.js';
import { presentAgreement, presentAudit, presentSummary } from './agreementPresenters.js';
import type { PlatformSeal } from './PlatformSeal.js';
import { renderSentDocument } from './renderAgreement.js';
import { sealCompletedAgreement } from './sealDocument.js';
import { validSignaturePng } from './signatureImage.js';
import { allTemplates } from './templates/index.js';
import { inspectSeal } from './verifySeal.js';

/** What a challenge response offers an agreement made from it (the responses domain answers, asking its own policy). */
export interface ResponseFacts {
  organisationId: string;
  organisationName: string;
  challengeTitle: string;
  reward: string;
  teamName: string;
  proposalTitle: string;
  /** The team's owner first, then its members. */
  team: { name: string; email: string }[];
  /** The latest submission, or null. */
  latest: { versionId: string; sha256: string } | null;
}

/** The responses domain, as agreements use it. */
export interface AgreementResponses {
  /** The facts of a response, if `actor` (a member of its challenge's organisation) may make an agreement from it; else throws the refusal. */
  factsFor(actor: Actor, responseId: string): Promise<ResponseFacts>;
  /** The Markdown export of a frozen version of the response's proposal. */
  versionMarkdownOf(responseId: string, versionId: string): Promise<string>;
}

/** Where a request came from, for the audit trail. */
export interface RequestOrigin {
  ip: string;
  userAgent: string;
}

/** A user agent is kept to this many characters in the trail. */
const USER_AGENT_MAX_CHARS = 300;

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Electronic agreements: drafts from templates, sending (the PDF rendered once and its SHA-256
 * fixed), signatures bound to that hash, completion (signatures placed, certificate page, the
 * platform seal), void and corrected copies, downloads and public verification. Every call asks
 * the policy first; every state change is one store write with its audit line.
 */
export class AgreementService {
  /** The last audit id time handed out, so two lines in one millisecond keep their order. */
  private lastAt = 0;

  constructor(
    private readonly store: AgreementStore,
    private readonly accounts: AccountStore,
    private readonly notifications: NotificationService,
    private readonly seal: () => Promise<PlatformSeal>,
    private readonly links: Links,
    private readonly now: () => number,
    private readonly log: Log,
    private readonly responses: AgreementResponses | null = null,
  ) {}

  /**
   * A new agreement's fill-ins from a response: the organisation and the team as parties, the
   * challenge, the proposal, the reward, today; the sender and the team as signers; the latest
   * submission as the annex on offer. Everything stays editable in the form.
   */
  async prefill(actor: Actor, responseId: string): Promise<AgreementPrefill> {
    const facts = await this.responseFacts(actor, responseId);
    const line = (text: string) => truncateGraphemes(text.replace(/\s+/g, ' ').trim(), AGREEMENT_LINE_MAX_CHARS);
    const today = new Date(this.now()).toISOString().slice(0, 10);
    const others = facts.team.filter((m) => m.email !== actor.account.email);
    return {
      responseId,
      organisationId: facts.organisationId,
      variables: {
        title: line(`${facts.challengeTitle} · ${facts.teamName}`),
        partyA: line(facts.organisationName),
        partyB: line(`${facts.teamName} (${facts.team.map((m) => m.name).join(', ')})`),
        reward: line(facts.reward),
        startDate: today,
        endDate: '',
        challengeTitle: line(facts.challengeTitle),
        proposalTitle: line(facts.proposalTitle),
      },
      signers: [{ email: actor.account.email, name: actor.account.name }, ...others],
      annex: facts.latest === null ? null : { ...facts.latest, title: line(facts.proposalTitle) },
    };
  }

  /** The agreements made from a response that the asker is a party to (drafts only to their sender). */
  async listForResponse(actor: Actor, responseId: string): Promise<AgreementSummary[]> {
    const found = await this.store.listAgreementsForResponse(responseId);
    const mine = found.filter((a) => a.createdBy === actor.account.id || (a.status !== 'draft' && a.signers.some((s) => s.accountId === actor.account.id)));
    return mine.map((a) => presentSummary(a, actor.account.id));
  }

  private async responseFacts(actor: Actor, responseId: string): Promise<ResponseFacts> {
    if (this.responses === null) throw errors.responseNotFound();
    return this.responses.factsFor(actor, responseId);
  }

  templates(): AgreementTemplatePublic[] {
    return allTemplates();
  }

  async list(actor: Actor): Promise<AgreementSummary[]> {
    const found = await this.store.listAgreementsOf(actor.account.id, AGREEMENT_LIST_MAX);
    // A signer's list shows what was sent to them, not the sender's drafts.
    return found.filter((a) => a.status !== 'draft' || a.createdBy === actor.account.id).map((a) => presentSummary(a, actor.account.id));
  }

  async create(actor: Actor, input: z.output<typeof createAgreementBodySchema>, origin: RequestOrigin): Promise<AgreementPublic> {
    authorizeAgreement(actor, { kind: 'agreement:create', organisationId: input.organisationId });
    if ((await this.accounts.getOrganisation(input.organisationId)) === null) throw errors.organisationNotFound();
    let annex: AgreementAnnex | null = null;
    if (input.responseId !== undefined) {
      const facts = await this.responseFacts(actor, input.responseId);
      if (facts.organisationId !== input.organisationId) throw errors.forbidden("make an agreement about another organisation's challenge");
      if (input.attachProposal === true) {
        if (facts.latest === null) throw errors.responseNotSubmitted();
        annex = { ...facts.latest, title: truncateGraphemes(facts.proposalTitle, AGREEMENT_LINE_MAX_CHARS) };
      }
    }
    const at = this.tick();
    const agreement: AgreementRecord = {
      id: newId(at.getTime()),
      organisationId: input.organisationId,
      createdBy: actor.account.id,
      kind: input.kind,
      language: input.language,
      variables: input.variables,
      body: input.body,
      signingOrder: input.signingOrder,
      status: 'draft',
      signers: await this.resolveSigners(input.signers),
      documentSha256: null,
      completedSha256: null,
      sentAt: null,
      completedAt: null,
      voidedAt: null,
      voidReason: null,
      replacedBy: null,
      copiedFrom: null,
      responseId: input.responseId ?? null,
      annex,
      createdAt: at,
      updatedAt: at,
    };
    await this.store.createAgreement(agreement, this.audit(agreement.id, 'created', actor, origin, at));
    return presentAgreement(agreement, actor.account.id);
  }

  async update(actor: Actor, id: string, input: z.output<typeof updateAgreementBodySchema>): Promise<AgreementPublic> {
    const agreement = await this.authorized(actor, id, 'agreement:edit');
    const signers = await this.resolveSigners(input.signers);
    const outcome = await this.store.updateDraft(agreement.id, { ...input, signers, updatedAt: this.tick() });
    if (!outcome.ok) throw outcome.reason === 'not_found' ? errors.agreementNotFound() : errors.agreementNotEditable();
    return presentAgreement(outcome.agreement, actor.account.id);
  }

  async send(actor: Actor, id: string, origin: RequestOrigin): Promise<AgreementPublic> {
    const agreement = await this.authorized(actor, id, 'agreement:edit');
    const at = this.tick();
    const document = await renderSentDocument(agreement, at, await this.annexMarkdown(agreement));
    const documentSha256 = sha256Hex(document);
    const outcome = await this.store.sendAgreement(id, document, documentSha256, at, this.audit(id, 'sent', actor, origin, at, { sha256: documentSha256 }));
    if (!outcome.ok) throw outcome.reason === 'not_found' ? errors.agreementNotFound() : errors.agreementNotEditable();
    await this.notifyTurn(outcome.agreement, actor.account.name);
    return presentAgreement(outcome.agreement, actor.account.id);
  }

  /** The annex's Markdown, checked against the hash recorded at submission (null without an annex). */
  private async annexMarkdown(agreement: AgreementRecord): Promise<string | null> {
    if (agreement.annex === null || agreement.responseId === null || this.responses === null) return null;
    const markdown = await this.responses.versionMarkdownOf(agreement.responseId, agreement.annex.versionId);
    if (createHash('sha256').update(markdown, 'utf8').digest('hex') !== agreement.annex.sha256) throw errors.versionDamaged();
    return markdown;
  }

  /** The agreement; a signer opening it is recorded as `viewed`. */
  async view(actor: Actor, id: string, origin: RequestOrigin): Promise<AgreementPublic> {
    let agreement = await this.authorized(actor, id, 'agreement:view');
    agreement = await this.completeIfReady(agreement);
    if (agreement.status !== 'draft' && agreement.signers.some((s) => s.accountId === actor.account.id)) {
      await this.store.appendAudit(this.audit(id, 'viewed', actor, origin, this.tick()), AGREEMENT_AUDIT_MAX);
    }
    return presentAgreement(agreement, actor.account.id);
  }

  async auditTrail(actor: Actor, id: string): Promise<AgreementAuditPublic[]> {
    await this.authorized(actor, id, 'agreement:view');
    const trail = await this.store.listAudit(id);
    const names = await this.namesOf(trail);
    return trail.map((entry) => presentAudit(entry, names));
  }

  /** The sent PDF (once sent) or the sealed one (once completed; recorded as `downloaded`). */
  async document(actor: Actor, id: string, which: 'sent' | 'completed', origin: RequestOrigin): Promise<{ bytes: Uint8Array; filename: string }> {
    const agreement = await this.completeIfReady(await this.authorized(actor, id, 'agreement:view'));
    if (which === 'completed' && agreement.status !== 'completed') throw errors.agreementNotCompleted();
    if (which === 'sent' && agreement.status === 'draft') throw errors.agreementNotOpen();
    const bytes = await this.store.getDocument(id, which);
    if (bytes === null) throw errors.agreementNotFound();
    if (which === 'completed') await this.store.appendAudit(this.audit(id, 'downloaded', actor, origin, this.tick()), AGREEMENT_AUDIT_MAX);
    return { bytes, filename: `agreement-${id}${which === 'completed' ? '-signed' : ''}.pdf` };
  }

  async sign(actor: Actor, id: string, input: z.output<typeof signAgreementBodySchema>, origin: RequestOrigin): Promise<AgreementPublic> {
    await this.authorized(actor, id, 'agreement:sign');
    const image = input.signature.kind === 'drawn' ? validSignaturePng(input.signature.png) : null;
    const at = this.tick();
    const outcome = await this.store.recordSignature(
      id,
      {
        accountId: actor.account.id,
        documentSha256: input.documentSha256,
        kind: input.signature.kind,
        typedName: input.signature.kind === 'typed' ? input.signature.name : null,
        image,
        at,
      },
      this.audit(id, 'signed', actor, origin, at, { sha256: input.documentSha256, signature: input.signature.kind, consent: 'yes' }),
    );
    if (!outcome.ok) throw signatureRefusal(outcome.reason);
    let agreement = outcome.agreement;
    if (allSigned(agreement)) agreement = await this.completeIfReady(agreement);
    else if (agreement.signingOrder === 'sequential') await this.notifyTurn(agreement, await this.senderName(agreement));
    return presentAgreement(agreement, actor.account.id);
  }

  async decline(actor: Actor, id: string, reason: string, origin: RequestOrigin): Promise<AgreementPublic> {
    await this.authorized(actor, id, 'agreement:sign');
    const at = this.tick();
    const outcome = await this.store.recordDecline(id, actor.account.id, reason, at, this.audit(id, 'declined', actor, origin, at, { reason }));
    if (!outcome.ok) throw signatureRefusal(outcome.reason);
    const others = outcome.agreement.signers.map((s) => s.accountId).concat(outcome.agreement.createdBy).filter((a) => a !== actor.account.id);
    await this.notifications.notify(others, { kind: 'agreement_declined', params: { title: outcome.agreement.variables.title, name: actor.account.name }, link: linkTo(id) });
    return presentAgreement(outcome.agreement, actor.account.id);
  }

  /** Voids it; with `correct`, a new draft copied from it replaces it in the same write. */
  async void(actor: Actor, id: string, reason: string, origin: RequestOrigin, correct: boolean): Promise<AgreementPublic> {
    const agreement = await this.authorized(actor, id, 'agreement:void');
    const at = this.tick();
    const copy = correct ? this.correctedCopy(agreement, at) : null;
    const replacement = copy === null ? null : { agreement: copy, audit: this.audit(copy.id, 'created', actor, origin, at, { copiedFrom: id }) };
    const details: Record<string, string> = copy === null ? { reason } : { reason, replacedBy: copy.id };
    const outcome = await this.store.voidAgreement(id, reason, at, this.audit(id, 'voided', actor, origin, at, details), replacement);
    if (!outcome.ok) throw outcome.reason === 'not_found' ? errors.agreementNotFound() : errors.agreementNotVoidable();
    if (agreement.status === 'sent') {
      await this.notifications.notify(
        agreement.signers.map((s) => s.accountId).filter((a) => a !== actor.account.id),
        { kind: 'agreement_voided', params: { title: agreement.variables.title }, link: linkTo(id) },
      );
    }
    return presentAgreement(copy ?? outcome.agreement, actor.account.id);
  }

  /** Public: is this PDF a completed agreement of this platform, unchanged? */
  async verify(pdf: Buffer): Promise<AgreementVerification> {
    const seal = await this.seal();
    const inspection = inspectSeal(pdf, seal.fingerprint);
    const id = await this.store.findByCompletedSha256(inspection.sha256);
    const agreement = id === null ? null : await this.store.getAgreement(id);
    if (agreement !== null && agreement.status === 'completed' && agreement.completedAt !== null) {
      return {
        result: 'valid',
        agreementId: agreement.id,
        title: agreement.variables.title,
        completedAt: agreement.completedAt.toISOString(),
        sha256: inspection.sha256,
        signers: agreement.signers.map((s) => ({ name: s.name, signedAt: s.signedAt?.toISOString() ?? '' })),
      };
    }
    const known = inspection.agreementId !== null && (await this.store.getAgreement(inspection.agreementId))?.status === 'completed';
    if (inspection.seal === 'digest_mismatch') return { result: 'modified', sha256: inspection.sha256, detail: 'digest_mismatch' };
    if (known || inspection.seal === 'ours') return { result: 'modified', sha256: inspection.sha256, detail: 'signature_invalid' };
    return { result: 'unknown', sha256: inspection.sha256 };
  }

  /**
   * Seals and completes an agreement whose signers have all signed. Called after the last
   * signature, and again on a later read if sealing failed or the process died in between:
   * the signatures are already stored, so completion can always be redone.
   */
  private async completeIfReady(agreement: AgreementRecord): Promise<AgreementRecord> {
    if (agreement.status !== 'sent' || !allSigned(agreement)) return agreement;
    const sent = await this.store.getDocument(agreement.id, 'sent');
    if (sent === null) return agreement;
    const images = new Map<string, Uint8Array>();
    for (const signer of agreement.signers.filter((s) => s.signatureKind === 'drawn')) {
      const image = await this.store.getSignatureImage(agreement.id, signer.accountId);
      if (image !== null) images.set(signer.accountId, image);
    }
    const trail = await this.store.listAudit(agreement.id);
    const names = await this.namesOf(trail);
    const completedAt = this.tick();
    const document = await sealCompletedAgreement({
      agreement,
      sentDocument: sent,
      images,
      audit: trail.map((entry) => ({ ...entry, accountName: entry.accountId === null ? null : (names.get(entry.accountId) ?? null) })),
      completedAt,
      seal: await this.seal(),
      verifyUrl: `${this.links.publicUrl()}/platform/verify`,
    });
    const completedSha256 = sha256Hex(document);
    const audit: AgreementAuditRecord = { id: newId(completedAt.getTime()), agreementId: agreement.id, action: 'completed', at: completedAt, accountId: null, ip: 'server', userAgent: '', details: { sha256: completedSha256 } };
    const outcome = await this.store.completeAgreement(agreement.id, document, completedSha256, completedAt, audit);
    if (!outcome.ok) {
      this.log.info({ agreementId: agreement.id, reason: outcome.reason }, 'agreement completed elsewhere first');
      return (await this.store.getAgreement(agreement.id)) ?? agreement;
    }
    await this.notifications.notify(
      [outcome.agreement.createdBy, ...outcome.agreement.signers.map((s) => s.accountId)],
      { kind: 'agreement_completed', params: { title: outcome.agreement.variables.title }, link: linkTo(agreement.id) },
    );
    return outcome.agreement;
  }

  private async authorized(actor: Actor, id: string, kind: 'agreement:view' | 'agreement:edit' | 'agreement:sign' | 'agreement:void'): Promise<AgreementRecord> {
    const agreement = await this.store.getAgreement(id);
    if (agreement === null) throw errors.agreementNotFound();
    authorizeAgreement(actor, { kind, agreement });
    return agreement;
  }

  private async resolveSigners(emails: readonly { email: string }[]): Promise<SignerRecord[]> {
    const signers: SignerRecord[] = [];
    for (const [order, { email }] of emails.entries()) {
      const account = await this.accounts.getAccountByEmail(email);
      if (account === null || account.status !== 'active') throw errors.agreementSignerUnknown(order);
      signers.push({
        accountId: account.id,
        name: account.name,
        email: account.email,
        order,
        status: 'pending',
        signatureKind: null,
        typedName: null,
        signedAt: null,
        declinedAt: null,
        declineReason: null,
        documentSha256: null,
      });
    }
    return signers;
  }

  private correctedCopy(agreement: AgreementRecord, at: Date): AgreementRecord {
    return {
      ...agreement,
      id: newId(at.getTime()),
      status: 'draft',
      signers: agreement.signers.map((s) => ({ ...s, status: 'pending', signatureKind: null, typedName: null, signedAt: null, declinedAt: null, declineReason: null, documentSha256: null })),
      documentSha256: null,
      completedSha256: null,
      sentAt: null,
      completedAt: null,
      voidedAt: null,
      voidReason: null,
      replacedBy: null,
      copiedFrom: agreement.id,
      createdAt: at,
      updatedAt: at,
    };
  }

  /** Tells whoever may sign now: every pending signer (parallel) or the next one (sequential). */
  private async notifyTurn(agreement: AgreementRecord, sender: string): Promise<void> {
    const next = agreement.signingOrder === 'parallel' ? agreement.signers.filter((s) => s.status === 'pending') : [currentSigner(agreement)].filter((s) => s !== null);
    await this.notifications.notify(
      next.map((s) => s.accountId),
      { kind: 'agreement_to_sign', params: { title: agreement.variables.title, sender }, link: linkTo(agreement.id) },
    );
  }

  private async senderName(agreement: AgreementRecord): Promise<string> {
    return (await this.accounts.getAccount(agreement.createdBy))?.name ?? '';
  }

  private async namesOf(trail: readonly AgreementAuditRecord[]): Promise<Map<string, string>> {
    const ids = [...new Set(trail.map((e) => e.accountId).filter((a) => a !== null))];
    return new Map((await this.accounts.getAccountsByIds(ids)).map((a) => [a.id, a.name]));
  }

  private audit(agreementId: string, action: AgreementAuditAction, actor: Actor, origin: RequestOrigin, at: Date, details: Record<string, string> = {}): AgreementAuditRecord {
    return { id: newId(at.getTime()), agreementId, action, at, accountId: actor.account.id, ip: origin.ip, userAgent: origin.userAgent.slice(0, USER_AGENT_MAX_CHARS), details };
  }

  /** Server time, strictly increasing within this process. */
  private tick(): Date {
    const at = Math.max(this.now(), this.lastAt + 1);
    this.lastAt = at;
    return new Date(at);
  }
}

function linkTo(id: string): string {
  return `/platform/agreements/${id}`;
}

function signatureRefusal(reason: 'not_found' | 'not_open' | 'not_signer' | 'already_signed' | 'document_changed' | 'not_your_turn') {
  switch (reason) {
    case 'not_found':
      return errors.agreementNotFound();
    case 'not_open':
      return errors.agreementNotOpen();
    case 'not_signer':
      return errors.agreementNotSigner();
    case 'already_signed':
      return errors.agreementAlreadySigned();
    case 'document_changed':
      return errors.agreementDocumentChanged();
    case 'not_your_turn':
      return errors.notYourTurn();
  }
}
