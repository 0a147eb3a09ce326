import { createElement, Fragment, type ReactNode } from 'react';
import * as Y from 'yjs';

const TAGS: Record<string, string> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  codeBlock: 'pre',
  hardBreak: 'br',
  horizontalRule: 'hr',
};

type Attributes = Record<string, unknown> | undefined;

function safeHref(href: unknown): string | undefined {
  return typeof href === 'string' && /^(https?:|mailto:)/i.test(href) ? href : undefined;
}

function renderText(text: Y.XmlText, key: string): ReactNode {
  const delta = text.toDelta() as { insert?: unknown; attributes?: Attributes }[];
  return delta.map((op, i) => {
    if (typeof op.insert !== 'string') return null;
    let node: ReactNode = op.insert;
    const attrs = op.attributes ?? {};
    if (attrs.code) node = <code>{node}</code>;
    if (attrs.bold) node = <strong>{node}</strong>;
    if (attrs.italic) node = <em>{node}</em>;
    if (attrs.strike) node = <s>{node}</s>;
    if (attrs.underline) node = <u>{node}</u>;
    const link = attrs.link as { href?: unknown } | undefined;
    if (link && safeHref(link.href)) node = <a href={safeHref(link.href)} target="_blank" rel="noopener noreferrer">{node}</a>;
    return <Fragment key={`${key}.${i}`}>{node}</Fragment>;
  });
}

function renderNode(node: Y.XmlElement | Y.XmlText, key: string): ReactNode {
  if (node instanceof Y.XmlText) return renderText(node, key);
  let tag = TAGS[node.nodeName];
  if (node.nodeName === 'heading') {
    const level = Number(node.getAttribute('level'));
    tag = `h${Math.min(6, Math.max(3, Number.isFinite(level) ? level + 1 : 3))}`;
  }
  const children = renderChildren(node, key);
  if (!tag) return <Fragment key={key}>{children}</Fragment>;
  if (tag === 'br' || tag === 'hr') return createElement(tag, { key });
  return createElement(tag, { key }, children);
}

function renderChildren(parent: Y.XmlElement | Y.XmlFragment, key: string): ReactNode[] {
  return parent
    .toArray()
    .filter((child): child is Y.XmlElement | Y.XmlText => child instanceof Y.XmlElement || child instanceof Y.XmlText)
    .map((child, i) => renderNode(child, `${key}.${i}`));
}

/** A section of a stored version, read-only, in the same look as the editor. */
export function FragmentView({ fragment, emptyText }: { fragment: Y.XmlFragment; emptyText: string }) {
  const children = renderChildren(fragment, 'n');
  return <div className="proposal-prose version-prose">{fragment.length === 0 ? <p className="prose-empty">{emptyText}</p> : children}</div>;
}
