import type { ReactNode } from 'react';
import { parseMarkdown, type Inline } from '@ideasphere/shared/challenges/markdown.js';

/** A challenge text: the Markdown subset as React elements (never HTML), in its own direction. */
export function Markdown({ source, className }: { source: string; className?: string }) {
  return (
    <div className={['markdown', className].filter(Boolean).join(' ')} dir="auto">
      {parseMarkdown(source).map((block, index) => {
        switch (block.kind) {
          case 'heading': {
            const Tag = block.level === 1 ? 'h3' : block.level === 2 ? 'h4' : 'h5';
            return <Tag key={index}>{inlines(block.children)}</Tag>;
          }
          case 'paragraph':
            return <p key={index}>{inlines(block.children)}</p>;
          case 'list': {
            const items = block.items.map((item, i) => <li key={i}>{inlines(item)}</li>);
            return block.ordered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
          }
        }
      })}
    </div>
  );
}

function inlines(children: Inline[]): ReactNode[] {
  return children.map((inline, index) => {
    switch (inline.kind) {
      case 'text':
        return inline.text;
      case 'break':
        return <br key={index} />;
      case 'code':
        return <code key={index}>{inline.text}</code>;
      case 'strong':
        return <strong key={index}>{inlines(inline.children)}</strong>;
      case 'em':
        return <em key={index}>{inlines(inline.children)}</em>;
      case 'link':
        return (
          <a key={index} href={inline.href} target="_blank" rel="noopener noreferrer nofollow">
            {inlines(inline.children)}
          </a>
        );
    }
  });
}
