import * as Y from 'yjs';

/** mulberry32: a tiny seeded PRNG, so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['能耗', 'cost ', 'quality ', '绿色', 'AI ', 'line 3 ', '降低', '✓ ', '🌱 ', 'hall '];
const MARKS: Record<string, object | null>[] = [{}, { bold: {} }, { italic: {} }, { bold: {}, italic: {} }, { link: { href: 'https://example.com/a' } }];

/** The text of a Y.Text without markup. */
function plain(text: Y.Text): string {
  return (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '\u0000')).join('');
}

/** Moves an index off the middle of a surrogate pair (an editor never splits a character). */
function boundary(content: string, index: number): number {
  const code = content.charCodeAt(index - 1);
  return index > 0 && index < content.length && code >= 0xd800 && code <= 0xdbff ? index - 1 : index;
}

/** Every XmlText under a fragment, depth first. */
function textsIn(parent: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  return parent.toArray().flatMap((child) => {
    if (child instanceof Y.XmlText) return [child];
    if (child instanceof Y.XmlElement) return textsIn(child);
    return [];
  });
}

function elementsIn(parent: Y.XmlFragment | Y.XmlElement): Y.XmlElement[] {
  return parent.toArray().flatMap((child) => (child instanceof Y.XmlElement ? [child, ...elementsIn(child)] : []));
}

/**
 * One random edit of the kind TipTap makes, in one of `sections` or the title: typing with
 * marks (bold, italic, links, emoji), deleting text, re-formatting a range, adding or removing
 * paragraphs, headings and bullet lists, changing a heading's level.
 */
export function randomRichEdit(doc: Y.Doc, sections: readonly string[], next: () => number): void {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const fragment = doc.getXmlFragment(`section:${pick(sections)}`);
  const block = (): Y.XmlElement => {
    const roll = next();
    const text = new Y.XmlText();
    // Formatting is set by applyDelta: a text not yet in a document reports length 0.
    text.applyDelta([{ insert: pick(WORDS), attributes: pick(MARKS) }, { insert: pick(WORDS), attributes: pick(MARKS) }]);
    if (roll < 0.2) {
      const heading = new Y.XmlElement('heading');
      heading.setAttribute('level', String(1 + Math.floor(next() * 3)));
      heading.insert(0, [text]);
      return heading;
    }
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text]);
    if (roll < 0.35) {
      const list = new Y.XmlElement('bulletList');
      const item = new Y.XmlElement('listItem');
      item.insert(0, [paragraph]);
      list.insert(0, [item]);
      return list;
    }
    return paragraph;
  };
  doc.transact(() => {
    const roll = next();
    const texts = textsIn(fragment);
    if (roll < 0.08) {
      const title = doc.getText('title');
      const content = title.toString();
      if (next() < 0.6 || title.length === 0) title.insert(boundary(content, Math.floor(next() * (title.length + 1))), pick(WORDS));
      else {
        const at = boundary(content, Math.floor(next() * title.length));
        title.delete(at, boundary(content, at + 1) === at + 1 ? 1 : 2);
      }
    } else if (roll < 0.2 || texts.length === 0) {
      fragment.insert(Math.floor(next() * (fragment.length + 1)), [block()]);
    } else if (roll < 0.27 && fragment.length > 0) {
      fragment.delete(Math.floor(next() * fragment.length), 1);
    } else if (roll < 0.32) {
      const lists = elementsIn(fragment).filter((e) => e.nodeName === 'bulletList');
      const list = lists.length > 0 ? pick(lists) : null;
      if (list) {
        const item = new Y.XmlElement('listItem');
        item.insert(0, [block()]);
        list.insert(Math.floor(next() * (list.length + 1)), [item]);
      }
    } else if (roll < 0.36) {
      const headings = elementsIn(fragment).filter((e) => e.nodeName === 'heading');
      if (headings.length > 0) pick(headings).setAttribute('level', String(1 + Math.floor(next() * 3)));
    } else {
      const text = pick(texts);
      const content = plain(text);
      const length = content.length;
      const action = next();
      if (action < 0.55 || length === 0) {
        text.insert(boundary(content, Math.floor(next() * (length + 1))), pick(WORDS), { ...pick(MARKS) });
        return;
      }
      const start = boundary(content, Math.floor(next() * length));
      const end = boundary(content, Math.min(length, start + 1 + Math.floor(next() * 6)));
      if (end <= start) return;
      if (action < 0.8) text.delete(start, end - start);
      else text.format(start, end - start, pick([{ bold: {} }, { bold: null }, { italic: {} }, { italic: null }, { link: null }]));
    }
  });
}

/** JSON of formatting attributes with keys in order (the order of marks does not matter). */
function sortedJson(attributes: Record<string, unknown> | undefined): string {
  return JSON.stringify(Object.entries(attributes ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));
}

type TextOp = { insert: string | object; attributes?: Record<string, unknown> };

/** A copy of a node in which every run of equally formatted text is one delta op. */
function canonicalCopy(node: Y.XmlElement | Y.XmlText): Y.XmlElement | Y.XmlText {
  if (node instanceof Y.XmlText) {
    const merged: TextOp[] = [];
    for (const op of node.toDelta() as TextOp[]) {
      const last = merged[merged.length - 1];
      if (last && typeof last.insert === 'string' && typeof op.insert === 'string' && sortedJson(last.attributes) === sortedJson(op.attributes)) {
        last.insert += op.insert;
      } else merged.push({ ...op });
    }
    const copy = new Y.XmlText();
    copy.applyDelta(merged);
    return copy;
  }
  const copy = new Y.XmlElement(node.nodeName);
  for (const [key, value] of Object.entries(node.getAttributes())) if (value !== undefined) copy.setAttribute(key, value);
  copy.insert(0, node.toArray().flatMap((child) => (child instanceof Y.XmlHook ? [] : [canonicalCopy(child)])));
  return copy;
}

/**
 * The title and every section as XML text, comparable across documents. Each section is first
 * copied into a fresh document with each run of equally formatted text as one op: Yjs prints a
 * run as two tags when a (redundant) format item lies inside it, which ProseMirror shows as
 * one text, so without this equal content could print differently.
 */
export function docXml(doc: Y.Doc, sections: readonly string[]): Record<string, string> {
  const fresh = new Y.Doc();
  const xml = sections.map((key) => {
    const copy = fresh.getXmlFragment(key);
    const children = doc.getXmlFragment(`section:${key}`).toArray();
    copy.insert(0, children.flatMap((child) => (child instanceof Y.XmlHook ? [] : [canonicalCopy(child)])));
    return [key, copy.toString()];
  });
  fresh.destroy();
  return Object.fromEntries([['title', doc.getText('title').toString()], ...xml]);
}
