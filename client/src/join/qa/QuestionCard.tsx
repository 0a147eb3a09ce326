import type { QuestionPublic } from '@ideasphere/shared';
import type { Translator } from '../../lib/i18n';
import { UpvoteIcon } from '../../ui/icons';

interface QuestionCardProps {
  question: QuestionPublic;
  mine: boolean;
  upvoted: boolean;
  highlighted: boolean;
  /** Null when upvoting is not possible now (closed, offline, or not shown to everyone). */
  onUpvote: ((up: boolean) => void) | null;
  t: Translator;
}

/** One question on the phone: its text, asker, marks (yours, answered, now answering) and the upvote button. */
export function QuestionCard({ question, mine, upvoted, highlighted, onUpvote, t }: QuestionCardProps) {
  const offList = question.status !== 'visible';
  return (
    <li
      className="row-card question-card"
      data-testid="question"
      data-question-id={question.id}
      data-mine={mine}
      data-highlighted={highlighted}
      data-answered={question.answered}
    >
      <div className="question-main">
        <div className="idea-card-tags">
          {highlighted && <span className="tag tag-now">{t('qa.nowAnswering')}</span>}
          {mine && <span className="tag tag-mine">{t('qa.yours')}</span>}
          {question.answered && <span className="tag tag-answered">{t('qa.answered')}</span>}
          {question.status !== 'visible' && <span className="tag tag-status">{t(`qa.status.${question.status}`)}</span>}
          {question.edited && <span className="tag">{t('qa.edited')}</span>}
        </div>
        <p className="question-text user-text" dir="auto">
          {question.text}
        </p>
        <p className="question-author user-text" dir="auto">
          {question.author?.name ?? t('qa.anonymousAuthor')}
        </p>
      </div>
      {!offList && (
        <button
          type="button"
          className="upvote-button"
          aria-pressed={upvoted}
          disabled={onUpvote === null}
          onClick={() => onUpvote?.(!upvoted)}
          aria-label={t(upvoted ? 'qa.upvotedCount' : 'qa.upvoteCount', { count: question.upvotes })}
          data-testid="upvote"
        >
          <UpvoteIcon size={18} />
          <span className="upvote-count">{question.upvotes}</span>
        </button>
      )}
    </li>
  );
}
