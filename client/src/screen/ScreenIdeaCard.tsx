import { memo } from 'react';
import type { IdeaPublic } from '@ideasphere/shared';
import { REACTIONS } from '@ideasphere/shared/limits.js';
import type { Translator } from '../lib/i18n';
import { PinIcon } from '../ui/icons';
import { NameList } from '../ui/NameList';

interface ScreenIdeaCardProps {
  idea: IdeaPublic;
  /** Vote phase: the bar's share of the leading idea's votes (0–1); null hides the bar. */
  voteShare: number | null;
  /** The screen shows names only when the session is not anonymous and the server sent them. */
  showAuthors: boolean;
  t: Translator;
}

/** One idea on the big screen, readable from the back of the hall. */
export const ScreenIdeaCard = memo(function ScreenIdeaCard({ idea, voteShare, showAuthors, t }: ScreenIdeaCardProps) {
  const reactions = REACTIONS.filter((emoji) => (idea.reactions[emoji] ?? 0) > 0);
  const authors = showAuthors && idea.authors !== null && idea.authors.length > 0 ? idea.authors.map((a) => a.name) : null;
  return (
    <li className="screen-idea" data-testid="screen-idea" data-idea-id={idea.id} data-flip-id={idea.id} data-pinned={idea.pinned}>
      {(idea.pinned || idea.category !== null) && (
        <p className="screen-idea-tags">
          {idea.pinned && (
            <span className="screen-tag screen-tag-pinned">
              <PinIcon size={18} />
              {t('idea.pinned')}
            </span>
          )}
          {idea.category !== null && (
            <span className="screen-tag" dir="auto">
              {idea.category}
            </span>
          )}
        </p>
      )}
      <p className="screen-idea-title" dir="auto">
        {idea.title}
      </p>
      {idea.detail !== '' && (
        <p className="screen-idea-detail" dir="auto">
          {idea.detail}
        </p>
      )}
      <div className="screen-idea-foot">
        {authors && (
          <span className="screen-idea-authors">
            <NameList names={authors} />
          </span>
        )}
        {voteShare === null ? (
          reactions.length > 0 && (
            <span className="screen-idea-reactions">
              {reactions.map((emoji) => (
                <span key={emoji}>
                  {emoji} {idea.reactions[emoji]}
                </span>
              ))}
            </span>
          )
        ) : (
          <span className="screen-idea-votes">{idea.votes === 1 ? t('results.oneVote') : t('results.votes', { count: idea.votes ?? 0 })}</span>
        )}
      </div>
      {voteShare !== null && (
        <span className="screen-vote-bar" data-testid="screen-vote-bar" data-votes={idea.votes} aria-hidden="true">
          <span style={{ width: `${Math.round(voteShare * 1000) / 10}%` }} />
        </span>
      )}
    </li>
  );
});
