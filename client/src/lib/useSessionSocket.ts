import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { io } from 'socket.io-client';
import type { ClientError, ClientToServerEvents, JoinSessionBody, KickNotice, ParticipantPublic, Role } from '@ideasphere/shared';
import { PROTOCOL_VERSION, RECONNECT_DELAY_MAX_MS, RECONNECT_DELAY_MS } from '@ideasphere/shared/limits.js';
import { type ConnectionState, initialLiveState, type LiveSocket, LiveSync } from '@ideasphere/shared/sync/LiveSync.js';
import type { SessionAction, SessionState } from '@ideasphere/shared/sync/sessionState.js';
import { keepState, readKept } from './keptState';

export type { ConnectionState };
export type SessionSocket = LiveSocket;

export interface SessionSocketOptions {
  code: string;
  role: Role;
  /** The role's secret; `null` keeps the socket closed. */
  token: string | null;
  /** Fetch every participant page after each snapshot (console and big screen). */
  loadAllPages?: boolean;
  /** A socket already opened with this token (the phone's join, see `joinInHandshake`), to carry on with. */
  opened?: LiveSocket | null;
}

/**
 * The socket of one role in a live session, made but not opened (autoConnect off). `join`: a
 * phone joins in the handshake, with the token it made (see `joinInHandshake`).
 */
export function openSessionSocket(options: { code: string; role: Role; token: string; join?: JoinSessionBody }): LiveSocket {
  const { code, role, token, join } = options;
  return io({
    path: '/socket.io',
    auth: { protocolVersion: PROTOCOL_VERSION, role, code, token, ...(join ? { join } : {}) },
    autoConnect: false,
    transports: ['websocket', 'polling'],
    // One manager per hook: a cached manager would hand back a socket with an old token.
    forceNew: true,
    // Venue proxies sometimes block WebSocket: fall back to long-polling instead of failing.
    tryAllTransports: true,
    // Full jitter: after a server restart a hall of phones comes back spread over 0–2 s (then
    // doubling, capped), not all within the same 100 ms.
    reconnectionDelay: RECONNECT_DELAY_MS,
    reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
    randomizationFactor: 1,
  });
}

export interface SessionSocketResult {
  state: SessionState;
  connection: ConnectionState;
  /** The server refused this token or session for good; the socket stays closed. */
  failure: ClientError | null;
  /** The server closed the session or removed this client. */
  kicked: KickNotice['reason'] | null;
  /** Applies a participant the page learnt over HTTP, e.g. the answer to a photo upload. */
  applyParticipant: (participant: ParticipantPublic) => void;
  /** Applies what an ack returned (e.g. a ceremony or venue change) before its broadcast arrives. */
  applyAction: (action: SessionAction) => void;
  /** The sync engine of this connection (null without a token), for `useBoard`. */
  sync: LiveSync | null;
}

/** What the server acks for a client event, e.g. `Ack<SessionSnapshot>` for `session:snapshot`. */
export type AckOf<E extends keyof ClientToServerEvents> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** Stands in for the engine before there is one (no token yet). */
export const noSync: Pick<LiveSync, 'subscribe' | 'getState'> = { subscribe: () => () => undefined, getState: () => initialLiveState };

/**
 * Connects to a live session as one role and keeps its state current through LiveSync (the
 * one sync engine, in shared/src/sync): snapshot, pages, broadcasts held during reads,
 * recovery. This hook only opens the socket the browser's way and tells the engine what the
 * browser knows (network up or down, the page shown again).
 */
export function useSessionSocket(options: SessionSocketOptions): SessionSocketResult {
  const { code, role, token, loadAllPages = false, opened = null } = options;
  // The socket is made here but opened by the effect (autoConnect off): making it has no effect.
  const sync = useMemo(() => {
    if (token === null) return null;
    const socket = opened ?? openSessionSocket({ code, role, token });
    const kept = readKept(role, code, token);
    return new LiveSync(socket, { loadAllParticipants: loadAllPages, ...(kept ? { initial: kept } : {}) });
  }, [code, role, token, loadAllPages, opened]);

  useEffect(() => {
    if (sync === null || token === null) return;
    sync.start();
    if (!sync.socket.connected) sync.socket.connect();
    const stopKeeping = keepState(sync, role, code, token);
    const onOnline = () => sync.markOnline();
    const onOffline = () => sync.markOffline();
    // Phones suspend sockets when the screen locks; reconnect the moment the guest looks again.
    const onVisible = () => {
      if (document.visibilityState === 'visible') sync.reconnectNow();
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      document.removeEventListener('visibilitychange', onVisible);
      stopKeeping();
      sync.dispose();
      sync.socket.disconnect();
    };
  }, [sync, role, code, token]);

  const source = sync ?? noSync;
  const live = useSyncExternalStore(source.subscribe, source.getState);
  const applyAction = useCallback((action: SessionAction) => sync?.applySession(action), [sync]);
  const applyParticipant = useCallback((participant: ParticipantPublic) => sync?.applySession({ type: 'updated', participant }), [sync]);
  return useMemo(
    () => ({
      state: live.session,
      connection: live.connection,
      failure: live.failure,
      kicked: live.kicked,
      applyParticipant,
      applyAction,
      sync,
    }),
    [live.session, live.connection, live.failure, live.kicked, applyParticipant, applyAction, sync],
  );
}
