import type { BoardResults } from '@ideasphere/shared';
import type { Translator } from '../../lib/i18n';

interface ClusterTotalsProps {
  clusters: BoardResults['clusters'];
  t: Translator;
  number: Intl.NumberFormat;
}

/** Votes per cluster (and "not grouped"), most first. */
export function ClusterTotals({ clusters, t, number }: ClusterTotalsProps) {
  // The console's results always carry counts; null (a phone's view while hidden) reads as 0.
  const sorted = [...clusters].sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0));
  const top = sorted[0]?.votes ?? 0;
  if (sorted.length === 0) return <p className="field-hint">{t('results.noClusters')}</p>;
  return (
    <ul className="cluster-totals" data-testid="results-clusters">
      {sorted.map((cluster) => (
        <li key={cluster.id ?? ''} className="cluster-total">
          <span className="cluster-total-name">{cluster.name ?? t('board.ungrouped')}</span>
          <span className="cluster-total-figures">
            {t('results.clusterFigures', { votes: number.format(cluster.votes ?? 0), ideas: number.format(cluster.ideas) })}
          </span>
          <span className="meter result-bar" aria-hidden="true">
            <span style={{ width: `${top > 0 ? ((cluster.votes ?? 0) / top) * 100 : 0}%` }} />
          </span>
        </li>
      ))}
    </ul>
  );
}
