import fontkit from '@pdf-lib/fontkit';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { PDFDict, PDFDocument, PDFName, PDFString, type PDFFont } from 'pdf-lib';
import type { AgreementAuditRecord, AgreementRecord } from '../store/AgreementStore.js';
import { fontBytes } from './agreementFonts.js';
import { DOCUMENT_LABELS } from './documentLabels.js';
import { embedTextFont, footers } from './renderAgreement.js';
import { INK, MARGIN, MUTED, PAGE_HEIGHT, PAGE_WIDTH, TEXT_WIDTH, drawLines, signatureBoxes, utcTime, wrapText } from './pdfLayout.js';
import { SEAL_COMMON_NAME, type PlatformSeal } from './PlatformSeal.js';

/** The Info key that names the agreement in plain ASCII, so a modified copy can still be recognised. */
export const AGREEMENT_ID_INFO_KEY = 'IdeaSphereAgreement';
/** Bytes reserved for the CMS signature (an RSA-3072 seal with its certificate needs about 2 KB). */
const SIGNATURE_PLACEHOLDER_BYTES = 8192;

export interface CompletionInput {
  agreement: AgreementRecord;
  sentDocument: Uint8Array;
  /** Drawn signatures by account id. */
  images: ReadonlyMap<string, Uint8Array>;
  audit: readonly (AgreementAuditRecord & { accountName: string | null })[];
  completedAt: Date;
  seal: PlatformSeal;
  verifyUrl: string;
}

/**
 * The completed agreement: the sent PDF with each signature drawn in its box (a typed name in a
 * script face, or the drawn PNG, with the name, time and the document hash it binds to), a
 * certificate of completion listing the hashes and the audit trail, and the platform seal: a
 * PAdES-style detached CMS signature (adbe.pkcs7.detached) over every byte but the signature.
 */
export async function sealCompletedAgreement(input: CompletionInput): Promise<Uint8Array> {
  const { agreement, completedAt, seal } = input;
  const labels = DOCUMENT_LABELS[agreement.language];
  const doc = await PDFDocument.load(input.sentDocument);
  doc.registerFontkit(fontkit);
  const font = await embedTextFont(doc);
  doc.setModificationDate(completedAt);
  doc.context.lookup(doc.context.trailerInfo.Info, PDFDict).set(PDFName.of(AGREEMENT_ID_INFO_KEY), PDFString.of(agreement.id));

  const pages = doc.getPages();
  const signaturePage = pages[pages.length - 1];
  if (signaturePage === undefined) throw new Error('the sent document has no pages');
  const boxes = signatureBoxes(agreement.signers.length);
  for (const signer of agreement.signers) {
    const box = boxes[signer.order];
    if (box === undefined || signer.signedAt === null) continue;
    const area = { x: box.x + 8, y: box.y + 22, width: box.width * 0.6, height: box.height - 44 };
    if (signer.signatureKind === 'drawn') {
      const bytes = input.images.get(signer.accountId);
      if (bytes !== undefined) {
        const image = await doc.embedPng(bytes);
        const scale = Math.min(area.width / image.width, area.height / image.height);
        signaturePage.drawImage(image, { x: area.x, y: area.y, width: image.width * scale, height: image.height * scale });
      }
    } else if (signer.typedName !== null) {
      const script = await scriptFont(doc, signer.typedName);
      const size = Math.min(28, area.height * 0.8);
      signaturePage.drawText(signer.typedName, { x: area.x, y: area.y + (area.height - size) / 2, size, font: script, color: INK });
    }
    const kind = signer.signatureKind === null ? '' : ` (${labels.signatureKinds[signer.signatureKind]})`;
    signaturePage.drawText(`${labels.signedAt}: ${utcTime(signer.signedAt)}${kind}`, { x: box.x + 8, y: box.y + 12, size: 8, font, color: MUTED });
    signaturePage.drawText(`${labels.boundTo}: ${signer.documentSha256 ?? ''}`, { x: box.x + 8, y: box.y + 3, size: 6.5, font, color: MUTED });
  }

  const certificatePages: ReturnType<PDFDocument['addPage']>[] = [];
  const nextPage = () => {
    const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    certificatePages.push(page);
    return page;
  };
  const first = nextPage();
  let cursor = drawLines({ page: first, y: PAGE_HEIGHT - MARGIN }, [labels.certificate], { font, size: 16, lineHeight: 24, nextPage });
  const line = (text: string, size = 9, color = INK) => {
    cursor = drawLines(cursor, wrapText(text, font, size, TEXT_WIDTH), { font, size, lineHeight: size * 1.6, nextPage, color });
  };
  line(labels.certificateNote, 8.5, MUTED);
  line('');
  line(`${labels.agreementId}: ${agreement.id} · ${agreement.variables.title}`);
  line(`${labels.sentAt}: ${agreement.sentAt === null ? '' : utcTime(agreement.sentAt)}`);
  line(`${labels.sentSha256}: ${agreement.documentSha256 ?? ''}`);
  line(`${labels.completedAt}: ${utcTime(completedAt)}`);
  line(`${labels.seal}: ${seal.subject}`);
  line(`${labels.sealFingerprint}: ${seal.fingerprint}`, 8);
  line(labels.verifyAt(input.verifyUrl));
  line('');
  line(labels.signers, 12);
  for (const signer of agreement.signers) {
    const kind = signer.signatureKind === null ? '' : labels.signatureKinds[signer.signatureKind];
    line(`${signer.order + 1}. ${signer.name} <${signer.email}> · ${kind} · ${signer.signedAt === null ? '' : utcTime(signer.signedAt)}`);
    line(`   ${labels.boundTo}: ${signer.documentSha256 ?? ''}`, 8, MUTED);
  }
  line('');
  line(labels.auditTrail, 12);
  for (const entry of input.audit) {
    line(`${utcTime(entry.at)} · ${labels.actions[entry.action]} · ${entry.accountName ?? '—'} · ${entry.ip}`, 8.5);
    if (entry.userAgent !== '') line(`   ${entry.userAgent}`, 7, MUTED);
  }
  footers(certificatePages, font, agreement.id, (n, of) => `${labels.certificate} ${n}/${of}`, labels.agreementId);

  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: `${labels.certificate}: ${agreement.id}`,
    contactInfo: '',
    name: SEAL_COMMON_NAME,
    location: 'IdeaSphere',
    signingTime: completedAt,
    signatureLength: SIGNATURE_PLACEHOLDER_BYTES,
  });
  const unsigned = await doc.save({ useObjectStreams: false });
  const signed = await new SignPdf().sign(Buffer.from(unsigned), new P12Signer(seal.p12, { passphrase: seal.passphrase }), completedAt);
  return new Uint8Array(signed);
}

/** Dancing Script for a Latin name, Ma Shan Zheng (a brush face) for a Chinese one, else the text face. */
async function scriptFont(doc: PDFDocument, name: string): Promise<PDFFont> {
  for (const face of ['scriptLatin', 'scriptCjk'] as const) {
    const bytes = await fontBytes(face);
    const parsed = fontkit.create(bytes);
    if ([...name].every((ch) => ch === ' ' || parsed.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0))) return doc.embedFont(bytes, { subset: true });
  }
  return embedTextFont(doc);
}
