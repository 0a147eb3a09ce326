import type { SourceIdea } from '@ideasphere/shared';
import * as Y from 'yjs';

/** A source idea with the detail the seed shows (the record keeps title and authors only). */
export interface SeedIdea extends SourceIdea {
  detail: string;
}

/** A paragraph of runs, each with its marks, in one XmlText (as y-prosemirror writes it). */
function paragraph(runs: [text: string, marks: Record<string, object | null>][]): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  // One delta: a text not yet in a document reports length 0, so inserts "at the end" would reverse.
  text.applyDelta(runs.filter(([content]) => content !== '').map(([insert, attributes]) => ({ insert, attributes })));
  element.insert(0, [text]);
  return element;
}

/**
 * An empty paragraph holding one empty XmlText. People who start typing at once in a fresh
 * section then all edit this one text (y-prosemirror updates an existing XmlText in place)
 * instead of each creating a paragraph of their own in an empty fragment.
 */
function emptyParagraph(): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText()]);
  return element;
}

/** The source ideas as a bullet list: each title in bold, its detail and its authors. */
function ideaList(ideas: readonly SeedIdea[]): Y.XmlElement {
  const list = new Y.XmlElement('bulletList');
  list.insert(
    0,
    ideas.map((idea) => {
      const item = new Y.XmlElement('listItem');
      const by = idea.authorNames.length > 0 ? ` (${idea.authorNames.join(', ')})` : '';
      const detail = idea.detail.trim();
      item.insert(0, [paragraph([[idea.title, { bold: {} }], [`${detail === '' ? '' : ` — ${detail}`}${by}`, { bold: null }]])]);
      return item;
    }),
  );
  return list;
}

/**
 * Appends ideas to a document's solution section (or its first one), as the seed lists them,
 * followed by an empty paragraph to type on. Call inside a transaction.
 */
export function appendIdeaList(doc: Y.Doc, sectionKeys: readonly string[], ideas: readonly SeedIdea[], solutionKey = 'solution'): void {
  const key = sectionKeys.includes(solutionKey) ? solutionKey : sectionKeys[0];
  if (key === undefined || ideas.length === 0) return;
  const fragment = doc.getXmlFragment(`section:${key}`);
  fragment.insert(fragment.length, [ideaList(ideas), emptyParagraph()]);
}

/**
 * The first state of a proposal's document, in the shape TipTap's Collaboration extension
 * reads (ProseMirror nodes as XmlElements, text as XmlText, marks as formatting attributes):
 * the title; every section holds an empty paragraph, and the solution section first lists
 * the source ideas, each as a list item with its title in bold, its detail and its authors.
 */
export function seedDocument(title: string, sectionKeys: readonly string[], ideas: readonly SeedIdea[], solutionKey = 'solution'): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getText('title').insert(0, title);
    const key = sectionKeys.includes(solutionKey) ? solutionKey : sectionKeys[0];
    if (key === undefined) return;
    const list = ideaList(ideas);
    for (const section of sectionKeys) {
      doc.getXmlFragment(`section:${section}`).insert(0, section === key ? [list, emptyParagraph()] : [emptyParagraph()]);
    }
  });
  return Y.encodeStateAsUpdate(doc);
}
