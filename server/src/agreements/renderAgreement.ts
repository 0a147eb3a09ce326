import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import type { AgreementRecord } from '../store/AgreementStore.js';
import { fontBytes } from './agreementFonts.js';
import { DOCUMENT_LABELS } from './documentLabels.js';
import { INK, MARGIN, MUTED, PAGE_HEIGHT, PAGE_WIDTH, TEXT_WIDTH, drawLines, signatureBoxes, wrapText } from './pdfLayout.js';

const BODY_SIZE = 10.5;
const BODY_LEADING = 17;
const ANNEX_SIZE = 9.5;
const ANNEX_LEADING = 14;

/** A new PDF document that can embed our TTF faces. */
export async function newAgreementPdf(): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  return doc;
}

/** Embeds the text face, subset to the glyphs this document draws. */
export async function embedTextFont(doc: PDFDocument): Promise<PDFFont> {
  return doc.embedFont(await fontBytes('text'), { subset: true });
}

/**
 * The agreement as it is sent: a header, the title and kind, the text, the annex (a response's
 * frozen proposal, when attached), and a last page with a box per signer that `sealCompletedAgreement` later fills. Rendered once, at sending; its
 * SHA-256 is what every signature binds to.
 */
export async function renderSentDocument(agreement: AgreementRecord, sentAt: Date, annexMarkdown: string | null = null): Promise<Uint8Array> {
  const labels = DOCUMENT_LABELS[agreement.language];
  const doc = await newAgreementPdf();
  doc.setTitle(agreement.variables.title);
  doc.setCreator('IdeaSphere');
  doc.setProducer('IdeaSphere');
  doc.setCreationDate(sentAt);
  doc.setModificationDate(sentAt);
  const font = await embedTextFont(doc);
  const nextPage = () => doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);

  const first = nextPage();
  let cursor = { page: first, y: PAGE_HEIGHT - MARGIN };
  cursor = drawLines(cursor, [labels.header], { font, size: 9, lineHeight: 12, nextPage, color: MUTED });
  cursor = drawLines(cursor, wrapText(agreement.variables.title, font, 18, TEXT_WIDTH), { font, size: 18, lineHeight: 28, nextPage });
  cursor = drawLines(cursor, [labels.kinds[agreement.kind], ''], { font, size: 11, lineHeight: 18, nextPage, color: MUTED });
  drawLines(cursor, wrapText(agreement.body, font, BODY_SIZE, TEXT_WIDTH), { font, size: BODY_SIZE, lineHeight: BODY_LEADING, nextPage });

  // The annex after the body, on pages of its own: the frozen proposal's Markdown as written.
  if (agreement.annex !== null && annexMarkdown !== null) {
    let annex = { page: nextPage(), y: PAGE_HEIGHT - MARGIN };
    annex = drawLines(annex, wrapText(labels.annex(agreement.annex.title), font, 14, TEXT_WIDTH), { font, size: 14, lineHeight: 22, nextPage });
    annex = drawLines(annex, [...wrapText(labels.annexNote(agreement.annex.sha256), font, 8.5, TEXT_WIDTH), ''], { font, size: 8.5, lineHeight: 12, nextPage, color: MUTED });
    drawLines(annex, wrapText(annexMarkdown, font, ANNEX_SIZE, TEXT_WIDTH), { font, size: ANNEX_SIZE, lineHeight: ANNEX_LEADING, nextPage });
  }

  const signaturePage = nextPage();
  signaturePage.drawText(labels.signaturePage, { x: MARGIN, y: PAGE_HEIGHT - MARGIN - 24, size: 16, font, color: INK });
  const boxes = signatureBoxes(agreement.signers.length);
  for (const signer of agreement.signers) {
    const box = boxes[signer.order];
    if (box === undefined) continue;
    signaturePage.drawRectangle({ ...box, borderColor: MUTED, borderWidth: 0.6 });
    signaturePage.drawText(`${labels.signer(signer.order + 1)}: ${signer.name} <${signer.email}>`, {
      x: box.x + 8,
      y: box.y + box.height - 16,
      size: 9.5,
      font,
      color: INK,
    });
  }
  footers(doc.getPages(), font, agreement.id, labels.page, labels.agreementId);
  return doc.save({ useObjectStreams: false });
}

/** "Agreement <id> · Page n of N" at the foot of every page. */
export function footers(pages: PDFPage[], font: PDFFont, agreementId: string, page: (n: number, of: number) => string, idLabel: string): void {
  pages.forEach((p, i) => {
    p.drawText(`${idLabel} ${agreementId} · ${page(i + 1, pages.length)}`, { x: MARGIN, y: MARGIN / 2, size: 8, font, color: MUTED });
  });
}
