import { useMemo, useRef, type CSSProperties } from 'react';
import type { IdeaPublic } from '@ideasphere/shared';
import { compareByVotes } from '@ideasphere/shared/sync/boardState.js';
import type { Translator } from '../lib/i18n';
import { ScreenIdeaCard } from './ScreenIdeaCard';
import { screenGrid, SCREEN_GRID_MAX } from './screenGrid';
import { useFlip } from './useFlip';
import { useThrottledOrder } from './useThrottledOrder';

/** The order changes at most this often; the bars move live. */
const RESORT_MS = 2_000;

interface VoteBoardProps {
  ideas: ReadonlyMap<string, IdeaPublic>;
  showAuthors: boolean;
  /** The session keeps counts until voting closes: no bars, no counts (the server sends none). */
  countsHidden: boolean;
  t: Translator;
}

/**
 * Vote phase: ideas by votes with live bars; re-sorted every two seconds at most. With counts
 * hidden every idea ties, so the order is the submission order and gives nothing away.
 */
export function VoteBoard({ ideas, showAuthors, countsHidden, t }: VoteBoardProps) {
  const list = useRef<HTMLUListElement>(null);
  const order = useThrottledOrder(ideas, compareByVotes, RESORT_MS);
  const cards = useMemo(() => {
    const shown = order.flatMap((id) => ideas.get(id) ?? []).slice(0, SCREEN_GRID_MAX);
    // Ideas newer than the last sort wait at the end until the next one.
    if (shown.length < SCREEN_GRID_MAX && shown.length < ideas.size) {
      const placed = new Set(order);
      for (const idea of ideas.values()) {
        if (shown.length >= SCREEN_GRID_MAX) break;
        if (!placed.has(idea.id)) shown.push(idea);
      }
    }
    return shown;
  }, [ideas, order]);
  const grid = screenGrid(cards.length);
  let most = 0;
  for (const idea of cards) most = Math.max(most, idea.votes ?? 0);
  useFlip(list, cards.map((idea) => idea.id).join(' '), 800);

  return (
    <ul
      ref={list}
      className="screen-ideas screen-ideas-vote"
      data-density={grid.density}
      style={{ '--columns': grid.columns, '--rows': grid.rows } as CSSProperties}
      aria-label={t('screen.ideasLabel')}
    >
      {cards.map((idea) => (
        <ScreenIdeaCard
          key={idea.id}
          idea={idea}
          voteShare={countsHidden ? null : most > 0 ? (idea.votes ?? 0) / most : 0}
          showAuthors={showAuthors}
          t={t}
        />
      ))}
    </ul>
  );
}
