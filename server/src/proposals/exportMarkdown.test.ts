import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { proposalToMarkdown } from './exportMarkdown.js';

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, string> = {}): Y.XmlElement {
  const el = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  el.insert(0, children);
  return el;
}

function text(delta: { insert: string; attributes?: Record<string, object> }[]): Y.XmlText {
  const t = new Y.XmlText();
  t.applyDelta(delta);
  return t;
}

describe('proposalToMarkdown', () => {
  it('renders headings, paragraphs, lists, marks and links of each section in template order', () => {
    const doc = new Y.Doc();
    doc.getText('title').insert(0, 'Green line 3');
    doc.getXmlFragment('section:problem').insert(0, [
      element('heading', [text([{ insert: 'Costs' }])], { level: '1' }),
      element('paragraph', [
        text([
          { insert: 'Energy is ' },
          { insert: 'too high', attributes: { bold: {} } },
          { insert: ' and ' },
          { insert: 'rising', attributes: { italic: {} } },
          { insert: '; see ' },
          { insert: 'report', attributes: { link: { href: 'https://example.com/a b' } } },
          { insert: ' or run ' },
          { insert: 'kwh()', attributes: { code: {} } },
          { insert: '.' },
        ]),
      ]),
    ]);
    doc.getXmlFragment('section:solution').insert(0, [
      element('orderedList', [
        element('listItem', [element('paragraph', [text([{ insert: 'Solar roof' }])])]),
        element('listItem', [
          element('paragraph', [text([{ insert: 'Reuse fluid' }])]),
          element('bulletList', [element('listItem', [element('paragraph', [text([{ insert: 'filter *first*' }])])])]),
        ]),
      ]),
    ]);
    const md = proposalToMarkdown(doc, [{ key: 'problem', heading: '问题' }, { key: 'solution', heading: 'Solution' }, { key: 'ip', heading: 'IP' }], null);
    expect(md).toBe(
      [
        '# Green line 3',
        '## 问题',
        '### Costs',
        'Energy is **too high** and *rising*; see [report](https://example.com/a%20b) or run `kwh()`.',
        '## Solution',
        '1. Solar roof\n2. Reuse fluid\n\n   - filter \\*first\\*',
        '## IP',
      ].join('\n\n') + '\n',
    );
  });

  it('adds comments as footnotes when asked', () => {
    const doc = new Y.Doc();
    const md = proposalToMarkdown(doc, [{ key: 'problem', heading: 'Problem' }], [
      { section: 'problem', quote: 'too high', authorName: 'Ann', body: 'Source?', resolved: true, replies: [{ authorName: 'Li', body: 'Audit 2023' }] },
    ]);
    expect(md).toContain('# Untitled proposal');
    expect(md).toContain('## Comments\n\n[^1]: **Ann** on “too high” (Problem) — resolved: Source?\n    - **Li**: Audit 2023');
  });
});
