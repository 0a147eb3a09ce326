import { useCallback, useMemo, useRef, useState } from 'react';
import type { Ballot } from '@ideasphere/shared';
import { votesUsed, withoutKey } from '@ideasphere/shared/sync/boardState.js';
import type { BoardClient, SendError } from '../../lib/useBoard';

export interface BallotControls {
  /** The ballot as the guest sees it: the server's, with votes still in flight on top. */
  ballot: Readonly<Ballot>;
  left: number;
  budget: number;
  maxPerIdea: number;
  /** Sets the guest's votes on one idea (absolute), optimistically. */
  cast: (ideaId: string, count: number) => void;
  error: SendError | null;
  clearError: () => void;
}

/**
 * Dot voting with instant feedback: a tap changes the count at once and sends the new
 * absolute count; the ack's ballot is the truth. A refused vote rolls back and says why. A
 * later tap on the same idea supersedes an earlier one still in flight.
 */
export function useBallot(board: BoardClient): BallotControls {
  const { send, dispatch } = board;
  const { ballot: confirmed, settings } = board.state;
  const [pending, setPending] = useState<Readonly<Record<string, number>>>({});
  const [error, setError] = useState<SendError | null>(null);
  const latest = useRef(new Map<string, number>());

  const ballot = useMemo(() => {
    const merged: Ballot = { ...confirmed, ...pending };
    return Object.fromEntries(Object.entries(merged).filter(([, count]) => count > 0));
  }, [confirmed, pending]);
  const left = Math.max(0, settings.voteBudget - votesUsed(ballot));

  const cast = useCallback(
    (ideaId: string, count: number) => {
      const sequence = (latest.current.get(ideaId) ?? 0) + 1;
      latest.current.set(ideaId, sequence);
      setError(null);
      setPending((prev) => ({ ...prev, [ideaId]: count }));
      void send('vote:cast', { ideaId, count }).then((result) => {
        if (result.ok) dispatch({ type: 'vote', result: result.data });
        // A newer tap on this idea is in flight: its ack decides.
        if (latest.current.get(ideaId) !== sequence) return;
        if (!result.ok) setError(result.error);
        setPending((prev) => withoutKey(prev, ideaId));
      });
    },
    [send, dispatch],
  );

  const clearError = useCallback(() => setError(null), []);
  return {
    ballot,
    left,
    budget: settings.voteBudget,
    maxPerIdea: settings.maxVotesPerIdea,
    cast,
    error,
    clearError,
  };
}
