import { useMemo } from 'react';
import type { IdeaPublic, IdeaStatus, MessageKey } from '@ideasphere/shared';
import { compareNewestFirst } from '@ideasphere/shared/sync/boardState.js';
import type { Translator } from '../../lib/i18n';
import type { OutboxItem } from '../../lib/outbox';
import { AlertIcon, CheckIcon, ClockIcon, EditIcon, EyeOffIcon, MergeIcon, WifiOffIcon } from '../../ui/icons';
import { submitErrorText } from './submitError';
import type { FailedIdea, IdeaOutbox } from './useIdeaOutbox';

interface MyIdeasProps {
  mine: ReadonlyMap<string, IdeaPublic>;
  outbox: IdeaOutbox;
  online: boolean;
  t: Translator;
  /** Puts a refused idea's text back into the form. */
  onEdit?: (failure: FailedIdea) => void;
}

type LocalStatus = 'sending' | 'queued';

const STATUS_TEXT: Record<IdeaStatus, MessageKey> = {
  pending: 'myIdeas.awaitingApproval',
  held: 'myIdeas.awaitingApproval',
  visible: 'myIdeas.onBoard',
  hidden: 'myIdeas.hidden',
};

/**
 * The guest's own ideas, newest first: refused ones (with their text), those still on this
 * phone (sending / queued), then what the server has, with its status.
 */
export function MyIdeas({ mine, outbox, online, t, onEdit }: MyIdeasProps) {
  const confirmed = useMemo(() => [...mine.values()].sort(compareNewestFirst), [mine]);
  const waiting = [...outbox.items].reverse();
  const count = confirmed.length + waiting.length + outbox.failed.length;
  if (count === 0) return null;

  return (
    <section className="my-ideas" aria-labelledby="my-ideas-heading">
      <h2 id="my-ideas-heading" className="board-heading">
        {t('myIdeas.heading')} <span className="board-count">{count}</span>
      </h2>
      <ul className="my-idea-list">
        {outbox.failed.map((failure) => (
          <li key={failure.item.clientId} className="my-idea" data-testid="my-idea" data-status="failed">
            <p className="my-idea-title user-text" dir="auto">
              {failure.item.title}
            </p>
            <p className="my-idea-status" data-tone="error">
              <AlertIcon size={16} />
              {t('idea.notSent', { reason: submitErrorText(t, failure.error) })}
            </p>
            {onEdit && (
              <div className="my-idea-actions">
                <button type="button" className="button button-secondary button-small" onClick={() => onEdit(failure)}>
                  <EditIcon size={16} />
                  {t('myIdeas.edit')}
                </button>
                <button type="button" className="button button-ghost button-small" onClick={() => outbox.dismiss(failure.item.clientId)}>
                  {t('myIdeas.discard')}
                </button>
              </div>
            )}
          </li>
        ))}
        {waiting.map((item) => (
          <LocalIdea key={item.clientId} item={item} status={outbox.inFlight.has(item.clientId) ? 'sending' : 'queued'} online={online} t={t} />
        ))}
        {confirmed.map((idea) => (
          <li key={idea.id} className="my-idea" data-testid="my-idea" data-status={idea.mergedInto ? 'merged' : idea.status} data-idea-id={idea.id}>
            <p className="my-idea-title user-text" dir="auto">
              {idea.title}
            </p>
            {idea.mergedInto ? (
              <p className="my-idea-status" data-tone="merged">
                <MergeIcon size={16} />
                {t('myIdeas.merged', { title: idea.mergedInto.title })}
              </p>
            ) : (
              <p className="my-idea-status" data-tone={idea.status === 'visible' ? 'success' : idea.status === 'hidden' ? 'muted' : 'wait'}>
                {idea.status === 'visible' ? <CheckIcon size={16} /> : idea.status === 'hidden' ? <EyeOffIcon size={16} /> : <ClockIcon size={16} />}
                {t(STATUS_TEXT[idea.status])}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function LocalIdea({ item, status, online, t }: { item: OutboxItem; status: LocalStatus; online: boolean; t: Translator }) {
  return (
    <li className="my-idea" data-testid="my-idea" data-status={status} data-client-id={item.clientId}>
      <p className="my-idea-title user-text" dir="auto">
        {item.title}
      </p>
      <p className="my-idea-status" data-tone="wait">
        {status === 'sending' ? <span className="spinner" aria-hidden="true" /> : online ? <ClockIcon size={16} /> : <WifiOffIcon size={16} />}
        {status === 'sending' ? t('myIdeas.sending') : online ? t('myIdeas.waiting') : t('myIdeas.queued')}
      </p>
    </li>
  );
}
