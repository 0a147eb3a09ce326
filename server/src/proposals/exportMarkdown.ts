import { sectionFragmentName, type CommentAnchor, type SectionSpec } from '@ideasphere/shared';
import * as Y from 'yjs';
import { LEAVES, SectionPositions } from './anchorPositions.js';

/** A comment as the export lists it. */
export interface ExportComment {
  anchor: CommentAnchor;
  authorName: string;
  body: string;
  resolved: boolean;
  replies: { authorName: string; body: string }[];
}

type Delta = { insert?: unknown; attributes?: Record<string, unknown> }[];

/** Characters Markdown would read as syntax inside running text. */
function escapeText(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

function attr(element: Y.XmlElement, name: string): unknown {
  return element.getAttribute(name) as unknown;
}

/** A footnote reference waiting for its place: right after ProseMirror position `at`. */
interface Reference {
  at: number;
  label: string;
}

/**
 * Where the walk through a section is, as a ProseMirror position (counted like
 * SectionPositions), with the footnote references still to place, sorted by position.
 */
class Cursor {
  pos = 0;
  constructor(private readonly pending: Reference[]) {}

  /** The references whose place the walk has reached (a block boundary, a hard break). */
  due(): string {
    const reached = this.pending.findIndex((ref) => ref.at > this.pos);
    return labels(this.pending.splice(0, reached < 0 ? this.pending.length : reached));
  }

  /** The next reference placed inside the `length` characters after the cursor, if any. */
  nextWithin(length: number): Reference | undefined {
    const next = this.pending[0];
    return next !== undefined && next.at <= this.pos + length ? this.pending.shift() : undefined;
  }

  /** Every reference not placed yet. */
  rest(): string {
    return labels(this.pending.splice(0));
  }
}

function labels(references: readonly Reference[]): string {
  return references.map((ref) => ref.label).join('');
}

/** One text run with its marks (bold, italic, strike, code, link) as Markdown. */
function inlineRun(text: string, attributes: Record<string, unknown> = {}): string {
  if (text === '') return '';
  if ('code' in attributes) {
    const fence = text.includes('`') ? '``' : '`';
    return `${fence}${text}${fence}`;
  }
  // Whitespace stays outside the markers, or `** bold**` would not render as bold.
  const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) ?? [];
  if (core === '') return text;
  let out = escapeText(core);
  if ('italic' in attributes) out = `*${out}*`;
  if ('bold' in attributes) out = `**${out}**`;
  if ('strike' in attributes) out = `~~${out}~~`;
  const link = attributes['link'];
  if (typeof link === 'object' && link !== null && typeof (link as { href?: unknown }).href === 'string') {
    const href = (link as { href: string }).href.replace(/[()\s]/g, encodeURIComponent);
    out = `[${out}](${href})`;
  }
  return `${lead}${out}${trail}`;
}

/**
 * A text's runs with their marks, and the footnote references that fall in it: a run is cut
 * where a commented passage ends, so `**too high**[^1]` keeps the marks whole on either side.
 */
function inlineText(text: Y.XmlText, cursor: Cursor): string {
  let out = '';
  for (const op of text.toDelta() as Delta) {
    if (typeof op.insert !== 'string') continue;
    out += cursor.due();
    const run = op.insert;
    const start = cursor.pos;
    let from = 0;
    for (let ref = cursor.nextWithin(run.length); ref !== undefined; ref = cursor.nextWithin(run.length)) {
      const cut = ref.at - start;
      out += inlineRun(run.slice(from, cut), op.attributes) + ref.label;
      from = cut;
    }
    out += inlineRun(run.slice(from), op.attributes);
    cursor.pos = start + run.length;
  }
  return out;
}

/** The inline content of a block: text runs and hard breaks. */
function inline(node: Y.XmlElement | Y.XmlText, cursor: Cursor): string {
  if (node instanceof Y.XmlText) return inlineText(node, cursor);
  return node
    .toArray()
    .map((child) => {
      if (child instanceof Y.XmlText) return inlineText(child, cursor);
      if (child instanceof Y.XmlElement && LEAVES.has(child.nodeName)) {
        // A passage that ends with a hard break gets its reference before the line ends.
        cursor.pos += 1;
        const due = cursor.due();
        return child.nodeName === 'hardBreak' ? `${due}  \n` : due;
      }
      if (child instanceof Y.XmlElement) return element(cursor, () => inline(child, cursor));
      return '';
    })
    .join('');
}

/**
 * Walks through an element: its opening tag, its content as `render` writes it, its closing
 * tag, then the references of passages that end there (at the end of this element's text
 * rather than at the start of the next block's).
 */
function element(cursor: Cursor, render: () => string): string {
  cursor.pos += 1;
  const content = render();
  cursor.pos += 1;
  return content + cursor.due();
}

function indentLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : indent + line))
    .join('\n');
}

/** One block node (and its children) as Markdown lines. */
function block(node: Y.XmlElement | Y.XmlText | Y.XmlHook, cursor: Cursor): string {
  if (node instanceof Y.XmlText) return inlineText(node, cursor);
  if (!(node instanceof Y.XmlElement)) return '';
  switch (node.nodeName) {
    case 'paragraph':
      return element(cursor, () => inline(node, cursor));
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(attr(node, 'level')) || 1));
      // Section headings are level 2; headings inside a section start below them.
      return `${'#'.repeat(Math.min(6, level + 2))} ${element(cursor, () => inline(node, cursor))}`;
    }
    case 'bulletList':
    case 'orderedList': {
      const ordered = node.nodeName === 'orderedList';
      let number = Number(attr(node, 'start')) || 1;
      return element(cursor, () =>
        node
          .toArray()
          .map((item) => {
            const marker = ordered ? `${number++}. ` : '- ';
            const content = item instanceof Y.XmlElement ? element(cursor, () => blocks(item.toArray(), cursor)) : block(item, cursor);
            return marker + indentLines(content, ' '.repeat(marker.length));
          })
          .join('\n'),
      );
    }
    case 'blockquote':
      return element(cursor, () => blocks(node.toArray(), cursor))
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'codeBlock': {
      const language = attr(node, 'language');
      const code = node.toArray().map((c) => (c instanceof Y.XmlText ? c.toString() : '')).join('');
      // Inside a fence a reference would be printed as code: it goes on the line after it.
      const due = element(cursor, () => {
        cursor.pos += code.length;
        return '';
      });
      return `\`\`\`${typeof language === 'string' ? language : ''}\n${code}\n\`\`\`${due === '' ? '' : `\n${due}`}`;
    }
    case 'horizontalRule':
    case 'hardBreak':
    case 'image': {
      cursor.pos += 1;
      const due = cursor.due();
      return node.nodeName === 'horizontalRule' ? `---${due === '' ? '' : `\n\n${due}`}` : due;
    }
    default:
      return element(cursor, () => blocks(node.toArray(), cursor));
  }
}

/** Blocks separated by blank lines (list items inside a list are tight). */
function blocks(nodes: (Y.XmlElement | Y.XmlText | Y.XmlHook)[], cursor: Cursor): string {
  return nodes
    .map((node) => block(node, cursor))
    .filter((text) => text !== '')
    .join('\n\n');
}

/** The footnotes of the comments: references by section, and the comments in label order. */
interface Footnotes {
  references: Map<string, Reference[]>;
  /** Every comment with its label: those in the text in reading order, then the detached ones. */
  numbered: { comment: ExportComment; label: string; detached: boolean }[];
}

/**
 * Numbers the comments in reading order (template order, then where each passage ends) and
 * places each reference right after its passage. A comment whose passage is gone from the
 * text (deleted, or its section removed from the template) is numbered after them: it is
 * listed at the end, so its footnote still has a reference and renderers keep it.
 */
function footnotes(doc: Y.Doc, template: readonly SectionSpec[], comments: readonly ExportComment[]): Footnotes {
  const sections = new Map(template.map((section, index) => [section.key, index]));
  const positions = new Map<string, SectionPositions>();
  const attached: { comment: ExportComment; section: number; at: number; order: number }[] = [];
  const detached: ExportComment[] = [];
  comments.forEach((comment, order) => {
    const key = comment.anchor.section;
    const section = sections.get(key);
    if (section === undefined) return detached.push(comment);
    let measured = positions.get(key);
    if (!measured) {
      measured = new SectionPositions(doc, doc.getXmlFragment(sectionFragmentName(key)));
      positions.set(key, measured);
    }
    const passage = measured.passage(comment.anchor);
    if (passage) attached.push({ comment, section, at: passage.to, order });
    else detached.push(comment);
  });
  attached.sort((a, b) => a.section - b.section || a.at - b.at || a.order - b.order);

  const references = new Map<string, Reference[]>();
  const numbered: Footnotes['numbered'] = [];
  for (const { comment, at } of attached) {
    const label = `[^${numbered.length + 1}]`;
    numbered.push({ comment, label, detached: false });
    const list = references.get(comment.anchor.section) ?? [];
    list.push({ at, label });
    references.set(comment.anchor.section, list);
  }
  for (const comment of detached) numbered.push({ comment, label: `[^${numbered.length + 1}]`, detached: true });
  return { references, numbered };
}

/** A comment's footnote definition: who, on which passage, what, then each reply. */
function definition(label: string, comment: ExportComment, where: string): string {
  const head = `${label}: **${escapeText(comment.authorName)}** on “${escapeText(comment.anchor.quote)}” (${escapeText(where)})${comment.resolved ? ' — resolved' : ''}: ${escapeText(comment.body)}`;
  const replies = comment.replies.map((reply) => `- ${indentLines(`**${escapeText(reply.authorName)}**: ${escapeText(reply.body)}`, '  ')}`);
  // The lines after the first are indented: they belong to the footnote.
  return indentLines(replies.length === 0 ? head : [head, '', ...replies].join('\n'), '    ');
}

/**
 * The proposal as Markdown: the title, each template section as a level-2 heading with its
 * rich text (headings, paragraphs, bullet and ordered lists, bold, italic, strike, code, links),
 * and, when asked, the comments as footnotes: a reference `[^n]` right after each commented
 * passage and one definition per comment, with its replies. Comments whose passage was deleted
 * are listed under "Comments on deleted text", each with its reference.
 */
export function proposalToMarkdown(doc: Y.Doc, template: readonly SectionSpec[], comments: readonly ExportComment[] | null): string {
  const notes = footnotes(doc, template, comments ?? []);
  const parts: string[] = [`# ${escapeText(doc.getText('title').toString().trim()) || 'Untitled proposal'}`];
  for (const section of template) {
    parts.push(`## ${escapeText(section.heading)}`);
    const cursor = new Cursor(notes.references.get(section.key) ?? []);
    const body = blocks(doc.getXmlFragment(sectionFragmentName(section.key)).toArray(), cursor);
    // A passage can end after the last block (at the very end of the section).
    const rest = cursor.rest();
    const text = rest === '' ? body : body === '' ? rest : `${body}\n\n${rest}`;
    if (text !== '') parts.push(text);
  }
  const headings = new Map(template.map((s) => [s.key, s.heading]));
  const where = (comment: ExportComment) => headings.get(comment.anchor.section) ?? comment.anchor.section;
  const detached = notes.numbered.filter((note) => note.detached);
  if (detached.length > 0) {
    parts.push('## Comments on deleted text');
    parts.push(detached.map(({ comment, label }) => `- “${escapeText(comment.anchor.quote)}” (${escapeText(where(comment))})${label}`).join('\n'));
  }
  if (notes.numbered.length > 0) parts.push(notes.numbered.map(({ comment, label }) => definition(label, comment, where(comment))).join('\n\n'));
  return `${parts.join('\n\n')}\n`;
}
