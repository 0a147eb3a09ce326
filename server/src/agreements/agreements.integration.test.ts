import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AgreementAuditPublic, AgreementPublic, AgreementSummary, AgreementVerification, NotificationPage } from '@ideasphere/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountClient, cheapHasher, createOrganisation, invitedAccount, PASSWORD, refusal, setUpAdmin } from '../testing/accountClients.js';
import { cooperationBody, drawnSignaturePng, fetchPdf, pdfsig, pdfText, sentAgreement, withOneByteChanged } from '../testing/agreementClients.js';
import { startTestApp, type TestApp } from '../testing/harness.js';

const apps: TestApp[] = [];
let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'ideasphere-pdf-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.dispose()));
});

/** A platform with an organisation, its member (the sender), two signers and an outsider. */
async function platform() {
  const app = await startTestApp({ passwordHasher: cheapHasher(), sealInDataDir: true });
  apps.push(app);
  const base = app.server.url;
  const admin = await setUpAdmin(base, app.server.setupLink?.url ?? '');
  const org = await createOrganisation(admin, '华东钢铁研究院');
  const { client: sender } = await invitedAccount(admin, 'wang@example.cn', { organisationId: org.id, orgRole: 'member' });
  const signUp = async (email: string, name: string) => {
    const client = new AccountClient(base);
    const reply = await client.call('POST', '/api/account/signup', { email, name, password: PASSWORD });
    if (reply.status !== 201) throw new Error(`signup failed: ${JSON.stringify(reply.body)}`);
    return client;
  };
  const li = await signUp('li@example.cn', '李雷');
  const han = await signUp('han@example.org', 'Han Meimei');
  const outsider = await signUp('eve@example.org', 'Eve');
  return { app, base, admin, org, sender, li, han, outsider };
}

const file = (name: string) => path.join(scratch, name);

describe('agreements end to end', () => {
  it('sends a Chinese agreement, signs it in order (typed, then drawn), seals it so pdfsig finds the seal valid, and detects one changed byte', async () => {
    const { base, org, sender, li, han } = await platform();
    const agreement = await sentAgreement(sender, cooperationBody(org.id, ['li@example.cn', 'han@example.org']));
    expect(agreement.status).toBe('sent');
    expect(agreement.documentSha256).toMatch(/^[0-9a-f]{64}$/);

    // The sent PDF: inline, not cached, Chinese text extractable (the CJK face is embedded subset).
    const sentPdf = await fetchPdf(li, `/api/agreements/${agreement.id}/document.pdf`);
    expect(sentPdf.status).toBe(200);
    expect(sentPdf.headers.get('content-type')).toBe('application/pdf');
    expect(sentPdf.headers.get('content-disposition')).toMatch(/^inline; filename="agreement-/);
    expect(sentPdf.headers.get('cache-control')).toBe('no-store');
    const sentText = await pdfText(sentPdf.bytes, file('sent.pdf'));
    expect(sentText).toContain('低碳钢工艺合作协议');
    expect(sentText).toContain('第一条 合作内容');
    expect(sentText).toContain('签署页');
    expect(sentPdf.bytes.length).toBeLessThan(200_000);

    // Han is second: not yet. Li with a stale hash: refused. Neither changed anything.
    const typed = { kind: 'typed', name: '李雷' } as const;
    const early = await han.call('POST', `/api/agreements/${agreement.id}/sign`, { consent: true, documentSha256: agreement.documentSha256, signature: typed });
    expect([early.status, refusal(early)]).toEqual([403, 'not_your_turn']);
    const stale = await li.call('POST', `/api/agreements/${agreement.id}/sign`, { consent: true, documentSha256: 'f'.repeat(64), signature: typed });
    expect([stale.status, refusal(stale)]).toEqual([409, 'agreement_document_changed']);
    const noConsent = await li.call('POST', `/api/agreements/${agreement.id}/sign`, { consent: false, documentSha256: agreement.documentSha256, signature: typed });
    expect([noConsent.status, refusal(noConsent)]).toEqual([400, 'invalid_input']);
    const unchanged = await li.call<AgreementPublic>('GET', `/api/agreements/${agreement.id}`);
    expect(unchanged.body.signers.map((s) => s.status)).toEqual(['pending', 'pending']);
    expect(unchanged.body.you).toMatchObject({ isSigner: true, maySign: true, mayDecline: true, mayEdit: false, mayVoid: false });

    const first = await li.call<AgreementPublic>('POST', `/api/agreements/${agreement.id}/sign`, { consent: true, documentSha256: agreement.documentSha256, signature: typed });
    expect(first.status).toBe(200);
    expect(first.body.signers.map((s) => s.status)).toEqual(['signed', 'pending']);
    const hanNotices = await han.call<NotificationPage>('GET', '/api/account/notifications');
    expect(hanNotices.body.notifications.map((n) => n.kind)).toContain('agreement_to_sign');

    const png = await drawnSignaturePng();
    const last = await han.call<AgreementPublic>('POST', `/api/agreements/${agreement.id}/sign`, {
      consent: true,
      documentSha256: agreement.documentSha256,
      signature: { kind: 'drawn', png },
    });
    expect(last.status).toBe(200);
    expect(last.body.status).toBe('completed');
    expect(last.body.completedSha256).toMatch(/^[0-9a-f]{64}$/);

    // Every party downloads the sealed PDF; pdfsig finds our seal valid (its issuer unknown: self-signed).
    const signed = await fetchPdf(sender, `/api/agreements/${agreement.id}/signed.pdf?download=1`);
    expect(signed.status).toBe(200);
    expect(signed.headers.get('content-disposition')).toMatch(/^attachment; filename="agreement-.*-signed\.pdf"/);
    const report = await pdfsig(signed.bytes, file('signed.pdf'));
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Signer Certificate Common Name: IdeaSphere platform seal');
    expect(report).toContain('Signature Type: adbe.pkcs7.detached');
    expect(report).toContain('Total document signed');
    const text = await pdfText(signed.bytes, file('signed-text.pdf'));
    for (const expected of ['完成证书', '李雷', 'Han Meimei', agreement.documentSha256 ?? '', '审计记录']) expect(text).toContain(expected);

    const tampered = withOneByteChanged(signed.bytes);
    const tamperedReport = await pdfsig(tampered, file('tampered.pdf'));
    expect(tamperedReport).not.toContain('Signature is Valid.');
    expect(tamperedReport).toContain('Digest Mismatch');

    // Public verification: no account needed.
    const anonymous = (bytes: Uint8Array) =>
      fetch(`${base}/api/agreements/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: Buffer.from(bytes) }).then(
        async (res) => ({ status: res.status, body: (await res.json()) as AgreementVerification }),
      );
    const original = await anonymous(signed.bytes);
    expect(original.body).toMatchObject({ result: 'valid', agreementId: agreement.id, title: '低碳钢工艺合作协议' });
    expect(original.body.result === 'valid' && original.body.signers.map((s) => s.name)).toEqual(['李雷', 'Han Meimei']);
    expect((await anonymous(tampered)).body).toMatchObject({ result: 'modified', detail: 'digest_mismatch' });
    expect((await anonymous(sentPdf.bytes)).body).toMatchObject({ result: 'unknown' });

    const trail = await sender.call<AgreementAuditPublic[]>('GET', `/api/agreements/${agreement.id}/audit`);
    const actions = trail.body.map((e) => e.action);
    expect(actions.filter((a) => a !== 'viewed')).toEqual(['created', 'sent', 'signed', 'signed', 'completed', 'downloaded']);
    expect(trail.body.find((e) => e.action === 'signed')).toMatchObject({ accountName: '李雷', ip: '127.0.0.1', details: { sha256: agreement.documentSha256 } });
    expect(trail.body.every((e) => e.ip !== '')).toBe(true);
    const listed = await han.call<AgreementSummary[]>('GET', '/api/agreements');
    expect(listed.body.map((a) => [a.id, a.status, a.waitingFor])).toEqual([[agreement.id, 'completed', []]]);
  });

  it('counts two parallel signers signing at the same instant once each and completes once', async () => {
    const { org, sender, li, han } = await platform();
    const agreement = await sentAgreement(sender, cooperationBody(org.id, ['li@example.cn', 'han@example.org'], { signingOrder: 'parallel', language: 'en' }));
    const sign = (client: AccountClient, name: string) =>
      client.call<AgreementPublic>('POST', `/api/agreements/${agreement.id}/sign`, { consent: true, documentSha256: agreement.documentSha256, signature: { kind: 'typed', name } });
    const replies = await Promise.all([sign(li, 'Li Lei'), sign(han, 'Han Meimei'), sign(han, 'Han Meimei')]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 409]);
    const after = await sender.call<AgreementPublic>('GET', `/api/agreements/${agreement.id}`);
    expect(after.body.status).toBe('completed');
    expect(after.body.signers.map((s) => s.status)).toEqual(['signed', 'signed']);
    const trail = (await sender.call<AgreementAuditPublic[]>('GET', `/api/agreements/${agreement.id}/audit`)).body.map((e) => e.action);
    expect(trail.filter((a) => a === 'signed')).toHaveLength(2);
    expect(trail.filter((a) => a === 'completed')).toHaveLength(1);
  });

  it('refuses what would change a sent agreement, a bad drawn signature, and a decline leaves it declined', async () => {
    const { org, sender, li, han } = await platform();
    const body = cooperationBody(org.id, ['li@example.cn', 'han@example.org'], { signingOrder: 'parallel' });
    const agreement = await sentAgreement(sender, body);
    const before = (await sender.call<AgreementPublic>('GET', `/api/agreements/${agreement.id}`)).body;
    const { organisationId: _organisationId, ...update } = body;

    const edit = await sender.call('PUT', `/api/agreements/${agreement.id}`, { ...update, body: '改过的条款' });
    expect([edit.status, refusal(edit)]).toEqual([409, 'agreement_not_editable']);
    const resend = await sender.call('POST', `/api/agreements/${agreement.id}/send`);
    expect([resend.status, refusal(resend)]).toEqual([409, 'agreement_not_editable']);
    const notPng = await li.call('POST', `/api/agreements/${agreement.id}/sign`, {
      consent: true,
      documentSha256: agreement.documentSha256,
      signature: { kind: 'drawn', png: Buffer.from('<svg onload=alert(1)>').toString('base64') },
    });
    expect([notPng.status, refusal(notPng)]).toEqual([400, 'signature_image_invalid']);
    const tiny = await li.call('POST', `/api/agreements/${agreement.id}/sign`, { consent: true, documentSha256: agreement.documentSha256, signature: { kind: 'drawn', png: await drawnSignaturePng(10, 10) } });
    expect([tiny.status, refusal(tiny)]).toEqual([400, 'signature_image_invalid']);
    const huge = await li.call('POST', `/api/agreements/${agreement.id}/sign`, { consent: true, documentSha256: agreement.documentSha256, signature: { kind: 'drawn', png: 'A'.repeat(600_000) } });
    expect([huge.status, refusal(huge)]).toEqual([413, 'too_large']);
    const blankDecline = await han.call('POST', `/api/agreements/${agreement.id}/decline`, { reason: '   ' });
    expect([blankDecline.status, refusal(blankDecline)]).toEqual([400, 'text_blank']);
    const afterRefusals = (await sender.call<AgreementPublic>('GET', `/api/agreements/${agreement.id}`)).body;
    expect(afterRefusals).toEqual(before);

    const declined = await han.call<AgreementPublic>('POST', `/api/agreements/${agreement.id}/decline`, { reason: '报酬条款需要再谈' });
    expect(declined.body.status).toBe('declined');
    expect(declined.body.signers[1]).toMatchObject({ status: 'declined', declineReason: '报酬条款需要再谈' });
    const late = await li.call('POST', `/api/agreements/${agreement.id}/sign`, { consent: true, documentSha256: agreement.documentSha256, signature: { kind: 'typed', name: '李雷' } });
    expect([late.status, refusal(late)]).toEqual([409, 'agreement_not_open']);
    const notices = await sender.call<NotificationPage>('GET', '/api/account/notifications');
    expect(notices.body.notifications[0]).toMatchObject({ kind: 'agreement_declined', params: { name: 'Han Meimei' } });
  });

  it('voids with a corrected copy: the old one links to the new draft, which can be changed and sent', async () => {
    const { org, sender, li } = await platform();
    const agreement = await sentAgreement(sender, cooperationBody(org.id, ['li@example.cn']));
    const corrected = await sender.call<AgreementPublic>('POST', `/api/agreements/${agreement.id}/correct`, { reason: '金额写错了' });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ status: 'draft', copiedFrom: agreement.id, body: agreement.body });
    const old = await sender.call<AgreementPublic>('GET', `/api/agreements/${agreement.id}`);
    expect(old.body).toMatchObject({ status: 'voided', voidReason: '金额写错了', replacedBy: corrected.body.id });
    const liNotices = await li.call<NotificationPage>('GET', '/api/account/notifications');
    expect(liNotices.body.notifications[0]?.kind).toBe('agreement_voided');
    // The signer does not see the new draft until it is sent.
    expect((await li.call('GET', `/api/agreements/${corrected.body.id}`)).status).toBe(404);
    const { organisationId: _organisationId, ...update } = cooperationBody(org.id, ['li@example.cn']);
    const changed = await sender.call<AgreementPublic>('PUT', `/api/agreements/${corrected.body.id}`, { ...update, variables: { ...update.variables, reward: '人民币 60,000 元' } });
    expect(changed.body.variables.reward).toBe('人民币 60,000 元');
    const sent = await sender.call<AgreementPublic>('POST', `/api/agreements/${corrected.body.id}/send`);
    expect(sent.body.status).toBe('sent');
    expect((await li.call('GET', `/api/agreements/${corrected.body.id}`)).status).toBe(200);
    const again = await sender.call('POST', `/api/agreements/${agreement.id}/void`, { reason: 'again' });
    expect([again.status, refusal(again)]).toEqual([409, 'agreement_not_voidable']);
  });
});
