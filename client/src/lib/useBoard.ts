import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { ClientError, ClientToServerEvents } from '@ideasphere/shared';
import { boardReducer, initialBoardState, type BoardAction, type BoardState } from './boardState';
import { localPhase } from './time';
import { backoffMs, request, RETRYABLE, type AckOf, type SessionSocketResult } from './useSessionSocket';

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
  /** Bumped each time a fresh snapshot was applied, i.e. once per (re)connection. */
  syncCount: number;
  /** The server refused the board for good (e.g. an older server without the board). */
  failure: ClientError | null;
}

/** 500 ideas a page; a session holds at most 10,000. */
const MAX_PAGES = 20;

/**
 * The live idea board on top of `useSessionSocket`: after every (re)connection it loads
 * `board:snapshot` and the remaining pages, then applies `board:delta`, `phase:changed` and
 * `board:settings`. Broadcasts that arrive while the snapshot is in flight are held back and
 * applied after it, so a snapshot never erases a newer change.
 */
export function useBoard(live: Pick<SessionSocketResult, 'socket' | 'connection'>): BoardClient {
  const { socket, connection } = live;
  const [state, dispatch] = useReducer(boardReducer, initialBoardState);
  const [sync, setSync] = useState({ count: 0, connected: false });
  const [failure, setFailure] = useState<ClientError | null>(null);

  useEffect(() => {
    if (socket === null) return;
    let disposed = false;
    let epoch = 0;
    let buffer: BoardAction[] | null = null;
    const timers = new Set<number>();
    const later = (ms: number, run: () => void) => {
      const id = window.setTimeout(() => {
        timers.delete(id);
        if (!disposed) run();
      }, ms);
      timers.add(id);
    };
    const apply = (action: BoardAction) => {
      if (buffer) buffer.push(action);
      else dispatch(action);
    };
    const current = (myEpoch: number) => !disposed && myEpoch === epoch;

    const loadPages = async (myEpoch: number, first: string | null) => {
      let cursor = first;
      let attempt = 0;
      for (let pages = 0; cursor !== null && pages < MAX_PAGES; ) {
        try {
          const ack = await request(socket, 'board:page', { after: cursor });
          if (!current(myEpoch)) return;
          if (!ack.ok) {
            if (!RETRYABLE.has(ack.error.code)) return;
            throw new Error(ack.error.code);
          }
          dispatch({ type: 'page', page: ack.data });
          cursor = ack.data.nextCursor;
          pages++;
          attempt = 0;
        } catch {
          if (!current(myEpoch) || ++attempt > 5) return;
          await new Promise((resolve) => later(backoffMs(attempt), () => resolve(undefined)));
        }
      }
    };

    const loadSnapshot = async (myEpoch: number, attempt: number) => {
      buffer = [];
      try {
        const ack = await request(socket, 'board:snapshot', {});
        if (!current(myEpoch)) return;
        if (!ack.ok) {
          if (!RETRYABLE.has(ack.error.code)) {
            buffer = null;
            setFailure(ack.error);
            return;
          }
          throw new Error(ack.error.code);
        }
        dispatch({ type: 'snapshot', snapshot: { ...ack.data, phase: localPhase(ack.data.phase, Date.now()) } });
        const held = buffer;
        buffer = null;
        held.forEach(dispatch);
        setFailure(null);
        setSync((prev) => ({ count: prev.count + 1, connected: true }));
        void loadPages(myEpoch, ack.data.firstPage.nextCursor);
      } catch {
        if (current(myEpoch) && attempt < 5) later(backoffMs(attempt), () => void loadSnapshot(myEpoch, attempt + 1));
      }
    };

    const onConnect = () => {
      epoch++;
      void loadSnapshot(epoch, 0);
    };
    const onDisconnect = () => {
      epoch++;
      buffer = null;
      setSync((prev) => ({ ...prev, connected: false }));
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('board:delta', (delta) => apply({ type: 'delta', delta }));
    socket.on('phase:changed', (phase) => apply({ type: 'phase', phase: localPhase(phase, Date.now()) }));
    socket.on('board:settings', (settings) => apply({ type: 'settings', settings }));
    // The socket usually connected before this hook saw it: load now rather than wait.
    if (socket.connected) onConnect();

    return () => {
      disposed = true;
      for (const id of timers) window.clearTimeout(id);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('board:delta');
      socket.off('phase:changed');
      socket.off('board:settings');
    };
  }, [socket]);

  const send = useCallback<Send>(
    async (event, payload, options) => {
      if (socket === null || !socket.connected) {
        return { ok: false, error: { code: 'network', message: 'not connected' } };
      }
      try {
        return await request(socket, event, payload, options?.timeoutMs);
      } catch {
        return { ok: false, error: { code: 'network', message: 'no answer' } };
      }
    },
    [socket],
  );

  const synced = sync.connected && connection === 'connected';
  return useMemo(
    () => ({ state, dispatch, send, synced, syncCount: sync.count, failure }),
    [state, send, synced, sync.count, failure],
  );
}
