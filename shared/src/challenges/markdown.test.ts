import { describe, expect, it } from 'vitest';
import { markdownExcerpt, parseInline, parseMarkdown } from './markdown.js';

describe('the challenge Markdown subset', () => {
  it('parses headings, paragraphs and both kinds of list', () => {
    expect(parseMarkdown('## 背景\nLine one\nline two\n\n- a\n- **b**\n\n1. first\n2) second')).toEqual([
      { kind: 'heading', level: 2, children: [{ kind: 'text', text: '背景' }] },
      { kind: 'paragraph', children: [{ kind: 'text', text: 'Line one' }, { kind: 'break' }, { kind: 'text', text: 'line two' }] },
      { kind: 'list', ordered: false, items: [[{ kind: 'text', text: 'a' }], [{ kind: 'strong', children: [{ kind: 'text', text: 'b' }] }]] },
      { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'first' }], [{ kind: 'text', text: 'second' }]] },
    ]);
  });

  it('keeps only http, https and mailto links; any other scheme stays text', () => {
    expect(parseInline('[site](https://example.org/a?b=1) and [x](javascript:alert(1))')).toEqual([
      { kind: 'link', href: 'https://example.org/a?b=1', children: [{ kind: 'text', text: 'site' }] },
      { kind: 'text', text: ' and x)' },
    ]);
    expect(parseInline('[mail](mailto:a@b.cn)')[0]).toMatchObject({ kind: 'link', href: 'mailto:a@b.cn' });
  });

  it('leaves HTML as the text it is', () => {
    expect(parseMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)>')).toEqual([
      { kind: 'paragraph', children: [{ kind: 'text', text: '<script>alert(1)</script> <img src=x onerror=alert(1)>' }] },
    ]);
  });

  it('reads marks and leaves unclosed ones as typed', () => {
    expect(parseInline('*em* `code` **open')).toEqual([
      { kind: 'em', children: [{ kind: 'text', text: 'em' }] },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'code' },
      { kind: 'text', text: ' **open' },
    ]);
  });

  it('makes a plain excerpt, cut with an ellipsis', () => {
    expect(markdownExcerpt('# Title\n\nWe need **lighter** steel.\n- less weight', 200)).toBe('Title We need lighter steel. less weight');
    expect(markdownExcerpt('降低钢材重量并保持强度', 6)).toBe('降低钢材重…');
  });
});
