import { memo, useState } from 'react';
import type { ClusterPublic, IdeaPublic, IdeaStatus, MessageKey, ModerationAction } from '@ideasphere/shared';
import { REACTIONS } from '@ideasphere/shared/limits.js';
import type { Translator } from '../../lib/i18n';
import { CheckIcon, EditIcon, EyeOffIcon, GripIcon, MergeIcon, PinIcon, TrashIcon } from '../../ui/icons';
import { NameList } from '../../ui/NameList';
import { IdeaTick } from '../proposals/IdeaTick';
import { ideaDropTarget, startIdeaDrag } from './dnd';
import { IdeaEditor } from './IdeaEditor';
import type { IdeaActions } from './useIdeaActions';

/** Opens the merge dialog for `sourceId`, with `targetId` picked when it was dropped on a card. */
export type AskMerge = (sourceId: string, targetId?: string | null) => void;

interface ConsoleIdeaCardProps {
  idea: IdeaPublic;
  clusters: readonly ClusterPublic[];
  onMerge: AskMerge;
  categories: readonly string[];
  actions: IdeaActions;
  t: Translator;
}

const STATUS_BADGE: Record<Exclude<IdeaStatus, 'visible'>, MessageKey> = {
  pending: 'status.pending',
  held: 'status.held',
  hidden: 'status.hidden',
};

/**
 * One idea in the facilitator's board: status, text, counts and every action. Drag it onto a
 * cluster column to group it, or onto a card shown on the board to merge it there (the merge
 * dialog asks first); the cluster menu and the Merge button do the same from the keyboard.
 * Memoised: a vote elsewhere does not re-render it.
 */
export const ConsoleIdeaCard = memo(function ConsoleIdeaCard({ idea, clusters, onMerge, categories, actions, t }: ConsoleIdeaCardProps) {
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const awaiting = idea.status === 'pending' || idea.status === 'held';

  const run = async (work: () => Promise<boolean>) => {
    setBusy(true);
    await work();
    setBusy(false);
  };
  const moderate = (action: ModerationAction) => void run(() => actions.moderate(idea, action));
  const reactions = REACTIONS.filter((emoji) => (idea.reactions[emoji] ?? 0) > 0);

  return (
    <li
      className="row-card console-idea"
      data-testid="console-idea"
      data-idea-id={idea.id}
      data-status={idea.status}
      data-pinned={idea.pinned}
      draggable={!editing}
      onDragStart={(e) => startIdeaDrag(e, idea.id)}
      // Only an idea shown on the board can take a merge: the others are no drop target.
      {...(idea.status === 'visible'
        ? ideaDropTarget((sourceId) => {
            if (sourceId !== idea.id) onMerge(sourceId, idea.id);
          })
        : {})}
      aria-busy={busy}
    >
      <div className="console-idea-head">
        <span className="console-idea-grip" aria-hidden="true">
          <GripIcon size={16} />
        </span>
        {idea.status === 'visible' && <IdeaTick ideaId={idea.id} title={idea.title} t={t} />}
        {idea.status !== 'visible' && (
          <span className="status-badge" data-status={idea.status} data-testid="idea-status">
            {t(STATUS_BADGE[idea.status])}
          </span>
        )}
        {idea.pinned && (
          <span className="tag tag-pinned">
            <PinIcon size={13} />
            {t('idea.pinned')}
          </span>
        )}
        {idea.category !== null && (
          <span className="tag" dir="auto">
            {idea.category}
          </span>
        )}
        <span className="console-idea-votes" title={t('board.votesTitle')}>
          {t('board.votes', { count: idea.votes ?? 0 })}
        </span>
      </div>

      {editing ? (
        <IdeaEditor idea={idea} categories={categories} t={t} onSave={actions.edit} onClose={() => setEditing(false)} />
      ) : (
        <>
          <p className="idea-title console-idea-title user-text" dir="auto">
            {idea.title}
          </p>
          {idea.detail !== '' && (
            <p className="idea-detail console-idea-detail" dir="auto">
              {idea.detail}
            </p>
          )}
          {(idea.authors !== null || reactions.length > 0) && (
            <p className="console-idea-meta">
              {idea.authors !== null && (
                <span className="user-text">
                  <NameList names={idea.authors.map((a) => a.name)} />
                </span>
              )}
              {reactions.map((emoji) => (
                <span key={emoji} className="console-idea-reaction">
                  {emoji} {idea.reactions[emoji]}
                </span>
              ))}
            </p>
          )}
        </>
      )}

      <div className="console-idea-actions">
        {awaiting || idea.status === 'hidden' ? (
          <button type="button" className="icon-button icon-button-text icon-button-approve" data-testid="idea-approve" disabled={busy} onClick={() => moderate('approve')}>
            <CheckIcon size={16} />
            {awaiting ? t('board.approve') : t('board.show')}
          </button>
        ) : (
          <button
            type="button"
            className="icon-button icon-button-text"
            data-testid="idea-pin"
            aria-pressed={idea.pinned}
            disabled={busy}
            onClick={() => moderate(idea.pinned ? 'unpin' : 'pin')}
          >
            <PinIcon size={16} />
            {idea.pinned ? t('board.unpin') : t('board.pin')}
          </button>
        )}
        {idea.status !== 'hidden' && (
          <button type="button" className="icon-button icon-button-text" data-testid="idea-hide" disabled={busy} onClick={() => moderate('hide')}>
            <EyeOffIcon size={16} />
            {t('board.hide')}
          </button>
        )}
        <span className="console-idea-tools">
          <button
            type="button"
            className="icon-button"
            data-testid="idea-edit"
            aria-label={t('board.edit')}
            title={t('board.edit')}
            disabled={busy || editing}
            onClick={() => setEditing(true)}
          >
            <EditIcon size={16} />
          </button>
          <button
            type="button"
            className="icon-button icon-button-danger"
            data-testid="idea-delete"
            aria-label={t('board.delete')}
            title={t('board.delete')}
            disabled={busy}
            onClick={() => moderate('delete')}
          >
            <TrashIcon size={16} />
          </button>
        </span>
      </div>

      {/* Option names go in `label`, not in the text, so a card's text is only its own. */}
      {!awaiting && (
        <div className="console-idea-selects">
          <select
            className="input input-small"
            data-testid="idea-cluster-select"
            value={idea.clusterId ?? ''}
            aria-label={t('board.moveToCluster')}
            disabled={busy}
            onChange={(e) => {
              const clusterId = e.target.value === '' ? null : e.target.value;
              void run(() => actions.moveToCluster(idea.id, clusterId));
            }}
          >
            <option value="" label={t('board.ungrouped')} />
            {clusters.map((cluster) => (
              <option key={cluster.id} value={cluster.id} label={cluster.name} dir="auto" />
            ))}
          </select>
          <button
            type="button"
            className="icon-button icon-button-text"
            data-testid="idea-merge"
            aria-haspopup="dialog"
            disabled={busy}
            onClick={() => onMerge(idea.id)}
          >
            <MergeIcon size={16} />
            {t('board.merge')}
          </button>
        </div>
      )}
    </li>
  );
});
