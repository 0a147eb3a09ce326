import { useCallback } from 'react';
import type { MemberPublic, ProposalEventKind } from '@ideasphere/shared';
import type { ProposalData } from '../useProposalData';
import { useCollab, type Collab } from './useCollab';

/**
 * The proposal's live document, wired to the page's data: the server's events (message 100)
 * refetch the comments, versions or members they name, and a restore by anyone refetches the
 * versions and calls `onRestored` so the page can say so.
 */
export function useLiveProposal(
  proposalId: string,
  token: string,
  me: MemberPublic,
  data: Pick<ProposalData, 'view' | 'comments' | 'versions'>,
  onRestored: () => void,
): Collab | null {
  const { view, comments, versions } = data;
  const onEvent = useCallback(
    (kind: ProposalEventKind) => {
      switch (kind) {
        case 'comments':
          return comments.refetch();
        case 'versions':
          return versions.refetch();
        case 'members':
          return view.refetch();
        case 'restored':
          versions.refetch();
          return onRestored();
      }
    },
    [comments, versions, view, onRestored],
  );
  return useCollab(proposalId, token, me, onEvent);
}
