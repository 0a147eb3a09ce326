import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CommentAnchor } from '@ideasphere/shared';
import { type ExportComment, proposalToMarkdown } from './exportMarkdown.js';

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

  it('adds nothing about comments when there are none', () => {
    const doc = new Y.Doc();
    const md = proposalToMarkdown(doc, [{ key: 'problem', heading: 'Problem' }], []);
    expect(md).toBe('# Untitled proposal\n\n## Problem\n');
  });

  it('puts a reference after each commented passage, numbered in reading order, and one definition per comment with its replies', () => {
    const doc = new Y.Doc();
    const problem = text([{ insert: 'Energy is ' }, { insert: 'too high', attributes: { bold: {} } }, { insert: ' and rising.' }]);
    const first = text([{ insert: 'Line one' }]);
    const second = text([{ insert: 'line two' }]);
    doc.getXmlFragment('section:problem').insert(0, [element('paragraph', [problem])]);
    doc.getXmlFragment('section:solution').insert(0, [
      element('bulletList', [element('listItem', [element('paragraph', [text([{ insert: 'Solar roof' }])])])]),
      element('paragraph', [first, element('hardBreak', []), second]),
    ]);
    const solar = ((doc.getXmlFragment('section:solution').get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlElement;
    const comments: ExportComment[] = [
      // Posted first, but its passage comes second in the text.
      comment(anchorOn(problem, 'problem', 'rising'), 'Ann', 'Since when?'),
      { ...comment(anchorOn(problem, 'problem', 'too high'), 'Li', 'Source?'), replies: [{ authorName: 'Ann', body: 'Audit 2023' }, { authorName: 'Li', body: 'Thanks\nnoted' }] },
      { ...comment(anchorOn(solar.get(0) as Y.XmlText, 'solution', 'Solar'), 'Bo', 'Which roof?'), resolved: true },
      // From inside the first line across the hard break into the second.
      comment({ section: 'solution', start: encode(first, 5, 0), end: encode(second, 4, -1), quote: 'one line' }, 'Cy', 'Merge these?'),
    ];
    const md = proposalToMarkdown(doc, [{ key: 'problem', heading: 'Problem' }, { key: 'solution', heading: 'Solution' }], comments);
    expect(md).toBe(
      [
        '# Untitled proposal',
        '## Problem',
        'Energy is **too high**[^1] and rising[^2].',
        '## Solution',
        '- Solar[^3] roof',
        'Line one  \nline[^4] two',
        '[^1]: **Li** on “too high” (Problem): Source?\n\n    - **Ann**: Audit 2023\n    - **Li**: Thanks\n      noted',
        '[^2]: **Ann** on “rising” (Problem): Since when?',
        '[^3]: **Bo** on “Solar” (Solution) — resolved: Which roof?',
        '[^4]: **Cy** on “one line” (Solution): Merge these?',
      ].join('\n\n') + '\n',
    );
    expectFootnotesPaired(md, 4);
  });

  it('keeps a comment whose passage was deleted: listed at the end with its reference, not dropped', () => {
    const doc = new Y.Doc();
    const run = text([{ insert: 'Keep this. Drop this part.' }]);
    const gone = text([{ insert: 'A whole paragraph' }]);
    const fragment = doc.getXmlFragment('section:problem');
    fragment.insert(0, [element('paragraph', [run]), element('paragraph', [gone])]);
    const comments: ExportComment[] = [
      comment(anchorOn(run, 'problem', 'Drop this part'), 'Ann', 'Too vague'),
      comment(anchorOn(gone, 'problem', 'whole'), 'Li', 'Why?'),
      comment(anchorOn(run, 'problem', 'Keep'), 'Bo', 'Yes'),
      comment({ section: 'budget', start: encode(run, 0, 0), end: encode(run, 4, -1), quote: 'Keep' }, 'Cy', 'Old section'),
    ];
    run.delete('Keep this. '.length, 'Drop this part.'.length);
    fragment.delete(1, 1);
    const md = proposalToMarkdown(doc, [{ key: 'problem', heading: 'Problem' }], comments);
    expect(md).toBe(
      [
        '# Untitled proposal',
        '## Problem',
        'Keep[^1] this. ',
        '## Comments on deleted text',
        '- “Drop this part” (Problem)[^2]\n- “whole” (Problem)[^3]\n- “Keep” (budget)[^4]',
        '[^1]: **Bo** on “Keep” (Problem): Yes',
        '[^2]: **Ann** on “Drop this part” (Problem): Too vague',
        '[^3]: **Li** on “whole” (Problem): Why?',
        '[^4]: **Cy** on “Keep” (budget): Old section',
      ].join('\n\n') + '\n',
    );
    expectFootnotesPaired(md, 4);
  });

  it('follows a passage as the text changes around it, and never puts a reference inside code', () => {
    const doc = new Y.Doc();
    const run = text([{ insert: 'The cost is high.' }]);
    const code = new Y.XmlText('npm run bench');
    doc.getXmlFragment('section:problem').insert(0, [element('paragraph', [run]), element('codeBlock', [code])]);
    const comments = [comment(anchorOn(run, 'problem', 'high'), 'Ann', 'How high?'), comment(anchorOn(code, 'problem', 'run'), 'Li', 'Which one?')];
    run.insert(0, 'In winter, ');
    run.insert('In winter, The cost is '.length, 'far too ');
    const md = proposalToMarkdown(doc, [{ key: 'problem', heading: 'Problem' }], comments);
    expect(md).toContain('In winter, The cost is far too high[^1].\n\n```\nnpm run bench\n```\n[^2]\n\n[^1]: **Ann**');
    expectFootnotesPaired(md, 2);
  });
});

/** A comment on `quote`, the first time it occurs in `run`, anchored as the editor anchors it. */
function anchorOn(run: Y.XmlText, section: string, quote: string): CommentAnchor {
  // toString() would write the marks as tags: the characters are the delta's inserts.
  const plain = (run.toDelta() as { insert: string }[]).map((op) => op.insert).join('');
  const at = plain.indexOf(quote);
  if (at < 0) throw new Error(`"${quote}" is not in the run`);
  return { section, start: encode(run, at, 0), end: encode(run, at + quote.length, -1), quote };
}

function encode(run: Y.XmlText, index: number, assoc: number): string {
  return Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(run, index, assoc))).toString('base64');
}

function comment(anchor: CommentAnchor, authorName: string, body: string): ExportComment {
  return { anchor, authorName, body, resolved: false, replies: [] };
}

/**
 * The footnotes as a renderer pairs them: each label 1…count has exactly one definition at the
 * start of a line and at least one reference elsewhere; nothing else looks like a footnote.
 */
function expectFootnotesPaired(md: string, count: number): void {
  const definitions = [...md.matchAll(/^\[\^(\d+)\]:/gm)].map((m) => Number(m[1]));
  const references = [...md.matchAll(/\[\^(\d+)\](?!:)/g)].map((m) => Number(m[1]));
  const labels = Array.from({ length: count }, (_, i) => i + 1);
  expect(definitions).toEqual(labels);
  expect([...new Set(references)].sort((a, b) => a - b)).toEqual(labels);
}
