import type { ReactNode } from 'react';
import type { IdeaPublic } from '@ideasphere/shared';
import type { Translator } from '../../lib/i18n';
import { PinIcon } from '../../ui/icons';
import { NameList } from '../../ui/NameList';

interface IdeaCardProps {
  idea: IdeaPublic;
  mine: boolean;
  anonymous: boolean;
  t: Translator;
  children?: ReactNode;
}

/** One idea on the phone's board: title, detail, theme, authors unless anonymous. */
export function IdeaCard({ idea, mine, anonymous, t, children }: IdeaCardProps) {
  const authors = anonymous || idea.authors === null || idea.authors.length === 0 ? null : idea.authors.map((a) => a.name);
  return (
    <li className="row-card idea-card" data-testid="board-idea" data-idea-id={idea.id} data-mine={mine} data-pinned={idea.pinned}>
      <div className="idea-card-tags">
        {idea.pinned && (
          <span className="tag tag-pinned">
            <PinIcon size={14} />
            {t('idea.pinned')}
          </span>
        )}
        {mine && <span className="tag tag-mine">{t('idea.yours')}</span>}
        {idea.category !== null && (
          <span className="tag" dir="auto">
            {idea.category}
          </span>
        )}
      </div>
      <p className="idea-title idea-card-title user-text" dir="auto">
        {idea.title}
      </p>
      {idea.detail !== '' && (
        <p className="idea-detail idea-card-detail" dir="auto">
          {idea.detail}
        </p>
      )}
      {authors && (
        <p className="idea-card-authors user-text">
          <NameList names={authors} />
        </p>
      )}
      {children}
    </li>
  );
}
