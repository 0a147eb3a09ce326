import { describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import type { AgreementAuditRecord, AgreementRecord, AgreementStore, SignerRecord } from './AgreementStore.js';
import type { Store } from './Store.js';

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);
const HASH = 'a'.repeat(64);
const OTHER_HASH = 'b'.repeat(64);

function signer(accountId: string, order: number): SignerRecord {
  return {
    accountId,
    name: `签署人 ${order}`,
    email: `s${order}@example.org`,
    order,
    status: 'pending',
    signatureKind: null,
    typedName: null,
    signedAt: null,
    declinedAt: null,
    declineReason: null,
    documentSha256: null,
  };
}

function agreement(overrides: Partial<AgreementRecord> = {}): AgreementRecord {
  return {
    id: newId(T0),
    organisationId: newId(),
    createdBy: newId(),
    kind: 'cooperation',
    language: 'zh',
    variables: { title: '合作协议', partyA: '甲方', partyB: '乙方', reward: '', startDate: '2026-03-01', endDate: '', challengeTitle: '', proposalTitle: '' },
    body: '第一条 合作内容',
    signingOrder: 'sequential',
    status: 'draft',
    signers: [signer(newId(), 0), signer(newId(), 1)],
    documentSha256: null,
    completedSha256: null,
    sentAt: null,
    completedAt: null,
    voidedAt: null,
    voidReason: null,
    replacedBy: null,
    copiedFrom: null,
    responseId: null,
    annex: null,
    createdAt: new Date(T0),
    updatedAt: new Date(T0),
    ...overrides,
  };
}

let tick = 0;
function audit(agreementId: string, action: AgreementAuditRecord['action'], accountId: string | null = null): AgreementAuditRecord {
  tick++;
  return { id: newId(T0 + tick), agreementId, action, at: new Date(T0 + tick), accountId, ip: '192.0.2.1', userAgent: 'contract', details: {} };
}

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 1, 2, 3]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 9]);

/** Agreements: drafts, sending once, signatures checked atomically, completion, void, an append-only trail. */
export function describeAgreementContract(getStore: () => Store): void {
  const agreements = (): AgreementStore => getStore().agreements;

  async function sent(overrides: Partial<AgreementRecord> = {}): Promise<AgreementRecord> {
    const draft = agreement(overrides);
    await agreements().createAgreement(draft, audit(draft.id, 'created', draft.createdBy));
    const outcome = await agreements().sendAgreement(draft.id, PDF, HASH, new Date(T0 + 1000), audit(draft.id, 'sent', draft.createdBy));
    if (!outcome.ok) throw new Error(outcome.reason);
    return outcome.agreement;
  }

  const signature = (accountId: string, documentSha256 = HASH) => ({
    accountId,
    documentSha256,
    kind: 'typed' as const,
    typedName: '张三',
    image: null,
    at: new Date(T0 + 2000),
  });

  describe('agreements', () => {
    it('creates, reads and lists an agreement for its sender and each signer, newest first', async () => {
      const sender = newId();
      const older = agreement({ createdBy: sender, id: newId(T0) });
      const newer = agreement({ createdBy: sender, id: newId(T0 + 5) });
      await agreements().createAgreement(older, audit(older.id, 'created', sender));
      await agreements().createAgreement(newer, audit(newer.id, 'created', sender));
      expect(await agreements().getAgreement(older.id)).toEqual(older);
      expect((await agreements().listAgreementsOf(sender, 10)).map((a) => a.id)).toEqual([newer.id, older.id]);
      expect((await agreements().listAgreementsOf(sender, 1)).map((a) => a.id)).toEqual([newer.id]);
      const firstSigner = older.signers[0]?.accountId ?? '';
      expect((await agreements().listAgreementsOf(firstSigner, 10)).map((a) => a.id)).toEqual([older.id]);
      expect(await agreements().listAgreementsOf(newId(), 10)).toEqual([]);
      expect(await agreements().getAgreement(newId())).toBeNull();
    });

    it('changes a draft (the list follows its signers) and refuses changes once sent', async () => {
      const draft = agreement();
      await agreements().createAgreement(draft, audit(draft.id, 'created'));
      const newSigner = signer(newId(), 0);
      const changed = await agreements().updateDraft(draft.id, { ...draft, body: '改过', signers: [newSigner], updatedAt: new Date(T0 + 9) });
      expect(changed.ok && changed.agreement.body).toBe('改过');
      expect((await agreements().listAgreementsOf(newSigner.accountId, 10)).map((a) => a.id)).toEqual([draft.id]);
      expect(await agreements().listAgreementsOf(draft.signers[0]?.accountId ?? '', 10)).toEqual([]);

      const first = await agreements().sendAgreement(draft.id, PDF, HASH, new Date(T0 + 10), audit(draft.id, 'sent'));
      expect(first.ok && first.agreement.status).toBe('sent');
      expect(await agreements().sendAgreement(draft.id, PDF, OTHER_HASH, new Date(T0 + 11), audit(draft.id, 'sent'))).toEqual({ ok: false, reason: 'not_draft' });
      expect(await agreements().updateDraft(draft.id, { ...draft, body: 'x', updatedAt: new Date() })).toEqual({ ok: false, reason: 'not_draft' });
      const stored = await agreements().getAgreement(draft.id);
      expect(stored?.body).toBe('改过');
      expect(stored?.documentSha256).toBe(HASH);
      expect(await agreements().getDocument(draft.id, 'sent')).toEqual(PDF);
      expect(await agreements().getDocument(draft.id, 'completed')).toBeNull();
      expect((await agreements().listAudit(draft.id)).map((a) => a.action)).toEqual(['created', 'sent']);
    });

    it('records a sequential signature only for the signer whose turn it is, on the sent document, once', async () => {
      const a = await sent();
      const [first, second] = a.signers.map((s) => s.accountId) as [string, string];
      expect(await agreements().recordSignature(a.id, signature(second), audit(a.id, 'signed', second))).toEqual({ ok: false, reason: 'not_your_turn' });
      expect(await agreements().recordSignature(a.id, signature(first, OTHER_HASH), audit(a.id, 'signed', first))).toEqual({ ok: false, reason: 'document_changed' });
      expect(await agreements().recordSignature(a.id, signature(newId()), audit(a.id, 'signed'))).toEqual({ ok: false, reason: 'not_signer' });
      expect(await agreements().recordSignature(newId(), signature(first), audit(a.id, 'signed'))).toEqual({ ok: false, reason: 'not_found' });
      // Nothing the refusals carried was kept: the trail has created and sent only.
      expect((await agreements().listAudit(a.id)).map((x) => x.action)).toEqual(['created', 'sent']);

      const signedFirst = await agreements().recordSignature(a.id, { ...signature(first), kind: 'drawn', typedName: null, image: PNG }, audit(a.id, 'signed', first));
      expect(signedFirst.ok && signedFirst.agreement.signers.map((s) => s.status)).toEqual(['signed', 'pending']);
      expect(await agreements().getSignatureImage(a.id, first)).toEqual(PNG);
      expect(await agreements().recordSignature(a.id, signature(first), audit(a.id, 'signed', first))).toEqual({ ok: false, reason: 'already_signed' });
      const signedSecond = await agreements().recordSignature(a.id, signature(second), audit(a.id, 'signed', second));
      expect(signedSecond.ok && signedSecond.agreement.signers.map((s) => [s.status, s.documentSha256, s.typedName])).toEqual([
        ['signed', HASH, null],
        ['signed', HASH, '张三'],
      ]);
    });

    it('counts two parallel signers signing at the same instant once each, and one signer signing twice once', async () => {
      const a = await sent({ signingOrder: 'parallel', signers: [signer(newId(), 0), signer(newId(), 1), signer(newId(), 2)] });
      const [x, y] = a.signers.map((s) => s.accountId) as [string, string];
      const outcomes = await Promise.all([
        agreements().recordSignature(a.id, signature(x), audit(a.id, 'signed', x)),
        agreements().recordSignature(a.id, signature(y), audit(a.id, 'signed', y)),
        agreements().recordSignature(a.id, signature(y), audit(a.id, 'signed', y)),
      ]);
      expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
      expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.reason)).toEqual(['already_signed']);
      const stored = await agreements().getAgreement(a.id);
      expect(stored?.signers.map((s) => s.status)).toEqual(['signed', 'signed', 'pending']);
      expect((await agreements().listAudit(a.id)).filter((e) => e.action === 'signed')).toHaveLength(2);
    });

    it('completes only when everyone signed, once, and finds it by the sealed PDF hash', async () => {
      const a = await sent({ signingOrder: 'parallel' });
      const sealed = new Uint8Array([0x25, 0x50, 0x44, 0x46, 7]);
      const sealedHash = 'c'.repeat(63) + tick.toString(16).slice(-1);
      expect(await agreements().completeAgreement(a.id, sealed, sealedHash, new Date(T0 + 3000), audit(a.id, 'completed'))).toEqual({ ok: false, reason: 'not_ready' });
      for (const s of a.signers) await agreements().recordSignature(a.id, signature(s.accountId), audit(a.id, 'signed', s.accountId));
      const done = await agreements().completeAgreement(a.id, sealed, sealedHash, new Date(T0 + 3000), audit(a.id, 'completed'));
      expect(done.ok && [done.agreement.status, done.agreement.completedSha256]).toEqual(['completed', sealedHash]);
      expect(await agreements().completeAgreement(a.id, sealed, sealedHash, new Date(T0 + 3001), audit(a.id, 'completed'))).toEqual({ ok: false, reason: 'not_open' });
      expect(await agreements().getDocument(a.id, 'completed')).toEqual(sealed);
      expect(await agreements().findByCompletedSha256(sealedHash)).toBe(a.id);
      expect(await agreements().findByCompletedSha256('d'.repeat(64))).toBeNull();
      expect(await agreements().voidAgreement(a.id, 'late', new Date(), audit(a.id, 'voided'), null)).toEqual({ ok: false, reason: 'not_voidable' });
    });

    it('declines: the agreement is declined and nobody signs after', async () => {
      const a = await sent({ signingOrder: 'parallel' });
      const [x, y] = a.signers.map((s) => s.accountId) as [string, string];
      const declined = await agreements().recordDecline(a.id, y, '条款不清', new Date(T0 + 5), audit(a.id, 'declined', y));
      expect(declined.ok && [declined.agreement.status, declined.agreement.signers[1]?.declineReason]).toEqual(['declined', '条款不清']);
      expect(await agreements().recordSignature(a.id, signature(x), audit(a.id, 'signed', x))).toEqual({ ok: false, reason: 'not_open' });
      expect(await agreements().recordDecline(a.id, x, 'again', new Date(), audit(a.id, 'declined', x))).toEqual({ ok: false, reason: 'not_open' });
    });

    it('voids a sent agreement with a corrected copy created in the same write', async () => {
      const a = await sent();
      const copy = agreement({ id: newId(T0 + 50), createdBy: a.createdBy, copiedFrom: a.id, signers: a.signers });
      const voided = await agreements().voidAgreement(a.id, '金额有误', new Date(T0 + 60), audit(a.id, 'voided', a.createdBy), {
        agreement: copy,
        audit: audit(copy.id, 'created', a.createdBy),
      });
      expect(voided.ok && [voided.agreement.status, voided.agreement.replacedBy, voided.agreement.voidReason]).toEqual(['voided', copy.id, '金额有误']);
      expect((await agreements().getAgreement(copy.id))?.copiedFrom).toBe(a.id);
      expect(await agreements().recordSignature(a.id, signature(a.signers[0]?.accountId ?? ''), audit(a.id, 'signed'))).toEqual({ ok: false, reason: 'not_open' });
      expect(await agreements().voidAgreement(a.id, 'again', new Date(), audit(a.id, 'voided'), null)).toEqual({ ok: false, reason: 'not_voidable' });
    });

    it('lists the agreements made from a response, oldest first, the voided one and its corrected copy too', async () => {
      const responseId = newId();
      const first = await sent({ id: newId(T0 + 100), responseId });
      const other = agreement({ id: newId(T0 + 101) });
      await agreements().createAgreement(other, audit(other.id, 'created'));
      const copy = agreement({ id: newId(T0 + 102), createdBy: first.createdBy, copiedFrom: first.id, signers: first.signers, responseId });
      await agreements().voidAgreement(first.id, '更正', new Date(T0 + 103), audit(first.id, 'voided'), { agreement: copy, audit: audit(copy.id, 'created') });
      const listed = await agreements().listAgreementsForResponse(responseId);
      expect(listed.map((a) => [a.id, a.status])).toEqual([
        [first.id, 'voided'],
        [copy.id, 'draft'],
      ]);
      expect(listed[0]?.responseId).toBe(responseId);
      expect(await agreements().listAgreementsForResponse(newId())).toEqual([]);
    });

    it('keeps the trail append-only, in time order, and caps views and downloads', async () => {
      const a = await sent();
      const view = audit(a.id, 'viewed', a.signers[0]?.accountId ?? null);
      expect(await agreements().appendAudit(view, 3)).toBe(true);
      expect(await agreements().appendAudit(audit(a.id, 'downloaded'), 3)).toBe(false);
      const trail = await agreements().listAudit(a.id);
      expect(trail.map((e) => e.action)).toEqual(['created', 'sent', 'viewed']);
      expect(trail[2]).toEqual(view);
      // The interface has no way to change or remove a line: only these methods touch the trail.
      const touchesTrail = Object.getOwnPropertyNames(Object.getPrototypeOf(agreements())).filter((name) => /audit/i.test(name));
      expect(touchesTrail.sort()).toEqual(['appendAudit', 'insertAudit', 'listAudit'].filter((n) => touchesTrail.includes(n)).sort());
      expect(touchesTrail.some((name) => /update|delete|remove|set/i.test(name))).toBe(false);
    });
  });
}
