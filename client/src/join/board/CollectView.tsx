import { useMemo } from 'react';
import type { Language } from '@ideasphere/shared';
import { formatCount, type Translator } from '../../lib/i18n';
import { compareNewestFirst, sortedIdeas } from '@ideasphere/shared/sync/boardState.js';
import type { BoardClient } from '../../lib/useBoard';
import { IdeaForm } from './IdeaForm';
import { IdeaList } from './IdeaList';
import { MyIdeas } from './MyIdeas';
import type { SubmitNotice } from './PhoneBoard';
import { ReactionBar } from './ReactionBar';
import { submitErrorText, voteErrorText } from './submitError';
import type { FailedIdea, IdeaDraft, IdeaOutbox } from './useIdeaOutbox';
import { useReactions } from './useReactions';

interface CollectViewProps {
  board: BoardClient;
  outbox: IdeaOutbox;
  online: boolean;
  t: Translator;
  language: Language;
  draft: IdeaDraft;
  setDraft: (draft: IdeaDraft) => void;
  notice: SubmitNotice | null;
  onSubmit: (draft: IdeaDraft) => void;
  onEdit: (failure: FailedIdea) => void;
}

/** Collect phase: the idea form, the guest's own ideas, and the live board with reactions. */
export function CollectView({ board, outbox, online, t, language, draft, setDraft, notice, onSubmit, onEdit }: CollectViewProps) {
  const { state } = board;
  const reactions = useReactions(board);
  const newest = useMemo(() => sortedIdeas(state.ideas.values(), compareNewestFirst), [state.ideas]);

  return (
    <>
      {notice && (
        <p className="alert alert-error" role="alert" data-testid="idea-error">
          {t(notice.restored ? 'idea.notSentRestored' : 'idea.notSent', { reason: submitErrorText(t, notice.error) })}
        </p>
      )}
      {outbox.slowedDown && (
        <p className="alert alert-warning" role="status" data-testid="idea-slow-down">
          {t('idea.slowDown')}
        </p>
      )}
      <IdeaForm draft={draft} onChange={setDraft} onSubmit={onSubmit} categories={state.settings.categories} endsAt={state.phase.endsAt} t={t} />
      <MyIdeas mine={state.mine} outbox={outbox} online={online} t={t} onEdit={onEdit} />
      <IdeaList
        ideas={newest}
        mine={state.mine}
        anonymous={state.settings.anonymous}
        heading={t('board.liveHeading', { count: formatCount(language, newest.length) })}
        empty={t('board.emptyCollect')}
        t={t}
        renderFooter={(idea) => <ReactionBar idea={idea} reactions={reactions} t={t} />}
      />
      {reactions.error && (
        <p className="alert alert-error board-toast" role="alert">
          {voteErrorText(t, reactions.error)}
        </p>
      )}
    </>
  );
}
