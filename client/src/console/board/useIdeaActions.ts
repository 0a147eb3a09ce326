import { useCallback, useMemo } from 'react';
import type { IdeaEdit, IdeaPublic, ModerationAction } from '@ideasphere/shared';
import type { BoardClient, SendError } from '../../lib/useBoard';

export interface IdeaActions {
  moderate: (idea: IdeaPublic, action: ModerationAction) => Promise<boolean>;
  edit: (change: IdeaEdit) => Promise<boolean>;
  merge: (sourceId: string, targetId: string) => Promise<boolean>;
  moveToCluster: (ideaId: string, clusterId: string | null) => Promise<boolean>;
  createCluster: (name: string) => Promise<boolean>;
  renameCluster: (clusterId: string, name: string) => Promise<boolean>;
  deleteCluster: (clusterId: string) => Promise<boolean>;
}

/**
 * The facilitator's board commands. Each applies its ack at once (the broadcast that follows
 * says the same), and reports a refusal through `onError`; each resolves whether it worked.
 */
export function useIdeaActions(board: BoardClient, onError: (error: SendError) => void, onDeleted: (idea: IdeaPublic) => void): IdeaActions {
  const { send, dispatch } = board;

  const fail = useCallback(
    (error: SendError) => {
      onError(error);
      return false;
    },
    [onError],
  );

  const moderate = useCallback(
    async (idea: IdeaPublic, action: ModerationAction) => {
      const result = await send('idea:moderate', { ideaId: idea.id, action });
      if (!result.ok) return fail(result.error);
      if (action === 'delete') {
        dispatch({ type: 'ideaRemoved', ideaId: idea.id });
        onDeleted(idea);
      } else dispatch({ type: 'idea', idea: result.data });
      return true;
    },
    [send, dispatch, fail, onDeleted],
  );

  const edit = useCallback(
    async (change: IdeaEdit) => {
      const result = await send('idea:edit', change);
      if (!result.ok) return fail(result.error);
      dispatch({ type: 'idea', idea: result.data });
      return true;
    },
    [send, dispatch, fail],
  );

  const merge = useCallback(
    async (sourceId: string, targetId: string) => {
      if (sourceId === targetId) return false;
      const result = await send('idea:merge', { sourceId, targetId });
      if (!result.ok) return fail(result.error);
      dispatch({ type: 'ideaRemoved', ideaId: sourceId });
      dispatch({ type: 'idea', idea: result.data });
      return true;
    },
    [send, dispatch, fail],
  );

  const moveToCluster = useCallback(
    async (ideaId: string, clusterId: string | null) => {
      const result = await send('idea:cluster', { ideaId, clusterId });
      if (!result.ok) return fail(result.error);
      dispatch({ type: 'idea', idea: result.data });
      return true;
    },
    [send, dispatch, fail],
  );

  const createCluster = useCallback(
    async (name: string) => {
      const result = await send('cluster:create', { name });
      if (!result.ok) return fail(result.error);
      dispatch({ type: 'cluster', cluster: result.data });
      return true;
    },
    [send, dispatch, fail],
  );

  const renameCluster = useCallback(
    async (clusterId: string, name: string) => {
      const result = await send('cluster:rename', { clusterId, name });
      if (!result.ok) return fail(result.error);
      dispatch({ type: 'cluster', cluster: result.data });
      return true;
    },
    [send, dispatch, fail],
  );

  const deleteCluster = useCallback(
    async (clusterId: string) => {
      const result = await send('cluster:delete', { clusterId });
      if (!result.ok) return fail(result.error);
      dispatch({ type: 'clusterRemoved', clusterId });
      return true;
    },
    [send, dispatch, fail],
  );

  return useMemo(
    () => ({ moderate, edit, merge, moveToCluster, createCluster, renameCluster, deleteCluster }),
    [moderate, edit, merge, moveToCluster, createCluster, renameCluster, deleteCluster],
  );
}
