import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { ClientError, ClientToServerEvents } from '@ideasphere/shared';
import type { BoardAction, BoardState } from '@ideasphere/shared/sync/boardState.js';
import { noSync, type AckOf, type SessionSocketResult } from './useSessionSocket';

/** A failed socket request as the UI explains it: a server refusal, or no answer at all. */
export type SendError = ClientError;

/** An ack, or `network` when the socket was closed or the ack did not come in time. */
export type SendResult<E extends keyof ClientToServerEvents> = AckOf<E> | { ok: false; error: SendError };

export type Send = <E extends keyof ClientToServerEvents>(
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  options?: { timeoutMs?: number },
) => Promise<SendResult<E>>;

export interface BoardClient {
  state: BoardState;
  /** Applies what an ack returned, before the broadcast that confirms it arrives. */
  dispatch: (action: BoardAction) => void;
  send: Send;
  /** Connected, with the board snapshot of this connection applied. */
  synced: boolean;
  /** Bumped each time a fresh snapshot was applied, i.e. once per fresh (re)connection. */
  syncCount: number;
  /** The board snapshot was refused for good (the rest of the page may still work). */
  failure: SendError | null;
}

const notConnected = { ok: false as const, error: { code: 'network' as const, message: 'not connected' } };

/** The live idea board of a session: the board half of the LiveSync state, and a way to send. */
export function useBoard(live: Pick<SessionSocketResult, 'sync'>): BoardClient {
  const { sync } = live;
  const source = sync ?? noSync;
  const state = useSyncExternalStore(source.subscribe, source.getState);
  const dispatch = useCallback((action: BoardAction) => sync?.applyBoard(action), [sync]);
  const send = useCallback<Send>(
    (event, payload, options) => (sync ? sync.request(event, payload, options?.timeoutMs) : Promise.resolve(notConnected)),
    [sync],
  );
  const synced = state.boardSynced && state.connection === 'connected';
  return useMemo(
    () => ({ state: state.board, dispatch, send, synced, syncCount: state.syncCount, failure: state.boardFailure }),
    [state.board, dispatch, send, synced, state.syncCount, state.boardFailure],
  );
}
