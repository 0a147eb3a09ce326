import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docXml, randomRichEdit, seededRandom } from '../testing/richEdits.js';
import { restoreContent } from './restoreContent.js';
import { seedDocument } from './seedDocument.js';

const SECTIONS = ['problem', 'solution', 'team'];

function seeded(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, seedDocument('Solar roof', SECTIONS, [{ ideaId: 'i1', title: 'Solar', detail: 'Why', authorNames: ['Li Lei'] }]));
  return doc;
}

function restore(doc: Y.Doc, version: Uint8Array): void {
  const source = new Y.Doc();
  Y.applyUpdate(source, version);
  doc.transact(() => restoreContent(doc, source, SECTIONS));
}

describe('restoreContent', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('seed %i: the restored document equals the version exactly, in every replica', (seed) => {
    const next = seededRandom(seed);
    const doc = seeded();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    doc.on('update', (update: Uint8Array) => Y.applyUpdate(replica, update));
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 25; i++) randomRichEdit(doc, SECTIONS, next);
      const version = Y.encodeStateAsUpdate(doc);
      const expected = docXml(doc, SECTIONS);
      for (let i = 0; i < 25; i++) randomRichEdit(doc, SECTIONS, next);
      restore(doc, version);
      expect(docXml(doc, SECTIONS)).toEqual(expected);
      expect(docXml(replica, SECTIONS)).toEqual(expected);
    }
  });

  it('keeps the items of text both share, so relative positions stay on their characters', () => {
    const doc = seeded();
    const fragment = doc.getXmlFragment('section:problem');
    const text = fragment.get(0) as Y.XmlElement;
    const run = text.get(0) as Y.XmlText;
    run.insert(0, 'Energy costs are too high. We should act.');
    const version = Y.encodeStateAsUpdate(doc);
    const at = run.toString().indexOf('too high');
    const start = Y.createRelativePositionFromTypeIndex(run, at, 0);
    const end = Y.createRelativePositionFromTypeIndex(run, at + 'too high'.length, -1);
    // Changes before, after and around the passage, and a new paragraph.
    run.insert(0, 'In winter, ');
    run.delete(run.toString().indexOf(' We should act.'), ' We should act.'.length);
    run.format(0, 2, { bold: {} });
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('More')]);
    fragment.insert(0, [paragraph]);
    restore(doc, version);
    expect(fragment.toString()).toBe('<paragraph>Energy costs are too high. We should act.</paragraph>');
    const from = Y.createAbsolutePositionFromRelativePosition(start, doc);
    const to = Y.createAbsolutePositionFromRelativePosition(end, doc);
    expect(from?.type).toBe(run);
    expect(run.toString().slice(from?.index, to?.index)).toBe('too high');
  });

  it('re-formats shared characters instead of replacing them, and changes heading levels in place', () => {
    const doc = seeded();
    const fragment = doc.getXmlFragment('section:team');
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', '2');
    const run = new Y.XmlText();
    heading.insert(0, [run]);
    fragment.insert(0, [heading]);
    run.applyDelta([{ insert: 'Team ' }, { insert: 'lead', attributes: { bold: {} } }]);
    const version = Y.encodeStateAsUpdate(doc);
    const expected = fragment.toString();
    const anchor = Y.createRelativePositionFromTypeIndex(run, 5);
    heading.setAttribute('level', '3');
    run.format(0, 9, { bold: null, italic: {} });
    restore(doc, version);
    expect(fragment.toString()).toBe(expected);
    expect(fragment.get(0)).toBe(heading);
    expect(Y.createAbsolutePositionFromRelativePosition(anchor, doc)).toMatchObject({ type: run, index: 5 });
  });
});
