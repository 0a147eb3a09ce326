import { useEffect, useMemo } from 'react';
import type { Language } from '@ideasphere/shared';
import { comparePinnedThenNewest, sortedIdeas } from '@ideasphere/shared/sync/boardState.js';
import { formatCount, type Translator } from '../../lib/i18n';
import { useTimeUp } from '../../lib/useCountdown';
import type { BoardClient } from '../../lib/useBoard';
import { IdeaList } from './IdeaList';
import { MyIdeas } from './MyIdeas';
import { voteErrorText } from './submitError';
import type { BallotControls } from './useBallot';
import type { IdeaOutbox } from './useIdeaOutbox';
import { VoteControls } from './VoteControls';

interface VoteViewProps {
  board: BoardClient;
  ballot: BallotControls;
  outbox: IdeaOutbox;
  online: boolean;
  t: Translator;
  language: Language;
}

/** How long a refused vote's message stays up. */
const ERROR_MS = 6_000;

/** Vote phase: every idea with − / + controls; the order stays put while the guest votes. */
export function VoteView({ board, ballot, outbox, online, t, language }: VoteViewProps) {
  const { state } = board;
  const ideas = useMemo(() => sortedIdeas(state.ideas.values(), comparePinnedThenNewest), [state.ideas]);
  const { error, clearError } = ballot;
  const closed = useTimeUp(state.phase.endsAt);

  useEffect(() => {
    if (error === null) return;
    const timer = window.setTimeout(clearError, ERROR_MS);
    return () => window.clearTimeout(timer);
  }, [error, clearError]);

  return (
    <>
      <p className="board-intro">{t('vote.intro', { budget: ballot.budget, max: ballot.maxPerIdea })}</p>
      {error && (
        <p className="alert alert-error board-toast" role="alert" data-testid="vote-error">
          {voteErrorText(t, error)}
        </p>
      )}
      {(outbox.items.length > 0 || outbox.failed.length > 0) && (
        <MyIdeas mine={new Map()} outbox={outbox} online={online} t={t} />
      )}
      <IdeaList
        ideas={ideas}
        mine={state.mine}
        anonymous={state.settings.anonymous}
        heading={t('board.voteHeading', { count: formatCount(language, ideas.length) })}
        empty={t('board.emptyVote')}
        t={t}
        renderFooter={(idea) => <VoteControls idea={idea} ballot={ballot} closed={closed} t={t} />}
      />
    </>
  );
}
