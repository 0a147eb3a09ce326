import { useMemo, useRef, type CSSProperties } from 'react';
import type { IdeaPublic } from '@ideasphere/shared';
import { compareNewestFirst } from '@ideasphere/shared/sync/boardState.js';
import type { Translator } from '../lib/i18n';
import { ScreenIdeaCard } from './ScreenIdeaCard';
import { screenGrid, SCREEN_GRID_MAX } from './screenGrid';
import { useFlip } from './useFlip';
import { useRevealedIdeas } from './useRevealedIdeas';

/** Ideas the pacer keeps ready to show (the grid shows at most `SCREEN_GRID_MAX`). */
const REVEALED_MAX = 60;
/** Live arrivals waiting beyond this are filed silently rather than revealed one by one. */
const BACKLOG_MAX = 24;

interface CollectBoardProps {
  ideas: ReadonlyMap<string, IdeaPublic>;
  /** True while the snapshot and its pages load: what exists already appears at once. */
  loading: boolean;
  showAuthors: boolean;
  t: Translator;
}

/** Collect phase: pinned ideas first, then the newest, new ones arriving one by one. */
export function CollectBoard({ ideas, loading, showAuthors, t }: CollectBoardProps) {
  const list = useRef<HTMLUListElement>(null);
  const revealed = useRevealedIdeas(ideas, loading, REVEALED_MAX, BACKLOG_MAX);
  const pinned = useMemo(
    () => [...ideas.values()].filter((idea) => idea.pinned).sort(compareNewestFirst).slice(0, SCREEN_GRID_MAX),
    [ideas],
  );
  const cards = useMemo(() => {
    const rest = revealed.flatMap((id) => {
      const idea = ideas.get(id);
      return idea && !idea.pinned ? [idea] : [];
    });
    return [...pinned, ...rest].slice(0, SCREEN_GRID_MAX);
  }, [ideas, pinned, revealed]);
  const grid = screenGrid(cards.length);
  useFlip(list, cards.map((idea) => idea.id).join(' '));

  return (
    <ul
      ref={list}
      className="screen-ideas"
      data-density={grid.density}
      style={{ '--columns': grid.columns, '--rows': grid.rows } as CSSProperties}
      aria-label={t('screen.ideasLabel')}
    >
      {cards.map((idea) => (
        <ScreenIdeaCard key={idea.id} idea={idea} voteShare={null} showAuthors={showAuthors} t={t} />
      ))}
    </ul>
  );
}
