import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { absoluteFromRelative, decodeRelative, encodeRelative, fragmentContentSize, relativeFromAbsolute, resolveAnchor } from './anchors';

/** `<p>…</p>` per string, as y-tiptap stores paragraphs. */
function paragraphs(fragment: Y.XmlFragment, texts: string[]): void {
  fragment.insert(
    fragment.length,
    texts.map((text) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      return p;
    }),
  );
}

function textOf(fragment: Y.XmlFragment, index: number): Y.XmlText {
  const p = fragment.get(index) as Y.XmlElement;
  return p.get(0) as Y.XmlText;
}

/** Two replicas kept in sync, like two browsers on one document. */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u));
  b.on('update', (u: Uint8Array) => Y.applyUpdate(a, u));
  return { a, b };
}

describe('comment anchors', () => {
  it('measures ProseMirror sizes: tags count one each, characters one each', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('section:problem');
    paragraphs(fragment, ['Hello world', 'Second']);
    expect(fragmentContentSize(fragment)).toBe(2 + 11 + 2 + 6);
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('x'), new Y.XmlElement('hardBreak'), new Y.XmlText('y')]);
    item.insert(0, [p]);
    list.insert(0, [item]);
    fragment.insert(0, [list]);
    expect(fragmentContentSize(fragment)).toBe(21 + 2 + 2 + 2 + 3);
  });

  it('round-trips every position of a nested document', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('s');
    paragraphs(fragment, ['ab', '']);
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('cd')]);
    item.insert(0, [p]);
    list.insert(0, [item]);
    fragment.insert(2, [list]);
    const size = fragmentContentSize(fragment);
    for (let pos = 0; pos <= size; pos++) {
      expect(absoluteFromRelative(doc, fragment, relativeFromAbsolute(fragment, pos))).toBe(pos);
    }
  });

  it('keeps a passage attached while another person edits before and inside it', () => {
    const { a, b } = pair();
    const fa = a.getXmlFragment('section:solution');
    paragraphs(fa, ['Recover heat from slag']);
    const fb = b.getXmlFragment('section:solution');
    // "heat" is ProseMirror 9…13 (1 for the paragraph's opening tag).
    const anchor = {
      start: encodeRelative(relativeFromAbsolute(fa, 9, 0)),
      end: encodeRelative(relativeFromAbsolute(fa, 13, -1)),
    };
    expect(resolveAnchor(b, fb, anchor)).toEqual({ from: 9, to: 13 });

    textOf(fb, 0).insert(0, 'Plan: ');
    expect(resolveAnchor(a, fa, anchor)).toEqual({ from: 15, to: 19 });
    fb.insert(0, [new Y.XmlElement('paragraph')]);
    expect(resolveAnchor(a, fa, anchor)).toEqual({ from: 17, to: 21 });
    // Typing right at the edges does not stretch the comment; typing inside does.
    textOf(fb, 1).insert(14, '>');
    textOf(fb, 1).insert(19, '<');
    expect(resolveAnchor(a, fa, anchor)).toEqual({ from: 18, to: 22 });
    textOf(fb, 1).insert(16, 'X');
    expect(resolveAnchor(a, fa, anchor)).toEqual({ from: 18, to: 23 });
  });

  it('resolves to nothing when the passage is deleted or the anchor is foreign', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('s');
    paragraphs(fragment, ['keep this', 'drop that']);
    const anchor = {
      start: encodeRelative(relativeFromAbsolute(fragment, 12, 0)),
      end: encodeRelative(relativeFromAbsolute(fragment, 21, -1)),
    };
    expect(resolveAnchor(doc, fragment, anchor)).toEqual({ from: 12, to: 21 });
    expect(resolveAnchor(doc, doc.getXmlFragment('other'), anchor)).toBeNull();
    fragment.delete(1, 1);
    expect(resolveAnchor(doc, fragment, anchor)).toBeNull();
    expect(resolveAnchor(doc, fragment, { start: '%%%', end: anchor.end })).toBeNull();
    expect(decodeRelative('not base64!')).toBeNull();
  });
});
