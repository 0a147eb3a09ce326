/**
 * The small Markdown subset a challenge's texts are written in: headings (`#`–`###`),
 * paragraphs, bullet (`-`, `*`) and numbered (`1.`) lists, **bold**, *italic*, `code` and
 * [links](https://…). The stored text is the Markdown itself; this parses it into a tree that
 * the page renders as React elements, never as HTML, so no text can become a script, and a
 * link opens only an `http:`, `https:` or `mailto:` address (anything else stays text).
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] }
  | { kind: 'break' };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

const HEADING = /^(#{1,3})\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
const SAFE_HREF = /^(https?:\/\/|mailto:)[^\s<>"]+$/i;

/** Parses Markdown into blocks (see the module comment for the subset). */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;

  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join('\n')) });
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    paragraph = [];
    list = null;
  };

  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: (heading[1]?.length ?? 1) as 1 | 2 | 3, children: parseInline(heading[2] ?? '') });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const ordered = numbered !== null;
      if (paragraph.length > 0 || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[1] ?? '');
      continue;
    }
    if (list && /^\s+/.test(line)) {
      // An indented line continues the list item above it.
      list.items[list.items.length - 1] += `\n${line.trim()}`;
      continue;
    }
    if (list) flush();
    paragraph.push(line);
  }
  flush();
  return blocks;
}

/** Inline marks of one block's text. Unclosed marks stay as the characters typed. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const pushPlain = () => {
    if (plain) out.push({ kind: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const char = text[i] ?? '';
    if (char === '\n') {
      pushPlain();
      out.push({ kind: 'break' });
      i += 1;
      continue;
    }
    if (char === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        pushPlain();
        out.push({ kind: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (rest.startsWith('**')) {
      const end = text.indexOf('**', i + 2);
      if (end > i + 2) {
        pushPlain();
        out.push({ kind: 'strong', children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if (char === '*' || char === '_') {
      const end = text.indexOf(char, i + 1);
      if (end > i + 1 && text[i + 1] !== ' ') {
        pushPlain();
        out.push({ kind: 'em', children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (char === '[') {
      const link = /^\[([^\]\n]+)\]\(([^)\s]+)\)/.exec(rest);
      if (link) {
        const [whole, label = '', href = ''] = link;
        if (SAFE_HREF.test(href)) {
          pushPlain();
          out.push({ kind: 'link', href, children: parseInline(label) });
        } else {
          plain += label;
        }
        i += whole.length;
        continue;
      }
    }
    plain += char;
    i += 1;
  }
  pushPlain();
  return out;
}

/** The text of a Markdown source without its marks, for a catalogue excerpt. */
export function markdownExcerpt(source: string, maxChars: number): string {
  const words: string[] = [];
  const walk = (inlines: Inline[]) => {
    for (const inline of inlines) {
      if (inline.kind === 'text' || inline.kind === 'code') words.push(inline.text);
      else if (inline.kind === 'break') words.push(' ');
      else walk(inline.children);
    }
  };
  for (const block of parseMarkdown(source)) {
    if (block.kind === 'list') block.items.forEach((item) => (walk(item), words.push(' ')));
    else walk(block.children);
    words.push(' ');
  }
  const text = words.join('').replace(/\s+/g, ' ').trim();
  const chars = [...text];
  return chars.length <= maxChars ? text : `${chars.slice(0, maxChars - 1).join('').trimEnd()}…`;
}
