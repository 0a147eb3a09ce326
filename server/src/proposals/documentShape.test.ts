import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { randomRichEdit, seededRandom } from '../testing/richEdits.js';
import { decodeCheckedUpdate } from './boundedDecoding.js';
import { checkUpdateShape, dropUnsupportedContent, proposalRoots } from './documentShape.js';
import { hasMissingDependencies } from './ProposalDocument.js';
import { seedDocument } from './seedDocument.js';

const SECTIONS = ['problem', 'solution', 'team'];
const ROOTS = proposalRoots(SECTIONS);

/**
 * Three editors make random TipTap-shaped edits (marks, links, lists, headings, deletions, the
 * title), syncing with one another now and then; returns every update they made, alone or
 * merged in random batches (so one update holds several clients' items referring to each other).
 */
function editingHistory(seed: number): { seed: Uint8Array; updates: Uint8Array[] } {
  const next = seededRandom(seed);
  const initial = seedDocument('Heat recovery', SECTIONS, [{ ideaId: 'i1', title: 'Solar roof', authorNames: ['Li'], detail: 'on hall 3' }]);
  const editors = Array.from({ length: 3 }, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initial, 'sync');
    return doc;
  });
  const updates: Uint8Array[] = [];
  for (const doc of editors) doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'sync' && updates.push(update));
  for (let step = 0; step < 300; step++) {
    const doc = editors[Math.floor(next() * editors.length)] as Y.Doc;
    randomRichEdit(doc, SECTIONS, next);
    if (next() < 0.2) {
      const other = editors[Math.floor(next() * editors.length)] as Y.Doc;
      Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)), 'sync');
    }
  }
  const batches: Uint8Array[] = [];
  for (let i = 0; i < updates.length; ) {
    const size = 1 + Math.floor(next() * 6);
    batches.push(Y.mergeUpdates(updates.slice(i, i + size)));
    i += size;
  }
  return { seed: initial, updates: [...updates, ...batches] };
}

describe('checkUpdateShape', () => {
  it.each([1, 7, 2024])('accepts every update of concurrent TipTap-shaped editing, in any delivery order (seed %i)', (seed) => {
    const history = editingHistory(seed);
    const server = new Y.Doc();
    Y.applyUpdate(server, history.seed);
    const next = seededRandom(seed + 1);
    let waiting = [...history.updates].sort(() => next() - 0.5);
    while (waiting.length > 0) {
      const later: Uint8Array[] = [];
      for (const update of waiting) {
        const decoded = decodeCheckedUpdate(update);
        if (hasMissingDependencies(server, decoded)) {
          later.push(update);
          continue;
        }
        expect(checkUpdateShape(server, decoded.structs, ROOTS)).toBeNull();
        Y.applyUpdate(server, update);
      }
      expect(later.length).toBeLessThan(waiting.length);
      waiting = later;
    }
    // And the document they made is in the shape: loading it drops nothing.
    expect(dropUnsupportedContent(server, ROOTS, null)).toEqual({ unsupported: 0, tooDeep: 0, items: 0 });
  });

  it('places an item whose parent was garbage-collected as gone (an edit racing a deletion)', () => {
    const server = new Y.Doc();
    const editor = new Y.Doc();
    Y.applyUpdate(server, seedDocument('T', SECTIONS, []));
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(server));
    // The editor types into the paragraph while someone else deletes it on the server.
    const before = Y.encodeStateVector(editor);
    const paragraph = editor.getXmlFragment('section:team').get(0) as Y.XmlElement;
    (paragraph.get(0) as Y.XmlText).insert(0, 'late');
    const typed = Y.encodeStateAsUpdate(editor, before);
    server.getXmlFragment('section:team').delete(0, 1);
    const decoded = decodeCheckedUpdate(typed);
    expect(hasMissingDependencies(server, decoded)).toBe(false);
    expect(checkUpdateShape(server, decoded.structs, ROOTS)).toBeNull();
  });
});
