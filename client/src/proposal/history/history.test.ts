import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docFromBase64Update, docText, fragmentText } from './docText';
import { afterText, beforeText, diffStats, wordDiff } from './wordDiff';

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, string> = {}): Y.XmlElement {
  const el = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  el.insert(0, children);
  return el;
}

describe('version comparison', () => {
  it('reads a section as lines: paragraphs, headings and bulleted list items', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('section:solution');
    const bold = new Y.XmlText();
    bold.insert(0, 'Reuse ');
    bold.insert(6, 'heat', { bold: true });
    fragment.insert(0, [
      element('heading', [new Y.XmlText('Plan')], { level: '3' }),
      element('paragraph', [bold]),
      element('bulletList', [
        element('listItem', [element('paragraph', [new Y.XmlText('one')])]),
        element('listItem', [element('paragraph', [new Y.XmlText('two')])]),
      ]),
    ]);
    expect(fragmentText(fragment)).toBe('Plan\nReuse heat\n• one\n• two');
    doc.getText('title').insert(0, 'Slag');
    const copy = docFromBase64Update(btoa(String.fromCharCode(...Y.encodeStateAsUpdate(doc))));
    expect(docText(copy, [{ key: 'solution', heading: 'Solution' }, { key: 'team', heading: 'Team' }])).toEqual({
      title: 'Slag',
      sections: [
        { key: 'solution', heading: 'Solution', text: 'Plan\nReuse heat\n• one\n• two' },
        { key: 'team', heading: 'Team', text: '' },
      ],
    });
  });

  it('marks added and removed words and keeps both texts whole', () => {
    const before = 'Recover heat from slag to cut gas use';
    const after = 'Recover waste heat from slag to cut gas use by 10%';
    const segments = wordDiff(before, after);
    expect(segments.filter((s) => s.kind === 'added').map((s) => s.text.trim())).toEqual(['waste', 'by 10%']);
    expect(afterText(segments)).toBe(after);
    expect(beforeText(segments)).toBe(before);
    expect(diffStats(segments)).toEqual({ added: 3, removed: 0 });
  });

  it('diffs Chinese by words, not whole lines', () => {
    const segments = wordDiff('降低能源成本', '大幅降低能源成本', 'zh');
    expect(segments[0]).toEqual({ kind: 'added', text: '大幅' });
    expect(afterText(segments)).toBe('大幅降低能源成本');
  });

  it('has nothing to show for equal or empty texts', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('same', 'same')).toEqual([{ kind: 'same', text: 'same' }]);
    expect(wordDiff('', 'new')).toEqual([{ kind: 'added', text: 'new' }]);
  });
});
