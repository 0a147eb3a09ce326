import * as Y from 'yjs';
import type { StoredDoc } from '../store/ProposalStore.js';
import { LoadingUpdateDecoder } from './boundedDecoding.js';
import { type DroppedContent, dropUnsupportedContent } from './documentShape.js';

/**
 * Reading whatever the store holds, written before the shape checks or damaged since, without
 * ever failing on it: values are read without recursion (too deep ones cut, see
 * LoadingUpdateDecoder), a stored update that does not decode at all is skipped, and the
 * caller then drops what breaks the shape (dropUnsupportedContent).
 */

/** The origin of the transaction that reads the store. */
export const LOAD_ORIGIN = 'load';

interface StoredBlob {
  /** `snapshot` or `update #<seq>`, for the logs. */
  label: string;
  bytes: Uint8Array;
}

export interface ReadDocument {
  doc: Y.Doc;
  /** Stored blobs that could not be decoded: skipped, and left in the store as they are. */
  unreadable: string[];
  /** True when stored changes depended on changes the store lacks (Yjs kept them pending): dropped. */
  droppedPending: boolean;
}

/** The stored snapshot and log of a proposal as one Y.Doc. */
export function readStoredDocument(stored: StoredDoc): ReadDocument {
  const blobs: StoredBlob[] = stored.updates.map(({ seq, update }) => ({ label: `update #${seq}`, bytes: update }));
  if (stored.snapshot) blobs.unshift({ label: 'snapshot', bytes: stored.snapshot });
  return readBlobs(blobs);
}

function readBlobs(blobs: readonly StoredBlob[]): ReadDocument {
  const doc = new Y.Doc();
  try {
    Y.transact(doc, () => {
      for (const { bytes } of blobs) Y.applyUpdateV2(doc, bytes, LOAD_ORIGIN, LoadingUpdateDecoder);
    }, LOAD_ORIGIN);
    return settle(doc, []);
  } catch {
    doc.destroy();
  }
  // Something does not decode: find what, decoding each blob whole before applying it, so a
  // malformed one is skipped without being half applied.
  const careful = new Y.Doc();
  const unreadable: string[] = [];
  Y.transact(careful, () => {
    for (const { label, bytes } of blobs) {
      try {
        Y.decodeUpdateV2(bytes, LoadingUpdateDecoder);
        Y.applyUpdateV2(careful, bytes, LOAD_ORIGIN, LoadingUpdateDecoder);
      } catch {
        unreadable.push(label);
      }
    }
  }, LOAD_ORIGIN);
  return settle(careful, unreadable);
}

/**
 * Drops what Yjs keeps pending: it was never checked, and would be integrated unchecked by the
 * update that fills its gap. A client that has those changes sends them again when it syncs.
 */
function settle(doc: Y.Doc, unreadable: string[]): ReadDocument {
  const droppedPending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  return { doc, unreadable, droppedPending };
}

export interface ReadVersion {
  doc: Y.Doc;
  /** Whatever was dropped: the stored state is then not the state to serve. */
  changed: boolean;
  dropped: DroppedContent;
}

/**
 * A stored version's state as a Y.Doc in the shape of the proposal's `roots`, or null when it
 * does not decode at all.
 */
export function readVersion(state: Uint8Array, roots: ReadonlySet<string>): ReadVersion | null {
  const read = readBlobs([{ label: 'version', bytes: state }]);
  if (read.unreadable.length > 0) {
    read.doc.destroy();
    return null;
  }
  const dropped = dropUnsupportedContent(read.doc, roots, null);
  return { doc: read.doc, changed: dropped.items > 0 || read.droppedPending, dropped };
}
