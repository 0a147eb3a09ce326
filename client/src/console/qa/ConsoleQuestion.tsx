import { useState } from 'react';
import type { QuestionAction, QuestionPublic } from '@ideasphere/shared';
import type { Translator } from '../../lib/i18n';
import { EditIcon, EyeOffIcon, MergeIcon, UpvoteIcon } from '../../ui/icons';

export interface QuestionCommands {
  moderate: (question: QuestionPublic, action: QuestionAction) => Promise<boolean>;
  highlight: (question: QuestionPublic, on: boolean) => Promise<boolean>;
  edit: (question: QuestionPublic) => Promise<boolean>;
  merge: (question: QuestionPublic) => Promise<boolean>;
}

interface ConsoleQuestionProps {
  question: QuestionPublic;
  highlighted: boolean;
  commands: QuestionCommands;
  t: Translator;
}

/** One question in the console: text, asker, upvotes, and what the facilitator may do to it now. */
export function ConsoleQuestion({ question, highlighted, commands, t }: ConsoleQuestionProps) {
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<boolean>) => {
    setBusy(true);
    await work();
    setBusy(false);
  };
  const { status } = question;
  const author = question.author?.name ?? '?';
  return (
    <li
      className="row-card console-question"
      data-testid="console-question"
      data-question-id={question.id}
      data-status={status}
      data-highlighted={highlighted}
      data-answered={question.answered}
    >
      <div className="console-question-head">
        <span className="console-question-votes" title={t('qa.upvote')}>
          <UpvoteIcon size={16} />
          <span data-testid="console-question-upvotes">{question.upvotes}</span>
        </span>
        {status !== 'visible' && (
          <span className="status-badge" data-status={status}>
            {t(`qa.status.${status}`)}
          </span>
        )}
        {highlighted && <span className="tag tag-now">{t('qa.nowAnswering')}</span>}
        {question.answered && <span className="tag tag-answered">{t('qa.answered')}</span>}
        {question.edited && <span className="tag">{t('qa.edited')}</span>}
      </div>
      <p className="question-text user-text" dir="auto">
        {question.text}
      </p>
      <p className="question-author user-text" dir="auto">
        {t(question.anonymous ? 'qa.console.byAnonymous' : 'qa.console.by', { name: author })}
      </p>
      <div className="console-question-actions">
        {(status === 'pending' || status === 'held') && (
          <button type="button" className="button button-small button-primary" data-testid="question-approve" disabled={busy} onClick={() => void run(() => commands.moderate(question, 'approve'))}>
            {t('qa.console.approve')}
          </button>
        )}
        {status === 'visible' && (
          <>
            <button
              type="button"
              className={`button button-small ${highlighted ? 'button-secondary' : 'button-primary'}`}
              aria-pressed={highlighted}
              data-testid="question-highlight"
              disabled={busy}
              onClick={() => void run(() => commands.highlight(question, !highlighted))}
            >
              {t(highlighted ? 'qa.console.unhighlight' : 'qa.console.highlight')}
            </button>
            <button
              type="button"
              className="button button-small button-secondary"
              data-testid="question-answered"
              disabled={busy}
              onClick={() => void run(() => commands.moderate(question, question.answered ? 'unanswered' : 'answered'))}
            >
              {t(question.answered ? 'qa.console.unanswered' : 'qa.console.answered')}
            </button>
            <button type="button" className="button button-small button-ghost" data-testid="question-archive" disabled={busy} onClick={() => void run(() => commands.moderate(question, 'archive'))}>
              {t('qa.console.archive')}
            </button>
          </>
        )}
        {(status === 'hidden' || status === 'archived') && (
          <button type="button" className="button button-small button-secondary" data-testid="question-restore" disabled={busy} onClick={() => void run(() => commands.moderate(question, 'restore'))}>
            {t('qa.console.restore')}
          </button>
        )}
        <span className="console-question-tools">
          <button type="button" className="icon-button" aria-label={t('qa.console.edit')} title={t('qa.console.edit')} data-testid="question-edit" disabled={busy} onClick={() => void run(() => commands.edit(question))}>
            <EditIcon size={18} />
          </button>
          <button type="button" className="icon-button" aria-label={t('qa.console.merge')} title={t('qa.console.merge')} data-testid="question-merge" disabled={busy} onClick={() => void run(() => commands.merge(question))}>
            <MergeIcon size={18} />
          </button>
          {status !== 'hidden' && (
            <button type="button" className="icon-button icon-button-danger" aria-label={t('qa.console.hide')} title={t('qa.console.hide')} data-testid="question-hide" disabled={busy} onClick={() => void run(() => commands.moderate(question, 'hide'))}>
              <EyeOffIcon size={18} />
            </button>
          )}
        </span>
      </div>
    </li>
  );
}
