import { useId } from 'react';
import type { IdeaPublic } from '@ideasphere/shared';
import type { Translator } from '../../lib/i18n';
import type { BallotControls } from './useBallot';

interface VoteControlsProps {
  idea: IdeaPublic;
  ballot: BallotControls;
  /** The countdown is over: the server takes no more votes. */
  closed: boolean;
  /** The guest's own idea in a session that forbids voting for it (votes on it may still go back). */
  ownForbidden: boolean;
  t: Translator;
}

/** − count + for one idea, with a dot per vote; limits are checked here before the server does. */
export function VoteControls({ idea, ballot, closed, ownForbidden, t }: VoteControlsProps) {
  const noteId = useId();
  const count = ballot.ballot[idea.id] ?? 0;
  const canAdd = !closed && !ownForbidden && ballot.left > 0 && count < ballot.maxPerIdea;
  return (
    <div className="vote-controls" data-votes={count} data-own={ownForbidden}>
      <button
        type="button"
        className="vote-button"
        data-testid="vote-minus"
        disabled={closed || count === 0}
        aria-label={t('vote.remove', { title: idea.title })}
        onClick={() => ballot.cast(idea.id, count - 1)}
      >
        −
      </button>
      {ownForbidden ? (
        <span className="vote-own-note" id={noteId} data-testid="vote-own-note">
          {t('vote.ownIdea')}
          {count > 0 && <span className="vote-count-text">{t('vote.yourVotes', { count })}</span>}
        </span>
      ) : (
        <span className="vote-count" data-testid="vote-count" aria-live="polite">
          <span className="vote-count-dots" aria-hidden="true">
            {Array.from({ length: ballot.maxPerIdea }, (_, i) => (
              <span key={i} className="vote-dot" data-used={i >= count} />
            ))}
          </span>
          <span className="vote-count-text">{t('vote.yourVotes', { count })}</span>
        </span>
      )}
      <button
        type="button"
        className="vote-button vote-button-add"
        data-testid="vote-plus"
        disabled={!canAdd}
        aria-label={ownForbidden ? t('vote.addOwn', { title: idea.title }) : t('vote.add', { title: idea.title })}
        aria-describedby={ownForbidden ? noteId : undefined}
        onClick={() => ballot.cast(idea.id, count + 1)}
      >
        +
      </button>
    </div>
  );
}
