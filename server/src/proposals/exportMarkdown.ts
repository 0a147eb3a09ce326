import type { SectionSpec } from '@ideasphere/shared';
import * as Y from 'yjs';

/** A comment as the export lists it. */
export interface ExportComment {
  section: string;
  quote: string;
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

/** The inline content of a block: text runs and hard breaks. */
function inline(element: Y.XmlElement | Y.XmlText): string {
  if (element instanceof Y.XmlText) {
    return (element.toDelta() as Delta)
      .map((op) => (typeof op.insert === 'string' ? inlineRun(op.insert, op.attributes) : ''))
      .join('');
  }
  return element
    .toArray()
    .map((child) => {
      if (child instanceof Y.XmlText) return inline(child);
      if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') return '  \n';
      if (child instanceof Y.XmlElement) return inline(child);
      return '';
    })
    .join('');
}

function indentLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : indent + line))
    .join('\n');
}

/** One block node (and its children) as Markdown lines. */
function block(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) return inline(node);
  if (!(node instanceof Y.XmlElement)) return '';
  switch (node.nodeName) {
    case 'paragraph':
      return inline(node);
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(attr(node, 'level')) || 1));
      // Section headings are level 2; headings inside a section start below them.
      return `${'#'.repeat(Math.min(6, level + 2))} ${inline(node)}`;
    }
    case 'bulletList':
    case 'orderedList': {
      const ordered = node.nodeName === 'orderedList';
      let number = Number(attr(node, 'start')) || 1;
      return node
        .toArray()
        .map((item) => {
          const marker = ordered ? `${number++}. ` : '- ';
          const content = item instanceof Y.XmlElement ? blocks(item.toArray()) : block(item);
          return marker + indentLines(content, ' '.repeat(marker.length));
        })
        .join('\n');
    }
    case 'listItem':
      return blocks(node.toArray());
    case 'blockquote':
      return blocks(node.toArray())
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'codeBlock': {
      const language = attr(node, 'language');
      return `\`\`\`${typeof language === 'string' ? language : ''}\n${node.toArray().map((c) => (c instanceof Y.XmlText ? c.toString() : '')).join('')}\n\`\`\``;
    }
    case 'horizontalRule':
      return '---';
    default:
      return blocks(node.toArray());
  }
}

/** Blocks separated by blank lines (list items inside a list are tight). */
function blocks(nodes: (Y.XmlElement | Y.XmlText | Y.XmlHook)[]): string {
  return nodes
    .map(block)
    .filter((text) => text !== '')
    .join('\n\n');
}

/**
 * The proposal as Markdown: the title, each template section as a level-2 heading with its
 * rich text (headings, paragraphs, bullet and ordered lists, bold, italic, strike, code, links),
 * and, when asked, the comments as a footnote-style list.
 */
export function proposalToMarkdown(doc: Y.Doc, template: readonly SectionSpec[], comments: readonly ExportComment[] | null): string {
  const parts: string[] = [`# ${escapeText(doc.getText('title').toString().trim()) || 'Untitled proposal'}`];
  for (const section of template) {
    parts.push(`## ${escapeText(section.heading)}`);
    const body = blocks(doc.getXmlFragment(`section:${section.key}`).toArray());
    if (body !== '') parts.push(body);
  }
  if (comments && comments.length > 0) {
    parts.push('## Comments');
    const headings = new Map(template.map((s) => [s.key, s.heading]));
    parts.push(
      comments
        .map((comment, i) => {
          const where = headings.get(comment.section) ?? comment.section;
          const lines = [
            `[^${i + 1}]: **${escapeText(comment.authorName)}** on “${escapeText(comment.quote)}” (${escapeText(where)})${comment.resolved ? ' — resolved' : ''}: ${escapeText(comment.body)}`,
            ...comment.replies.map((reply) => `    - **${escapeText(reply.authorName)}**: ${escapeText(reply.body)}`),
          ];
          return lines.join('\n');
        })
        .join('\n'),
    );
  }
  return `${parts.join('\n\n')}\n`;
}
