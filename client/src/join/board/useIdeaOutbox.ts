import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  classifyDelivery,
  newClientId,
  readOutbox,
  withOutboxItem,
  withoutOutboxItems,
  writeOutbox,
  type OutboxItem,
} from '../../lib/outbox';
import type { BoardClient, SendError } from '../../lib/useBoard';

/** Longer than a busy server needs, shorter than a guest's patience. */
const SUBMIT_TIMEOUT_MS = 8_000;
/** A rate-limited phone waits this long before trying its queue again. */
const RATE_LIMIT_RETRY_MS = 15_000;
/** An ack lost on a connection that looks alive: try again after this long. */
const NO_ANSWER_RETRY_MS = 10_000;

/** A submission the server refused for good; its text is kept so nothing typed is lost. */
export interface FailedIdea {
  item: OutboxItem;
  error: SendError;
}

export interface IdeaDraft {
  title: string;
  detail: string;
  category: string | null;
}

export interface IdeaOutbox {
  /** Waiting for the server, oldest first. */
  items: readonly OutboxItem[];
  /** Client ids with a request in flight ("sending…"); the rest are queued. */
  inFlight: ReadonlySet<string>;
  failed: readonly FailedIdea[];
  /** Set while the server asks this phone to slow down; the queue retries by itself. */
  slowedDown: boolean;
  submit: (draft: IdeaDraft) => void;
  /** Removes a failed idea, e.g. after its text went back into the form. */
  dismiss: (clientId: string) => void;
}

/**
 * The phone's idea outbox: every submission is stored (`ideasphere:outbox:<code>`) before it
 * is sent and leaves only on an ok ack or a refusal that retrying cannot fix. Whatever is
 * left is sent again after each reconnection; the server is idempotent on `clientId`, so a
 * resend of an idea that did arrive is harmless.
 */
export function useIdeaOutbox(
  code: string,
  board: BoardClient,
  /**
   * Called when the server refuses an idea for good; returns true when it put the text back
   * into the form, so the idea need not stay listed as failed.
   */
  onRefused?: (failure: FailedIdea) => boolean,
): IdeaOutbox {
  const { send, dispatch, synced, syncCount } = board;
  const onRefusedRef = useRef(onRefused);
  useEffect(() => {
    onRefusedRef.current = onRefused;
  }, [onRefused]);
  const [items, setItems] = useState<OutboxItem[]>(() => readOutbox(code));
  const [inFlight, setInFlight] = useState<ReadonlySet<string>>(() => new Set());
  const [failed, setFailed] = useState<FailedIdea[]>([]);
  const [slowedDown, setSlowedDown] = useState(false);
  const [retryTick, setRetryTick] = useState(0);
  const itemsRef = useRef(items);
  const flushing = useRef(false);
  const slowedDownRef = useRef(false);
  const retryTimer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(retryTimer.current), []);

  useEffect(() => {
    itemsRef.current = items;
    writeOutbox(code, items);
  }, [code, items]);

  const drop = useCallback((clientIds: ReadonlySet<string>) => {
    itemsRef.current = withoutOutboxItems(itemsRef.current, clientIds);
    setItems(itemsRef.current);
  }, []);

  const mark = useCallback((clientId: string, sending: boolean) => {
    setInFlight((prev) => {
      const next = new Set(prev);
      if (sending) next.add(clientId);
      else next.delete(clientId);
      return next;
    });
  }, []);

  /** Sends one item; resolves whether the queue may go on with the next one. */
  const deliver = useCallback(
    async (item: OutboxItem): Promise<'next' | 'stop'> => {
      mark(item.clientId, true);
      const result = await send(
        'idea:submit',
        { clientId: item.clientId, title: item.title, detail: item.detail, category: item.category },
        { timeoutMs: SUBMIT_TIMEOUT_MS },
      );
      mark(item.clientId, false);
      const delivery = classifyDelivery(result);
      if (delivery.kind === 'delivered') {
        dispatch({ type: 'ownIdea', idea: delivery.idea });
        drop(new Set([item.clientId]));
        slowedDownRef.current = false;
        setSlowedDown(false);
        return 'next';
      }
      if (delivery.kind === 'retry') {
        slowedDownRef.current = delivery.slowDown;
        setSlowedDown(delivery.slowDown);
        return 'stop';
      }
      drop(new Set([item.clientId]));
      const failure = { item, error: delivery.error };
      // Kept in the list unless its text went straight back into the form.
      if (onRefusedRef.current?.(failure) !== true) {
        setFailed((prev) => [...prev.filter((f) => f.item.clientId !== item.clientId), failure]);
      }
      return 'next';
    },
    [send, dispatch, drop, mark],
  );

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      // One at a time, oldest first: the order the guest typed them, and gentle on the server.
      for (;;) {
        const next = itemsRef.current[0];
        if (!next) return;
        const outcome = await deliver(next);
        if (outcome === 'stop') {
          window.clearTimeout(retryTimer.current);
          retryTimer.current = window.setTimeout(
            () => setRetryTick((n) => n + 1),
            slowedDownRef.current ? RATE_LIMIT_RETRY_MS : NO_ANSWER_RETRY_MS,
          );
          return;
        }
      }
    } finally {
      flushing.current = false;
    }
  }, [deliver]);

  // Ideas the server already has (an ack lost on the way back) leave the outbox at once.
  const { mine } = board.state;
  useEffect(() => {
    if (!synced || itemsRef.current.length === 0) return;
    const known = new Set<string>();
    for (const idea of mine.values()) known.add(idea.clientId);
    const arrived = new Set(itemsRef.current.filter((item) => known.has(item.clientId)).map((item) => item.clientId));
    if (arrived.size > 0) drop(arrived);
  }, [synced, mine, drop]);

  // After every (re)connection, and when a retry is due, send whatever is still waiting.
  useEffect(() => {
    if (synced) void flush();
  }, [synced, syncCount, retryTick, flush]);

  const submit = useCallback(
    (draft: IdeaDraft) => {
      const item: OutboxItem = { clientId: newClientId(), ...draft, createdAt: new Date().toISOString() };
      itemsRef.current = withOutboxItem(itemsRef.current, item);
      setItems(itemsRef.current);
      if (synced) void flush();
    },
    [synced, flush],
  );

  const dismiss = useCallback((clientId: string) => {
    setFailed((prev) => prev.filter((f) => f.item.clientId !== clientId));
  }, []);

  return useMemo(
    () => ({ items, inFlight, failed, slowedDown, submit, dismiss }),
    [items, inFlight, failed, slowedDown, submit, dismiss],
  );
}
