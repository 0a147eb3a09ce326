import * as Y from 'yjs';
import { sectionFragmentName, TITLE_TEXT, type SectionSpec } from '@ideasphere/shared/proposalModel.js';

/** Block elements: each starts a new line in the plain text. */
const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'codeBlock', 'listItem', 'bulletList', 'orderedList', 'horizontalRule']);

function collect(node: Y.XmlElement | Y.XmlText | Y.XmlFragment, lines: string[], prefix: string): void {
  if (node instanceof Y.XmlText) {
    const last = lines.length - 1;
    lines[last] = (lines[last] ?? '') + node.toDelta().map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '')).join('');
    return;
  }
  if (node instanceof Y.XmlElement) {
    if (node.nodeName === 'hardBreak') {
      lines.push('');
      return;
    }
    if (node.nodeName === 'paragraph' || node.nodeName === 'heading' || node.nodeName === 'codeBlock') lines.push(prefix);
    const childPrefix = node.nodeName === 'listItem' ? '• ' : '';
    let first = true;
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement || child instanceof Y.XmlText) {
        collect(child, lines, first ? childPrefix : '');
        if (child instanceof Y.XmlElement && BLOCKS.has(child.nodeName)) first = false;
      }
    }
    return;
  }
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlElement || child instanceof Y.XmlText) collect(child, lines, '');
  }
}

/**
 * A section as plain text: one line per paragraph or heading, list items with a bullet. What the
 * version comparison diffs (formatting changes alone are not shown as changes).
 */
export function fragmentText(fragment: Y.XmlFragment): string {
  const lines: string[] = [];
  collect(fragment, lines, '');
  return lines.join('\n').replace(/\n+$/, '');
}

/** The text of a whole proposal document, section by section, for comparing versions. */
export interface DocText {
  title: string;
  sections: { key: string; heading: string; text: string }[];
}

export function docText(doc: Y.Doc, template: readonly SectionSpec[]): DocText {
  return {
    title: doc.getText(TITLE_TEXT).toString(),
    sections: template.map(({ key, heading }) => ({ key, heading, text: fragmentText(doc.getXmlFragment(sectionFragmentName(key))) })),
  };
}

/** A Y.Doc holding a stored version (`update` is base64 of a full state update). */
export function docFromBase64Update(update: string): Y.Doc {
  const binary = atob(update);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, bytes);
  return doc;
}
