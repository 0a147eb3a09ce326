import { useCallback, useRef, useState } from 'react';
import type { ClientToServerEvents } from '@ideasphere/shared';
import { errorText, type Translator } from '../../lib/i18n';
import type { AckOf } from '../../lib/useSessionSocket';
import type { Send } from '../../lib/useBoard';

/** What an event's ack carries when it succeeded. */
export type AckData<E extends keyof ClientToServerEvents> = Extract<AckOf<E>, { ok: true }>['data'];

/** The toast under the console: what the last ceremony action did, or why it failed. */
export interface StageNotice {
  /** Bumped per notice, so the same text twice still restarts the toast's timer. */
  id: number;
  tone: 'neutral' | 'error';
  text: string;
}

export interface StageActions {
  /** Keys of the actions waiting for their ack (e.g. `finale`, `switch:<venueId>`). */
  busy: ReadonlySet<string>;
  notice: StageNotice | null;
  closeNotice: () => void;
  /** Shows a message in the toast (e.g. after a copy or a refused confirm). */
  say: (tone: StageNotice['tone'], text: string) => void;
  /**
   * Sends one facilitator event. While it runs, `busy` holds `key` and a second press of the
   * same action is ignored. On success `done` applies the ack and returns what the toast says
   * (null for nothing); on failure the toast says why. Resolves to whether it worked.
   */
  run: <E extends keyof ClientToServerEvents>(
    key: string,
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
    done: (data: AckData<E>) => string | null,
  ) => Promise<boolean>;
}

/** Runs ceremony and venue actions with progress (busy keys) and feedback (one toast). */
export function useStageActions(send: Send, t: Translator): StageActions {
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const running = useRef(new Set<string>());
  const [notice, setNotice] = useState<StageNotice | null>(null);
  const counter = useRef(0);

  const say = useCallback((tone: StageNotice['tone'], text: string) => {
    counter.current++;
    setNotice({ id: counter.current, tone, text });
  }, []);
  const closeNotice = useCallback(() => setNotice(null), []);

  const run = useCallback<StageActions['run']>(
    async (key, event, payload, done) => {
      if (running.current.has(key)) return false;
      running.current.add(key);
      setBusy(new Set(running.current));
      try {
        const result = await send(event, payload);
        if (!result.ok) {
          say('error', t('ceremony.actionFailed', { reason: errorText(t, result.error) }));
          return false;
        }
        const text = done(result.data as AckData<typeof event>);
        if (text !== null) say('neutral', text);
        return true;
      } finally {
        running.current.delete(key);
        setBusy(new Set(running.current));
      }
    },
    [send, say, t],
  );

  return { busy, notice, closeNotice, say, run };
}
