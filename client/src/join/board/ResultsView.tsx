import { useMemo } from 'react';
import type { Language } from '@ideasphere/shared';
import { compareByVotes, sortedIdeas } from '@ideasphere/shared/sync/boardState.js';
import type { Translator } from '../../lib/i18n';
import type { BoardClient } from '../../lib/useBoard';
import { MyIdeas } from './MyIdeas';
import { TurnIntoProposal } from './TurnIntoProposal';
import type { IdeaOutbox } from './useIdeaOutbox';

interface ResultsViewProps {
  code: string;
  board: BoardClient;
  outbox: IdeaOutbox;
  online: boolean;
  t: Translator;
  language: Language;
}

/** Ranks shown on a phone; the full list is in the facilitator's export. */
const RANKING_SIZE = 30;

/** Results phase: the ideas ranked by votes, the guest's own marked. */
export function ResultsView({ code, board, outbox, online, t, language }: ResultsViewProps) {
  const { state } = board;
  const ranking = useMemo(() => sortedIdeas(state.ideas.values(), compareByVotes, RANKING_SIZE), [state.ideas]);
  // Counts arrive a moment after the results phase when they were hidden: until then, 0.
  const top = ranking[0]?.votes ?? 0;
  const format = useMemo(() => new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en'), [language]);

  return (
    <>
      {(outbox.items.length > 0 || outbox.failed.length > 0) && <MyIdeas mine={new Map()} outbox={outbox} online={online} t={t} />}
      <section className="join-card results-card" aria-labelledby="results-heading">
        <h2 id="results-heading" className="board-heading">
          {t('results.heading')}
        </h2>
        {ranking.length === 0 ? (
          <p className="empty-state board-empty">{t('results.empty')}</p>
        ) : (
          <ol className="ranking" data-testid="results-ranking">
            {ranking.map((idea, index) => (
              <li key={idea.id} className="ranking-item" data-testid="ranking-idea" data-idea-id={idea.id} data-mine={state.mine.has(idea.id)}>
                <span className="rank-badge ranking-rank" aria-hidden="true">
                  {index + 1}
                </span>
                <div className="ranking-body">
                  <p className="ranking-title user-text">
                    <bdi>{idea.title}</bdi>
                    {state.mine.has(idea.id) && <span className="tag tag-mine">{t('idea.yours')}</span>}
                  </p>
                  <span className="meter ranking-bar" aria-hidden="true">
                    <span style={{ width: `${top > 0 ? ((idea.votes ?? 0) / top) * 100 : 0}%` }} />
                  </span>
                  {state.settings.participantsMayPropose && <TurnIntoProposal code={code} ideaId={idea.id} t={t} />}
                </div>
                <span className="ranking-votes" data-testid="ranking-votes">
                  {idea.votes === 1 ? t('results.oneVote') : t('results.votes', { count: format.format(idea.votes ?? 0) })}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
