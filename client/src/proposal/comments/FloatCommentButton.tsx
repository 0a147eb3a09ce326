import type { Translator } from '../../lib/i18n';
import { CommentIcon } from '../icons';
import { floatCommentPlace } from './floatPlacement';
import type { SectionSelection } from './useSelectionWatch';

/**
 * "Comment", floating just above the selected passage (below it when the header is in the
 * way), inside the window and never over a sticky bar; nothing once the passage is out of view.
 */
export function FloatCommentButton({ selection, onComment, t }: { selection: SectionSelection; onComment: () => void; t: Translator }) {
  const place = floatCommentPlace(selection.rect, selection.band);
  if (!place) return null;
  return (
    <button
      type="button"
      className="float-comment"
      data-testid="float-comment"
      style={place}
      // Keep the selection: a mousedown on a button would collapse it.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onComment}
    >
      <CommentIcon />
      {t('proposal.comment.add')}
    </button>
  );
}
