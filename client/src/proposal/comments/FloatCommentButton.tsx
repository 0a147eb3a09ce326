import type { Translator } from '../../lib/i18n';
import { CommentIcon } from '../icons';
import type { SectionSelection } from './useSelectionWatch';

/** "Comment", floating just above the selected passage and kept inside the window. */
export function FloatCommentButton({ rect, onComment, t }: { rect: SectionSelection['rect']; onComment: () => void; t: Translator }) {
  return (
    <button
      type="button"
      className="float-comment"
      data-testid="float-comment"
      style={{ top: Math.max(8, rect.top - 48), left: Math.min(window.innerWidth - 140, Math.max(8, rect.left + rect.width / 2 - 60)) }}
      // Keep the selection: a mousedown on a button would collapse it.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onComment}
    >
      <CommentIcon />
      {t('proposal.comment.add')}
    </button>
  );
}
