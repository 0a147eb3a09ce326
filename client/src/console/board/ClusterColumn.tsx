import { useId, useState, type FormEvent } from 'react';
import type { ClusterPublic, IdeaPublic } from '@ideasphere/shared';
import { CLUSTER_NAME_MAX_CHARS } from '@ideasphere/shared/limits.js';
import type { Translator } from '../../lib/i18n';
import { useTextField } from '../../lib/textField';
import { EditIcon, TrashIcon } from '../../ui/icons';
import { CharCounter, TextFieldNote, textFieldAria } from '../../ui/TextLimit';
import { ConsoleIdeaCard, type AskMerge } from './ConsoleIdeaCard';
import { ideaDropTarget } from './dnd';
import type { IdeaActions } from './useIdeaActions';

/** Cards rendered per column at a time. */
const CARDS_PER_STEP = 25;

interface ClusterColumnProps {
  /** Null for the column of ideas in no cluster. */
  cluster: ClusterPublic | null;
  ideas: readonly IdeaPublic[];
  clusters: readonly ClusterPublic[];
  onMerge: AskMerge;
  categories: readonly string[];
  actions: IdeaActions;
  t: Translator;
  onDeleteCluster?: (cluster: ClusterPublic) => void;
}

/** A column of ideas: drop a card on it to move the idea into this cluster. */
export function ClusterColumn({ cluster, ideas, clusters, onMerge, categories, actions, t, onDeleteCluster }: ClusterColumnProps) {
  const [limit, setLimit] = useState(CARDS_PER_STEP);
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(cluster?.name ?? '');
  const id = useId();
  const nameField = useTextField(name, CLUSTER_NAME_MAX_CHARS);
  const shown = ideas.slice(0, limit);
  const clusterId = cluster?.id ?? null;
  const drop = ideaDropTarget((ideaId) => void actions.moveToCluster(ideaId, clusterId));
  const title = cluster?.name ?? t('board.ungrouped');

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (!cluster) return;
    if (name.trim() === '' || nameField.check.text === cluster.name) return setRenaming(false);
    if (!nameField.ready()) return;
    if (await actions.renameCluster(cluster.id, nameField.check.text)) setRenaming(false);
  };

  return (
    <section className="cluster-column" data-testid="cluster-column" data-cluster-id={clusterId ?? ''} aria-label={title} {...drop}>
      <header className="cluster-head">
        {renaming && cluster ? (
          <form className="cluster-rename" onSubmit={(e) => void rename(e)}>
            <input
              className="input input-small"
              data-testid="cluster-rename-input"
              value={name}
              dir="auto"
              aria-label={t('board.clusterName')}
              {...textFieldAria(nameField, `${id}-rename-error`)}
              autoFocus
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setRenaming(false);
              }}
            />
            <CharCounter field={nameField} />
            <button type="submit" className="button button-primary button-small" data-testid="cluster-rename-save">
              {t('common.save')}
            </button>
            <TextFieldNote field={nameField} id={`${id}-rename-error`} t={t} />
          </form>
        ) : (
          <>
            <h3 className="cluster-name user-text" dir="auto">
              {title}
            </h3>
            <span className="board-count">{ideas.length}</span>
            {cluster && (
              <span className="cluster-tools">
                <button
                  type="button"
                  className="icon-button"
                  data-testid="cluster-rename"
                  aria-label={t('board.renameCluster', { name: cluster.name })}
                  title={t('board.renameCluster', { name: cluster.name })}
                  onClick={() => {
                    setName(cluster.name);
                    setRenaming(true);
                  }}
                >
                  <EditIcon size={16} />
                </button>
                <button
                  type="button"
                  className="icon-button icon-button-danger"
                  data-testid="cluster-delete"
                  aria-label={t('board.deleteCluster', { name: cluster.name })}
                  title={t('board.deleteCluster', { name: cluster.name })}
                  onClick={() => onDeleteCluster?.(cluster)}
                >
                  <TrashIcon size={16} />
                </button>
              </span>
            )}
          </>
        )}
      </header>
      <p className="cluster-drop-hint" aria-hidden="true">
        {t('board.dropHere')}
      </p>
      <ul className="cluster-ideas">
        {shown.map((idea) => (
          <ConsoleIdeaCard
            key={idea.id}
            idea={idea}
            clusters={clusters}
            onMerge={onMerge}
            categories={categories}
            actions={actions}
            t={t}
          />
        ))}
      </ul>
      {ideas.length > shown.length && (
        <button type="button" className="button button-secondary button-small" onClick={() => setLimit((n) => n + CARDS_PER_STEP)}>
          {t('board.showMore', { count: ideas.length - shown.length })}
        </button>
      )}
    </section>
  );
}
