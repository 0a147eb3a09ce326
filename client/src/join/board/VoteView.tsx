import { useEffect, useMemo } from 'react';
import type { IdeaPublic, Language } from '@ideasphere/shared';
import { votesHiddenFromAudience } from '@ideasphere/shared/boardModel.js';
import { comparePinnedThenNewest, sortedIdeas } from '@ideasphere/shared/sync/boardState.js';
import { formatCount, type Translator } from '../../lib/i18n';
import { useTimeUp } from '../../lib/useCountdown';
import type { BoardClient } from '../../lib/useBoard';
import { EyeOffIcon } from '../../ui/icons';
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
  myId: string | null;
  t: Translator;
  language: Language;
}

/** How long a refused vote's message stays up. */
const ERROR_MS = 6_000;

/** Vote phase: every idea with − / + controls; the order stays put while the guest votes. */
export function VoteView({ board, ballot, outbox, online, myId, t, language }: VoteViewProps) {
  const { state } = board;
  const { settings } = state;
  // Own: submitted from this phone, or co-written by a merge (authors show it unless anonymous;
  // in an anonymous session the server's refusal says so instead).
  const isOwn = (idea: IdeaPublic) => state.mine.has(idea.id) || (myId !== null && (idea.authors?.some((a) => a.id === myId) ?? false));
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
      {votesHiddenFromAudience(settings, state.phase.phase) && (
        <p className="board-note" data-testid="vote-counts-hidden">
          <EyeOffIcon size={18} />
          {t('vote.countsHidden')}
        </p>
      )}
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
        renderFooter={(idea) => <VoteControls idea={idea} ballot={ballot} closed={closed} ownForbidden={settings.forbidOwnVotes && isOwn(idea)} t={t} />}
      />
    </>
  );
}
