import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ApiError, ClientError, ClientToServerEvents, KickNotice, ParticipantPublic, Role, ServerToClientEvents } from '@ideasphere/shared';
import { isErrorCode, isRefusalReason, RETRYABLE_CODES } from '@ideasphere/shared/errors.js';
import { PROTOCOL_VERSION } from '@ideasphere/shared/limits.js';
import { initialSessionState, sessionReducer, type SessionAction, type SessionState } from './sessionState';

export type SessionSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * `connecting` before the first connection, `reconnecting` while the client retries after
 * losing it, `offline` when the device has no network or several attempts failed in a row.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface SessionSocketOptions {
  code: string;
  role: Role;
  /** The role's secret; `null` keeps the socket closed. */
  token: string | null;
  /** Fetch every participant page after each snapshot (console and big screen). */
  loadAllPages?: boolean;
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
  /**
   * The live socket once it first connected (null before), for hooks that add their own
   * events on top, like `useBoard`. The same socket reconnects; it changes only with the token.
   */
  socket: SessionSocket | null;
}

export const ACK_TIMEOUT_MS = 10_000;
/** Failed attempts in a row after which the indicator says offline rather than reconnecting. */
const OFFLINE_AFTER_FAILURES = 3;
/** 500 participants a page: enough for a 20,000-person hall. */
const MAX_PAGES = 40;
/** Errors that are worth retrying later; everything else is final for this token. */
export const RETRYABLE = RETRYABLE_CODES;

/** A refused handshake's `err.data`, as far as it is one of ours. */
function asClientError(value: unknown): ClientError | null {
  if (typeof value !== 'object' || value === null) return null;
  const { code, reason, message } = value as Partial<ApiError>;
  if (!isErrorCode(code)) return null;
  return { code, ...(isRefusalReason(reason) ? { reason } : {}), message: typeof message === 'string' ? message : '' };
}

/** What the server acks for a client event, e.g. `Ack<SessionSnapshot>` for `session:snapshot`. */
export type AckOf<E extends keyof ClientToServerEvents> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/**
 * `socket.timeout(…).emitWithAck(…)` with its ack type kept: socket.io's own typings widen
 * the result to `any` once `timeout()` adds the error argument. Rejects on timeout.
 */
export async function request<E extends keyof ClientToServerEvents>(
  socket: SessionSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = ACK_TIMEOUT_MS,
): Promise<AckOf<E>> {
  const emitter = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(event: E, payload: unknown): Promise<unknown>;
  };
  return (await emitter.emitWithAck(event, payload)) as AckOf<E>;
}

/** Backoff with jitter, so a hall of phones does not retry in lockstep. */
export function backoffMs(attempt: number): number {
  const base = Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5));
  return base / 2 + Math.random() * base;
}

interface Status {
  connection: ConnectionState;
  failure: ClientError | null;
  kicked: KickNotice['reason'] | null;
}

const initialStatus: Status = { connection: 'connecting', failure: null, kicked: null };

/** State tagged with the connection it belongs to, so a new token starts from scratch. */
interface Tagged<T> {
  key: string;
  value: T;
}

function taggedReducer(current: Tagged<SessionState>, action: Tagged<SessionAction>): Tagged<SessionState> {
  const base = current.key === action.key ? current.value : initialSessionState;
  return { key: action.key, value: sessionReducer(base, action.value) };
}

/**
 * Connects to a live session as one role and keeps its state current: after every
 * (re)connection it loads a snapshot, then applies broadcasts. Broadcasts that arrive while
 * the snapshot is in flight are held back and applied after it.
 */
export function useSessionSocket(options: SessionSocketOptions): SessionSocketResult {
  const { code, role, token, loadAllPages = false } = options;
  const key = `${role}:${code}:${token ?? ''}`;
  const [tagged, dispatchTagged] = useReducer(taggedReducer, { key: '', value: initialSessionState });
  const [taggedStatus, setTaggedStatus] = useState<Tagged<Status>>({ key: '', value: initialStatus });
  const [taggedSocket, setTaggedSocket] = useState<Tagged<SessionSocket | null>>({ key: '', value: null });

  useEffect(() => {
    if (token === null) return;
    const dispatch = (value: SessionAction) => dispatchTagged({ key, value });
    const setStatus = (change: Partial<Status>) =>
      setTaggedStatus((prev) => ({
        key,
        value: { ...(prev.key === key ? prev.value : initialStatus), ...change },
      }));

    const socket: SessionSocket = io({
      path: '/socket.io',
      auth: { protocolVersion: PROTOCOL_VERSION, role, code, token },
      transports: ['websocket', 'polling'],
      // One manager per hook: a cached manager would hand back a socket with an old token.
      forceNew: true,
      // Venue proxies sometimes block WebSocket: fall back to long-polling instead of failing.
      tryAllTransports: true,
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
    });

    let disposed = false;
    let stopped = false; // refused or kicked: never reconnect
    let epoch = 0; // bumped on every connect and disconnect; stale acks are ignored
    let failures = 0;
    let connectedOnce = false;
    let buffer: SessionAction[] | null = null;
    const timers = new Set<number>();

    const later = (ms: number, run: () => void) => {
      const id = window.setTimeout(() => {
        timers.delete(id);
        if (!disposed) run();
      }, ms);
      timers.add(id);
    };
    const apply = (action: SessionAction) => {
      if (buffer) buffer.push(action);
      else dispatch(action);
    };
    const stop = (change: Partial<Status>) => {
      stopped = true;
      socket.disconnect();
      setStatus({ connection: 'offline', ...change });
    };
    /** Drops the connection, if any, and connects again at once, skipping any backoff. */
    const restart = () => {
      if (!stopped) socket.disconnect().connect();
    };
    /** Reconnects now instead of waiting out the backoff, e.g. when the network returns. */
    const reconnectNow = () => {
      if (!socket.connected) restart();
    };

    const loadPages = async (myEpoch: number, first: string | null) => {
      let cursor = first;
      let attempt = 0;
      for (let pages = 0; cursor !== null && pages < MAX_PAGES; ) {
        try {
          const ack = await request(socket, 'participants:page', { after: cursor });
          if (disposed || myEpoch !== epoch) return;
          if (!ack.ok) {
            if (!RETRYABLE.has(ack.error.code)) return;
            throw new Error(ack.error.code);
          }
          dispatch({ type: 'page', page: ack.data });
          cursor = ack.data.nextCursor;
          pages++;
          attempt = 0;
        } catch {
          if (disposed || myEpoch !== epoch) return;
          // Still failing: start over (a fresh snapshot and pages) rather than keep a roster that
          // is incomplete for good, where the sphere could never drop a guest removed meanwhile.
          if (++attempt > 5) return restart();
          await new Promise((resolve) => later(backoffMs(attempt), () => resolve(undefined)));
        }
      }
    };

    const loadSnapshot = async (myEpoch: number, attempt: number) => {
      buffer = [];
      try {
        const ack = await request(socket, 'session:snapshot', {});
        if (disposed || myEpoch !== epoch) return;
        if (!ack.ok) {
          if (!RETRYABLE.has(ack.error.code)) return stop({ failure: ack.error });
          throw new Error(ack.error.code);
        }
        dispatch({ type: 'snapshot', snapshot: ack.data });
        const held = buffer;
        buffer = null;
        held.forEach(dispatch);
        if (loadAllPages) void loadPages(myEpoch, ack.data.firstPage.nextCursor);
      } catch {
        if (disposed || myEpoch !== epoch) return;
        // Acks lost on a socket that looks connected mean a half-dead connection: start over.
        if (attempt >= 2) restart();
        else later(backoffMs(attempt), () => void loadSnapshot(myEpoch, attempt + 1));
      }
    };

    socket.on('connect', () => {
      failures = 0;
      if (!connectedOnce) setTaggedSocket({ key, value: socket });
      connectedOnce = true;
      epoch++;
      setStatus({ connection: 'connected' });
      void loadSnapshot(epoch, 0);
    });

    socket.on('connect_error', (err) => {
      if (disposed || stopped) return;
      failures++;
      if (!socket.active) {
        // The server refused the handshake; the client will not retry by itself.
        const refusal = asClientError((err as Error & { data?: unknown }).data);
        if (refusal && !RETRYABLE.has(refusal.code)) return stop({ failure: refusal });
        setStatus({ connection: failures >= OFFLINE_AFTER_FAILURES ? 'offline' : 'reconnecting' });
        later(backoffMs(failures), () => socket.connect());
        return;
      }
      const offline = !navigator.onLine || failures >= OFFLINE_AFTER_FAILURES;
      setStatus({ connection: offline ? 'offline' : connectedOnce ? 'reconnecting' : 'connecting' });
    });

    socket.on('disconnect', (reason) => {
      epoch++;
      buffer = null;
      if (disposed || stopped) return;
      setStatus({ connection: navigator.onLine ? 'reconnecting' : 'offline' });
      // The server hung up on purpose (e.g. a restart); the client does not retry on its own.
      if (reason === 'io server disconnect') later(backoffMs(0), () => socket.connect());
    });

    socket.on('participant:joined', (participant, participantCount, venueCounts) =>
      apply({ type: 'joined', participant, participantCount, venueCounts }),
    );
    socket.on('participant:updated', (participant) => apply({ type: 'updated', participant }));
    socket.on('participant:presence', (change) => apply({ type: 'presence', change }));
    socket.on('session:updated', (session) => apply({ type: 'session', session }));
    socket.on('participant:removed', (change) => apply({ type: 'removed', change }));
    socket.on('ceremony:changed', (ceremony) => apply({ type: 'ceremony', ceremony }));
    socket.on('venues:changed', (venues) => apply({ type: 'venues', venues }));
    socket.on('session:kicked', ({ reason }) => stop({ kicked: reason }));

    const onOnline = () => {
      if (socket.connected) setStatus({ connection: 'connected' });
      else {
        setStatus({ connection: 'reconnecting' });
        reconnectNow();
      }
    };
    const onOffline = () => {
      if (!stopped) setStatus({ connection: 'offline' });
    };
    // Phones suspend sockets when the screen locks; reconnect the moment the guest looks again.
    const onVisible = () => {
      if (document.visibilityState === 'visible') reconnectNow();
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    document.addEventListener('visibilitychange', onVisible);

    return () => {
      disposed = true;
      for (const id of timers) window.clearTimeout(id);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      document.removeEventListener('visibilitychange', onVisible);
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [key, code, role, token, loadAllPages]);

  const applyParticipant = useCallback(
    (participant: ParticipantPublic) => dispatchTagged({ key, value: { type: 'updated', participant } }),
    [key],
  );
  const applyAction = useCallback((action: SessionAction) => dispatchTagged({ key, value: action }), [key]);

  const status = taggedStatus.key === key ? taggedStatus.value : initialStatus;
  const state = tagged.key === key ? tagged.value : initialSessionState;
  const socket = taggedSocket.key === key ? taggedSocket.value : null;
  return useMemo(
    () => ({ state, applyParticipant, applyAction, socket, ...status }),
    [state, applyParticipant, applyAction, socket, status],
  );
}
