import type { AgreementAuditAction, AgreementKind, Language, SignatureKind } from '@ideasphere/shared';

/** The fixed words of an agreement's PDF, in the agreement's language. */
export interface DocumentLabels {
  header: string;
  kinds: Record<AgreementKind, string>;
  agreementId: string;
  page: (n: number, of: number) => string;
  signaturePage: string;
  signer: (order: number) => string;
  signedAt: string;
  boundTo: string;
  signatureKinds: Record<SignatureKind, string>;
  certificate: string;
  certificateNote: string;
  sentSha256: string;
  sentAt: string;
  completedAt: string;
  seal: string;
  sealFingerprint: string;
  signers: string;
  auditTrail: string;
  actions: Record<AgreementAuditAction, string>;
  verifyAt: (url: string) => string;
  /** The annex heading, with the proposal's title. */
  annex: (title: string) => string;
  /** Says what the annex is and which hash it has. */
  annexNote: (sha256: string) => string;
}

const KINDS_ZH: Record<AgreementKind, string> = { nda: '保密协议', cooperation: '合作协议', ip_licence: '知识产权许可协议', ip_assignment: '知识产权转让协议' };
const KINDS_EN: Record<AgreementKind, string> = { nda: 'Non-disclosure agreement', cooperation: 'Cooperation agreement', ip_licence: 'IP licence agreement', ip_assignment: 'IP assignment agreement' };

export const DOCUMENT_LABELS: Record<Language, DocumentLabels> = {
  zh: {
    header: 'IdeaSphere 电子协议',
    kinds: KINDS_ZH,
    agreementId: '协议编号',
    page: (n, of) => `第 ${n} 页 / 共 ${of} 页`,
    signaturePage: '签署页',
    signer: (order) => `签署人 ${order}`,
    signedAt: '签署时间',
    boundTo: '签署文件 SHA-256',
    signatureKinds: { typed: '键入签名', drawn: '手写签名' },
    certificate: '完成证书',
    certificateNote:
      '本文件由 IdeaSphere 平台在全部签署人签署后生成，并以平台印章证书作数字签名（CMS/PKCS#7）。对签名范围内任何字节的修改都会使印章失效。签署人身份经平台账户登录确认；这不是认证机构颁发的可靠电子签名证书。',
    sentSha256: '发出文件 SHA-256',
    sentAt: '发出时间',
    completedAt: '完成时间',
    seal: '平台印章证书',
    sealFingerprint: '证书 SHA-256 指纹',
    signers: '签署人',
    auditTrail: '审计记录',
    actions: { created: '创建', sent: '发出', viewed: '查看', signed: '签署', declined: '拒签', voided: '作废', completed: '完成', downloaded: '下载' },
    annex: (title) => `附件：冻结的方案版本《${title}》`,
    annexNote: (sha256) => `以下为应征方案提交时冻结版本的 Markdown 导出（SHA-256 ${sha256}）。`,
    verifyAt: (url) => `验证本文件：${url}`,
  },
  en: {
    header: 'IdeaSphere electronic agreement',
    kinds: KINDS_EN,
    agreementId: 'Agreement',
    page: (n, of) => `Page ${n} of ${of}`,
    signaturePage: 'Signature page',
    signer: (order) => `Signer ${order}`,
    signedAt: 'Signed at',
    boundTo: 'Signed document SHA-256',
    signatureKinds: { typed: 'typed signature', drawn: 'drawn signature' },
    certificate: 'Certificate of completion',
    certificateNote:
      'IdeaSphere produced this file once every signer had signed and sealed it with the platform certificate (a CMS/PKCS#7 digital signature). Changing any byte in the signed range invalidates the seal. Signers were identified by signing in to their platform accounts; this is not a qualified signature from an accredited certificate authority.',
    sentSha256: 'Sent document SHA-256',
    sentAt: 'Sent at',
    completedAt: 'Completed at',
    seal: 'Platform seal certificate',
    sealFingerprint: 'Certificate SHA-256 fingerprint',
    signers: 'Signers',
    auditTrail: 'Audit trail',
    actions: { created: 'created', sent: 'sent', viewed: 'viewed', signed: 'signed', declined: 'declined', voided: 'voided', completed: 'completed', downloaded: 'downloaded' },
    annex: (title) => `Annex: frozen proposal version “${title}”`,
    annexNote: (sha256) => `The Markdown export of the proposal version frozen at submission (SHA-256 ${sha256}).`,
    verifyAt: (url) => `Verify this file at ${url}`,
  },
};
