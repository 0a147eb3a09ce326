import { type PDFFont, type PDFPage, rgb } from 'pdf-lib';

/** A4 in points, and the margins every agreement page keeps. */
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN = 56;
export const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.4, 0.4, 0.45);

/** Where each signer's box sits on the signature page (the last page of the sent document). */
export interface SignatureBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

const BOX_TOP = PAGE_HEIGHT - MARGIN - 60;
const BOX_GAP = 8;

/** Up to AGREEMENT_SIGNERS_MAX boxes, top to bottom; the same positions at sending and at completion. */
export function signatureBoxes(count: number): SignatureBox[] {
  const height = Math.min(110, (BOX_TOP - MARGIN - 20) / Math.max(count, 1) - BOX_GAP);
  return Array.from({ length: count }, (_, i) => ({ x: MARGIN, y: BOX_TOP - (i + 1) * (height + BOX_GAP), width: TEXT_WIDTH, height }));
}

/**
 * Breaks text into lines that fit `width`: Latin words stay whole (unless one alone is wider
 * than a line), CJK characters break anywhere, and a hard line break is kept.
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\t/g, '    ').split('\n')) {
    const tokens = paragraph.match(/[\u0020]+|[A-Za-z0-9\u00C0-\u024F'’.,;:!?()\-"“”/%&@#+*=_]+|./gsu) ?? [];
    let line = '';
    for (const token of tokens) {
      const candidate = line + token;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line.trim() !== '') lines.push(line.trimEnd());
      line = token.trimStart();
      // A token wider than a whole line (a long URL): cut it by characters.
      while (font.widthOfTextAtSize(line, size) > width) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Writes lines top-down from `y`, starting new pages through `nextPage`; returns the page and y after the last. */
export function drawLines(
  start: { page: PDFPage; y: number },
  lines: readonly string[],
  options: { font: PDFFont; size: number; lineHeight: number; nextPage: () => PDFPage; x?: number; color?: ReturnType<typeof rgb> },
): { page: PDFPage; y: number } {
  let { page, y } = start;
  for (const line of lines) {
    if (y - options.lineHeight < MARGIN) {
      page = options.nextPage();
      y = PAGE_HEIGHT - MARGIN;
    }
    y -= options.lineHeight;
    if (line !== '') page.drawText(line, { x: options.x ?? MARGIN, y, size: options.size, font: options.font, color: options.color ?? INK });
  }
  return { page, y };
}

/** `2026-03-01 09:30:05 UTC`: one unambiguous form for every time in a document. */
export function utcTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
