import { useState } from 'react';
import type { BoardResults } from '@ideasphere/shared';
import type { Translator } from '../../lib/i18n';
import { NameList } from '../../ui/NameList';

interface RankingListProps {
  ranking: BoardResults['ranking'];
  clusterNames: ReadonlyMap<string, string>;
  t: Translator;
  number: Intl.NumberFormat;
}

const ROWS_PER_STEP = 25;

/** Ideas by votes, each with a bar relative to the winner. */
export function RankingList({ ranking, clusterNames, t, number }: RankingListProps) {
  const [limit, setLimit] = useState(ROWS_PER_STEP);
  const top = ranking.reduce((most, idea) => Math.max(most, idea.votes ?? 0), 0);
  if (ranking.length === 0) return <p className="field-hint">{t('results.empty')}</p>;
  return (
    <>
      <ol className="result-ranking" data-testid="results-ranking-console">
        {ranking.slice(0, limit).map((idea, index) => (
          <li key={idea.id} className="result-row">
            <span className="rank-badge result-rank">{index + 1}</span>
            <div className="result-body">
              <p className="result-title user-text" dir="auto">
                {idea.title}
              </p>
              <p className="result-meta">
                {idea.authors !== null && idea.authors.length > 0 && (
                  <span className="user-text">
                    <NameList names={idea.authors.map((a) => a.name)} />
                  </span>
                )}
                {idea.clusterId !== null && clusterNames.has(idea.clusterId) && (
                  <span className="tag" dir="auto">
                    {clusterNames.get(idea.clusterId)}
                  </span>
                )}
              </p>
              <span className="meter result-bar" aria-hidden="true">
                <span style={{ width: `${top > 0 ? ((idea.votes ?? 0) / top) * 100 : 0}%` }} />
              </span>
            </div>
            <span className="result-votes">{idea.votes === 1 ? t('results.oneVote') : t('results.votes', { count: number.format(idea.votes ?? 0) })}</span>
          </li>
        ))}
      </ol>
      {ranking.length > limit && (
        <button type="button" className="button button-secondary button-small no-print" onClick={() => setLimit(ranking.length)}>
          {t('results.showAll', { count: ranking.length })}
        </button>
      )}
    </>
  );
}
