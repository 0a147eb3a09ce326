import { useCallback, useState } from 'react';
import type { IdeaPublic, Reaction } from '@ideasphere/shared';
import { withoutKey } from '@ideasphere/shared/sync/boardState.js';
import type { BoardClient, SendError } from '../../lib/useBoard';

export interface ReactionView {
  mine: readonly Reaction[];
  counts: Partial<Record<Reaction, number>>;
}

export interface ReactionControls {
  /** What one idea's reaction bar shows, with taps still in flight applied. */
  view: (idea: IdeaPublic) => ReactionView;
  toggle: (ideaId: string, emoji: Reaction) => void;
  error: SendError | null;
}

const NONE: readonly Reaction[] = [];

/** Emoji reactions, toggled optimistically and reconciled with the ack. */
export function useReactions(board: BoardClient): ReactionControls {
  const { send, dispatch } = board;
  const { myReactions } = board.state;
  /** Idea id → the guest's reactions while a toggle is in flight. */
  const [pending, setPending] = useState<Readonly<Record<string, readonly Reaction[]>>>({});
  const [error, setError] = useState<SendError | null>(null);

  const view = useCallback(
    (idea: IdeaPublic): ReactionView => {
      const confirmed = myReactions[idea.id] ?? NONE;
      const mine = pending[idea.id] ?? confirmed;
      if (mine === confirmed) return { mine, counts: idea.reactions };
      const counts = { ...idea.reactions };
      for (const emoji of new Set([...mine, ...confirmed])) {
        const delta = (mine.includes(emoji) ? 1 : 0) - (confirmed.includes(emoji) ? 1 : 0);
        counts[emoji] = Math.max(0, (counts[emoji] ?? 0) + delta);
      }
      return { mine, counts };
    },
    [myReactions, pending],
  );

  const toggle = useCallback(
    (ideaId: string, emoji: Reaction) => {
      setError(null);
      const current = pending[ideaId] ?? myReactions[ideaId] ?? NONE;
      const next = current.includes(emoji) ? current.filter((e) => e !== emoji) : [...current, emoji];
      setPending((prev) => ({ ...prev, [ideaId]: next }));
      void send('reaction:toggle', { ideaId, emoji }).then((result) => {
        if (result.ok) dispatch({ type: 'reaction', result: result.data });
        else setError(result.error);
        setPending((prev) => (prev[ideaId] === next ? withoutKey(prev, ideaId) : prev));
      });
    },
    [send, dispatch, pending, myReactions],
  );

  return { view, toggle, error };
}
