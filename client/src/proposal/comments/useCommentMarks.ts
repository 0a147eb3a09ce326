import { useEffect, useMemo, useState } from 'react';
import type { ProposalComment } from '@ideasphere/shared';
import { sectionFragmentName } from '@ideasphere/shared/proposalModel.js';
import type { Collab } from '../collab/useCollab';
import type { HighlightAnchor } from '../editor/commentHighlights';
import { resolveAnchor } from './anchors';

/** The open (unresolved) comments' anchors, by section key, for the editors' highlights. */
export function useOpenAnchors(comments: readonly ProposalComment[] | null): ReadonlyMap<string, readonly HighlightAnchor[]> {
  return useMemo(() => {
    const map = new Map<string, HighlightAnchor[]>();
    for (const comment of comments ?? []) {
      if (comment.resolvedAt !== null) continue;
      const list = map.get(comment.anchor.section) ?? [];
      list.push({ id: comment.id, start: comment.anchor.start, end: comment.anchor.end });
      map.set(comment.anchor.section, list);
    }
    return map;
  }, [comments]);
}

/**
 * The ids of comments whose passage is gone from the document. Checked again on every update
 * of the doc, and only once it has synced (before that, every anchor would look detached).
 */
export function useDetachedComments(collab: Collab | null, comments: readonly ProposalComment[] | null): ReadonlySet<string> {
  const [docTick, setDocTick] = useState(0);
  useEffect(() => {
    if (!collab) return;
    const bump = () => setDocTick((n) => n + 1);
    collab.doc.on('update', bump);
    return () => collab.doc.off('update', bump);
  }, [collab]);
  return useMemo(() => {
    void docTick;
    const set = new Set<string>();
    if (!collab?.everSynced) return set;
    for (const comment of comments ?? []) {
      const fragment = collab.doc.getXmlFragment(sectionFragmentName(comment.anchor.section));
      if (!resolveAnchor(collab.doc, fragment, comment.anchor)) set.add(comment.id);
    }
    return set;
  }, [collab, comments, docTick]);
}
