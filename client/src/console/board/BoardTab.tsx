import { useCallback, useId, useMemo, useState } from 'react';
import type { ClusterPublic, IdeaPublic } from '@ideasphere/shared';
import { comparePinnedThenNewest, compareNewestFirst, isAwaitingReview } from '@ideasphere/shared/sync/boardState.js';
import type { Translator } from '../../lib/i18n';
import type { BoardClient, SendError } from '../../lib/useBoard';
import { Toast } from '../../ui/Toast';
import { useDialog } from '../../ui/useDialog';
import { ClusterColumn } from './ClusterColumn';
import { ClusterCreate } from './ClusterCreate';
import { MergeDialog } from './MergeDialog';
import { ModerationQueue } from './ModerationQueue';
import { actionErrorText } from './actionError';
import { useIdeaActions } from './useIdeaActions';
import './board.css';

interface BoardTabProps {
  board: BoardClient;
  t: Translator;
}

type Filter = 'all' | 'visible' | 'hidden';
type Notice = { kind: 'deleted'; idea: IdeaPublic } | { kind: 'merged'; target: IdeaPublic } | { kind: 'error'; error: SendError };

/** How long "Undo" stays offered after a delete. */
const UNDO_MS = 8_000;

interface Grouped {
  queue: IdeaPublic[];
  columns: Map<string | null, IdeaPublic[]>;
  total: number;
}

function groupIdeas(ideas: Iterable<IdeaPublic>, filter: Filter, query: string): Grouped {
  const queue: IdeaPublic[] = [];
  const columns = new Map<string | null, IdeaPublic[]>();
  let total = 0;
  const needle = query.trim().toLocaleLowerCase();
  for (const idea of ideas) {
    if (isAwaitingReview(idea)) {
      queue.push(idea);
      continue;
    }
    total++;
    if (filter !== 'all' && idea.status !== filter) continue;
    if (needle !== '' && !`${idea.title}\n${idea.detail}`.toLocaleLowerCase().includes(needle)) continue;
    const column = columns.get(idea.clusterId) ?? [];
    column.push(idea);
    columns.set(idea.clusterId, column);
  }
  queue.sort((a, b) => -compareNewestFirst(a, b));
  for (const column of columns.values()) column.sort(comparePinnedThenNewest);
  return { queue, columns, total };
}

/** The facilitator's board: the moderation queue, then every idea in cluster columns. */
export function BoardTab({ board, t }: BoardTabProps) {
  const ids = useId();
  const { ideas, clusters, settings } = board.state;
  const [filter, setFilter] = useState<Filter>('all');
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);

  const onError = useCallback((error: SendError) => setNotice({ kind: 'error', error }), []);
  const onDeleted = useCallback((idea: IdeaPublic) => setNotice({ kind: 'deleted', idea }), []);
  const closeNotice = useCallback(() => setNotice(null), []);
  const actions = useIdeaActions(board, onError, onDeleted);

  const grouped = useMemo(() => groupIdeas(ideas.values(), filter, query), [ideas, filter, query]);
  const clusterList = useMemo(() => [...clusters.values()], [clusters]);

  // Merging asks first (MergeDialog); the dialog stays mounted while it closes, so the focus
  // goes back to the card's button.
  const [merge, setMerge] = useState<{ sourceId: string; targetId: string | null; serial: number; open: boolean } | null>(null);
  const askMerge = useCallback((sourceId: string, targetId: string | null = null) => {
    setMerge((prev) => ({ sourceId, targetId, serial: (prev?.serial ?? 0) + 1, open: true }));
  }, []);
  const closeMerge = useCallback(() => setMerge((prev) => (prev ? { ...prev, open: false } : null)), []);
  const sendMerge = useCallback(
    async (sourceId: string, target: IdeaPublic) => {
      const ok = await actions.merge(sourceId, target.id);
      if (ok) setNotice({ kind: 'merged', target });
      return ok;
    },
    [actions],
  );
  const mergeSource = merge === null ? undefined : ideas.get(merge.sourceId);

  const { confirm, dialog } = useDialog(t);
  const deleteCluster = useCallback(
    async (cluster: ClusterPublic) => {
      const confirmed = await confirm({
        title: t('board.deleteClusterTitle', { name: cluster.name }),
        body: t('board.deleteClusterBody'),
        confirmLabel: t('board.deleteClusterConfirm'),
        tone: 'danger',
        testId: 'cluster-delete-dialog',
      });
      if (confirmed) await actions.deleteCluster(cluster.id);
    },
    [actions, confirm, t],
  );
  const onDeleteCluster = useCallback((cluster: ClusterPublic) => void deleteCluster(cluster), [deleteCluster]);

  const undo = async (idea: IdeaPublic) => {
    setNotice(null);
    await actions.moderate(idea, 'restore');
  };

  return (
    <div className="board-tab">
      {grouped.queue.length > 0 && (
        <ModerationQueue ideas={grouped.queue} clusters={clusterList} categories={settings.categories} actions={actions} onMerge={askMerge} t={t} />
      )}

      <section className="card board-panel" aria-labelledby={`${ids}-heading`}>
        <div className="board-toolbar">
          <h2 id={`${ids}-heading`} className="panel-heading">
            {t('board.allIdeas')} <span className="board-count">{grouped.total}</span>
          </h2>
          <div className="segmented" role="group" aria-label={t('board.filter')}>
            {(['all', 'visible', 'hidden'] as const).map((option) => (
              <button key={option} type="button" aria-pressed={filter === option} data-testid={`board-filter-${option}`} onClick={() => setFilter(option)}>
                {t(`board.filter.${option}`)}
              </button>
            ))}
          </div>
          <input
            className="input input-small board-search"
            type="search"
            dir="auto"
            value={query}
            placeholder={t('board.search')}
            aria-label={t('board.search')}
            onChange={(e) => setQuery(e.target.value)}
          />
          <ClusterCreate count={clusterList.length} onCreate={actions.createCluster} t={t} />
        </div>
        <p className="field-hint board-hint">{t('board.dragHint')}</p>
        {ideas.size === 0 && board.state.loaded ? (
          <p className="empty-state board-empty-console" data-testid="board-empty">
            {t('board.emptyConsole')}
          </p>
        ) : null}
        <div className="cluster-columns">
          {[null, ...clusterList].map((cluster) => (
            <ClusterColumn
              key={cluster?.id ?? ''}
              cluster={cluster}
              ideas={grouped.columns.get(cluster?.id ?? null) ?? []}
              clusters={clusterList}
              onMerge={askMerge}
              categories={settings.categories}
              actions={actions}
              t={t}
              onDeleteCluster={onDeleteCluster}
            />
          ))}
        </div>
      </section>

      {notice?.kind === 'deleted' && (
        <Toast
          key={notice.idea.id}
          durationMs={UNDO_MS}
          onClose={closeNotice}
          testId="delete-toast"
          action={
            <button type="button" className="button" data-testid="undo-delete" onClick={() => void undo(notice.idea)}>
              {t('board.undo')}
            </button>
          }
        >
          {t('board.deleted')}
        </Toast>
      )}
      {notice?.kind === 'merged' && (
        <Toast key={notice.target.id} durationMs={5_000} onClose={closeNotice} testId="merge-toast">
          {t('board.merged', { title: notice.target.title })}
        </Toast>
      )}
      {notice?.kind === 'error' && (
        <Toast durationMs={6_000} onClose={closeNotice} tone="error" testId="board-error">
          {actionErrorText(t, notice.error)}
        </Toast>
      )}
      {dialog}
      {merge && mergeSource && (
        <MergeDialog
          key={merge.serial}
          open={merge.open}
          request={{ source: mergeSource, targetId: merge.targetId }}
          ideas={ideas}
          clusters={clusters}
          onMerge={sendMerge}
          onClose={closeMerge}
          t={t}
        />
      )}
    </div>
  );
}
