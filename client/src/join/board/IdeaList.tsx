import { useState, type ReactNode } from 'react';
import type { IdeaPublic } from '@ideasphere/shared';
import type { Translator } from '../../lib/i18n';
import { IdeaCard } from './IdeaCard';

/** Cards rendered at a time: a phone need not hold a thousand cards in its DOM. */
const CARDS_PER_STEP = 30;

interface IdeaListProps {
  ideas: readonly IdeaPublic[];
  mine: ReadonlyMap<string, IdeaPublic>;
  anonymous: boolean;
  heading: string;
  empty: string;
  t: Translator;
  /** Reactions or vote controls under each card. */
  renderFooter: (idea: IdeaPublic) => ReactNode;
}

/** The live board on the phone, in the order given, with "show more" below. */
export function IdeaList({ ideas, mine, anonymous, heading, empty, t, renderFooter }: IdeaListProps) {
  const [limit, setLimit] = useState(CARDS_PER_STEP);
  const shown = ideas.slice(0, limit);
  return (
    <section className="idea-board" aria-labelledby="idea-board-heading">
      <h2 id="idea-board-heading" className="board-heading">
        {heading}
      </h2>
      {ideas.length === 0 ? (
        <p className="empty-state board-empty" data-testid="board-empty">
          {empty}
        </p>
      ) : (
        <ul className="idea-list" data-testid="board-list">
          {shown.map((idea) => (
            <IdeaCard key={idea.id} idea={idea} mine={mine.has(idea.id)} anonymous={anonymous} t={t}>
              {renderFooter(idea)}
            </IdeaCard>
          ))}
        </ul>
      )}
      {ideas.length > shown.length && (
        <button type="button" className="button button-secondary button-block" onClick={() => setLimit((n) => n + CARDS_PER_STEP)}>
          {t('board.showMore', { count: ideas.length - shown.length })}
        </button>
      )}
    </section>
  );
}
