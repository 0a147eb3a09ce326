import { useId, useMemo, useState } from 'react';
import type { ClusterPublic, IdeaPublic } from '@ideasphere/shared';
import { compareNewestFirst } from '@ideasphere/shared/sync/boardState.js';
import type { Translator } from '../../lib/i18n';
import { Dialog } from '../../ui/Dialog';

/** The list shows this many ideas; typing narrows it down to the one wanted. */
const TARGETS_SHOWN = 50;
/** The source's title in the dialog's heading is cut to this many characters. */
const TITLE_CHARS = 60;

export interface MergeRequest {
  source: IdeaPublic;
  /** Preselected (the card it was dropped on), or null to pick one. */
  targetId: string | null;
}

interface MergeDialogProps {
  open: boolean;
  request: MergeRequest;
  /** Every idea the facilitator has: only those shown on the board are offered. */
  ideas: ReadonlyMap<string, IdeaPublic>;
  clusters: ReadonlyMap<string, ClusterPublic>;
  /** Sends the merge; resolves whether it worked (a refusal is reported by the board). */
  onMerge: (sourceId: string, target: IdeaPublic) => Promise<boolean>;
  onClose: () => void;
  t: Translator;
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** The ideas `source` may go into: shown on the board (merged, deleted ones are gone already). */
export function mergeTargets(ideas: ReadonlyMap<string, IdeaPublic>, sourceId: string, query: string): IdeaPublic[] {
  const needle = query.trim().toLocaleLowerCase();
  const targets: IdeaPublic[] = [];
  for (const idea of ideas.values()) {
    if (idea.id === sourceId || idea.status !== 'visible') continue;
    if (needle !== '' && !`${idea.title}\n${idea.detail}`.toLocaleLowerCase().includes(needle)) continue;
    targets.push(idea);
  }
  return targets.sort(compareNewestFirst);
}

/**
 * Merging is a choice, then a confirmation: the facilitator picks the idea to merge into from
 * the ideas shown on the board (radio buttons: arrow keys only move the pick), and nothing
 * happens until they press Merge.
 */
export function MergeDialog({ open, request, ideas, clusters, onMerge, onClose, t }: MergeDialogProps) {
  const id = useId();
  const { source } = request;
  const [query, setQuery] = useState('');
  const [targetId, setTargetId] = useState(request.targetId);
  const [busy, setBusy] = useState(false);

  const matches = useMemo(() => mergeTargets(ideas, source.id, query), [ideas, source.id, query]);
  const shown = matches.slice(0, TARGETS_SHOWN);
  // The picked idea stays in view (and pickable) whatever the search says.
  const picked = targetId === null ? undefined : ideas.get(targetId);
  const pickable = picked !== undefined && picked.status === 'visible' && picked.id !== source.id;
  if (pickable && !shown.includes(picked)) shown.unshift(picked);

  const confirm = async () => {
    if (!pickable || busy) return;
    setBusy(true);
    await onMerge(source.id, picked);
    setBusy(false);
    onClose();
  };

  return (
    <Dialog
      open={open}
      title={t('board.mergeTitle', { title: shorten(source.title, TITLE_CHARS) })}
      body={t('board.mergeBody')}
      confirmLabel={t('board.mergeConfirm')}
      cancelLabel={t('common.cancel')}
      confirmDisabled={!pickable || busy}
      onConfirm={() => void confirm()}
      onCancel={onClose}
      testId="merge-dialog"
    >
      <div className="field">
        <label className="field-label" htmlFor={`${id}-search`}>
          {t('board.mergeSearch')}
        </label>
        <input
          id={`${id}-search`}
          className="input input-small"
          type="search"
          value={query}
          data-autofocus=""
          data-testid="merge-search"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter searches; only the Merge button merges.
            if (e.key === 'Enter') e.preventDefault();
          }}
        />
      </div>
      <fieldset className="merge-targets" aria-busy={busy}>
        <legend className="visually-hidden">{t('board.mergeTargets')}</legend>
        {shown.length === 0 ? (
          <p className="field-hint" data-testid="merge-none">
            {t('board.mergeNone')}
          </p>
        ) : (
          <ul className="merge-target-list" data-testid="merge-targets">
            {shown.map((idea) => {
              const cluster = idea.clusterId === null ? null : clusters.get(idea.clusterId);
              return (
                <li key={idea.id}>
                  <label className="merge-target" data-testid="merge-target" data-idea-id={idea.id}>
                    <input type="radio" name={`${id}-target`} value={idea.id} checked={idea.id === targetId} onChange={() => setTargetId(idea.id)} />
                    <span className="merge-target-text">
                      <span className="merge-target-title user-text" dir="auto">
                        {idea.title}
                      </span>
                      <span className="merge-target-meta">
                        {cluster ? `${cluster.name} · ` : ''}
                        {t('board.votes', { count: idea.votes ?? 0 })}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
        {matches.length > TARGETS_SHOWN && <p className="field-hint">{t('board.mergeMore', { count: matches.length - TARGETS_SHOWN })}</p>}
      </fieldset>
    </Dialog>
  );
}
