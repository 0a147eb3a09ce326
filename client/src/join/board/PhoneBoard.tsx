import { useCallback, useEffect, useRef, useState } from 'react';
import type { Language } from '@ideasphere/shared';
import type { Translator } from '../../lib/i18n';
import type { BoardClient, SendError } from '../../lib/useBoard';
import type { ConnectionState } from '../../lib/useSessionSocket';
import { CollectView } from './CollectView';
import { PhaseBar } from './PhaseBar';
import { ResultsView } from './ResultsView';
import { useBallot } from './useBallot';
import { useIdeaOutbox, type FailedIdea, type IdeaDraft } from './useIdeaOutbox';
import { VoteView } from './VoteView';
import './board.css';

interface PhoneBoardProps {
  code: string;
  board: BoardClient;
  /** This participant's id: ideas they co-wrote (by a merge) list them among the authors. */
  myId: string | null;
  connection: ConnectionState;
  t: Translator;
  language: Language;
}

export const EMPTY_DRAFT: IdeaDraft = { title: '', detail: '', category: null };

/** Why the last idea was not accepted, and whether its text went back into the form. */
export interface SubmitNotice {
  error: SendError;
  restored: boolean;
}

/** The participant's live board: what they can do depends on the phase the facilitator set. */
export function PhoneBoard({ code, board, myId, connection, t, language }: PhoneBoardProps) {
  // The draft lives here, so a refused idea can come back into the form and a phase switch
  // back and forth keeps what the guest was typing.
  const [draft, setDraftState] = useState<IdeaDraft>(EMPTY_DRAFT);
  const draftRef = useRef(draft);
  const [notice, setNotice] = useState<SubmitNotice | null>(null);
  const setDraft = useCallback((next: IdeaDraft) => {
    draftRef.current = next;
    setDraftState(next);
  }, []);

  const onRefused = useCallback(
    ({ item, error }: FailedIdea) => {
      const restore = draftRef.current.title.trim() === '' && draftRef.current.detail.trim() === '';
      if (restore) setDraft({ title: item.title, detail: item.detail, category: item.category });
      setNotice({ error, restored: restore });
      return restore;
    },
    [setDraft],
  );

  const outbox = useIdeaOutbox(code, board, onRefused);
  const ballot = useBallot(board);
  const { state } = board;
  const { phase } = state.phase;
  const online = connection === 'connected';
  const top = useRef<HTMLDivElement>(null);
  const shownPhase = useRef(phase);

  useEffect(() => {
    // A new phase is a new screen: scrolled down the old one, start the new one at its top.
    if (shownPhase.current === phase) return;
    shownPhase.current = phase;
    const element = top.current;
    if (element && element.getBoundingClientRect().top < 0) element.scrollIntoView({ block: 'start' });
  }, [phase]);

  if (!state.loaded) {
    return (
      <p className="board-loading" role="status">
        <span className="spinner" aria-hidden="true" /> {t('common.loading')}
      </p>
    );
  }

  return (
    <div ref={top} className="phone-board" data-phase={phase}>
      <PhaseBar phase={state.phase} ballot={ballot} t={t} />
      {phase === 'collect' ? (
        <CollectView
          board={board}
          outbox={outbox}
          online={online}
          t={t}
          language={language}
          draft={draft}
          setDraft={setDraft}
          notice={notice}
          onSubmit={(next) => {
            setNotice(null);
            outbox.submit(next);
            setDraft(EMPTY_DRAFT);
          }}
          onEdit={(failure) => {
            setDraft({ title: failure.item.title, detail: failure.item.detail, category: failure.item.category });
            outbox.dismiss(failure.item.clientId);
            setNotice(null);
          }}
        />
      ) : phase === 'vote' ? (
        <VoteView board={board} ballot={ballot} outbox={outbox} online={online} myId={myId} t={t} language={language} />
      ) : (
        <ResultsView code={code} board={board} outbox={outbox} online={online} t={t} language={language} />
      )}
    </div>
  );
}
