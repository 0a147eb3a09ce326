import { useMemo, useRef, useState } from 'react';
import type { Language } from '@ideasphere/shared';
import { votesHiddenFromAudience } from '@ideasphere/shared/boardModel.js';
import { downloadExport, type ExportFormat } from '../../lib/download';
import { errorText, type Translator } from '../../lib/i18n';
import type { RequestError } from '../../lib/api';
import type { BoardClient } from '../../lib/useBoard';
import { useInView } from '../../lib/useInView';
import { useResults } from '../../lib/useResults';
import { DownloadIcon, PrintIcon } from '../../ui/icons';
import { CloudPanel } from './CloudPanel';
import { ClusterTotals } from './ClusterTotals';
import { QaResults } from './QaResults';
import { PollResults } from './PollResults';
import type { PollState } from '@ideasphere/shared/sync/pollState.js';
import type { QaState } from '@ideasphere/shared/sync/qaState.js';
import { RankingList } from './RankingList';
import './results.css';

interface ResultsTabProps {
  code: string;
  token: string;
  sessionTitle: string | null;
  board: BoardClient;
  /** Joins change the participation figures without changing the board. */
  participantCount: number;
  /** The session's Q&A, printed and shown under the idea results. */
  qa: QaState;
  /** Live polls: every launched one's result follows the Q&A. */
  polls: PollState;
  t: Translator;
  language: Language;
}

/**
 * The outcome: ranking, cluster totals, participation, word cloud; print and export. It follows
 * the board live: every change of the board this console holds (ideas, votes, clusters, phase,
 * settings) asks for the results again, at most once a second (see useResults and, on the
 * server, ResultsCache: one computation per second per session however many consoles ask).
 */
export function ResultsTab({ code, token, sessionTitle, board, participantCount, t, language, qa, polls }: ResultsTabProps) {
  const { phase, settings } = board.state;
  const view = useRef<HTMLElement>(null);
  // Fetched while on screen or in the results phase, not for a section nobody looks at.
  const inView = useInView(view);
  const changes = useMemo(() => ({ board: board.state, participantCount }), [board.state, participantCount]);
  const { results, error, loading, refresh } = useResults(board.send, {
    enabled: board.synced && (inView || phase.phase === 'results'),
    trigger: changes,
  });
  const countsHidden = votesHiddenFromAudience(settings, phase.phase);
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const [exportError, setExportError] = useState<RequestError | null>(null);
  const number = useMemo(() => new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en'), [language]);
  const clusterNames = useMemo(() => new Map([...board.state.clusters.values()].map((c) => [c.id, c.name])), [board.state.clusters]);

  const exportAs = async (format: ExportFormat) => {
    setExporting(format);
    setExportError(null);
    setExportError(await downloadExport(code, token, format));
    setExporting(null);
  };

  const stats = results
    ? ([
        ['results.participants', results.participation.participants],
        ['results.contributors', results.participation.contributors],
        ['results.voters', results.participation.voters],
        ['results.ideas', results.participation.ideas],
        ['results.votesCast', results.participation.votesCast],
      ] as const)
    : [];

  return (
    <section ref={view} className="card results-view" data-testid="results-view" aria-labelledby="results-heading" aria-busy={loading && results === null}>
      <header className="results-head">
        <div>
          <p className="eyebrow print-only">{t('app.name')}</p>
          <h2 id="results-heading" className="results-title">
            {t('results.heading')}
            {sessionTitle && (
              <span className="print-only">
                {' · '}
                <bdi>{sessionTitle}</bdi>
              </span>
            )}
          </h2>
        </div>
        <div className="results-actions">
          <span className="results-live no-print" data-testid="results-live" data-loading={loading}>
            {loading ? <span className="spinner" aria-hidden="true" /> : <span className="live-dot" aria-hidden="true" />}
            {t('results.live')}
          </span>
          <button type="button" className="button button-secondary button-small" data-testid="print-results" onClick={() => window.print()} disabled={results === null}>
            <PrintIcon size={16} />
            {t('results.print')}
          </button>
          <button type="button" className="button button-secondary button-small" data-testid="export-csv" onClick={() => void exportAs('csv')} disabled={exporting !== null}>
            {exporting === 'csv' ? <span className="spinner" aria-hidden="true" /> : <DownloadIcon size={16} />}
            {t('results.exportCsv')}
          </button>
          <button type="button" className="button button-secondary button-small" data-testid="export-json" onClick={() => void exportAs('json')} disabled={exporting !== null}>
            {exporting === 'json' ? <span className="spinner" aria-hidden="true" /> : <DownloadIcon size={16} />}
            {t('results.exportJson')}
          </button>
        </div>
      </header>

      {exportError && (
        <p className="alert alert-error" role="alert" data-testid="export-error">
          {t('results.exportFailed', { reason: errorText(t, exportError) })}
        </p>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}{' '}
          <button type="button" className="button button-ghost button-small" data-testid="results-retry" onClick={refresh} disabled={loading}>
            {t('common.retry')}
          </button>
        </p>
      )}
      {countsHidden && results !== null && (
        <p className="alert alert-info no-print" data-testid="results-counts-hidden">
          {t('results.countsHiddenNote')}
        </p>
      )}
      {results === null ? (
        !error && (
          <p className="results-loading" role="status">
            <span className="spinner" aria-hidden="true" /> {t('common.loading')}
          </p>
        )
      ) : (
        <>
          <dl className="results-stats" data-testid="results-participation">
            {stats.map(([key, value]) => (
              <div key={key} className="stat">
                <dt className="stat-label">{t(key)}</dt>
                <dd className="stat-value">{number.format(value)}</dd>
              </div>
            ))}
          </dl>
          <div className="results-grid">
            <section className="results-section results-ranking-section" aria-labelledby="ranking-heading">
              <h3 id="ranking-heading" className="results-subheading">
                {t('results.ranking')}
              </h3>
              <RankingList ranking={results.ranking} clusterNames={clusterNames} t={t} number={number} />
            </section>
            <div className="results-side">
              <section className="results-section" aria-labelledby="clusters-heading">
                <h3 id="clusters-heading" className="results-subheading">
                  {t('results.clusters')}
                </h3>
                <ClusterTotals clusters={results.clusters} t={t} number={number} />
              </section>
              <section className="results-section" aria-labelledby="cloud-heading">
                <h3 id="cloud-heading" className="results-subheading">
                  {t('results.wordCloud')}
                </h3>
                <CloudPanel words={results.wordCloud} board={board} t={t} />
              </section>
            </div>
          </div>
        </>
      )}
      <QaResults qa={qa} anonymous={board.state.settings.anonymous} t={t} />
      <PollResults polls={polls} language={language} t={t} />
    </section>
  );
}
