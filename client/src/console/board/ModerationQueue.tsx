import type { ClusterPublic, IdeaPublic } from '@ideasphere/shared';
import type { Translator } from '../../lib/i18n';
import { ConsoleIdeaCard, type AskMerge } from './ConsoleIdeaCard';
import type { IdeaActions } from './useIdeaActions';

interface ModerationQueueProps {
  ideas: readonly IdeaPublic[];
  clusters: readonly ClusterPublic[];
  categories: readonly string[];
  actions: IdeaActions;
  onMerge: AskMerge;
  t: Translator;
}

/** Ideas waiting for the facilitator (pre-moderation, or held for a banned word), oldest first. */
export function ModerationQueue({ ideas, clusters, categories, actions, onMerge, t }: ModerationQueueProps) {
  return (
    <section className="moderation-queue" data-testid="moderation-queue" aria-labelledby="queue-heading">
      <h2 id="queue-heading" className="panel-heading">
        {t('board.queueHeading')} <span className="board-count">{ideas.length}</span>
      </h2>
      <p className="field-hint">{t('board.queueHint')}</p>
      <ul className="queue-list">
        {ideas.map((idea) => (
          <ConsoleIdeaCard key={idea.id} idea={idea} clusters={clusters} onMerge={onMerge} categories={categories} actions={actions} t={t} />
        ))}
      </ul>
    </section>
  );
}
